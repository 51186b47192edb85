/**
 * Finds citations in a Markdown manuscript: Pandoc key citations (`[@a; @b]`, `@a [p. 3]`)
 * and numeric ones (`[1]`, `[1-6]`, `[1]-[6]`), outside the spans `scanMarkdown` excluded.
 *
 * Decisions where Markdown and Pandoc leave room (Pandoc 2.17 was the oracle):
 * - Key grammar is Pandoc's, in keys.ts (the one place it lives). `@*` (nocite only) is not a key.
 * - `[see @a; junk]` (an item without a key) or a bracket followed by `(` or `[` is not a
 *   bracketed citation; the `@a` inside is then an in-text citation, as in Pandoc.
 * - `@a [@b]` and `@a [p. 3; @b]` are one citation (Pandoc's author-in-text plus locator).
 * - Cross-references (Quarto's `@fig-x` ... `@cau-x`, pandoc-crossref's `@tbl:x`, capitalised
 *   forms, and prefixes the document declares) are skipped: see `isCrossReference`.
 * - Example-list labels: `(@good)` starting a list item, and `@good` / `(@good)` in the text,
 *   are pandoc's example references; `[@good]` stays a citation, as in pandoc.
 * - Numeric citations are read in parseNumeric.ts. `[1]` after `^` (a Pandoc inline note),
 *   `[^1]`, link labels and the `[1]` markers of the document's own reference list are not citations.
 */
import type { Citation, CitationKeyItem, KeyCitation, MarkdownScan } from '../markdown/syntax';
import { isCrossReference, mayPrecedeCitation, readKey } from './keys';
import { containsAt, groupClose, parseContext, type Attempt, type Context, type ParseOptions } from './parseContext';
import { numericCitation } from './parseNumeric';
import { lowerBound, type OffsetRange } from '../text/textRange';

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

/**
 * A piece of the text as a string of its own. V8 makes a slice of 13 characters or more a view
 * that holds the whole text, and once most citations outlive a few collections V8 allocates new
 * ones in the old generation: every edited paragraph's citations then kept that version's whole
 * text through each young-generation collection (at 10k entries, typing promoted 2-3 MB of
 * texts per collection and each took 10-25 ms instead of 1-2).
 */
const detached = (piece: string): string => (piece.length < 13 ? piece : ` ${piece}`.slice(1));

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
    key: detached(text.slice(read.keyStart, read.keyEnd)),
    start: suppressAuthor ? offset : at,
    at,
    keyStart: read.keyStart,
    keyEnd: read.keyEnd,
    end: read.end,
    suppressAuthor,
  };
}

/** Where `keysIn` may find a key or must skip: `\\`, `@`, `-@`. */
const KEY_SYNTAX = /[\\@]|-(?=@)/g;

/** Keys inside [start, end), skipping excluded spans, nested-bracket-free scan. */
function keysIn(ctx: Context, start: number, end: number): KeyMatch[] {
  const keys: KeyMatch[] = [];
  for (let i = nextOf(ctx.text, KEY_SYNTAX, start, end); i < end; i = nextOf(ctx.text, KEY_SYNTAX, i, end)) {
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
    const k = keyAt(ctx, i, true);
    if (k && k.end <= end) {
      keys.push(k);
      i = k.end;
      continue;
    }
    i += c === 0x2d ? 2 : 1;
  }
  return keys;
}

/**
 * The first offset in [from, end) where `syntax` (a global regular expression) matches, or
 * `end`. The scanners below only act at a few characters and used to test every one in a
 * JavaScript loop, which a first check runs cold; excluded spans between two hits need no
 * test, as no hit lies inside them.
 */
function nextOf(text: string, syntax: RegExp, from: number, end: number): number {
  if (from >= end) return end;
  syntax.lastIndex = from;
  // Every pattern matches one character, so the hit is just before `lastIndex`.
  return syntax.test(text) ? Math.min(syntax.lastIndex - 1, end) : end;
}

/** Where `splitItems` must look: `\\`, `[`, `;`. */
const ITEM_SYNTAX = /[\\[;]/g;

/** Splits bracket content at top-level `;` (not inside nested brackets or excluded spans). */
function splitItems(ctx: Context, start: number, end: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let partStart = start;
  for (let i = nextOf(ctx.text, ITEM_SYNTAX, start, end); i < end; i = nextOf(ctx.text, ITEM_SYNTAX, i, end)) {
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
    parts.push([partStart, i]);
    partStart = i + 1;
    i++;
  }
  parts.push([partStart, end]);
  return parts;
}

function cleanSuffix(s: string): string {
  return s
    .trim()
    .replace(/^[,，]\s*/, '')
    .trim();
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
        prefix: n === 0 ? detached(ctx.text.slice(ps, k.start).trim()) : '',
        suffix: detached(cleanSuffix(ctx.text.slice(k.end, suffixEnd))),
      });
    });
  }
  return items;
}

function bracketedKeyCitation(ctx: Context, open: number): Attempt {
  const close = groupClose(ctx, open);
  if (close === undefined || !containsAt(ctx, open + 1, close)) return undefined;
  const after = ctx.text.charCodeAt(close + 1);
  if (after === 0x28 || after === 0x5b) return undefined;
  const items = itemsOf(ctx, splitItems(ctx, open + 1, close));
  if (!items) return undefined;
  const kept = items.filter((item) => !isCrossReference(item.key, ctx.crossrefPrefixes));
  if (kept.length === 0) return { end: close + 1 };
  const citation: KeyCitation = { kind: 'key', bracketed: true, range: { start: open, end: close + 1 }, items: kept };
  return { citation, end: close + 1 };
}

/** `@a`, `@a [p. 33]`, `@a [@b]`, `@a [p. 3; @b]`: in-text key with optional locator. */
function inTextCitation(ctx: Context, at: number): Attempt {
  const key = keyAt(ctx, at, false);
  if (!key) return undefined;
  if (ctx.exampleLabels.has(key.key)) return { end: key.end };
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
        items = [{ ...item, suffix: detached(cleanSuffix(ctx.text.slice(parts[0][0], parts[0][1]))) }, ...rest];
        end = locator.close + 1;
      }
    }
  }
  const kept = items.filter((i) => !isCrossReference(i.key, ctx.crossrefPrefixes));
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

/** Where a citation may start, or an escape: `\\`, `[`, `@`. */
const CITATION_SYNTAX = /[\\[@]/g;

/** The citations starting in [from, to), in order. */
function parseRange(ctx: Context, spans: readonly OffsetRange[], from: number, to: number): Citation[] {
  const text = ctx.text;
  const out: Citation[] = [];
  let spanIndex = lowerBound(spans, from, (s) => s.end);
  for (let i = nextOf(text, CITATION_SYNTAX, from, to); i < to; i = nextOf(text, CITATION_SYNTAX, i, to)) {
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
    const attempt = c === 0x5b ? (bracketedKeyCitation(ctx, i) ?? numericCitation(ctx, i)) : inTextCitation(ctx, i);
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
 * by offset. `options` carries what the document's metadata declares (custom cross-reference
 * prefixes). Never throws: on an unexpected error it returns what it found so far (nothing).
 */
export function parseCitations(text: string, scan: MarkdownScan, options: ParseOptions = {}): Citation[] {
  try {
    return parseRange(parseContext(text, scan, options), scan.excluded, 0, text.length);
  } catch {
    return [];
  }
}

/**
 * The citations of one self-contained part of a text (a paragraph between blank lines, which
 * no citation crosses), as `parseCitations` of the whole text finds them there; for the
 * incremental parse. Undefined on an unexpected error, so the caller parses in full.
 */
export function parseCitationsWithin(
  text: string,
  scan: MarkdownScan,
  within: OffsetRange,
  options: ParseOptions = {},
): Citation[] | undefined {
  try {
    return parseRange(parseContext(text, scan, options, within), scan.excluded, within.start, within.end);
  } catch {
    return undefined;
  }
}
