/**
 * Small pieces shared by the checks and the edits that rewrite citations: edits as offsets,
 * how a numeric group writes its separators and dashes, how a key is written after `@`, and
 * the normal forms of DOIs and titles by which two entries are recognised as one work.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { CslItem } from '../bibliography/parse';
import type { NumericCitation, NumericItem } from '../markdown/syntax';
import type { LineMap, OffsetRange } from '../text/textRange';

/** A replacement of `range` in one document's text; converted to an LSP TextEdit at the end. */
export interface OffsetEdit {
  readonly range: OffsetRange;
  readonly newText: string;
}

/** Applies non-overlapping edits to `text` (in any order). Used to build moved text and by tests. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.range.start < at) throw new Error(`overlapping edits at offset ${edit.range.start}`);
    out += text.slice(at, edit.range.start) + edit.newText;
    at = edit.range.end;
  }
  return out + text.slice(at);
}

/** LSP TextEdits of offset edits, dropping those that change nothing. */
export function toTextEdits(lines: LineMap, text: string, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits
    .filter((e) => text.slice(e.range.start, e.range.end) !== e.newText)
    .sort((a, b) => a.range.start - b.range.start)
    .map((e) => ({ range: lines.rangeOf(e.range), newText: e.newText }));
}

/** How one numeric group writes itself, so that a rewritten group keeps the author's habits. */
export interface NumericStyle {
  /** Between items: `,`, `, `, `，`... */
  readonly separator: string;
  /** Inside a range: `-`, `–`... */
  readonly dash: string;
}

/** The separator and dash a group already uses; `,` and `-` when it shows none. */
export function numericStyleOf(text: string, citation: NumericCitation): NumericStyle {
  let separator = ',';
  if (citation.items.length > 1) separator = text.slice(citation.items[0].range.end, citation.items[1].range.start) || ',';
  let dash = '-';
  for (const item of citation.items) {
    if (item.kind !== 'range') continue;
    const between = text.slice(item.fromRange.end, item.toRange.start).replace(/[[\]\s]/g, '');
    if (between) {
      dash = between;
      break;
    }
  }
  return { separator, dash };
}

/** True for `[1]-[6]`: a range written across two brackets. */
export function isBracketRange(text: string, item: NumericItem): boolean {
  return item.kind === 'range' && text.charCodeAt(item.fromRange.end) === 0x5d;
}

/**
 * Numbers written as a list in the given order, with each ascending run of three or more
 * consecutive numbers as a range (the Vancouver habit): 1,2,3,5 -> `1-3,5`.
 */
export function formatNumbers(numbers: readonly number[], style: NumericStyle): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    if (j - i >= 2) {
      parts.push(`${numbers[i]}${style.dash}${numbers[j]}`);
      i = j + 1;
    } else {
      parts.push(String(numbers[i]));
      i++;
    }
  }
  return parts.join(style.separator);
}

const BARE_KEY = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_])|[:/](?=\/))*$/u;

/** True when Pandoc reads `@key` as exactly this key, without braces. */
export function isBareKey(key: string): boolean {
  return BARE_KEY.test(key);
}

/** `@key`, or `@{key}` when the key has characters a bare key cannot hold. */
export function keyReference(key: string): string {
  return isBareKey(key) ? `@${key}` : `@{${key}}`;
}

/** A DOI as a comparable string: lower case, without `https://doi.org/` or `doi:`. */
export function normalizeDoi(doi: unknown): string | undefined {
  if (typeof doi !== 'string') return undefined;
  const bare = doi
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .trim()
    .toLowerCase();
  return /^10\.\d{3,9}\/\S+$/.test(bare) ? bare : undefined;
}

/** A title as a comparable string: no accents, case, punctuation or markup. */
export function normalizeTitle(title: unknown): string | undefined {
  if (typeof title !== 'string') return undefined;
  const normal = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/<[^>]+>/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return normal || undefined;
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
 * Titles shorter than this (after normalising) are too generic ("Editorial", "Correction")
 * to say that two entries of the same year are one work.
 */
const MIN_TITLE_FOR_MATCH = 12;

/** The keys under which two entries count as the same work: `doi:...` and `title:...|year`. */
export function workKeys(item: CslItem): { doi?: string; titleYear?: string } {
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
