/**
 * The CSL-JSON item every bibliography format is read into, the entry that places it in its
 * file, and what several modules read from an item.
 */
import type { SourceError } from '../findings';
import type { OffsetRange } from '../text/textRange';

/** A CSL-JSON item as citation-js and citeproc understand it. */
export interface CslItem {
  id: string;
  type: string;
  [field: string]: unknown;
}

/** One entry of a bibliography: its key, its item, and where its file defines it. */
export interface BibEntry {
  readonly key: string;
  readonly item: CslItem;
  /** The file (URI) that defines it, and where: the whole entry and the key itself. */
  readonly uri: string;
  readonly range: OffsetRange;
  readonly keyRange: OffsetRange;
}

/** The first year of an item's `issued` date. */
export function issuedYear(item: CslItem): string | undefined {
  const issued = item.issued as { 'date-parts'?: unknown[][]; literal?: unknown; raw?: unknown } | undefined;
  const first = issued?.['date-parts']?.[0]?.[0];
  if (typeof first === 'number' || (typeof first === 'string' && /^\d{4}$/.test(first))) return String(first);
  const literal = typeof issued?.literal === 'string' ? issued.literal : typeof issued?.raw === 'string' ? issued.raw : undefined;
  return literal ? /\b(\d{4})\b/.exec(literal)?.[1] : undefined;
}

/**
 * CSL items given inline in a document's front matter `references:`, already parsed from YAML.
 * pandoc reads front matter values as Markdown, so an id written `a\_b` is cited as `@a_b`;
 * a CSL-YAML file's values are plain (`markdown: false`), as pandoc reads them.
 */
export function entriesFromCslItems(
  items: readonly unknown[],
  uri: string,
  rangeOf: (index: number) => { range: OffsetRange; keyRange: OffsetRange },
  options: { markdown?: boolean } = {},
): { entries: BibEntry[]; errors: SourceError[] } {
  const entries: BibEntry[] = [];
  const errors: SourceError[] = [];
  const markdown = options.markdown ?? true;
  items.forEach((raw, index) => {
    const where = rangeOf(index);
    const read = asCslItem(raw);
    const item = read && markdown ? { ...read, id: unescapeMarkdown(read.id) } : read;
    if (!item) {
      errors.push({
        message: 'This reference has no `id`: give it one so it can be cited as `@id`.',
        range: where.range,
        severity: 'error',
      });
      return;
    }
    entries.push({ key: item.id, item, uri, range: where.range, keyRange: where.keyRange });
  });
  return { entries, errors };
}

/** Markdown's backslash escapes (`\_`, `\*`, `\@`...): the escaped ASCII punctuation, as pandoc reads it. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** CSL variables written in capitals, which writers and `pandoc -t markdown -s` also write in lower case (`doi:`). */
const CAPITAL_VARIABLES = ['DOI', 'URL', 'ISBN', 'ISSN', 'PMID', 'PMCID'];

/** An object that can be a CSL item: it has an `id` (string or number); the type defaults to `document`; `doi` is read as `DOI`. */
export function asCslItem(raw: unknown): CslItem | undefined {
  if (!isObject(raw)) return undefined;
  const id = (raw as { id?: unknown }).id;
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  const type = (raw as { type?: unknown }).type;
  const item = { ...(raw as object), id: String(id), type: typeof type === 'string' ? type : 'document' } as CslItem;
  for (const name of CAPITAL_VARIABLES) {
    const lower = name.toLowerCase();
    if (item[name] === undefined && item[lower] !== undefined)
      item[name] = typeof item[lower] === 'number' ? String(item[lower]) : item[lower];
    if (lower in item) delete item[lower];
  }
  for (const name of DATE_VARIABLES)
    if (typeof item[name] === 'string' || typeof item[name] === 'number') item[name] = dateFromText(String(item[name]));
  return item;
}

/** CSL date variables, which pandoc writes as text (`issued: 2000`, `issued: 2013-02-15`). */
const DATE_VARIABLES = ['issued', 'accessed', 'event-date', 'original-date', 'submitted', 'available-date'];

/** A date written as text, as a CSL date: `2013-02-15` (or `2013/02/15`) as date parts, anything else as a literal. */
function dateFromText(text: string): { 'date-parts': number[][] } | { literal: string } {
  const m = /^\s*(-?\d{1,4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?\s*$/.exec(text);
  if (!m) return { literal: text };
  return { 'date-parts': [[m[1], m[2], m[3]].filter((p): p is string => p !== undefined).map(Number)] };
}

/** A plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
