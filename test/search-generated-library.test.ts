/**
 * Ranking through the index (search.ts) over the benchmark's seeded library (bench/generate.mjs:
 * 3,000 works with shared surnames, Chinese names, DOIs and repeated works) and the built-in
 * corpus, as completion asks for it: the best 1, 10 or 100 while typing, with cited keys
 * anywhere in key order. The index reads the first scores off key-ordered columns and stops
 * once the best are known (`tierInKeyOrder`); it must rank exactly as a search of every entry.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { LibraryEntry } from '../server/src/core/bibliography/library';
import { rankEntries } from '../server/src/core/bibliography/search';
import { SEED } from './util/arbitraries';
import { REPO_ROOT } from './util/fixture';
import { freshIndex, generatedItems, libraryEntry, readItems } from './util/libraryEntries';

const generated = generatedItems(3000).map((item) => libraryEntry(String(item.id), item, 'setting'));
const entries: LibraryEntry[] = [
  ...generated,
  ...readItems(REPO_ROOT, 'references', 'review-55.json').map((item) => libraryEntry(`builtin-${String(item.id)}`, item, 'builtin')),
];

const keys = generated.map((e) => e.key);
/** What the benchmark types, and more: key starts, surnames, Chinese names and titles, DOI prefixes, years. */
const pieces = [
  ...keys.filter((_, i) => i % 300 === 0).map((k) => k.slice(0, 9)),
  ...[
    'muller',
    'pérez',
    'Søndergaard',
    'zhang',
    'cohort',
    '王小明',
    '王',
    '结直肠癌',
    'interleukin',
    'gut',
    '2011',
    '10.4',
    '10.',
    '1',
    'kim',
    'builtin',
  ],
  ...[' ', '-', '.', 'a', 's', 'g', '2'],
];
const keystrokes = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.integer({ min: -4, max: -1 })), { minLength: 1, maxLength: 5 });
/** Cited keys spread over the key order (late keys are the ones an early stop would miss). */
const citedKeys = fc.subarray([...keys.filter((_, i) => i % 97 === 0), ...keys.slice(-20), 'builtin-3', 'builtin-40']);

const shown = (ranked: ReturnType<typeof rankEntries>) => ranked.map((r) => `${r.entry.key}:${r.score}`);

test('typing over the generated library ranks as a search of every entry, for any limit and cited keys', () => {
  fc.assert(
    fc.property(keystrokes, citedKeys, fc.constantFrom(1, 10, 100), (strokes, cited, limit) => {
      const index = freshIndex(entries);
      const citedSet = new Set(cited);
      const check = (typed: string) =>
        assert.deepEqual(
          shown(rankEntries(index, typed, citedSet, limit)),
          shown(rankEntries([...index], typed, citedSet, limit)),
          `typed ${JSON.stringify(typed)}, limit ${limit}`,
        );
      let typed = '';
      for (const stroke of strokes) {
        if (typeof stroke === 'number') {
          typed = typed.slice(0, Math.max(0, typed.length + stroke));
          check(typed);
        } else
          for (const character of stroke) {
            typed += character;
            check(typed);
          }
      }
    }),
    { seed: SEED, numRuns: 30 },
  );
});

test('a cited key past the first hundred in key order still comes first among equal scores', () => {
  const index = freshIndex(entries);
  // Every generated key holds a year with a 1 or a 2: thousands score alike, and the cited one is among the last.
  const late = [...keys].sort().at(-1)!;
  const digit = ['1', '2'].find((d) => late.includes(d))!;
  const ranked = rankEntries(index, digit, new Set([late]), 100);
  assert.equal(ranked[0].entry.key, late);
  assert.deepEqual(shown(ranked), shown(rankEntries([...index], digit, new Set([late]), 100)));
});

test('every one- and two-character text ranks as a search of every entry (tiers filled in part, then overflowing)', () => {
  const index = freshIndex(entries);
  const alphabet = [...'aeimnorsuz0129'];
  const texts = [...alphabet, ...alphabet.flatMap((a) => alphabet.map((b) => a + b))];
  const cited = new Set(keys.filter((_, i) => i % 250 === 0));
  for (const limit of [10, 100])
    for (const typed of texts)
      assert.deepEqual(shown(rankEntries(index, typed, cited, limit)), shown(rankEntries([...index], typed, cited, limit)), typed);
});

test('while the index is built, the first characters typed rank as a search of every entry', () => {
  // A fresh index is still being built when it is first searched: a key or DOI prefix that
  // fills the list is answered from the key columns, anything else finishes the build.
  const cited = new Set([[...keys].sort().at(-1)!, 'builtin-3']);
  for (const typed of ['s', 'sn', 'm', 'mu', '1', '10.', 'k', 'zz', '王', 'muller 19'])
    for (const limit of [1, 10, 100])
      assert.deepEqual(
        shown(rankEntries(freshIndex(entries), typed, cited, limit)),
        shown(rankEntries([...entries], typed, cited, limit)),
        typed,
      );
});
