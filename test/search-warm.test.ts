/**
 * `prepareSearchIndex` searches a new index a few times once it is built (search.ts
 * `warmOnceBuilt`), so that the search's code is compiled before a writer's first keystrokes.
 * Those searches leave what any search leaves (a recent query's matches, which later queries
 * narrow): typing after them must rank exactly as a search of every entry, above all the
 * queries that narrow the warm-up's own (the middle entry's key, `10.`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Library, LibraryEntry } from '../server/src/core/bibliography/library';
import { prepareSearchIndex, rankEntries, searchIndex } from '../server/src/core/bibliography/search';
import { SEED } from './util/arbitraries';
import { REPO_ROOT } from './util/fixture';
import { generatedItems, libraryEntry, readItems } from './util/libraryEntries';

const own = generatedItems(3000).map((item) => libraryEntry(String(item.id), item, 'front-matter-file'));
const builtin = readItems(REPO_ROOT, 'references', 'review-55.json').map((item) =>
  libraryEntry(`builtin-${String(item.id)}`, item, 'builtin'),
);
const library: Library = {
  byKey: new Map([...own, ...builtin].map((e): [string, LibraryEntry] => [e.key, e])),
  sources: [],
  numbered: { kind: 'none', size: 0 },
  builtinNumbers: new Map(),
};
const entries = [...library.byKey.values()];
const middleKey = entries[entries.length >> 1].key;

const shown = (ranked: ReturnType<typeof rankEntries>) => ranked.map((r) => `${r.entry.key}:${r.score}`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('after the warm-up searches, typing ranks as a search of every entry', async () => {
  prepareSearchIndex(library);
  // The build and the warm-up run in timer turns; a 3,000-entry library needs well under this.
  await sleep(1500);
  const indexed = searchIndex(library);
  const pieces = [
    ...[1, 2, 3, 4, 6].map((n) => middleKey.slice(0, n)),
    middleKey,
    `${middleKey.slice(0, 2)} ${middleKey.slice(2, 4)}`,
    `${middleKey.slice(0, 2)} ${middleKey.slice(2, 5)}`,
    '10.',
    '10.4',
    '10.44',
    '',
    'muller',
    '王',
    '王小',
    'é',
    'pé',
    'pérez',
    'gut',
    ' ',
    'a',
  ];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }), fc.constantFrom(1, 10, 100), (queries, limit) => {
      for (const query of queries) {
        const cited = new Set([middleKey, 'builtin-3']);
        assert.deepEqual(shown(rankEntries(indexed, query, cited, limit)), shown(rankEntries(entries.slice(), query, cited, limit)), query);
      }
    }),
    { seed: SEED, numRuns: 150 },
  );
});
