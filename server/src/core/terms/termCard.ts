/**
 * The Markdown card of a glossary term, shown on hover and as completion documentation:
 * both names, the definition in the reader's language first and the other below, the
 * category, related terms, and the references where the review discusses it, as links one
 * can follow to the entry.
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
export function termCard(term: GlossaryTerm, glossary: Glossary, context: TermHoverContext, occurrence?: TermOccurrence, text?: string): string {
  const zh = context.language === 'zh';
  const lines: string[] = [];
  const names = [term.name.en, term.name.zh].filter((n): n is string => !!n && n !== term.canonical);
  lines.push(`**${escapeMarkdown(term.canonical)}**${names.length ? ` — ${names.map(escapeMarkdown).join(' · ')}` : ''}`);
  const category = CATEGORY[term.category] ?? CATEGORY.other;
  const abbreviation = term.abbreviation ? (zh ? ' · 缩写，首次出现时需给出全称' : ' · abbreviation: spell out at first use') : '';
  lines.push('', `*${zh ? category[1] : category[0]}*${abbreviation}`);

  if (occurrence && text !== undefined && occurrence.kind === 'variant' && occurrence.suggestion) {
    const written = text.slice(occurrence.range.start, occurrence.range.end);
    lines.push('', zh ? `⚠ \`${escapeCode(written)}\` 不是规范写法，应写作 **${escapeMarkdown(occurrence.suggestion)}**。` : `⚠ \`${escapeCode(written)}\` is not the canonical spelling: write **${escapeMarkdown(occurrence.suggestion)}**.`);
  }

  const definitions = zh ? [term.definition.zh, term.definition.en] : [term.definition.en, term.definition.zh];
  for (const definition of definitions) if (definition) lines.push('', escapeMarkdown(definition));

  const aliases = term.aliases.filter((a) => a !== term.name.en && a !== term.name.zh);
  if (aliases.length) lines.push('', `${zh ? '也写作' : 'Also written'}: ${aliases.map(escapeMarkdown).join(', ')}`);
  const related = term.related.map((id) => glossary.byId.get(id)?.canonical ?? id);
  if (related.length) lines.push('', `${zh ? '相关术语' : 'Related'}: ${related.map(escapeMarkdown).join(', ')}`);

  if (term.references.length) {
    const shown = term.references.slice(0, MAX_REFERENCES).map((n) => referenceLinkText(n, context.referenceLink(term, n)));
    const more = term.references.length - shown.length;
    const label = context.sourceName?.(term) ? (zh ? '讨论它的文献' : 'Discussed in') : zh ? '综述中讨论它的文献' : 'Discussed in the review';
    lines.push('', `${label}: ${shown.join(' ')}${more > 0 ? (zh ? ` 等另外 ${more} 篇` : ` and ${more} more`) : ''}`);
  }
  const source = context.sourceName?.(term);
  if (source) lines.push('', `*${zh ? '来自术语表' : 'From glossary'} ${escapeMarkdown(source)}*`);
  return lines.join('\n');
}

function referenceLinkText(n: number, link: ReferenceLink | undefined): string {
  if (!link?.target) return `[${n}]`;
  const title = link.title ? ` "${link.title.replace(/["\\]/g, "'").replace(/\s+/g, ' ').slice(0, 160)}"` : '';
  return `[\\[${n}\\]](${link.target}${title})`;
}

function escapeCode(text: string): string {
  return text.replace(/`/g, "'");
}
