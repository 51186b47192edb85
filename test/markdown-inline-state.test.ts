/**
 * The scan's parser makes markdown-it's inline state with `mapCachedInlineState`
 * (inlineState.ts), whose skip cache is backed by a `Map`. A parse must give the same tokens,
 * spans and link labels as with markdown-it's own state: on the real documents and on random
 * text heavy in brackets, links, images, code and HTML, nested and unclosed. Seeded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { mapCachedInlineState, type StateInlineConstructor } from '../server/src/core/markdown/inlineState';
import { parser, type ScanEnv } from '../server/src/core/markdown/parser';
import { hostileManuscript, SEED } from './util/arbitraries';
import { REAL_DOCUMENTS } from './util/realDocuments';

const Original = new MarkdownIt().inline.State as unknown as StateInlineConstructor;

/** The tokens, spans and reference lines of a parse by the scan's parser with `State` as its inline state. */
function parsedWith(State: StateInlineConstructor, text: string): string {
  const inline = parser().inline as unknown as { State: StateInlineConstructor };
  const kept = inline.State;
  inline.State = State;
  try {
    const env: ScanEnv = { spans: [], referenceLines: [], spansByToken: new Map() };
    const tokens = parser().parse(text, env);
    return JSON.stringify({ tokens, spans: [...env.spansByToken.values()], lines: env.referenceLines, references: env.references });
  } finally {
    inline.State = kept;
  }
}

const INLINE = [
  'a',
  ' ',
  'word ',
  '[',
  ']',
  '[@k]',
  '[x](u)',
  '![i](u "t")',
  '[l][r]',
  '[r]: u\n',
  '(',
  ')',
  '`',
  '``',
  '<a>',
  '<u:x>',
  '$',
  '\\',
  '!',
  '\n',
  '\n\n',
  '*',
  '"',
  'é',
];

test('real documents: the same parse', () => {
  const LineCached = mapCachedInlineState(Original);
  for (const [name, text] of REAL_DOCUMENTS) assert.equal(parsedWith(LineCached, text), parsedWith(Original, text), name);
});

test('random text: the same parse', () => {
  const MapCached = mapCachedInlineState(Original);
  const text = fc.oneof(
    hostileManuscript(),
    fc.array(fc.constantFrom(...INLINE), { maxLength: 80 }).map((pieces) => pieces.join('')),
  );
  fc.assert(
    fc.property(text, (t) => assert.equal(parsedWith(MapCached, t), parsedWith(Original, t))),
    { seed: SEED, numRuns: 2000 },
  );
});

test("the scan's parser uses it, and its cache starts empty", () => {
  const State = (parser().inline as unknown as { State: StateInlineConstructor }).State;
  assert.notEqual(State, Original);
  assert.equal(State.prototype, Original.prototype);
  const state = new State('[a]', parser(), {}, []) as unknown as { cache: Record<number, number> };
  assert.equal(state.cache[1], undefined);
  state.cache[1] = 3;
  assert.equal(state.cache[1], 3);
});
