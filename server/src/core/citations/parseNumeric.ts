/**
 * Numeric citations: `[1]`, `[1-6]`, `[1, 3-5]`, `[1]-[6]`. Numbers above 999 (`[2020]`),
 * decimals (`[1.5]`), brackets starting with a dash (`[-8]`, `[-1, 1]`) and brackets holding
 * 0 with other numbers (`[0, 1]`) are not citations (years, intervals); `[0]` alone, `[8-]`,
 * `[13-8]`, `[3-3]`, `[1,,2]` and `[1 2]` are malformed.
 */
import type { MalformedCitation, NumericCitation, NumericItem } from '../markdown/syntax';
import type { OffsetRange } from '../text/textRange';
import { groupClose, type Attempt, type Context } from './parseContext';

/** Largest number read as a reference number: `[2020]` is a year. */
const MAX_REFERENCE_NUMBER = 999;
/** Longest numeric group considered. */
const MAX_NUMERIC_GROUP_LENGTH = 200;
const NUMERIC_SEPARATORS = ',，、;；';
const NUMERIC_DASHES = '-‐‑–—−~～－';

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
  for (let i = open + 1; i < close;) {
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

type NumericParse = { readonly ok: true; readonly items: NumericItem[] } | { readonly ok: false; readonly message: string } | undefined;

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

/** A numeric (or malformed numeric) citation at the `[` at `open`. */
export function numericCitation(ctx: Context, open: number): Attempt {
  const close = groupClose(ctx, open);
  if (close === undefined || close - open > MAX_NUMERIC_GROUP_LENGTH) return undefined;
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
