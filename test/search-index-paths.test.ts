/**
 * A large file's index (`loadedFileIndexBuilder`, made in its load) reads its key, DOI and
 * family-name columns off its entry texts; the background build (`buildSearchIndex`) makes the
 * keys and DOIs from the entries. Any faster way of writing those columns must keep them the
 * same strings, chunk by chunk, with the same starts, as each field sliced off its text and
 * joined, and the rest of the index (texts, field ends, key order, places) the same as the
 * background build's, on the bibliography fixtures, the generated libraries and random entries
 * (across a chunk's end).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { BibEntry } from '../server/src/core/bibliography/cslItem';
import type { LibraryEntry } from '../server/src/core/bibliography/library';
import { parseBibliography } from '../server/src/core/bibliography/parse';
import { FIELD_ENDS, fieldRange } from '../server/src/core/bibliography/searchFields';
import { buildSearchIndex, Column, loadedFileIndexBuilder, type SearchIndexData } from '../server/src/core/bibliography/searchIndex';
import { bibliographyFormatOf } from '../server/src/core/fileKinds';
import { SEED } from './util/arbitraries';
import { fixtureFiles, REPO_ROOT } from './util/fixture';
import { generatedItems, libraryEntry, readItems } from './util/libraryEntries';

const at = { start: 0, end: 0 };
const entryOf = (key: string, item: Record<string, unknown>): BibEntry => ({
  key,
  item: item as unknown as BibEntry['item'],
  uri: 'file:///x.bib',
  range: at,
  keyRange: at,
});

function loadedIndex(entries: readonly BibEntry[]): SearchIndexData<BibEntry> {
  const steps = loadedFileIndexBuilder(entries);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A column's chunks and starts (private: compared as the strings and numbers they are). */
const layout = (column: Column) => {
  const { chunks, starts } = column as unknown as { chunks: string[]; starts: Int32Array };
  return { chunks, starts: [...starts] };
};

/** The column of a field as it was made: each entry's field sliced off its text, in key order, joined. */
function slicedColumn(index: SearchIndexData<BibEntry>, name: 'key' | 'doi' | 'families'): Column {
  return new Column(
    Array.from(index.byKeyRank, (i) => {
      const [start, end] = fieldRange(index.ends, i * FIELD_ENDS, name);
      return index.texts.part(i, start, end);
    }),
  );
}

function assertSameIndex(entries: readonly BibEntry[], what: string): void {
  const loaded = loadedIndex(entries);
  const built = buildSearchIndex(entries as readonly LibraryEntry[]);
  const columns = { key: loaded.keys, doi: loaded.dois, families: loaded.families };
  for (const name of ['key', 'doi', 'families'] as const)
    assert.deepEqual(layout(columns[name]), layout(slicedColumn(loaded, name)), `${what}: ${name} column`);
  assert.deepEqual(layout(loaded.keys), layout(built.keys), `${what}: keys as the background build's`);
  assert.deepEqual(layout(loaded.dois), layout(built.dois), `${what}: DOIs as the background build's`);
  assert.deepEqual(layout(loaded.families), layout(built.families), `${what}: families as the background build's`);
  assert.deepEqual(layout(loaded.texts), layout(built.texts), `${what}: texts`);
  assert.deepEqual([...loaded.ends], [...built.ends], `${what}: field ends`);
  assert.deepEqual([...loaded.byKeyRank], [...built.byKeyRank], `${what}: key order`);
  assert.deepEqual([...loaded.keyRanks], [...built.keyRanks], `${what}: key ranks`);
  assert.deepEqual([...loaded.builtin], [...built.builtin], `${what}: built-in flags`);
  assert.deepEqual([...loaded.place], [...built.place], `${what}: places`);
}

test('every bibliography fixture and the built-in corpus give the same columns', () => {
  const files = fixtureFiles((name) => bibliographyFormatOf(name) !== undefined);
  assert.ok(files.length >= 15, `${files.length} files`);
  for (const file of files) {
    const parsed = parseBibliography(readFileSync(file, 'utf8'), `file://${file}`, bibliographyFormatOf(file)!);
    assertSameIndex(parsed.entries, path.relative(REPO_ROOT, file));
  }
  const builtin = readItems(REPO_ROOT, 'references', 'review-55.json').map((item) => libraryEntry(String(item.id), item, 'builtin'));
  assertSameIndex(builtin, 'built-in corpus');
});

test('the generated libraries (1k and 3k, over two chunks) give the same columns', () => {
  for (const count of [1000, 3000]) {
    const entries = generatedItems(count).map((item) => entryOf(String(item.id), item));
    assertSameIndex(entries, `generated ${count}`);
  }
});

const pieces = [
  'a',
  'Z',
  ' ',
  '-',
  '1',
  '王',
  '小明',
  'é',
  'Müller',
  'e\u0301',
  'ﬁ',
  'Ａ',
  '\n',
  '\r',
  '\u0000',
  '𠀀',
  '\ud800',
  '\udc00',
  'Σ',
  'β',
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((p) => p.join(''));
const value = fc.oneof(text, fc.integer(), fc.constant(undefined));
const name = fc.record({ family: value, given: value, literal: fc.option(text, { nil: undefined, freq: 5 }) }, { requiredKeys: [] });
const item = fc.record(
  { author: fc.array(name, { maxLength: 3 }), editor: fc.array(name, { maxLength: 1 }), title: value, DOI: value },
  { requiredKeys: [] },
);

test('random entries, repeated past a chunk, give the same columns', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(text, item), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 1100 }), (made, count) => {
      const entries = Array.from({ length: count }, (_, i) => {
        const [key, it] = made[i % made.length];
        // Keys repeat and share prefixes: the key order's ties are broken by place.
        return entryOf(i % 3 === 0 ? key : `${key}${i % 7}`, it);
      });
      assertSameIndex(entries, 'random');
    }),
    { seed: SEED, numRuns: 40 },
  );
});
