/**
 * The scan's LaTeX environment rule (latex.ts, `latexEnvironmentRule`) returns at once at a
 * line that does not start with `\`: it runs at every line of every paragraph, as one that
 * may end it. The scan must be what the rule gave when it matched its pattern against every
 * line (the reference below, the rule as it was): on the real documents and on random
 * Markdown of environments, commands, indents, blank lines and paragraphs. Seeded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { latexEnvironmentRule, type BlockRule } from '../server/src/core/markdown/latex';
import { parser } from '../server/src/core/markdown/parser';
import { scanMarkdown } from '../server/src/core/markdown/scan';
import type { MarkdownScan } from '../server/src/core/markdown/syntax';
import { SEED } from './util/arbitraries';
import { REAL_DOCUMENTS } from './util/realDocuments';

const BEGIN = /^\\begin\{([A-Za-z@]+\*?)\}/;

/** The rule before the early return: its pattern tried on every line. */
const referenceRule: BlockRule = (state, startLine, endLine, silent) => {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const pos = state.bMarks[startLine] + state.tShift[startLine];
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

type RuleList = { __rules__: Array<{ name: string; fn: BlockRule }>; __cache__: unknown };

/** The scan with the reference rule in the shared parser for the call. */
function referenceScan(text: string): MarkdownScan {
  const ruler = parser().block.ruler as unknown as RuleList;
  const entry = ruler.__rules__.find((r) => r.name === 'latex_environment')!;
  assert.equal(entry.fn, latexEnvironmentRule);
  // The ruler keeps its rule chains compiled: dropped, they are made again with the swap.
  entry.fn = referenceRule;
  ruler.__cache__ = null;
  try {
    return scanMarkdown(text);
  } finally {
    entry.fn = latexEnvironmentRule;
    ruler.__cache__ = null;
  }
}

test('real documents: the same scan as trying the pattern on every line', () => {
  for (const [name, text] of REAL_DOCUMENTS) assert.deepEqual(scanMarkdown(text), referenceScan(text), name);
});

test('random Markdown of environments and paragraphs: the same scan as trying the pattern on every line', () => {
  const piece = fc.constantFrom(
    '\\begin{equation}',
    '\\end{equation}',
    '\\begin{align*}',
    '\\end{align*}',
    '\\begin{x}',
    '\\end{x}',
    '\\emph{a}',
    '\\',
    '\\begin',
    'text [@key] ',
    'word',
    ' ',
    '    ',
    '\t',
    '\n',
    '\n\n',
    '> ',
    '- ',
    '# ',
    '$$',
    '`',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(scanMarkdown(text), referenceScan(text));
    }),
    { seed: SEED, numRuns: 2000 },
  );
});
