/**
 * How a reference is shown to the author: the Markdown card of hovers and completion
 * documentation, the one-line detail, and the honest identification status of built-in
 * entries. Formatting of the reference itself is `renderReference`'s alone.
 */
import type { CslItem } from './parse';
import { issuedYear } from './cslItem';
import { bareDoi, doiUrl } from './doi';
import type { LibraryEntry } from './library';
import { renderReference } from './render';
import { escapeMarkdown } from '../markdown/escape';

// Kept for the citation hover's import; the function lives in markdown/escape.ts.
export { escapeMarkdown } from '../markdown/escape';

/** How surely a built-in corpus entry was identified from public records. */
export type IdentificationStatus = 'certain' | 'probable' | 'candidate' | 'unknown';

/** The review's context kept in a built-in entry's CSL `custom` object. */
export interface BuiltinContext {
  readonly number: number;
  readonly status: IdentificationStatus;
  readonly sections?: readonly string[];
  readonly citedFor?: { readonly en?: string; readonly zh?: string };
  readonly reviewClause?: string;
  readonly candidates?: readonly CslItem[];
  readonly candidateNote?: string;
}

/** The built-in corpus's context of an item (number, status, what it is cited for), kept in CSL `custom`. */
export function builtinContext(item: CslItem): BuiltinContext | undefined {
  const custom = item.custom as Partial<BuiltinContext> | undefined;
  if (!custom || typeof custom.number !== 'number') return undefined;
  const status = custom.status;
  if (status !== 'certain' && status !== 'probable' && status !== 'candidate' && status !== 'unknown') return undefined;
  return custom as BuiltinContext;
}

/** True when a built-in entry's identification is certain or probable. */
export function isIdentified(context: BuiltinContext): boolean {
  return context.status === 'certain' || context.status === 'probable';
}

/** "identified (certain)", or the sentence saying why nothing more is shown. */
export function statusLine(context: BuiltinContext): string {
  if (isIdentified(context)) return `identified (${context.status})`;
  const citedFor = context.citedFor?.en ? ` Cited for: ${context.citedFor.en}` : '';
  return `not identified: the review's text does not give this reference's details.${citedFor}`;
}

/** One line for completion details and lists: author, year and title, or the status. */
export function shortDescription(entry: LibraryEntry): string {
  const context = builtinContext(entry.item);
  if (context && !isIdentified(context))
    return `[${context.number}] not identified${context.citedFor?.en ? ` — cited for: ${truncate(context.citedFor.en, 80)}` : ''}`;
  const parts = [firstAuthor(entry.item), issuedYear(entry.item)].filter(Boolean).join(' ');
  const title = typeof entry.item.title === 'string' ? truncate(entry.item.title, 80) : '';
  const prefix = context ? `[${context.number}] ` : '';
  const suffix = context ? ` — identified (${context.status})` : '';
  return `${prefix}${[parts, title].filter(Boolean).join(' — ') || entry.key}${suffix}`;
}

/** The items `referenceCard` renders for `entry`: its own, or an unidentified built-in entry's candidates. */
export function cardItems(entry: LibraryEntry): readonly CslItem[] {
  const context = builtinContext(entry.item);
  return context && !isIdentified(context) ? (context.candidates ?? []) : [entry.item];
}

/** The full Markdown card for hover and completion documentation. */
export function referenceCard(entry: LibraryEntry, style: string): string {
  const context = builtinContext(entry.item);
  const lines: string[] = [];
  if (context && !isIdentified(context)) {
    lines.push(`**[${context.number}]** \`@${entry.key}\` — *not identified*: the review's text does not give this reference's details.`);
    if (context.citedFor?.en) lines.push('', `Cited for: ${escapeMarkdown(context.citedFor.en)}`);
    if (context.citedFor?.zh) lines.push('', `引用内容：${escapeMarkdown(context.citedFor.zh)}`);
    if (context.sections?.length) lines.push('', `Cited in section ${context.sections.join(', ')} of the review.`);
    if (context.candidates?.length) {
      lines.push(
        '',
        `Possible matches (unverified suggestions, not the reference itself${context.candidateNote ? `; ${escapeMarkdown(context.candidateNote)}` : ''}):`,
      );
      for (const candidate of context.candidates) lines.push(`- ${escapeMarkdown(renderReference(candidate, style))}`);
    }
    return lines.join('\n');
  }
  const rendered = renderReference(entry.item, style);
  lines.push(`${context ? `**[${context.number}]** ` : ''}${escapeMarkdown(rendered)}`);
  const doi = typeof entry.item.DOI === 'string' ? bareDoi(entry.item.DOI) : undefined;
  if (doi) lines.push('', `[doi:${escapeMarkdown(doi)}](${doiUrl(doi)})`);
  if (context) {
    lines.push('', `*${escapeMarkdown(builtinStatusSentence(context))}*`);
    const notSeen = notSeenSentence(entry.item);
    if (notSeen) lines.push('', escapeMarkdown(notSeen));
    if (context.citedFor?.en) lines.push('', `Cited for: ${escapeMarkdown(context.citedFor.en)}`);
  } else {
    lines.push('', `\`@${entry.key}\``);
  }
  return lines.join('\n');
}

/**
 * "Built-in corpus, reference 2: identified (probable).": a built-in entry's status in the
 * same words wherever it is shown (hover card, reference list).
 */
export function builtinStatusSentence(context: BuiltinContext): string {
  const line = `Built-in corpus, reference ${context.number}: ${statusLine(context)}`;
  return /[.!?。]$/.test(line) ? line : `${line}.`;
}

/**
 * The fields of an identified built-in entry that public records did not show, as a sentence,
 * or undefined when none is missing. A lone author with a surname only is the first author
 * seen in a citing list, not a one-author paper.
 */
export function notSeenSentence(item: CslItem): string | undefined {
  const notSeen: string[] = [];
  if (item.title === undefined) notSeen.push('title');
  const authors = item.author as { family?: unknown; given?: unknown; literal?: unknown }[] | undefined;
  if (!Array.isArray(authors) || authors.length === 0) notSeen.push('authors');
  else if (
    authors.length === 1 &&
    typeof authors[0].family === 'string' &&
    authors[0].given === undefined &&
    authors[0].literal === undefined
  ) {
    notSeen.push("the other authors and the first author's given names (only the first author's surname was seen)");
  }
  if (item['container-title'] === undefined) notSeen.push('journal or book');
  if (item.issued === undefined) notSeen.push('year');
  return notSeen.length > 0 ? `Only the fields seen in public records are shown; not seen: ${notSeen.join(', ')}.` : undefined;
}

/** Text to search when the author types part of a key, an author, a title word or a year. */
export function searchText(entry: LibraryEntry): string {
  const item = entry.item;
  const names = ['author', 'editor']
    .flatMap((role) => (Array.isArray(item[role]) ? (item[role] as { family?: string; given?: string; literal?: string }[]) : []))
    .map((n) => [n.family, n.given, n.literal].filter(Boolean).join(' '));
  const context = builtinContext(item);
  return [
    entry.key,
    ...names,
    item.title,
    issuedYear(item),
    item['container-title'],
    item.DOI,
    context?.citedFor?.en,
    context?.citedFor?.zh,
  ]
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
    .join(' ');
}

/** The first author's family (or literal) name, with "et al." when there are others: "Smith et al.". */
export function firstAuthor(item: CslItem): string | undefined {
  const authors = item.author as { family?: string; literal?: string }[] | undefined;
  if (!Array.isArray(authors) || authors.length === 0) return undefined;
  const name = authors[0].family ?? authors[0].literal;
  return name ? (authors.length > 1 ? `${name} et al.` : name) : undefined;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
