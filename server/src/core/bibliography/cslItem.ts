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

/** CSL items given inline in a document's front matter `references:`, already parsed from YAML. */
export function entriesFromCslItems(items: readonly unknown[], uri: string, rangeOf: (index: number) => { range: OffsetRange; keyRange: OffsetRange }): { entries: BibEntry[]; errors: SourceError[] } {
  const entries: BibEntry[] = [];
  const errors: SourceError[] = [];
  items.forEach((raw, index) => {
    const where = rangeOf(index);
    const item = asCslItem(raw);
    if (!item) {
      errors.push({ message: 'This reference has no `id`: give it one so it can be cited as `@id`.', range: where.range, severity: 'error' });
      return;
    }
    entries.push({ key: item.id, item, uri, range: where.range, keyRange: where.keyRange });
  });
  return { entries, errors };
}

/** An object that can be a CSL item: it has an `id` (string or number); the type defaults to `document`. */
export function asCslItem(raw: unknown): CslItem | undefined {
  if (!isObject(raw)) return undefined;
  const id = (raw as { id?: unknown }).id;
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  const type = (raw as { type?: unknown }).type;
  return { ...(raw as object), id: String(id), type: typeof type === 'string' ? type : 'document' } as CslItem;
}

/** A plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
