/**
 * Pandoc's `tex_math_dollars` as a markdown-it inline rule, so that math is a span of its own
 * (excluded from citation and term search) rather than text.
 */
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import { isWhitespace } from './sourceLines';

/** A markdown-it inline rule. */
export type InlineRule = (state: StateInline, silent: boolean) => boolean;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * `$$...$$`, or `$...$` where the opener is not followed by whitespace and the closer is not
 * preceded by whitespace nor followed by a digit (so "US$5 and $6" is not math).
 */
export const mathRule: InlineRule = (state, silent) => {
  const src = state.src;
  const start = state.pos;
  const max = state.posMax;
  if (src.charCodeAt(start) !== 0x24) return false;
  if (src.charCodeAt(start + 1) === 0x24) {
    let close = src.indexOf('$$', start + 2);
    while (close >= 0 && close < max && src.charCodeAt(close - 1) === 0x5c) close = src.indexOf('$$', close + 1);
    if (close < 0 || close + 2 > max || close === start + 2) return false;
    if (!silent) state.push('math_block_inline', 'math', 0).content = src.slice(start + 2, close);
    state.pos = close + 2;
    return true;
  }
  const next = src.charCodeAt(start + 1);
  if (start + 1 >= max || isWhitespace(next)) return false;
  const close = nextMathCloser(state, start + 2);
  if (close < 0) return false;
  if (!silent) state.push('math_inline', 'math', 0).content = src.slice(start + 1, close);
  state.pos = close + 1;
  return true;
};

/**
 * Whether a `$` can close inline math depends only on its neighbours, not on the opener, so
 * the next candidate is cached on the state: a paragraph full of lone `$` stays linear.
 */
function nextMathCloser(state: StateInline, from: number): number {
  const cache = state as unknown as { citokineMathCloser?: { from: number; at: number } };
  const known = cache.citokineMathCloser;
  if (known && known.from <= from && (known.at < 0 || known.at >= from)) return known.at;
  const src = state.src;
  const max = state.posMax;
  let at = -1;
  for (let i = src.indexOf('$', from); i >= 0 && i < max; i = src.indexOf('$', i + 1)) {
    if (src.charCodeAt(i - 1) === 0x5c) continue;
    if (isWhitespace(src.charCodeAt(i - 1))) continue;
    if (i + 1 < max && isDigit(src.charCodeAt(i + 1))) continue;
    at = i;
    break;
  }
  cache.citokineMathCloser = { from, at };
  return at;
}
