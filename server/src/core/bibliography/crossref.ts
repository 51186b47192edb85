/**
 * biblatex's `crossref`: a chapter or paper names its book or proceedings, and takes from it
 * what it does not say itself (the book's title as its container, editors, publisher, place,
 * date, volume, series), as biber and pandoc do.
 */
import type { CslItem } from './cslItem';

/** Fields an entry never takes from its parent: they say what the entry itself is. */
const OWN_FIELDS = new Set([
  'id',
  'citation-key',
  'type',
  'title',
  'title-short',
  'author',
  'page',
  'DOI',
  'URL',
  'note',
  'abstract',
  'annote',
  'keyword',
  'number',
  'chapter-number',
  'status',
]);

/** The parent's key named by an entry's `crossref` field, from the entry's own source. */
export function crossrefKey(source: string): string | undefined {
  const m = /[,\s]crossref\s*=\s*(?:\{\s*([^{}]+?)\s*\}|"\s*([^"]+?)\s*"|([^\s,{}"]+))/i.exec(source);
  const key = m?.[1] ?? m?.[2] ?? m?.[3];
  return key || undefined;
}

/**
 * `child` completed from `parent`: the parent's title becomes the child's container title,
 * and every other field the child lacks (but its own identity) is taken from the parent.
 */
export function inheritFrom(child: CslItem, parent: CslItem): CslItem {
  const out: CslItem = { ...child };
  if (out['container-title'] === undefined && typeof parent.title === 'string') out['container-title'] = parent.title;
  if (out['container-title-short'] === undefined && typeof parent['title-short'] === 'string')
    out['container-title-short'] = parent['title-short'];
  for (const [field, value] of Object.entries(parent)) {
    if (OWN_FIELDS.has(field) || out[field] !== undefined || value === undefined) continue;
    // A book's own container (its series as container-title) is not the chapter's container.
    if (field === 'container-title' || field === 'container-title-short') continue;
    out[field] = value;
  }
  return out;
}
