/**
 * The Markdown card of a glossary term, shown on hover and as completion documentation:
 * both names (the standard ones first, then the review's own wording where it differs), the
 * definition in the reader's language first and the other below, the category, related
 * terms, and the references where the review discusses it, as links one can follow to the
 * entry.
 */
import type { Glossary, GlossaryCategory, GlossaryTerm } from './glossary';
import { escapeMarkdown } from '../markdown/escape';
import type { DisplayLanguage } from './language';
import type { TermOccurrence } from './termIndex';

/** A reference number as a link: its target (a URI with a `#L<line>` fragment) and a one-line title. */
export interface ReferenceLink {
  readonly target?: string;
  readonly title?: string;
}

/** What the term card needs beyond the term: the reader's language and where references and terms come from. */
export interface TermHoverContext {
  readonly language: DisplayLanguage;
  /** Where reference `n` of a term's `references` can be read, when known. */
  readonly referenceLink: (term: GlossaryTerm, n: number) => ReferenceLink | undefined;
  /** Shown when the term comes from a user's glossary: the file's name. */
  readonly sourceName?: (term: GlossaryTerm) => string | undefined;
}

const CATEGORY: Readonly<Record<GlossaryCategory, readonly [string, string]>> = {
  cytokine: ['cytokine', '细胞因子'],
  receptor: ['receptor', '受体'],
  'signalling-molecule': ['signalling molecule', '信号分子'],
  'signalling-pathway': ['signalling pathway', '信号通路'],
  gene: ['gene', '基因'],
  protein: ['protein', '蛋白质'],
  'cell-type': ['cell type', '细胞类型'],
  process: ['biological process', '生物学过程'],
  disease: ['disease', '疾病'],
  'clinical-measure': ['clinical measure', '临床指标'],
  biomarker: ['biomarker', '生物标志物'],
  drug: ['drug', '药物'],
  'experimental-compound': ['experimental compound', '实验化合物'],
  vaccine: ['vaccine', '疫苗'],
  statistic: ['statistic', '统计指标'],
  'staging-system': ['staging system', '分期系统'],
  microrna: ['microRNA', '微小RNA'],
  other: ['term', '术语'],
};

/** At most this many reference links; the rest are counted. */
const MAX_REFERENCES = 24;

/** The Markdown card of a term. `occurrence` adds a line about how it was written there. */
export function termCard(
  term: GlossaryTerm,
  glossary: Glossary,
  context: TermHoverContext,
  occurrence?: TermOccurrence,
  text?: string,
): string {
  const zh = context.language === 'zh';
  const lines: string[] = [];
  const names = [term.name.en, term.name.zh].filter((n): n is string => !!n && n !== term.canonical);
  lines.push(`**${escapeMarkdown(term.canonical)}**${names.length ? ` — ${names.map(escapeMarkdown).join(' · ')}` : ''}`);
  lines.push(...sourceWording(term, context, occurrence, text));
  const category = CATEGORY[term.category] ?? CATEGORY.other;
  const abbreviation = term.abbreviation ? (zh ? ' · 缩写，首次出现时需给出全称' : ' · abbreviation: spell out at first use') : '';
  lines.push('', `*${zh ? category[1] : category[0]}*${abbreviation}`);

  if (occurrence && text !== undefined && occurrence.kind === 'variant' && occurrence.suggestion) {
    const written = text.slice(occurrence.range.start, occurrence.range.end);
    lines.push(
      '',
      zh
        ? `⚠ \`${escapeCode(written)}\` 不是规范写法，应写作 **${escapeMarkdown(occurrence.suggestion)}**。`
        : `⚠ \`${escapeCode(written)}\` is not the canonical spelling: write **${escapeMarkdown(occurrence.suggestion)}**.`,
    );
  }

  const definitions = zh ? [term.definition.zh, term.definition.en] : [term.definition.en, term.definition.zh];
  for (const definition of definitions) if (definition) lines.push('', escapeMarkdown(definition));

  const ownForms = new Set([...(term.reviewNames?.en ?? []), ...(term.reviewNames?.zh ?? [])]);
  const aliases = term.aliases.filter((a) => a !== term.name.en && a !== term.name.zh && !ownForms.has(a));
  if (aliases.length) lines.push('', `${zh ? '也写作' : 'Also written'}: ${aliases.map(escapeMarkdown).join(', ')}`);
  const related = term.related.map((id) => glossary.byId.get(id)?.canonical ?? id);
  if (related.length) lines.push('', `${zh ? '相关术语' : 'Related'}: ${related.map(escapeMarkdown).join(', ')}`);

  if (term.references.length) {
    const shown = term.references.slice(0, MAX_REFERENCES).map((n) => referenceLinkText(n, context.referenceLink(term, n)));
    const more = term.references.length - shown.length;
    const label = context.sourceName?.(term)
      ? zh
        ? '讨论它的文献'
        : 'Discussed in'
      : zh
        ? '综述中讨论它的文献'
        : 'Discussed in the review';
    lines.push('', `${label}: ${shown.join(' ')}${more > 0 ? (zh ? ` 等另外 ${more} 篇` : ` and ${more} more`) : ''}`);
  }
  const source = context.sourceName?.(term);
  if (source) lines.push('', `*${zh ? '来自术语表' : 'From glossary'} ${escapeMarkdown(source)}*`);
  return lines.join('\n');
}

/**
 * The names the review (or, for a user's glossary, its source text) writes instead of the
 * standard ones, after the standard names: marked as that text's wording, or, when the
 * hover is on such a form, a note naming the standard name to use.
 */
function sourceWording(term: GlossaryTerm, context: TermHoverContext, occurrence?: TermOccurrence, text?: string): string[] {
  const forms = [
    ...(term.reviewNames?.zh ?? []).map((form) => ({ form, standard: term.name.zh })),
    ...(term.reviewNames?.en ?? []).map((form) => ({ form, standard: term.name.en })),
  ];
  if (forms.length === 0) return [];
  const zh = context.language === 'zh';
  const review = !context.sourceName?.(term);
  const whose = zh ? (review ? '综述' : '原文') : review ? 'The review' : 'The source text';
  const lines: string[] = [];
  const written = occurrence && text !== undefined ? text.slice(occurrence.range.start, occurrence.range.end) : undefined;
  const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const here = written === undefined ? undefined : forms.find((f) => squash(f.form) === squash(written));
  if (here && written !== undefined) {
    const standard = escapeMarkdown(here.standard ?? term.canonical);
    lines.push(
      '',
      zh
        ? `「${escapeMarkdown(written)}」是${whose}的用词，标准名称为 **${standard}**。`
        : `'${escapeMarkdown(written)}' is ${whose.replace(/^The/, 'the')}'s usage; the standard name is **${standard}**.`,
    );
  }
  // The note on the form under the cursor already says all when it is the only one.
  if (here && forms.length === 1) return lines;
  lines.push(
    '',
    zh
      ? `${whose}用词：${forms.map((f) => escapeMarkdown(f.form)).join('、')}`
      : `${whose} writes: ${forms.map((f) => escapeMarkdown(f.form)).join(', ')}`,
  );
  return lines;
}

function referenceLinkText(n: number, link: ReferenceLink | undefined): string {
  if (!link?.target) return `[${n}]`;
  const title = link.title ? ` "${link.title.replace(/["\\]/g, "'").replace(/\s+/g, ' ').slice(0, 160)}"` : '';
  return `[\\[${n}\\]](${link.target}${title})`;
}

function escapeCode(text: string): string {
  return text.replace(/`/g, "'");
}
