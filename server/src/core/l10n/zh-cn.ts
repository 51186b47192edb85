/**
 * Simplified Chinese for every message the server sends as a whole sentence: diagnostics
 * (of manuscripts, bibliography files and glossaries), quick-fix and action titles, command
 * results and refusals, rename refusals, and the adapter's own notices. The English is the
 * text the checks write, with placeholders (template.ts); the first template that matches
 * translates, so a specific template comes before a general one. The source of each group
 * is named so that a changed English message is easy to find again.
 */
import type { TemplatePair } from './template';

/** Messages, in the order they are tried. */
export const ZH_CN_MESSAGES: readonly TemplatePair[] = [
  // markdown/frontMatter.ts
  ['Front matter is not valid YAML: {0}', '前置元数据不是有效的 YAML：{0}'],
  ['`{0}:` takes a file path or a list of file paths.', '`{0}:` 的值应为一个文件路径或文件路径列表。'],
  ['`references:` takes a list of CSL items, each with an `id`.', '`references:` 的值应为 CSL 条目列表，每个条目都要有 `id`。'],
  ['Front matter could not be read: {0}', '无法读取前置元数据：{0}'],

  // citations/parseNumeric.ts (malformed numeric citations)
  ['reference numbers start at 1, not 0', '参考文献编号从 1 开始，不能是 0'],
  ['the citation has an empty item between separators', '引文的两个分隔符之间是空的'],
  ['the range {0}- has no end', '范围 {0}- 缺少终点'],
  ['a comma is missing between {0} and {1}', '{0} 与 {1} 之间缺少逗号'],
  ['a range has more than two ends', '范围的端点多于两个'],
  ['the citation ends with a separator', '引文以分隔符结尾'],
  ['the range {0}-{1} runs backwards', '范围 {0}-{1} 前大后小'],
  ['the range {0}-{1} has the same number at both ends', '范围 {0}-{1} 两端是同一个编号'],

  // citations/diagnostics.ts
  [
    "Bibliography '{0}' is not a format Citokine reads: use .bib, .json (CSL-JSON), .yaml (CSL-YAML) or .ris.",
    '参考文献文件“{0}”的格式 Citokine 无法读取：请使用 .bib、.json（CSL-JSON）、.yaml（CSL-YAML）或 .ris。',
  ],
  ["Bibliography '{0}' (setting citokine.bibliography.files) {1|readError}.", '参考文献文件“{0}”（设置 citokine.bibliography.files）{1}。'],
  ["Bibliography '{0}' {1|readError}.", '参考文献文件“{0}”{1}。'],
  ["Unknown citation key '@{0}': no bibliography in use defines it.", '未知的引文键“@{0}”：所用的参考文献中没有定义它。'],
  [
    'Numeric citation [{0}] has no numbered reference list to refer to: add a numbered "References" section or enable citokine.builtinLibrary.',
    '数字引文 [{0}] 没有可对应的编号参考文献列表：请添加带编号的“References”/“参考文献”章节，或启用 citokine.builtinLibrary。',
  ],
  ['Reference [{0}] is not in {1|numberedList}.', '参考文献 [{0}] 不在{1}中。'],

  // citations/groupChecks.ts
  [
    "'@{0}' is cited twice in this group. It carries its own prefix or locator: merge the two by hand.",
    '“@{0}”在同一组引文中出现了两次。它带有自己的前缀或定位信息：请手动合并。',
  ],
  ["'@{0}' is cited twice in this group.", '“@{0}”在同一组引文中出现了两次。'],
  ['{0} is cited twice in this group.', '{0} 在同一组引文中出现了两次。'],
  ['{0} could be written {1}.', '{0} 可以写作 {1}。'],

  // citations/checks.ts
  [
    '[{0}] is cited before [{1}] (first cited on line {2}): numbered references should first appear in order. Renumber Citations puts them in order.',
    '[{0}] 在 [{1}]（首次引用于第 {2} 行）之前被引用：编号参考文献应按顺序首次出现。“重新编号引文”可将其排好顺序。',
  ],
  [
    '[{0}] is cited before [{1}] (first cited on line {2}): the review numbers its references in order of first citation, so check this number; [{3}] is never cited: was it meant?',
    '[{0}] 在 [{1}]（首次引用于第 {2} 行）之前被引用：综述按首次引用的顺序为参考文献编号，请核对这个编号；[{3}] 从未被引用，是否本应是它？',
  ],
  [
    '[{0}] is cited before [{1}] (first cited on line {2}): the review numbers its references in order of first citation, so check this number.',
    '[{0}] 在 [{1}]（首次引用于第 {2} 行）之前被引用：综述按首次引用的顺序为参考文献编号，请核对这个编号。',
  ],
  [
    "This document cites the review's references by number (the built-in corpus) and never cites {0} of its {1}: [{2}].",
    '本文档按编号引用综述的参考文献（内置文献库），其 {1} 篇中有 {0} 篇从未被引用：[{2}]。',
  ],
  ['Reference [{0}] is never cited in the text.', '参考文献 [{0}] 在正文中从未被引用。'],
  ["Reference '{0}' of the front matter is never cited.", '前置元数据中的参考文献“{0}”从未被引用。'],
  ["1 entry of '{0}' is never cited: {1|keyList}.", '“{0}”中有 1 个条目从未被引用：{1}。'],
  ["{0} entries of '{1}' are never cited: {2|keyList}.", '“{1}”中有 {0} 个条目从未被引用：{2}。'],
  [
    'This document mixes numeric and key citations ({0|citationCounts}); {1} is of {2|minorityStyle}. Use one style (Convert Citations rewrites them).',
    '本文档混用了数字引文和键引文（{0}）；{1} 属于{2}。请统一使用一种引文方式（“转换引文”可以改写）。',
  ],
  ["'@{0}' is defined in {1|places}; the first definition is used.", '“@{0}”在{1}中都有定义；使用第一个定义。'],
  [
    "'@{0}' and '@{1}', both cited here, are the same work ({2|sameWork}): cite one key.",
    '此处同时引用的“@{0}”和“@{1}”是同一篇文献（{2}）：请只引用其中一个键。',
  ],

  // bibliography/checks.ts (entries of a bibliography file or of the front matter)
  ["Key '{0}' is already defined on line {1}; this entry is never used.", '键“{0}”已在第 {1} 行定义；此条目不会被使用。'],
  ["'{0}' is the same work as '{1}' (line {2}): {3|sameWork}.", '“{0}”与“{1}”（第 {2} 行）是同一篇文献：{3}。'],
  ["'{0}' ({1}) has no {2|missingFields}.", '“{0}”（{1}）缺少{2}。'],

  // bibliography/bibtexMacros.ts (BibTeX values that name an undefined @string macro)
  [
    "'{0}' (in '{1}') is not defined by any @string above it: the field is read as empty, and pandoc prints '{0}' instead. It is defined later, on line {2}: move that @string above its first use.",
    '“{0}”（在“{1}”中）没有在其上方的任何 @string 中定义：该字段读作空值，而 pandoc 会输出“{0}”。它在后面第 {2} 行才定义：请把那条 @string 移到首次使用之前。',
  ],
  [
    "'{0}' (in '{1}') is not defined by any @string above it: the field is read as empty, and pandoc prints '{0}' instead.",
    '“{0}”（在“{1}”中）没有在其上方的任何 @string 中定义：该字段读作空值，而 pandoc 会输出“{0}”。',
  ],
  [
    "'{0}' (in '{1}') is defined by no @string above it, only by BibTeX's standard styles: Citokine reads '{2}' as BibTeX does, and pandoc prints '{0}'. It is defined later, on line {3}: move that @string above its first use.",
    '“{0}”（在“{1}”中）没有在其上方的 @string 中定义，只由 BibTeX 的标准样式定义：Citokine 与 BibTeX 一样读作“{2}”，而 pandoc 会输出“{0}”。它在后面第 {3} 行才定义：请把那条 @string 移到首次使用之前。',
  ],
  [
    "'{0}' (in '{1}') is defined by no @string above it, only by BibTeX's standard styles: Citokine reads '{2}' as BibTeX does, and pandoc prints '{0}'.",
    '“{0}”（在“{1}”中）没有在其上方的 @string 中定义，只由 BibTeX 的标准样式定义：Citokine 与 BibTeX 一样读作“{2}”，而 pandoc 会输出“{0}”。',
  ],

  // bibliography parsers: ris.ts, cslJson.ts, cslYaml.ts, cslItem.ts, bibtex.ts, parse.ts
  ['No RIS record found: each record starts with a line "TY  - <type>".', '未找到 RIS 记录：每条记录都以“TY  - <类型>”一行开头。'],
  ['This RIS record has no closing "ER  - " line.', '这条 RIS 记录缺少结束行“ER  - ”。'],
  ['RIS record: {0}', 'RIS 记录：{0}'],
  ['Not valid JSON: {0}', '不是有效的 JSON：{0}'],
  ['Not valid YAML: {0}', '不是有效的 YAML：{0}'],
  ['A CSL-JSON bibliography is an array of items.', 'CSL-JSON 参考文献应为条目数组。'],
  ['Item {0} has no "id": give it one so it can be cited.', '第 {0} 个条目没有“id”：请给它一个 id，以便引用。'],
  ['A CSL-YAML bibliography is a list of items (or a `references:` list).', 'CSL-YAML 参考文献应为条目列表（或 `references:` 列表）。'],
  ['This reference has no `id`: give it one so it can be cited as `@id`.', '这条参考文献没有 `id`：请给它一个 id，以便用 `@id` 引用。'],
  ['This @{0} entry has no key: write it as @{0}{key, ...}.', '这个 @{0} 条目没有键：请写成 @{0}{key, ...}。'],
  ["Entry '{0}' is not closed: a '}' is missing before the next entry.", '条目“{0}”没有闭合：下一个条目之前缺少“}”。'],
  ["Entry '{0}': {1}", '条目“{0}”：{1}'],
  ['Could not read this bibliography: {0}', '无法读取此参考文献文件：{0}'],

  // terms/glossary.ts, terms/glossaryErrors.ts, terms/service.ts
  ['Could not read this glossary: {0}', '无法读取此术语表：{0}'],
  [
    "Term id '{0}' is already used by term {1}; ids must be unique, so this term is ignored.",
    '术语 id“{0}”已被第 {1} 个术语使用；id 必须唯一，因此忽略此术语。',
  ],
  [
    "'{0}' is listed both as an alias (accepted) and as a variant (flagged) of '{1}'.",
    '“{0}”同时被列为“{1}”的别名（接受）和变体（标记）。',
  ],
  [
    "'{0}' is a form of both '{1}' and '{2}': a use of it cannot be told apart.",
    '“{0}”既是“{1}”也是“{2}”的写法：无法分辨它的某次使用指的是哪一个。',
  ],
  ["Glossary '{0}' (setting citokine.glossary.files) {1|readError}.", '术语表“{0}”（设置 citokine.glossary.files）{1}。'],
  ["Glossary '{0}' {1|readError}.", '术语表“{0}”{1}。'],
  ['{0|glossaryPath}: {1|schemaError}', '{0}：{1}'],

  // terms/checks.ts
  ["'{0}' is not the glossary's spelling of {1}: write '{2}'.", '“{0}”不是术语表中 {1} 的写法：应写作“{2}”。'],
  [
    "'{0}' ({1}) is used before it is defined {2|scope}: spell it out at its first use, '{3}'.{4|laterDefinition}",
    '“{0}”（{1}）在{2}中尚未定义就已使用：请在首次出现处写出全称“{3}”。{4}',
  ],
  [
    "'{0}' is used before it is defined {1|scope}: spell it out at its first use, '{2}'.{3|laterDefinition}",
    '“{0}”在{1}中尚未定义就已使用：请在首次出现处写出全称“{2}”。{3}',
  ],
  [
    "'{0}' is used before it is defined {1|scope}: spell it out at its first use.{2|laterDefinition}",
    '“{0}”在{1}中尚未定义就已使用：请在首次出现处写出全称。{2}',
  ],
  [
    "'{0}' is defined again {1|scope}; it was defined at line {2}, so the abbreviation alone is enough here.",
    '“{0}”在{1}中被再次定义；它已在第 {2} 行定义过，此处只写缩写即可。',
  ],

  // terms/unitChecks.ts
  [
    "{0} is conventionally reported in {1|units}, not {2} ({3|concentration}, where {1} is {4|concentration}): converting needs more than the unit, so check the value of '{5}'.",
    '{0} 通常以 {1} 报告，而不是 {2}（{2} 是{3}，而 {1} 是{4}）：换算不只是改单位，请核对“{5}”的数值。',
  ],
  [
    "{0} is conventionally reported in {1|units}, not {2}; 1 {2} = 1 {3}, so '{4}' is '{5}'.",
    '{0} 通常以 {1} 报告，而不是 {2}；1 {2} = 1 {3}，因此“{4}”就是“{5}”。',
  ],
  [
    "{0} is conventionally reported in {1|units}, not {2}: '{3}' would be '{4}', which is implausible for {0}; check the unit.",
    '{0} 通常以 {1} 报告，而不是 {2}：“{3}”换算后是“{4}”，对 {0} 而言不合理；请核对单位。',
  ],
  ["{0} is conventionally reported in {1|units}, not {2}; '{3}' is '{4}'.", '{0} 通常以 {1} 报告，而不是 {2}；“{3}”即“{4}”。'],
  [
    "'{0}' in '{1}' is a volume ratio, which cannot measure {2} ({3|concentration}, conventionally in {4|units}): '{5}' is likely meant.",
    '“{1}”中的“{0}”是体积比，不能用来表示 {2}（{3}，通常以 {4} 报告）：可能应为“{5}”。',
  ],
  [
    "'{0}' in '{1}' is a volume ratio, which cannot measure {2} ({3|concentration}, conventionally in {4|units}): check the unit.",
    '“{1}”中的“{0}”是体积比，不能用来表示 {2}（{3}，通常以 {4} 报告）：请核对单位。',
  ],
  ["Write '{0}'", '改为“{0}”'],

  // bibliography/parse.ts (a file with no entry)
  [
    'This file holds no bibliography entries, so nothing in it can be cited: BibTeX entries look like `@article{key, title = {...}}`.',
    '这个文件里没有任何参考文献条目，其中没有可引用的内容：BibTeX 条目的形式是 `@article{key, title = {...}}`。',
  ],
  [
    'This file holds no bibliography entries, so nothing in it can be cited: CSL-JSON is an array of items, each with an `id`.',
    '这个文件里没有任何参考文献条目，其中没有可引用的内容：CSL-JSON 是条目的数组，每个条目都要有 `id`。',
  ],
  [
    'This file holds no bibliography entries, so nothing in it can be cited: CSL-YAML is a list of items (or `references:`), each with an `id`.',
    '这个文件里没有任何参考文献条目，其中没有可引用的内容：CSL-YAML 是条目列表（或 `references:`），每个条目都要有 `id`。',
  ],

  // bibliography/styleStore.ts
  [
    'Unknown citation style {0}: use vancouver, apa, harvard or gb-t-7714-2015, or a path to a .csl file; references are shown in {1}.',
    '未知的引文格式 {0}：请使用 vancouver、apa、harvard 或 gb-t-7714-2015，或者给出 .csl 文件的路径；参考文献暂以 {1} 显示。',
  ],
  [
    'Citation style file {0} was not found or cannot be read; references are shown in {1}.',
    '找不到或无法读取引文格式文件 {0}；参考文献暂以 {1} 显示。',
  ],
  [
    'Citation style file {0} is not a CSL style the engine can use{1}; references are shown in {2}.',
    '引文格式文件 {0} 不是引擎可用的 CSL 格式{1}；参考文献暂以 {2} 显示。',
  ],

  // Quick fixes: citations/codeActions.ts, citations/groupChecks.ts, citations/checks.ts, terms/*
  ['Did you mean @{0}? {1}', '您是要引用 @{0} 吗？{1}'],
  ['Did you mean @{0}?', '您是要引用 @{0} 吗？'],
  ['Expand {0} to [{1}]', '将 {0} 展开为 [{1}]'],
  ['Remove the duplicate {0}', '删除重复的 {0}'],
  ['Write each number once: [{0}]', '每个编号只写一次：[{0}]'],
  ['Compress to {0}', '合并为 {0}'],
  ['Cite @{0} here instead of @{1}', '此处改为引用 @{0}，不再引用 @{1}'],
  ['Fix all {0} term spellings in this document', '修正本文档中全部 {0} 处术语写法'],
  ["Change to '{0}'", '改为“{0}”'],
  ["Spell out at first use: '{0}'", '首次出现时写出全称：“{0}”'],
  ["Write '{0}' alone", '只写“{0}”'],
  ["Write '{0}'", '改写为“{0}”'],
  ["Convert to '{0}'", '换算为“{0}”'],

  // Document-wide actions: citations/codeActions.ts
  ['Renumber citations in order of first appearance', '按首次出现的顺序重新编号引文'],
  ['Convert numeric citations to keys (whole document)', '将数字引文转换为键引文（整个文档）'],
  ['Convert key citations to numbers (whole document)', '将键引文转换为数字引文（整个文档）'],
  ['Insert or update the reference list', '插入或更新参考文献列表'],

  // Command results and refusals: citations/commands/*
  [
    "Renumbering needs the document's own numbered References section: these numbers refer to the built-in corpus, whose numbers are the review's own and cannot change.",
    '重新编号需要文档自己的带编号参考文献章节：这些编号指向内置文献库，其编号就是综述原文的编号，不能更改。',
  ],
  [
    'Renumbering needs a numbered "References" / "参考文献" section in the document.',
    '重新编号需要文档中有带编号的“References”/“参考文献”章节。',
  ],
  [
    'The References section numbers [{0}] twice: give each entry its own number first.',
    '参考文献章节中编号 [{0}] 出现了两次：请先让每个条目各有自己的编号。',
  ],
  [
    'Fix the citation {0} on line {1} first: renumbering cannot tell what it means.',
    '请先修正第 {1} 行的引文 {0}：重新编号无法判断它的含义。',
  ],
  [
    '[{0}] on line {1} is not in the References section: fix it first, so that no citation loses its work.',
    '第 {1} 行的 [{0}] 不在参考文献章节中：请先修正，以免有引文失去对应的文献。',
  ],
  ['Cannot read the number of the reference on line {0}.', '无法读出第 {0} 行参考文献的编号。'],
  ['Citations are already numbered in order of first appearance.', '引文已按首次出现的顺序编号。'],
  ['Renumbered {0} reference{1|plural}.', '已重新编号 {0} 篇参考文献。'],
  [
    "This document's numeric citations refer to its own References section, which is already its list (Renumber Citations keeps it in order).",
    '本文档的数字引文指向它自己的参考文献章节，该章节本身就是参考文献列表（“重新编号引文”可保持其顺序）。',
  ],
  [
    'This document cites no work of its bibliographies, so there is no list to write.',
    '本文档没有引用其参考文献中的任何文献，因此无需生成列表。',
  ],
  ['The reference list ({0} works) is up to date.', '参考文献列表（{0} 篇）已是最新。'],
  ['Reference list of {0} work{1|plural} written.', '已写入包含 {0} 篇文献的参考文献列表。'],
  [
    'There is no numbered list to convert with: add a numbered References section or enable the built-in corpus.',
    '没有可用于转换的编号列表：请添加带编号的参考文献章节，或启用内置文献库。',
  ],
  [
    "No entry of this document's References section could be matched to a bibliography entry (by DOI or title), so its numbers have no keys.",
    '本文档参考文献章节中没有一个条目能（按 DOI 或标题）对应到参考文献条目，因此这些编号没有对应的键。',
  ],
  [
    'No {0|citationKind} could be converted: {1} cite works the numbered list cannot map.',
    '没有可以转换的{0}：其中 {1} 处引用的文献无法在编号列表中对应。',
  ],
  ['This document has no {0|citationKind} to convert.', '本文档没有需要转换的{0}。'],
  ['Converted {0} citation{1|plural}{2|skipped}.', '已转换 {0} 处引文{2}。'],
  ['Unknown command {0}.', '未知命令 {0}。'],

  // Rename refusals: citations/navigation/rename.ts
  [
    "'{0}' is not a valid citation key: a key starts with a letter, digit or _, and may hold punctuation (:.#$%&-+?<>~/) only between letters or digits, with no spaces.",
    '“{0}”不是有效的引文键：键须以字母、数字或 _ 开头，标点（:.#$%&-+?<>~/）只能出现在字母或数字之间，且不能含空格。',
  ],
  [
    "'{0}' cannot be a BibTeX key: BibTeX keys cannot hold spaces or the characters , { } ( ) \" # % ' = ~ \\.",
    '“{0}”不能用作 BibTeX 键：BibTeX 键不能含空格，也不能含字符 , { } ( ) " # % \' = ~ \\。',
  ],
  ["'@{0}' already exists in {1}: choose another key.", '“@{0}”已存在于 {1} 中：请换一个键。'],
  ["'@{0}' already exists: {1} resolves it to {2}. Choose another key.", '“@{0}”已存在：{1} 把它解析到 {2}。请换一个键。'],
  ["{0}, which defines '@{1}', cannot be read.", '定义“@{1}”的 {0} 无法读取。'],
  ['{0} changed since it was read: try again.', '{0} 在读取后已被修改：请重试。'],
  [
    'Only citation keys can be renamed: a number is the position of its entry in the reference list.',
    '只有引文键可以重命名：编号是条目在参考文献列表中的位置。',
  ],
  ["No bibliography in use defines '@{0}', so there is no entry to rename.", '所用的参考文献中没有定义“@{0}”，因此没有可重命名的条目。'],
  [
    "'@{0}' belongs to the built-in corpus, whose keys are fixed. Copy the entry into your own bibliography to cite it under another key.",
    '“@{0}”属于内置文献库，其键是固定的。若要用其他键引用它，请把该条目复制到您自己的参考文献中。',
  ],

  // The LSP adapter's own notices: lsp/commands.ts, lsp/progress.ts
  ['Citokine: open the Markdown manuscript to act on first.', 'Citokine：请先打开要处理的 Markdown 稿件。'],
  ['Citokine: the edit was not applied: {0}.', 'Citokine：未能应用此修改：{0}。'],
  ['Citokine: the edit was not applied (the document changed meanwhile?).', 'Citokine：未能应用此修改（文档是否在此期间被修改了？）。'],
  ['Citokine: this editor cannot apply edits from the server ({0}).', 'Citokine：此编辑器无法应用来自服务器的修改（{0}）。'],
  ['Reading {0}', '正在读取 {0}'],
];
