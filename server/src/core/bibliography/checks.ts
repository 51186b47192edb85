/**
 * Checks of bibliography entries themselves: a key defined twice, one work under two keys
 * (same DOI, or same title and year), and articles missing what a reference list needs.
 * They run over a bibliography file (findings in that file) and over a manuscript's inline
 * front matter `references:` (findings in the manuscript).
 */
import type { BibEntry, CslItem } from './cslItem';
import { issuedYear } from './cslItem';
import { normalizeDoi } from './doi';
import { builtinContext, isIdentified } from './referenceCard';
import type { Finding } from '../findings';
import { RULES } from '../rules';

// ---------------------------------------------------------------------------------------
// One work under two keys: the normal forms by which two entries are recognised as one work

/** A title as a comparable string: no accents, case, punctuation or markup. */
export function normalizeTitle(title: unknown): string | undefined {
  if (typeof title !== 'string') return undefined;
  // ASCII and Han (U+4E00-U+9FFF) have no decomposition and no marks, and their letters and
  // digits are [a-z0-9] and the ideographs: the same without the Unicode passes (a 10,000-entry
  // file's titles are all normalised right after it loads).
  const plain = plainScript(title);
  const normal = (
    plain
      ? title
          .replace(/<[^>]+>/g, '')
          .toLowerCase()
          .replace(/[^a-z0-9\u4e00-\u9fff]+/g, ' ')
      : title
          .normalize('NFKD')
          .replace(/\p{M}/gu, '')
          .replace(/<[^>]+>/g, '')
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
  ).trim();
  return normal || undefined;
}

/** True when `text` is ASCII and Han ideographs (U+4E00-U+9FFF) only. */
function plainScript(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 && (c < 0x4e00 || c > 0x9fff)) return false;
  }
  return true;
}

/**
 * Titles shorter than this (after normalising) are too generic ("Editorial", "Correction")
 * to say that two entries of the same year are one work.
 */
const MIN_TITLE_FOR_MATCH = 12;

/** Work keys per item: the duplicate-work check runs at every re-check over every cited entry, and items never change. */
const workKeysOf = new WeakMap<CslItem, { doi?: string; titleYear?: string }>();

/** The keys under which two entries count as the same work: `doi:...` and `title:...|year`. */
export function workKeys(item: CslItem): { doi?: string; titleYear?: string } {
  let keys = workKeysOf.get(item);
  if (!keys) {
    keys = computeWorkKeys(item);
    workKeysOf.set(item, keys);
  }
  return keys;
}

function computeWorkKeys(item: CslItem): { doi?: string; titleYear?: string } {
  const doi = normalizeDoi(item.DOI);
  const title = normalizeTitle(item.title);
  const year = issuedYear(item);
  // Every character weighs at least one, so only short titles need weighing.
  const longEnough = title !== undefined && (title.length >= MIN_TITLE_FOR_MATCH || titleWeight(title) >= MIN_TITLE_FOR_MATCH);
  const titleYear = title && year && longEnough ? `${title}|${year}` : undefined;
  return { doi, titleYear };
}

/** Length of a title where a Han, kana or Hangul character counts as two: they carry more per character. */
function titleWeight(title: string): number {
  let weight = 0;
  for (const ch of title) weight += /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(ch) ? 2 : 1;
  return weight;
}

// ---------------------------------------------------------------------------------------
// Missing fields

const ARTICLE_TYPES = new Set(['article', 'article-journal', 'article-magazine', 'article-newspaper']);
/** Article types that appear in a periodical, and so need its name. `article` is a preprint. */
const PERIODICAL_TYPES = new Set(['article-journal', 'article-magazine', 'article-newspaper']);

/** What an entry lacks for a reference list, if it is an article: `title`, `year`, `container-title`. */
export function missingFields(item: CslItem): string[] {
  if (!ARTICLE_TYPES.has(item.type)) return [];
  const context = builtinContext(item);
  // Unidentified built-in entries carry no fields on purpose (nothing is filled from guesswork).
  if (context && !isIdentified(context)) return [];
  const missing: string[] = [];
  if (!nonEmpty(item.title)) missing.push('title');
  if (!nonEmpty(item.issued)) missing.push('year');
  if (PERIODICAL_TYPES.has(item.type) && !nonEmpty(item['container-title'])) missing.push('container-title');
  return missing;
}

function nonEmpty(value: unknown): boolean {
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) {
    const date = value as { 'date-parts'?: unknown[][]; literal?: unknown; raw?: unknown };
    if (date['date-parts'] !== undefined)
      return (
        Array.isArray(date['date-parts'][0]) &&
        date['date-parts'][0].length > 0 &&
        date['date-parts'][0][0] !== undefined &&
        date['date-parts'][0][0] !== null
      );
    return nonEmpty(date.literal) || nonEmpty(date.raw);
  }
  return typeof value === 'number';
}

/** Why two entries are one work, in words for a message. */
export function sameWorkReason(a: CslItem, b: CslItem): string | undefined {
  const ka = workKeys(a);
  const kb = workKeys(b);
  if (ka.doi && ka.doi === kb.doi) return `same DOI ${ka.doi}`;
  if (ka.titleYear && ka.titleYear === kb.titleYear) {
    const differ = ka.doi && kb.doi ? `; their DOIs differ (${ka.doi}, ${kb.doi}): a preprint and its published version?` : '';
    return `same title and year${differ}`;
  }
  return undefined;
}

/**
 * True when two entries that share a title and year (or a DOI) say they are different parts:
 * chapters of one edited book (a classic BibTeX `@inbook` has the book's title as its title,
 * and a book's DOI is often given to each chapter) differ in pages, chapter, or first author.
 */
export function differentParts(a: CslItem, b: CslItem): boolean {
  const differ = (x: string | undefined, y: string | undefined): boolean => x !== undefined && y !== undefined && x !== y;
  if (differ(textOf(a.page), textOf(b.page))) return true;
  if (differ(textOf(a['chapter-number'] ?? a.chapter), textOf(b['chapter-number'] ?? b.chapter))) return true;
  return differ(authorFamilies(a), authorFamilies(b));
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value
    .replace(/[\s\u2013\u2014-]+/g, '-')
    .trim()
    .toLowerCase();
  return text || undefined;
}

/**
 * The first author's family name, compared without case or accents. Only the first: a preprint
 * and its published version may differ in who else is listed, or in how many are (`and others`).
 */
function authorFamilies(item: CslItem): string | undefined {
  const first = Array.isArray(item.author) ? (item.author[0] as { family?: unknown; literal?: unknown } | undefined) : undefined;
  // A literal name ("Yifan Peng", as Manubot writes arXiv authors) is not compared with a family name ("Peng").
  if (first?.family !== undefined) return normalizeTitle(first.family);
  return undefined;
}

/**
 * Entries that are one work with an earlier entry: each later entry is paired with the first
 * entry it matches by DOI or by title and year and that does not say it is a different part
 * (`differentParts`). Entries sharing a key are left to the duplicate-key check.
 */
export function duplicateWorks(entries: readonly BibEntry[]): { entry: BibEntry; first: BibEntry; reason: string }[] {
  const byDoi = new Map<string, BibEntry[]>();
  const byTitle = new Map<string, BibEntry[]>();
  const seenKeys = new Set<string>();
  const out: { entry: BibEntry; first: BibEntry; reason: string }[] = [];
  const add = (map: Map<string, BibEntry[]>, key: string | undefined, entry: BibEntry): void => {
    if (!key) return;
    const list = map.get(key);
    if (list) list.push(entry);
    else map.set(key, [entry]);
  };
  for (const entry of entries) {
    if (seenKeys.has(entry.key)) continue;
    seenKeys.add(entry.key);
    const { doi, titleYear } = workKeys(entry.item);
    // The same DOI first, then the same title and year (no list copied per entry).
    const same = (c: BibEntry) => !differentParts(c.item, entry.item);
    const first = (doi ? byDoi.get(doi)?.find(same) : undefined) ?? (titleYear ? byTitle.get(titleYear)?.find(same) : undefined);
    if (first) {
      out.push({ entry, first, reason: sameWorkReason(first.item, entry.item) ?? 'same work' });
    }
    add(byDoi, doi, entry);
    add(byTitle, titleYear, entry);
  }
  return out;
}

/**
 * The findings of a list of entries from one source (a file, or the front matter).
 * `lineOf` turns an offset into a 1-based line number for messages that point elsewhere.
 */
export function entryFindings(entries: readonly BibEntry[], lineOf: (offset: number) => number): Finding[] {
  const findings: Finding[] = [];
  const firstByKey = new Map<string, BibEntry>();
  for (const entry of entries) {
    const first = firstByKey.get(entry.key);
    if (first) {
      findings.push({
        code: RULES.duplicateKey.code,
        range: entry.keyRange,
        message: `Key '${entry.key}' is already defined on line ${lineOf(first.keyRange.start)}; this entry is never used.`,
        data: { key: entry.key },
      });
    } else {
      firstByKey.set(entry.key, entry);
    }
  }
  for (const { entry, first, reason } of duplicateWorks(entries)) {
    findings.push({
      code: RULES.duplicateEntry.code,
      range: entry.keyRange,
      message: `'${entry.key}' is the same work as '${first.key}' (line ${lineOf(first.keyRange.start)}): ${reason}.`,
      data: { key: entry.key, sameAs: first.key },
    });
  }
  for (const entry of entries) {
    const missing = missingFields(entry.item);
    if (missing.length === 0) continue;
    const names = missing.map((m) => (m === 'container-title' ? 'journal (container-title)' : m));
    findings.push({
      code: RULES.missingField.code,
      range: entry.keyRange,
      message: `'${entry.key}' (${entry.item.type}) has no ${names.join(', no ')}.`,
      data: { key: entry.key, missing },
    });
  }
  return findings.sort((a, b) => a.range.start - b.range.start);
}

const fileFindings = new WeakMap<readonly BibEntry[], Finding[]>();

/** Findings of a parsed bibliography file, computed once per parse (the parse is cached until the file changes). */
export function bibliographyFileFindings(entries: readonly BibEntry[], lineOf: (offset: number) => number): Finding[] {
  let findings = fileFindings.get(entries);
  if (!findings) {
    findings = entryFindings(entries, lineOf);
    fileFindings.set(entries, findings);
  }
  return findings;
}
