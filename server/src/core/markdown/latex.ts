/**
 * Pandoc's `raw_tex`: LaTeX in a Markdown manuscript is passed through, never read as prose.
 * A block `\begin{env}` ... `\end{env}` (even across blank lines) and an inline command with
 * its arguments (`\textit{...}`, `\cite[p. 3]{x}`) hold no citations and no terms.
 */
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type { InlineRule } from './math';

/** A markdown-it block rule. */
export type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

const BEGIN = /^\\begin\{([A-Za-z@]+\*?)\}/;
/** Longest run of bracketed arguments read after a command; keeps broken input linear. */
const MAX_ARGUMENT = 2000;

/** `\begin{env}` at a block start, through the line of its matching `\end{env}`; nothing if unclosed. */
export const latexEnvironmentRule: BlockRule = (state, startLine, endLine, silent) => {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const pos = state.bMarks[startLine] + state.tShift[startLine];
  // The rule runs at every line of every paragraph (it can end one); most start with no `\`.
  if (state.src.charCodeAt(pos) !== 0x5c || pos >= state.eMarks[startLine]) return false;
  const open = BEGIN.exec(state.src.slice(pos, state.eMarks[startLine]));
  if (!open) return false;
  const name = open[1].replace(/\*/g, '\\*');
  const marker = new RegExp(`\\\\(begin|end)\\{${name}\\}`, 'g');
  let depth = 0;
  for (let line = startLine; line < endLine; line++) {
    const text = state.src.slice(line === startLine ? pos : state.bMarks[line], state.eMarks[line]);
    for (let m = marker.exec(text); m; m = marker.exec(text)) depth += m[1] === 'begin' ? 1 : -1;
    marker.lastIndex = 0;
    if (depth > 0) continue;
    if (silent) return true;
    const token = state.push('latex_block', '', 0);
    token.map = [startLine, line + 1];
    state.line = line + 1;
    return true;
  }
  return false;
};

/** The end of a balanced `{...}` or `[...]` opening at `open`, or -1. */
function argumentEnd(src: string, open: number, max: number): number {
  const opener = src.charCodeAt(open);
  const closer = opener === 0x7b ? 0x7d : 0x5d;
  let depth = 0;
  for (let i = open; i < max && i - open < MAX_ARGUMENT; i++) {
    const c = src.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === opener) depth++;
    else if (c === closer && --depth === 0) return i + 1;
  }
  return -1;
}

/** `\command`, `\command*`, with the `{...}` and `[...]` arguments written right after it. */
export const latexInlineRule: InlineRule = (state, silent) => {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== 0x5c || !/[A-Za-z]/.test(src[start + 1] ?? '')) return false;
  let pos = start + 1;
  while (pos < state.posMax && /[A-Za-z]/.test(src[pos])) pos++;
  if (src[pos] === '*') pos++;
  while (pos < state.posMax && (src[pos] === '{' || src[pos] === '[')) {
    const end = argumentEnd(src, pos, state.posMax);
    if (end < 0) break;
    pos = end;
  }
  if (!silent) state.push('latex_inline', '', 0).content = src.slice(start, pos);
  state.pos = pos;
  return true;
};
