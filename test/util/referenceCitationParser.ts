/**
 * The citation parser as it was before its scanners jumped between syntax characters with
 * native searches (commit 0e5196f: a loop over every character, with a binary search into the
 * excluded spans at each): the reference that test/citation-scan.test.ts compares the current
 * parser with. Test code only; kept as it was, so do not "fix" it.
 */
import type { Citation, CitationKeyItem, KeyCitation, MarkdownScan } from '../../server/src/core/markdown/syntax';
import { isCrossReference, mayPrecedeCitation, readKey } from '../../server/src/core/citations/keys';
import {
  containsAt,
  groupClose,
  ExcludedSpans,
  type Attempt,
  type Context,
  type ParseOptions,
} from '../../server/src/core/citations/parseContext';
import { numericCitation } from '../../server/src/core/citations/parseNumeric';
import { lowerBound, type OffsetRange } from '../../server/src/core/text/textRange';

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

/** Keys inside [start, end), skipping excluded spans, nested-bracket-free scan. */
function keysIn(ctx: Context, start: number, end: number): KeyMatch[] {
  const text = ctx.text;
  const keys: KeyMatch[] = [];
  for (let i = start; i < end;) {
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
  for (let i = start; i < end;) {
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
        prefix: n === 0 ? ctx.text.slice(ps, k.start).trim() : '',
        suffix: cleanSuffix(ctx.text.slice(k.end, suffixEnd)),
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
        items = [{ ...item, suffix: cleanSuffix(ctx.text.slice(parts[0][0], parts[0][1])) }, ...rest];
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

/** The citations starting in [from, to), in order. */
function parseRange(ctx: Context, spans: readonly OffsetRange[], from: number, to: number): Citation[] {
  const text = ctx.text;
  const out: Citation[] = [];
  let spanIndex = lowerBound(spans, from, (s) => s.end);
  for (let i = from; i < to;) {
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
 * by offset. `options` carries what the document's metadata declares (custom cross-reference
 * prefixes). Never throws: on an unexpected error it returns what it found so far (nothing).
 */
export function referenceParseCitations(text: string, scan: MarkdownScan, options: ParseOptions = {}): Citation[] {
  try {
    return parseRange(referenceParseContext(text, scan, options), scan.excluded, 0, text.length);
  } catch {
    return [];
  }
}

/**
 * The citations of one self-contained part of a text (a paragraph between blank lines, which
 * no citation crosses), as `parseCitations` of the whole text finds them there; for the
 * incremental parse. Undefined on an unexpected error, so the caller parses in full.
 */
export function referenceParseCitationsWithin(
  text: string,
  scan: MarkdownScan,
  within: OffsetRange,
  options: ParseOptions = {},
): Citation[] | undefined {
  try {
    return parseRange(referenceParseContext(text, scan, options, within), scan.excluded, within.start, within.end);
  } catch {
    return undefined;
  }
}

/** An example-list item marker `(@label)` at the start of a line (after any blockquote `>`). */
const EXAMPLE_MARKER = /^[ \t>]*\(@([\p{L}\p{N}_-]+)\)(?=[ \t]|$)/gmu;

/** The labels of the example lists of a text, skipping markers inside excluded spans (code). */
function exampleLabels(text: string, excluded: ExcludedSpans): Set<string> {
  const labels = new Set<string>();
  if (text.indexOf('(@') < 0) return labels;
  for (const m of text.matchAll(EXAMPLE_MARKER)) {
    const at = m.index + m[0].indexOf('(@');
    if (excluded.endAt(at) < 0) labels.add(m[1]);
  }
  return labels;
}

/**
 * Matches brackets in one linear pass; a blank line (paragraph break) forgets open ones, as a
 * citation never spans paragraphs.
 */
function matchBrackets(text: string, excluded: ExcludedSpans, ats: number[], within: OffsetRange): Map<number, number> {
  const matches = new Map<number, number>();
  const stack: number[] = [];
  let lineHasText = false;
  for (let i = within.start; i < within.end;) {
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

/**
 * The context of one manuscript's text and scan; `within`: only brackets and `@`s of that
 * self-contained part (a paragraph between blank lines) are matched.
 */
export function referenceParseContext(text: string, scan: MarkdownScan, options: ParseOptions = {}, within?: OffsetRange): Context {
  const excluded = new ExcludedSpans(scan.excluded);
  const ats: number[] = [];
  const brackets = matchBrackets(text, excluded, ats, within ?? { start: 0, end: text.length });
  return {
    text,
    excluded,
    brackets,
    ats,
    linkStarts: new Set((scan.links ?? []).map((l) => l.start)),
    entryMarkers: new Set((scan.referenceSection?.entries ?? []).map((e) => e.range.start)),
    crossrefPrefixes: options.crossrefPrefixes ?? [],
    exampleLabels: exampleLabels(text, excluded),
  };
}
