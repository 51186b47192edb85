/**
 * The search index (searchIndex.ts) ranks exactly as a search of every entry does: the same
 * entries, scores and order, for the first characters typed (answered from the key, name and
 * DOI columns alone), rare texts (found through the text columns) and every limit. Property
 * test over the deep-review's real CSL-JSON entries, each also under a few more keys (so that
 * a prefix matches more entries than a completion list holds and the columns span several
 * chunks), and the built-in corpus.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Library, LibraryEntry } from '../server/src/core/bibliography/library';
import { prepareSearchIndex, rankEntries, searchIndex } from '../server/src/core/bibliography/search';
import { Column } from '../server/src/core/bibliography/searchIndex';
import { SEED } from './util/arbitraries';
import { FIXTURES_ROOT, REPO_ROOT } from './util/fixture';
import { libraryEntry, readItems } from './util/libraryEntries';

const read = readItems;
const entry = libraryEntry;
const real = read(FIXTURES_ROOT, 'deep-review', 'references.json');
const entries: LibraryEntry[] = [
  ...['', 'b', 'Zhang', '-x'].flatMap((suffix) => real.map((item) => entry(`${String(item.id)}${suffix}`, item, 'setting'))),
  ...read(REPO_ROOT, 'references', 'review-55.json').map((item) => entry(`builtin-${String(item.id)}`, item, 'builtin')),
];
const library: Library = {
  byKey: new Map(entries.map((e) => [e.key, e])),
  sources: [],
  numbered: { kind: 'none', size: 0 },
  builtinNumbers: new Map(),
};
const index = searchIndex(library);

/** What writers type: starts of real keys, names, title words, DOIs, and characters between them. */
const pieces = [
  ...real.slice(0, 30).map((item) => String(item.id).slice(0, 3)),
  ...['a', 'b', 'c', 'e', 'i', 'l', 'm', 's', 'w', 'z', '1', '2', '0', '10.', '10.1', 'zh', 'zhang', 'li', 'wang', 'smith', 'müller'],
  ...['王', '细胞', 'interleukin', 'cancer', 'gut', 'nat', 'cell', '2019', 'doi', 'il-6', 'stat3'],
  ...['doi ', 'tag ', 'pmid ', 'url '],
  ...[' ', '-', '.', '/', '_', ':', 'é', '\n', '\u0000'],
];
const typed = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
const shown = (ranked: ReturnType<typeof rankEntries>) => ranked.map((r) => `${r.entry.key}:${r.score}`);

test('the index ranks as a search of every entry, for every limit', () => {
  fc.assert(
    fc.property(typed, fc.subarray(entries.slice(0, 80).map((e) => e.key)), fc.constantFrom(1, 10, 100, Infinity), (text, keys, limit) => {
      const cited = new Set(keys);
      // Every prefix, as typing asks, so that narrowing from the previous query is checked too.
      for (let end = 0; end <= text.length; end++) {
        const prefix = text.slice(0, end);
        assert.deepEqual(shown(rankEntries(index, prefix, cited, limit)), shown(rankEntries([...index], prefix, cited, limit)), prefix);
      }
    }),
    { seed: SEED, numRuns: 60 },
  );
});

test('a column finds every entry holding a text once, across chunks', () => {
  const segments = Array.from({ length: 2600 }, (_, i) => (i % 7 === 0 ? `key${i}\nabc` : `key${i}`));
  const column = new Column(segments);
  const found: number[] = [];
  column.find('abc', (i) => found.push(i));
  assert.deepEqual(
    found,
    segments.flatMap((s, i) => (s.includes('abc') ? [i] : [])),
  );
  const prefixed: number[] = [];
  column.find('\nkey25', (i) => prefixed.push(i));
  assert.deepEqual(
    prefixed,
    segments.flatMap((s, i) => (s.startsWith('key25') ? [i] : [])),
  );
  assert.equal(column.text(1030), 'key1030');
  assert.equal(column.text(2599), 'key2599');
  assert.equal(column.text(1029), 'key1029\nabc');
});

test('an index built in the background, or finished by a request during the build, ranks as one built at once', async () => {
  const copy = (): Library => ({ ...library, byKey: new Map(library.byKey) });
  const background = copy();
  prepareSearchIndex(background);
  for (let turns = 0; turns < 20; turns++) await new Promise((resolve) => setTimeout(resolve, 0));
  const interrupted = copy();
  prepareSearchIndex(interrupted);
  for (const lib of [background, interrupted]) {
    const list = searchIndex(lib);
    assert.equal(searchIndex(lib), list, 'the index is kept');
    for (const typed of ['', 'z', 'zh', '10.1', 'cancer', '王', 'doi smith'])
      assert.deepEqual(shown(rankEntries(list, typed, new Set(), 20)), shown(rankEntries([...list], typed, new Set(), 20)), typed);
  }
});
