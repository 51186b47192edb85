/**
 * The search index's entry texts are written a chunk at a time, folded character by character
 * through a table (searchTexts.ts), instead of made one string per entry by `entrySearch`.
 * They must be the same texts and field ends, entry by entry, and a column of them must find
 * the same entries, on the benchmark's generated libraries (as CSL-JSON and as BibTeX read by
 * the parser), every bibliography fixture, every UTF-16 code alone, and random entries.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { BibEntry } from '../server/src/core/bibliography/cslItem';
import { parseBibliography } from '../server/src/core/bibliography/parse';
import { bibliographyFormatOf } from '../server/src/core/fileKinds';
import { entrySearch, FIELD_ENDS } from '../server/src/core/bibliography/searchFields';
import { GramSignatures } from '../server/src/core/bibliography/searchGrams';
import { buildSearchIndex, Column, loadedFileIndexBuilder, signatures } from '../server/src/core/bibliography/searchIndex';
import { TextWriter, writeEntryText } from '../server/src/core/bibliography/searchTexts';
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

/** The index a large file's load makes (`loadedFileIndexBuilder`), run to its end. */
function loadedIndex(entries: readonly BibEntry[]) {
  const steps = loadedFileIndexBuilder(entries);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Every entry's text and ends in the index equal `entrySearch`'s, and a column of those texts finds what the index's finds. */
function assertSameTexts(entries: readonly BibEntry[], what: string, queries: readonly string[] = []): void {
  const index = loadedIndex(entries);
  const oracle = entries.map((e) => entrySearch(e));
  for (let i = 0; i < entries.length; i++) {
    const ends = [...index.ends.subarray(i * FIELD_ENDS, (i + 1) * FIELD_ENDS)];
    assert.deepEqual(
      { text: index.texts.text(i), ends },
      { text: oracle[i].text, ends: [...oracle[i].ends] },
      `${what}: entry ${i} (${entries[i].key})`,
    );
  }
  const column = new Column(oracle.map((t) => t.text));
  for (const query of queries) {
    const found = (c: Column) => {
      const hits: number[] = [];
      c.find(query, (i) => void hits.push(i));
      return hits;
    };
    assert.deepEqual(found(index.texts), found(column), `${what}: find ${JSON.stringify(query)}`);
  }
}

const QUERIES = [
  '\nmu',
  'muller',
  'pérez',
  'perez',
  'zhang',
  '王',
  '王小明',
  '结直肠癌',
  'gut',
  '2011',
  '\n10.4',
  'a',
  ' ',
  'cohort tumour',
  'β',
  'tgf',
];

/** The benchmark's generated library as BibTeX (bench/generate.mjs, an ES module, so made in a child process). */
function generatedBibtex(count: number): string {
  const generator = JSON.stringify(path.join(REPO_ROOT, 'bench', 'generate.mjs'));
  const script = `import(${generator}).then((g) => process.stdout.write(g.toBibtex(g.generateWorks(${count}))))`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

test('the generated libraries (CSL-JSON, 1k and 10k) give the same texts', () => {
  for (const count of [1000, 10000]) {
    const entries = generatedItems(count).map((item) => entryOf(String(item.id), item));
    assertSameTexts(entries, `generated ${count}`, QUERIES);
  }
});

test('the generated 1k library read from BibTeX gives the same texts', () => {
  const parsed = parseBibliography(generatedBibtex(1000), 'file:///lib.bib', 'bibtex');
  assert.equal(parsed.entries.length, 1000);
  assertSameTexts(parsed.entries, 'generated BibTeX 1k', QUERIES);
});

test('every bibliography fixture, and the built-in corpus, give the same texts', () => {
  const files = fixtureFiles((name) => bibliographyFormatOf(name) !== undefined);
  assert.ok(files.length >= 15, `${files.length} files`);
  let entries = 0;
  for (const file of files) {
    const format = bibliographyFormatOf(file)!;
    const parsed = parseBibliography(readFileSync(file, 'utf8'), `file://${file}`, format);
    entries += parsed.entries.length;
    assertSameTexts(parsed.entries, path.relative(REPO_ROOT, file), QUERIES);
  }
  assert.ok(entries > 1000, `${entries} entries`);
  const builtin = readItems(REPO_ROOT, 'references', 'review-55.json').map((item) => libraryEntry(String(item.id), item, 'builtin'));
  assertSameTexts(builtin, 'built-in corpus', QUERIES);
  // A small library's index (made in the background, not in a load) is written the same way.
  const small = buildSearchIndex(builtin);
  builtin.forEach((e, i) => assert.equal(small.texts.text(i), entrySearch(e).text));
});

test('every UTF-16 code alone, in each field, gives the same text', () => {
  const entries: BibEntry[] = [];
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    const i = entries.length;
    entries.push(
      entryOf(`k${ch}`, {
        id: String(i),
        title: `a${ch}b ${ch}\u0323\u0301${ch}\u0345Ϲ${ch}`,
        'container-title': ch,
        author: [{ family: `x${ch}`, given: ch }, { literal: ch }, { family: `王${ch}`, given: `y${ch}` }],
        DOI: `10.1/${ch}`,
      }),
    );
  }
  assertSameTexts(entries, 'single codes');
});

const pieces = [
  ...[
    'a',
    'Z',
    ' ',
    '-',
    '.',
    '1',
    '王',
    '小明',
    '肿瘤',
    'é',
    'Müller',
    'e\u0301',
    '\u0323\u0301',
    'ﬁ',
    'Ａ',
    '，',
    '：',
    '\u3000',
    '。',
    '《',
  ],
  ...['ǅ', 'İ', 'ß', 'Σ', 'ς', 'ΣΑ', 'Ά', 'µ', '¼', '¨', 'ŉ', '–', '…', '‘', '\u2028', '\n', '\r', '\u0000', '\ufeff', '丽', 'ⅷ', '①'],
  ...['Ϲ', 'aϹ', '𠀀', '\ud800', '\udc00', '㐀', '\u{2f00}', 'TGF-$\\beta$', 'β', '\u0345', '\u0385'],
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((p) => p.join(''));
const value = fc.oneof(text, fc.integer(), fc.constant(undefined), fc.constant(null));
const name = fc.record(
  { family: fc.oneof(text, value), given: fc.oneof(text, value), literal: fc.option(text, { nil: undefined, freq: 5 }) },
  { requiredKeys: [] },
);
const issued = fc.oneof(
  fc.record({ 'date-parts': fc.constant([[2011]]) }),
  fc.record({ 'date-parts': fc.constant([['1999']]) }),
  fc.record({ literal: text }),
  fc.constant(undefined),
);
const item = fc.record(
  {
    author: fc.oneof(fc.array(name, { maxLength: 4 }), value),
    editor: fc.array(name, { maxLength: 2 }),
    title: value,
    'container-title': value,
    'container-title-short': value,
    journalAbbreviation: value,
    DOI: value,
    issued,
    custom: fc.record({
      number: fc.integer({ min: 1, max: 55 }),
      status: fc.constant('certain'),
      citedFor: fc.record({ en: text, zh: text }),
    }),
  },
  { requiredKeys: [] },
);

test('random entries (accents, Han, Greek, LaTeX, line breaks, surrogates, empty fields) give the same texts', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(text, item), { minLength: 1, maxLength: 6 }), (made) => {
      const entries = made.map(([key, it]) => entryOf(key, it));
      const out = new TextWriter();
      const ends = new Int32Array(entries.length * FIELD_ENDS);
      const starts: number[] = [];
      entries.forEach((e, i) => {
        starts.push(out.length);
        writeEntryText(out, e, ends, i * FIELD_ENDS);
      });
      const chunk = out.take();
      entries.forEach((e, i) => {
        const oracle = entrySearch(e);
        const end = i + 1 < entries.length ? starts[i + 1] : chunk.length;
        assert.equal(chunk.slice(starts[i] + 1, end), oracle.text);
        assert.deepEqual([...ends.subarray(i * FIELD_ENDS, (i + 1) * FIELD_ENDS)], [...oracle.ends]);
      });
    }),
    { seed: SEED, numRuns: 3000 },
  );
});

test('random entries over several chunks (2,100 entries) give the same texts and finds', () => {
  const made = fc.sample(fc.tuple(text, item), { seed: SEED, numRuns: 2100 });
  assertSameTexts(
    made.map(([key, it]) => entryOf(key, it)),
    'random 2,100',
    ['a', 'é', 'e', '王', 'σ', 'ς', '\n', ' 1', 'ß'],
  );
});

test("a large library's trigram signatures are those of the same texts", () => {
  const entries = generatedItems(3000).map((item) => entryOf(String(item.id), item));
  const fewest = signatures.fewestEntries;
  signatures.fewestEntries = 0;
  try {
    const index = loadedIndex(entries);
    const oracle = new GramSignatures().appended(entries.map((e) => entrySearch(e).text));
    assert.ok(index.grams);
    assert.deepEqual((index.grams as unknown as { chunks: Int32Array[] }).chunks, (oracle as unknown as { chunks: Int32Array[] }).chunks);
  } finally {
    signatures.fewestEntries = fewest;
  }
});
