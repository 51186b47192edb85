/**
 * Ranking narrows each keystroke's search to the previous keystroke's matches (search.ts,
 * `narrows`): typing, deleting and retyping must rank exactly as a search of the whole library
 * does. Property test over the deep-review's 635 real CSL-JSON entries and the built-in corpus,
 * with what writers type: keys, names with accents, Chinese, years, DOIs, spaces and punctuation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { LibraryEntry } from '../server/src/core/bibliography/library';
import { rankEntries, type IndexedEntry } from '../server/src/core/bibliography/search';
import { SEED } from './util/arbitraries';
import { FIXTURES_ROOT, REPO_ROOT } from './util/fixture';
import { freshIndex, libraryEntry, readItems } from './util/libraryEntries';

const read = readItems;
const entry = libraryEntry;
const entries: LibraryEntry[] = [
  ...read(FIXTURES_ROOT, 'deep-review', 'references.json').map((item) => entry(String(item.id), item, 'setting')),
  ...read(REPO_ROOT, 'references', 'review-55.json').map((item) => entry(`builtin-${String(item.id)}`, item, 'builtin')),
];

/** Pieces a writer types: parts of real keys, names, title words and DOIs, and the characters between them. */
const pieces = [
  ...entries.slice(0, 40).map((e) => e.key.slice(0, 8)),
  ...[
    'müller',
    'pérez',
    'Zhang',
    '王',
    '白细胞介素',
    '结直肠',
    'interleukin',
    'il6',
    'IL-6',
    'stat3',
    'cancer',
    'cohort',
    '2019',
    '20',
    '10.1',
    '10.10',
    'gut',
    'nat',
  ],
  ...[' ', '-', '.', '/', ',', '_', ':', 'é', 'e\u0301', 'Σ', 'ς', 'ß', 'ﬁ', '1', 'a', 'z', 'x'],
];

/** A keystroke: type a piece one character at a time, or delete a few characters. */
const keystrokes = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.integer({ min: -4, max: -1 })), { minLength: 1, maxLength: 6 });

function check(index: readonly IndexedEntry[], typed: string, cited: ReadonlySet<string>): void {
  // A copy of the list has no recent queries: the search of every entry.
  const expected = rankEntries([...index], typed, cited, 25).map((r) => `${r.entry.key}:${r.score}`);
  const actual = rankEntries(index, typed, cited, 25).map((r) => `${r.entry.key}:${r.score}`);
  assert.deepEqual(actual, expected, `typed ${JSON.stringify(typed)}`);
}

test('typing and deleting rank as a search of the whole library', () => {
  fc.assert(
    fc.property(keystrokes, fc.subarray(entries.slice(0, 60).map((e) => e.key)), (strokes, citedKeys) => {
      const index = freshIndex(entries);
      const cited = new Set(citedKeys);
      let typed = '';
      for (const stroke of strokes) {
        if (typeof stroke === 'number') {
          typed = typed.slice(0, Math.max(0, typed.length + stroke));
          check(index, typed, cited);
        } else
          for (const character of stroke) {
            typed += character;
            check(index, typed, cited);
          }
      }
    }),
    { seed: SEED, numRuns: 40 },
  );
});

test('a longer query narrows to fewer entries yet finds all of them', () => {
  const index = freshIndex(entries);
  for (const typed of ['i', 'in', 'int', 'inte', 'interleukin', 'interleukin 6', 'interleukin 6 c', '1', '10', '10.', '10.1', '10.10'])
    check(index, typed, new Set());
  assert.ok(rankEntries(index, 'interleukin 6 c', new Set()).length > 0);
});
