/**
 * Simplified Chinese for the labels inside Markdown cards (hover and completion
 * documentation), matched one line at a time: a line that no template matches is content
 * (a formatted reference, a definition, a title) and stays as it is. Then the short labels
 * of lists and links (completion details, link tooltips, the views' and preview's labels).
 * The document's language still decides which definition a term card shows first: only the
 * labels around the definitions change.
 */
import type { TemplatePair } from './template';

/** Lines of citation hovers (citations/hover.ts), reference cards (bibliography/referenceCard.ts) and term cards (terms/termCard.ts). */
export const ZH_CN_CARD_LINES: readonly TemplatePair[] = [
  ['Cited {0} time{1|plural} in this document{2|lineList}.{3|styleNote}', '本文档引用 {0} 次{2}。{3}'],
  ['`@{0}`: no bibliography in use defines this key.', '`@{0}`：所用的参考文献中没有定义此键。'],
  ['`@{0}`: {1} is still being read; hover again in a moment.', '`@{0}`：仍在读取 {1}，请稍后再悬停查看。'],
  ["*From this document's reference list.*", '*来自本文档的参考文献列表。*'],
  ['**[{0}]** is not in the numbered reference list in use{1|listRange}.', '**[{0}]** 不在所用的编号参考文献列表{1}中。'],
  [
    "**[{0}]** `@{1}` — *not identified*: the review's text does not give this reference's details.",
    '**[{0}]** `@{1}` — *未确认*：综述原文没有给出这篇文献的详细信息。',
  ],
  ['Cited for: {0}', '引用内容：{0}'],
  ['Cited in section {0} of the review.', '在综述的第 {0} 节中引用。'],
  [
    'Possible matches (unverified suggestions, not the reference itself{0|candidateNote}):',
    '可能的匹配（未经核实的建议，并非这篇文献本身{0}）：',
  ],
  ['*Built-in corpus, reference {0}: identified ({1|status}).*', '*内置文献库，第 {0} 篇：已确认（{1}）。*'],
  ['Only the fields seen in public records are shown; not seen: {0|unseenFields}.', '只显示公开记录中见到的字段；未见：{0}。'],
  ['*{0|category}*{1|abbreviationNote}', '*{0}*{1}'],
  ['⚠ `{0}` is not the canonical spelling: write **{1}**.', '⚠ `{0}` 不是规范写法，应写作 **{1}**。'],
  ['Also written: {0}', '也写作：{0}'],
  ['Related: {0}', '相关术语：{0}'],
  ['Discussed in the review: {0}{1|moreReferences}', '综述中讨论它的文献：{0}{1}'],
  ['Discussed in: {0}{1|moreReferences}', '讨论它的文献：{0}{1}'],
  ['*From glossary {0}*', '*来自术语表 {0}*'],
];

/** Short labels: completion details (citations/completion.ts, terms/completion.ts), DOI link tooltips, list labels, the preview's notes. */
export const ZH_CN_LABELS: readonly TemplatePair[] = [
  ['first use: with its full name', '首次使用：给出全称'],
  ['Open doi:{0} at doi.org', '在 doi.org 打开 doi:{0}'],
  ['[{0}] not identified — cited for: {1}', '[{0}] 未确认——引用内容：{1}'],
  ['[{0}] not identified', '[{0}] 未确认'],
  ['{0} — identified ({1|status})', '{0}——已确认（{1}）'],
  ['Reference {0} of the built-in review corpus: not identified.', '内置综述文献库第 {0} 篇：未确认。'],
];
