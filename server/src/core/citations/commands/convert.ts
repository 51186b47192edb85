/**
 * Converting numeric citations to Pandoc keys and back, through the numbered list in use:
 * the built-in corpus (number <-> key of review-55.json), or the document's own References
 * section when its entries can be matched to bibliography entries (by DOI, or by a title
 * found in the entry's text). A group converts only when every number (or key) in it maps;
 * the others are left as they are and counted.
 */
import type { BibEntry } from '../../bibliography/parse';
import { normalizeTitle } from '../../bibliography/checks';
import { doisInText, normalizeDoi } from '../../bibliography/doi';
import type { OffsetEdit } from '../../text/edits';
import { keyReference } from '../keys';
import { formatNumbers, numericStyleOf, type NumericStyle } from '../numbers';
import type { Library, LibraryEntry } from '../../bibliography/library';
import { numbersOf, type Manuscript } from '../../markdown/manuscript';
import type { KeyCitation, NumericCitation, OwnReferenceEntry } from '../../markdown/syntax';

/** Which way Convert Citations rewrites. */
export type ConvertDirection = 'toKeys' | 'toNumbers';

/** The edits of a conversion and how many citations it converted or skipped, or why it refused. */
export type ConvertResult =
  { readonly edits: OffsetEdit[]; readonly converted: number; readonly skipped: number } | { readonly refused: string };

/** Number <-> key of the numbered list in use, where known. */
export interface NumberKeyMap {
  readonly keyOf: ReadonlyMap<number, string>;
  readonly numberOf: ReadonlyMap<string, number>;
}

/** The two-way map between the list's numbers and keys; undefined when there is no list. */
export function numberKeyMap(library: Library): NumberKeyMap | undefined {
  const list = library.numbered;
  const keyOf = new Map<number, string>();
  if (list.kind === 'builtin') {
    for (const [n, entry] of list.entries) {
      // A user's entry with the same key would take the key over: then the key no longer means this number.
      if (library.byKey.get(entry.key)?.origin === 'builtin') keyOf.set(n, entry.key);
    }
  } else if (list.kind === 'own-section') {
    for (const [n, key] of ownEntryKeys([...list.entries.values()], library)) keyOf.set(n, key);
  } else {
    return undefined;
  }
  const numberOf = new Map<string, number>();
  for (const [n, key] of keyOf) numberOf.set(key, n);
  return { keyOf, numberOf };
}

/** Shorter titles are too common to identify an entry by being found in its text. */
const MIN_TITLE_LENGTH = 20;

/**
 * Which bibliography key each own entry is: the entry whose DOI the text names, else the one
 * entry whose (long enough) title the text contains. An entry matched ambiguously, or a key
 * matched by two entries, stays unmapped.
 */
export function ownEntryKeys(entries: readonly OwnReferenceEntry[], library: Library): Map<number, string> {
  const candidates = [...library.byKey.values()].filter((e) => e.origin !== 'builtin' || isDescribed(e));
  const byDoi = new Map<string, LibraryEntry>();
  for (const entry of candidates) {
    const doi = normalizeDoi(entry.item.DOI);
    if (doi && !byDoi.has(doi)) byDoi.set(doi, entry);
  }
  let titles: { title: string; entry: BibEntry }[] | undefined;
  const found = new Map<number, string>();
  for (const own of entries) {
    let key: string | undefined;
    for (const written of doisInText(own.text)) {
      const doi = normalizeDoi(written.doi);
      const entry = doi ? byDoi.get(doi) : undefined;
      if (entry) {
        key = entry.key;
        break;
      }
    }
    if (!key) {
      titles ??= candidates.flatMap((entry) => {
        const title = normalizeTitle(entry.item.title);
        return title && title.length >= MIN_TITLE_LENGTH ? [{ title, entry }] : [];
      });
      const haystack = ` ${normalizeTitle(own.text) ?? ''} `;
      const matches = titles.filter((t) => haystack.includes(` ${t.title} `));
      const longest = Math.max(0, ...matches.map((m) => m.title.length));
      const best = new Set(matches.filter((m) => m.title.length === longest).map((m) => m.entry.key));
      if (best.size === 1) key = [...best][0];
    }
    if (key) found.set(own.n, key);
  }
  // A key that two entries claim identifies neither.
  const claims = new Map<string, number>();
  for (const key of found.values()) claims.set(key, (claims.get(key) ?? 0) + 1);
  for (const [n, key] of found) if ((claims.get(key) ?? 0) > 1) found.delete(n);
  return found;
}

function isDescribed(entry: LibraryEntry): boolean {
  return typeof entry.item.title === 'string' && entry.item.title.length > 0;
}

/** Rewrites the document's citations in the other style where the list allows it. */
export function convertCitations(manuscript: Manuscript, library: Library, direction: ConvertDirection): ConvertResult {
  const map = numberKeyMap(library);
  if (!map)
    return { refused: 'There is no numbered list to convert with: add a numbered References section or enable the built-in corpus.' };
  if (map.keyOf.size === 0)
    return {
      refused:
        "No entry of this document's References section could be matched to a bibliography entry (by DOI or title), so its numbers have no keys.",
    };
  const edits: OffsetEdit[] = [];
  let skipped = 0;
  if (direction === 'toKeys') {
    for (const citation of manuscript.citations) {
      if (citation.kind !== 'numeric') continue;
      const keys = citation.items.flatMap(numbersOf).map((n) => map.keyOf.get(n));
      if (keys.some((k) => k === undefined)) {
        skipped++;
        continue;
      }
      edits.push({ range: citation.range, newText: `[${(keys as string[]).map(keyReference).join('; ')}]` });
    }
  } else {
    const style = documentNumericStyle(manuscript);
    for (const citation of manuscript.citations) {
      if (citation.kind !== 'key') continue;
      const numbers = convertibleNumbers(citation, map);
      if (!numbers) {
        skipped++;
        continue;
      }
      edits.push({ range: citation.range, newText: `[${formatNumbers(numbers, style)}]` });
    }
  }
  if (edits.length === 0) {
    const what = direction === 'toKeys' ? 'numeric citation' : 'key citation';
    return {
      refused:
        skipped > 0
          ? `No ${what} could be converted: ${skipped} cite works the numbered list cannot map.`
          : `This document has no ${what} to convert.`,
    };
  }
  return { edits, converted: edits.length, skipped };
}

/**
 * The numbers of a bracketed key citation, ascending, when every key maps and no item
 * carries a prefix, locator or suppressed author (which a number cannot hold).
 */
function convertibleNumbers(citation: KeyCitation, map: NumberKeyMap): number[] | undefined {
  if (!citation.bracketed) return undefined;
  const numbers: number[] = [];
  for (const item of citation.items) {
    const n = map.numberOf.get(item.key);
    if (n === undefined || item.prefix || item.suffix || item.suppressAuthor) return undefined;
    numbers.push(n);
  }
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** The separator and dash the document's numeric citations already use. */
function documentNumericStyle(manuscript: Manuscript): NumericStyle {
  const style = { separator: ',', dash: '-' };
  for (const citation of manuscript.citations) {
    if (citation.kind !== 'numeric') continue;
    const own = numericStyleOf(manuscript.text, citation as NumericCitation);
    if (citation.items.length > 1) style.separator = own.separator;
    if (citation.items.some((i) => i.kind === 'range')) style.dash = own.dash;
  }
  return style;
}
