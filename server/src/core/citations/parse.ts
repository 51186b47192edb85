/**
 * Finds citations in a Markdown manuscript: Pandoc key citations (`[@a; @b]`, `@a [p. 3]`)
 * and numeric ones (`[1]`, `[1-6]`, `[1]-[6]`), outside the spans `scanMarkdown` excluded.
 *
 * Decisions where Markdown and Pandoc leave room (Pandoc 2.17 was the oracle):
 * - Key grammar is Pandoc's: a letter, digit or `_`, then letters, digits, `_`, and the
 *   punctuation `:.#$%&-+?<>~/` only when a letter/digit/`_` follows (`:` and `/` may also be
 *   followed by `/`, for `url:http://`). "Letter" is Unicode, so `@smith2020发现` has the key
 *   `smith2020发现` as in Pandoc, while `。`, `，` end a key. `@*` (nocite only) is not a key.
 * - `@` right after a letter, digit, `.`, `_`, `%` or `+` is not a citation (`研究表明@smith`
 *   and e-mail addresses, as Pandoc); Pandoc does accept `x_@a`, `x+@a`, `x-@a`, which here
 *   are treated as e-mail fragments and skipped.
 * - `[see @a; junk]` (an item without a key) or a bracket followed by `(` or `[` is not a
 *   bracketed citation; the `@a` inside is then an in-text citation, as in Pandoc.
 * - `@a [@b]` and `@a [p. 3; @b]` are one citation (Pandoc's author-in-text plus locator).
 * - Cross-references `@fig-x`, `@tbl:x`, ... (`fig`, `tbl`, `sec`, `eq`, `lst`) are skipped.
 * - Numeric: numbers above 999 (`[2020]`), decimals (`[1.5]`), brackets starting with a dash
 *   (`[-8]`, `[-1, 1]`) and brackets holding 0 with other numbers (`[0, 1]`) are not
 *   citations (years, intervals); `[0]` alone, `[8-]`, `[13-8]`, `[3-3]`, `[1,,2]` and
 *   `[1 2]` are malformed. `[1]` after `^` (a Pandoc inline note), `[^1]`, link labels and
 *   the `[1]` markers of the document's own reference list are not citations.
 */
import type {
  Citation,
  CitationKeyItem,
  KeyCitation,
  MalformedCitation,
  MarkdownScan,
  NumericCitation,
  NumericItem,
} from '../markdown/syntax';
import { rangeContaining, type OffsetRange } from '../text/textRange';

/** Longest bracket content considered a citation group; keeps `[[[[...` input linear. */
const MAX_GROUP_LENGTH = 2000;
/** Largest number read as a reference number: `[2020]` is a year. */
const MAX_REFERENCE_NUMBER = 999;

const CROSS_REFERENCE = /^(?:fig|tbl|sec|eq|lst)[:-]/;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const INTERNAL_PUNCTUATION = ':.#$%&-+?<>~/';
const NUMERIC_SEPARATORS = ',，、;；';
const NUMERIC_DASHES = '-‐‑–—−~～－';

/** Binary-search lookups into the sorted, merged excluded spans. */
class ExcludedSpans {
  constructor(private readonly spans: readonly OffsetRange[]) {}

  /** The end of the excluded span containing `offset`, or -1. */
  endAt(offset: number): number {
    return rangeContaining(this.spans, offset)?.end ?? -1;
  }

  /** True when some excluded span starts inside [start, end). */
  startsWithin(start: number, end: number): boolean {
    const spans = this.spans;
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < spans.length && spans[lo].start < end;
  }
}

interface Context {
  readonly text: string;
  readonly excluded: ExcludedSpans;
  /** `[` offset -> offset of its matching `]`, within one paragraph. */
  readonly brackets: Map<number, number>;
  /** Sorted offsets of every `@`, to try only brackets that contain one. */
  readonly ats: number[];
  readonly linkStarts: Set<number>;
  readonly entryMarkers: Set<number>;
}

function isRegularKeyChar(cp: number): boolean {
  if (cp === 0x5f) return true;
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

function codePointWidth(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** Code point ending just before `offset` (handles surrogate pairs). */
function codePointBefore(text: string, offset: number): number {
  if (offset <= 0) return -1;
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(offset - 2) ?? low;
  }
  return low;
}

/**
 * Pandoc's "not right after a word": what may precede `@` (or `-@`) of a citation. A `-`
 * directly before `@` is looked through, so `x-@a` stays an e-mail-like fragment.
 */
function mayPrecedeCitation(text: string, offset: number): boolean {
  let cp = codePointBefore(text, offset);
  if (cp === 0x2d && text.charCodeAt(offset) === 0x40) {
    const before = codePointBefore(text, offset - 1);
    if (before !== 0x2d) cp = before;
  }
  if (cp < 0) return true;
  // `\@` is an escaped at-sign; `.`, `_`, `%`, `+` belong to e-mail local parts.
  if (cp === 0x2e || cp === 0x5f || cp === 0x25 || cp === 0x2b || cp === 0x40 || cp === 0x5c) return false;
  if (isRegularKeyChar(cp)) return false;
  return !(cp >= 128 && /\p{M}/u.test(String.fromCodePoint(cp)));
}

interface KeyMatch {
  readonly key: string;
  /** Offset of `-` or `@`. */
  readonly start: number;
  readonly at: number;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** After the key, closing brace included. */
  readonly end: number;
  readonly suppressAuthor: boolean;
}

/** Reads `@key` or `@{key}` at `at` (the `@`); undefined when no key follows. */
function readKey(text: string, at: number): { keyStart: number; keyEnd: number; end: number } | undefined {
  const first = text.codePointAt(at + 1);
  if (first === undefined) return undefined;
  if (first === 0x7b) {
    // Pandoc allows balanced braces and no whitespace inside `@{...}`.
    let depth = 0;
    for (let i = at + 1; i < text.length && i - at < 200; i++) {
      const c = text.charCodeAt(i);
      if (c <= 32 || c === 0x3000) return undefined;
      if (c === 0x7b) depth++;
      else if (c === 0x7d && --depth === 0) return i > at + 2 ? { keyStart: at + 2, keyEnd: i, end: i + 1 } : undefined;
    }
    return undefined;
  }
  if (!isRegularKeyChar(first)) return undefined;
  let i = at + 1 + codePointWidth(first);
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    if (isRegularKeyChar(cp)) {
      i += codePointWidth(cp);
      continue;
    }
    if (cp < 128 && INTERNAL_PUNCTUATION.includes(String.fromCharCode(cp))) {
      const next = text.codePointAt(i + 1);
      if (next !== undefined && isRegularKeyChar(next)) {
        i++;
        continue;
      }
      if ((cp === 0x3a || cp === 0x2f) && next === 0x2f) {
        i++;
        continue;
      }
    }
    break;
  }
  return { keyStart: at + 1, keyEnd: i, end: i };
}

/** A citation key starting at `offset` (`@` or `-@`), honouring what may precede it. */
function keyAt(ctx: Context, offset: number, allowSuppress: boolean): KeyMatch | undefined {
  const text = ctx.text;
  let at = offset;
  let suppressAuthor = false;
  if (text.charCodeAt(offset) === 0x2d) {
    if (text.charCodeAt(offset + 1) !== 0x40) return undefined;
    at = offset + 1;
    suppressAuthor = allowSuppress;
  } else if (text.charCodeAt(offset) !== 0x40) {
    return undefined;
  }
  if (!mayPrecedeCitation(text, offset)) return undefined;
  const read = readKey(text, at);
  if (!read) return undefined;
  return {
    key: text.slice(read.keyStart, read.keyEnd),
    start: suppressAuthor ? offset : at,
    at,
    keyStart: read.keyStart,
    keyEnd: read.keyEnd,
    end: read.end,
    suppressAuthor,
  };
}

function isCrossReference(key: string): boolean {
  return CROSS_REFERENCE.test(key);
}

/** Keys inside [start, end), skipping excluded spans, nested-bracket-free scan. */
function keysIn(ctx: Context, start: number, end: number): KeyMatch[] {
  const text = ctx.text;
  const keys: KeyMatch[] = [];
  for (let i = start; i < end; ) {
    const skip = ctx.excluded.endAt(i);
    if (skip > i) {
      i = skip;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      i += 2;
      continue;
    }
    if (c === 0x40 || (c === 0x2d && text.charCodeAt(i + 1) === 0x40)) {
      const k = keyAt(ctx, i, true);
      if (k && k.end <= end) {
        keys.push(k);
        i = k.end;
        continue;
      }
      i += c === 0x2d ? 2 : 1;
      continue;
    }
    i++;
  }
  return keys;
}

/** Splits bracket content at top-level `;` (not inside nested brackets or excluded spans). */
function splitItems(ctx: Context, start: number, end: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let partStart = start;
  for (let i = start; i < end; ) {
    const skip = ctx.excluded.endAt(i);
    if (skip > i) {
      i = skip;
      continue;
    }
    const c = ctx.text.charCodeAt(i);
    if (c === 0x5c) {
      i += 2;
      continue;
    }
    if (c === 0x5b) {
      const close = ctx.brackets.get(i);
      i = close !== undefined && close < end ? close + 1 : i + 1;
      continue;
    }
    if (c === 0x3b) {
      parts.push([partStart, i]);
      partStart = i + 1;
    }
    i++;
  }
  parts.push([partStart, end]);
  return parts;
}

function cleanSuffix(s: string): string {
  return s.trim().replace(/^[,，]\s*/, '').trim();
}

/**
 * Turns `;`-separated parts into key items; undefined when a part has no key, which makes
 * the whole bracket ordinary text in Pandoc.
 */
function itemsOf(ctx: Context, parts: Array<[number, number]>): CitationKeyItem[] | undefined {
  const items: CitationKeyItem[] = [];
  for (const [ps, pe] of parts) {
    const keys = keysIn(ctx, ps, pe);
    if (keys.length === 0) return undefined;
    keys.forEach((k, n) => {
      const suffixEnd = n + 1 < keys.length ? keys[n + 1].start : pe;
      items.push({
        key: k.key,
        keyRange: { start: k.keyStart, end: k.keyEnd },
        range: { start: k.start, end: k.end },
        suppressAuthor: k.suppressAuthor,
        prefix: n === 0 ? ctx.text.slice(ps, k.start).trim() : '',
        suffix: cleanSuffix(ctx.text.slice(k.end, suffixEnd)),
      });
    });
  }
  return items;
}

function containsAt(ctx: Context, start: number, end: number): boolean {
  const ats = ctx.ats;
  let lo = 0;
  let hi = ats.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ats[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < ats.length && ats[lo] < end;
}

/** The `]` closing a group at `open`, if it may be a citation group at all. */
function groupClose(ctx: Context, open: number): number | undefined {
  const text = ctx.text;
  if (text.charCodeAt(open + 1) === 0x5e) return undefined; // `[^1]` footnote
  if (open > 0 && text.charCodeAt(open - 1) === 0x5e) return undefined; // `^[...]` inline note
  if (ctx.linkStarts.has(open)) return undefined;
  const close = ctx.brackets.get(open);
  if (close === undefined || close - open > MAX_GROUP_LENGTH) return undefined;
  return close;
}

type Attempt = { citation?: Citation; end: number } | undefined;

function bracketedKeyCitation(ctx: Context, open: number): Attempt {
  const close = groupClose(ctx, open);
  if (close === undefined || !containsAt(ctx, open + 1, close)) return undefined;
  const after = ctx.text.charCodeAt(close + 1);
  if (after === 0x28 || after === 0x5b) return undefined;
  const items = itemsOf(ctx, splitItems(ctx, open + 1, close));
  if (!items) return undefined;
  const kept = items.filter((item) => !isCrossReference(item.key));
  if (kept.length === 0) return { end: close + 1 };
  const citation: KeyCitation = { kind: 'key', bracketed: true, range: { start: open, end: close + 1 }, items: kept };
  return { citation, end: close + 1 };
}

/** `@a`, `@a [p. 33]`, `@a [@b]`, `@a [p. 3; @b]`: in-text key with optional locator. */
function inTextCitation(ctx: Context, at: number): Attempt {
  const key = keyAt(ctx, at, false);
  if (!key) return undefined;
  const item: CitationKeyItem = {
    key: key.key,
    keyRange: { start: key.keyStart, end: key.keyEnd },
    range: { start: key.at, end: key.end },
    suppressAuthor: false,
    prefix: '',
    suffix: '',
  };
  let items: CitationKeyItem[] = [item];
  let end = key.end;
  const locator = locatorAfter(ctx, key.end);
  if (locator) {
    const parts = splitItems(ctx, locator.open + 1, locator.close);
    const withKeys = itemsOf(ctx, parts);
    if (withKeys) {
      items = [item, ...withKeys];
      end = locator.close + 1;
    } else {
      const rest = parts.length > 1 ? itemsOf(ctx, parts.slice(1)) : [];
      if (rest && keysIn(ctx, parts[0][0], parts[0][1]).length === 0) {
        items = [{ ...item, suffix: cleanSuffix(ctx.text.slice(parts[0][0], parts[0][1])) }, ...rest];
        end = locator.close + 1;
      }
    }
  }
  const kept = items.filter((i) => !isCrossReference(i.key));
  if (kept.length === 0) return { end };
  return { citation: { kind: 'key', bracketed: false, range: { start: key.at, end }, items: kept }, end };
}

/** A `[...]` right after an in-text key: spaces, at most one line break, spaces. */
function locatorAfter(ctx: Context, from: number): { open: number; close: number } | undefined {
  const text = ctx.text;
  let i = from;
  let breaks = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) i++;
    else if (c === 0x0a || c === 0x0d) {
      if (++breaks > 1) return undefined;
      i += c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
    } else break;
  }
  if (text.charCodeAt(i) !== 0x5b || ctx.excluded.endAt(i) >= 0) return undefined;
  const close = groupClose(ctx, i);
  if (close === undefined) return undefined;
  const after = text.charCodeAt(close + 1);
  if (after === 0x28 || after === 0x5b) return undefined;
  return { open: i, close };
}

interface NumberToken {
  readonly kind: 'num' | 'dash' | 'sep';
  readonly value: number;
  readonly range: OffsetRange;
}

/** Reads `[...]` at `open` as numbers, dashes and separators; undefined if anything else is inside. */
function numericTokens(ctx: Context, open: number, close: number): NumberToken[] | undefined {
  const text = ctx.text;
  const tokens: NumberToken[] = [];
  let sawDigit = false;
  for (let i = open + 1; i < close; ) {
    const ch = text[i];
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let j = i;
      while (j < close && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      tokens.push({ kind: 'num', value: Number(text.slice(i, j)), range: { start: i, end: j } });
      sawDigit = true;
      i = j;
    } else if (NUMERIC_DASHES.includes(ch)) {
      tokens.push({ kind: 'dash', value: 0, range: { start: i, end: i + 1 } });
      i++;
    } else if (NUMERIC_SEPARATORS.includes(ch)) {
      tokens.push({ kind: 'sep', value: 0, range: { start: i, end: i + 1 } });
      i++;
    } else if (c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x3000) {
      i++;
    } else {
      return undefined;
    }
  }
  return sawDigit ? tokens : undefined;
}

type NumericParse =
  | { readonly ok: true; readonly items: NumericItem[] }
  | { readonly ok: false; readonly message: string }
  | undefined;

function malformed(message: string): NumericParse {
  return { ok: false, message };
}

/** Parses the tokens of one bracket; undefined when the bracket is not meant as a citation. */
function parseNumericTokens(tokens: NumberToken[]): NumericParse {
  if (tokens[0].kind === 'dash') return undefined;
  const nums = tokens.filter((t) => t.kind === 'num');
  if (nums.some((t) => t.value > MAX_REFERENCE_NUMBER)) return undefined;
  if (nums.some((t) => t.value === 0)) return tokens.length === 1 ? malformed('reference numbers start at 1, not 0') : undefined;
  const items: NumericItem[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.kind !== 'num') return malformed('the citation has an empty item between separators');
    const next = tokens[i + 1];
    if (next && next.kind === 'dash') {
      const to = tokens[i + 2];
      if (!to || to.kind !== 'num') return malformed(`the range ${t.value}- has no end`);
      const range = { start: t.range.start, end: to.range.end };
      const bad = checkRange(t.value, to.value);
      if (bad) return malformed(bad);
      items.push({ kind: 'range', from: t.value, to: to.value, range, fromRange: t.range, toRange: to.range });
      i += 3;
    } else {
      items.push({ kind: 'single', n: t.value, range: t.range });
      i += 1;
    }
    const sep = tokens[i];
    if (!sep) break;
    if (sep.kind === 'num') return malformed(`a comma is missing between ${tokens[i - 1].value} and ${sep.value}`);
    if (sep.kind === 'dash') return malformed('a range has more than two ends');
    i++;
    if (i >= tokens.length) return malformed('the citation ends with a separator');
  }
  return { ok: true, items };
}

function checkRange(from: number, to: number): string | undefined {
  if (from > to) return `the range ${from}-${to} runs backwards`;
  if (from === to) return `the range ${from}-${to} has the same number at both ends`;
  return undefined;
}

function singleNumber(ctx: Context, open: number): { n: number; range: OffsetRange; close: number } | undefined {
  if (ctx.excluded.endAt(open) >= 0) return undefined;
  const close = groupClose(ctx, open);
  if (close === undefined || ctx.entryMarkers.has(open)) return undefined;
  const tokens = numericTokens(ctx, open, close);
  if (!tokens || tokens.length !== 1 || tokens[0].value > MAX_REFERENCE_NUMBER || tokens[0].value === 0) return undefined;
  return { n: tokens[0].value, range: tokens[0].range, close };
}

function numericCitation(ctx: Context, open: number): Attempt {
  const close = groupClose(ctx, open);
  if (close === undefined || close - open > 200) return undefined;
  if (ctx.entryMarkers.has(open)) return { end: close + 1 };
  if (ctx.excluded.startsWithin(open, close + 1)) return undefined;
  const tokens = numericTokens(ctx, open, close);
  if (!tokens) return undefined;
  const parsed = parseNumericTokens(tokens);
  if (!parsed) return undefined;
  const range = { start: open, end: close + 1 };
  if (!parsed.ok) {
    const citation: MalformedCitation = { kind: 'malformed', range, message: parsed.message };
    return { citation, end: close + 1 };
  }
  // `[1]-[6]`: a range written across two brackets is one group.
  const text = ctx.text;
  if (
    parsed.items.length === 1 &&
    parsed.items[0].kind === 'single' &&
    NUMERIC_DASHES.includes(text[close + 1] ?? '') &&
    text.charCodeAt(close + 2) === 0x5b
  ) {
    const to = singleNumber(ctx, close + 2);
    if (to) {
      const from = parsed.items[0];
      const whole = { start: open, end: to.close + 1 };
      const bad = checkRange(from.n, to.n);
      if (bad) return { citation: { kind: 'malformed', range: whole, message: bad }, end: whole.end };
      const item: NumericItem = { kind: 'range', from: from.n, to: to.n, range: whole, fromRange: from.range, toRange: to.range };
      const citation: NumericCitation = { kind: 'numeric', range: whole, items: [item] };
      return { citation, end: whole.end };
    }
  }
  return { citation: { kind: 'numeric', range, items: parsed.items }, end: close + 1 };
}

/**
 * Matches brackets in one linear pass; a blank line (paragraph break) forgets open ones, as a
 * citation never spans paragraphs.
 */
function matchBrackets(text: string, excluded: ExcludedSpans, ats: number[]): Map<number, number> {
  const matches = new Map<number, number>();
  const stack: number[] = [];
  let lineHasText = false;
  for (let i = 0; i < text.length; ) {
    const skip = excluded.endAt(i);
    if (skip > i) {
      i = skip;
      lineHasText = true;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      i += 2;
      lineHasText = true;
      continue;
    }
    if (c === 0x0a) {
      if (!lineHasText) stack.length = 0;
      lineHasText = false;
    } else if (c === 0x5b) {
      stack.push(i);
      lineHasText = true;
    } else if (c === 0x5d) {
      const open = stack.pop();
      if (open !== undefined) matches.set(open, i);
      lineHasText = true;
    } else if (c === 0x40) {
      ats.push(i);
      lineHasText = true;
    } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
      lineHasText = true;
    }
    i++;
  }
  return matches;
}

function parseAll(text: string, scan: MarkdownScan): Citation[] {
  const excluded = new ExcludedSpans(scan.excluded);
  const ats: number[] = [];
  const brackets = matchBrackets(text, excluded, ats);
  const ctx: Context = {
    text,
    excluded,
    brackets,
    ats,
    linkStarts: new Set((scan.links ?? []).map((l) => l.start)),
    entryMarkers: new Set((scan.referenceSection?.entries ?? []).map((e) => e.range.start)),
  };
  const out: Citation[] = [];
  const spans = scan.excluded;
  let spanIndex = 0;
  for (let i = 0; i < text.length; ) {
    while (spanIndex < spans.length && spans[spanIndex].end <= i) spanIndex++;
    if (spanIndex < spans.length && spans[spanIndex].start <= i) {
      i = spans[spanIndex].end;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      i += 2;
      continue;
    }
    let attempt: Attempt;
    if (c === 0x5b) attempt = bracketedKeyCitation(ctx, i) ?? numericCitation(ctx, i);
    else if (c === 0x40) attempt = inTextCitation(ctx, i);
    if (attempt) {
      if (attempt.citation) out.push(attempt.citation);
      i = Math.max(attempt.end, i + 1);
    } else {
      i++;
    }
  }
  return out;
}

/**
 * Finds key citations (Pandoc syntax) and numeric citations outside `scan.excluded`, sorted
 * by offset. Never throws: on an unexpected error it returns what it found so far (nothing).
 */
export function parseCitations(text: string, scan: MarkdownScan): Citation[] {
  try {
    return parseAll(text, scan);
  } catch {
    return [];
  }
}
