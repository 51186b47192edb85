/**
 * The scan's parser makes markdown-it's block state with `lineIndexedState` (blockState.ts),
 * which finds lines with `indexOf` instead of markdown-it's loop over every character. The
 * state must be markdown-it's own field for field (line marks, indents, every other field)
 * and the tokens of a parse the same: on the real documents and on random text of blanks,
 * tabs, line breaks (a text ending in blanks, a text of blanks only) and Markdown block syntax.
 * Seeded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { lineIndexedState, type StateBlockConstructor } from '../server/src/core/markdown/blockState';
import { parser, type ScanEnv } from '../server/src/core/markdown/parser';
import { hostileManuscript, SEED } from './util/arbitraries';
import { REAL_DOCUMENTS } from './util/realDocuments';

const Original = new MarkdownIt().block.State as unknown as StateBlockConstructor;
const LineIndexed = lineIndexedState(Original);

function assertSameState(text: string, what: string): void {
  const md = {};
  const env = {};
  const tokens: unknown[] = [];
  const expected = new Original(text, md, env, tokens);
  const actual = new LineIndexed(text, md, env, tokens);
  assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected), what);
  assert.deepEqual({ ...actual }, { ...expected }, what);
}

/** The tokens of a parse by the scan's parser, with markdown-it's own block state or with `lineIndexedState`. */
function tokensWith(State: StateBlockConstructor, text: string): string {
  const block = parser().block as unknown as { State: StateBlockConstructor };
  const kept = block.State;
  block.State = State;
  try {
    const env: ScanEnv = { spans: [], referenceLines: [], spansByToken: new Map() };
    const tokens = parser().parse(text, env);
    return JSON.stringify({ tokens, spans: [...env.spansByToken.values()], lines: env.referenceLines });
  } finally {
    block.State = kept;
  }
}

const BLOCKY = [
  'a',
  'word',
  ' ',
  '  ',
  '    ',
  '\t',
  ' \t',
  '\n',
  '\n\n',
  '# h',
  '> q',
  '- i',
  '1. i',
  '```',
  '~~~',
  '---',
  '| a | b |',
  '<div>',
  '[@k]',
  '$$',
  'é',
  '中',
];

test('real documents: the same state and the same tokens', () => {
  for (const [name, text] of REAL_DOCUMENTS) {
    assertSameState(text, name);
    assert.equal(tokensWith(LineIndexed, text), tokensWith(Original, text), name);
  }
});

test('random text: the same state', () => {
  const text = fc.array(fc.constantFrom(...BLOCKY), { maxLength: 40 }).map((pieces) => pieces.join(''));
  fc.assert(
    fc.property(text, (t) => assertSameState(t, JSON.stringify(t))),
    { seed: SEED, numRuns: 5000 },
  );
  for (const t of ['', ' ', '\t', '  \t ', '\n', ' \n', '\n ', 'a\n  ', 'a\n\t', 'a', 'a\n', '\n\n\n', ' a', '\ta\n  \tb'])
    assertSameState(t, JSON.stringify(t));
});

test('random manuscripts: the same tokens', () => {
  const text = fc.oneof(
    hostileManuscript(),
    fc.array(fc.constantFrom(...BLOCKY), { maxLength: 60 }).map((pieces) => pieces.join('')),
  );
  fc.assert(
    fc.property(text, (t) => assert.equal(tokensWith(LineIndexed, t), tokensWith(Original, t))),
    { seed: SEED, numRuns: 1000 },
  );
});

test("the scan's parser uses it", () => {
  const State = (parser().block as unknown as { State: StateBlockConstructor }).State;
  assert.notEqual(State, Original);
  assert.equal(State.prototype, Original.prototype);
});
