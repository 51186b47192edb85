/**
 * A large bibliography file's search index is made as part of its load (searchLoading.ts),
 * and a library of that file and the built-in corpus takes it at once, extended by the
 * corpus's entries (`extendedIndex`). Ranking through it must equal a search of every entry,
 * at every point of the load; the entry texts it is made of (`entrySearch`, with its fast
 * paths for ASCII and Han) must equal the texts folded character by character.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { BibEntry } from '../server/src/core/bibliography/cslItem';
import type { Library, LibraryEntry } from '../server/src/core/bibliography/library';
import { rankEntries, searchIndex } from '../server/src/core/bibliography/search';
import { entrySearch, FIELD_ENDS, fold } from '../server/src/core/bibliography/searchFields';
import { Column } from '../server/src/core/bibliography/searchIndex';
import { fromLoadedFile, indexWhileLoading } from '../server/src/core/bibliography/searchLoading';
import { SEED } from './util/arbitraries';
import { fixture, REPO_ROOT } from './util/fixture';
import { generatedItems, libraryEntry, readItems } from './util/libraryEntries';

const at = { start: 0, end: 0 };
/** The file's entries as its parse gives them (no origin), 2,500 of the generated works. */
const parsed: BibEntry[] = generatedItems(2500).map((item) => ({
  key: String(item.id),
  item: item as unknown as BibEntry['item'],
  uri: 'file:///big.bib',
  range: at,
  keyRange: at,
}));
const builtin = readItems(REPO_ROOT, 'references', 'review-55.json').map((item) =>
  libraryEntry(`builtin-${String(item.id)}`, item, 'builtin'),
);

/** A library of the file's entries (as a library holds them: copies with their origin) and the built-in corpus. */
function libraryOf(entries: readonly BibEntry[], extra: readonly LibraryEntry[] = builtin): Library {
  const own = entries.map((e): LibraryEntry => ({ ...e, origin: 'front-matter-file' }));
  return {
    byKey: new Map([...own, ...extra].map((e) => [e.key, e])),
    sources: [
      {
        uri: 'file:///big.bib',
        origin: 'front-matter-file',
        declaredAs: 'big.bib',
        parsed: { uri: 'file:///big.bib', format: 'bibtex', entries, errors: [] },
      },
    ],
    numbered: { kind: 'none', size: 0 },
    builtinNumbers: new Map(),
  };
}

const shown = (ranked: ReturnType<typeof rankEntries>) => ranked.map((r) => `${r.entry.key}:${r.score}`);
const keys = parsed.map((e) => e.key);
const pieces = [
  ...keys.filter((_, i) => i % 250 === 0).map((k) => k.slice(0, 9)),
  ...['muller', 'pérez', 'zhang', 'cohort', '王小明', '王', '结直肠癌', 'gut', '2011', '10.4', '10.', '1', 'builtin', ' ', 'a', 's', '2'],
];
const keystrokes = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.integer({ min: -4, max: -1 })), { minLength: 1, maxLength: 5 });
const citedKeys = fc.subarray([...keys.filter((_, i) => i % 97 === 0), ...keys.slice(-10), 'builtin-3', 'builtin-40']);

const turns = (n: number) => new Promise<void>((resolve) => (n > 0 ? setTimeout(() => void turns(n - 1).then(resolve), 0) : resolve()));

test('a file indexed while it loads gives its library an index at once, which ranks as a search of every entry', async () => {
  const entries = parsed.slice();
  let pauses = 0;
  await indexWhileLoading(entries, async () => {
    pauses++;
  });
  assert.ok(pauses > 0, 'the index is made in turns');
  const library = libraryOf(entries);
  assert.ok(fromLoadedFile(library, [...library.byKey.values()]), 'the library takes the loaded file index');
  // The corpus's entries go after the file's in key order: texts that reach both.
  const cited = new Set(['builtin-3', keys[7]]);
  for (const typed of ['b', 'builtin', 'builtin-4', 'builtin 19', 'gut', '1', 'zz'])
    for (const limit of [1, 10, 100]) {
      const index = searchIndex(libraryOf(entries));
      assert.deepEqual(shown(rankEntries(index, typed, cited, limit)), shown(rankEntries([...index], typed, cited, limit)), typed);
    }
  fc.assert(
    fc.property(keystrokes, citedKeys, fc.constantFrom(1, 10, 100), (strokes, cited, limit) => {
      // A fresh library each run, so that one run does not narrow from another's queries.
      const index = searchIndex(libraryOf(entries));
      const citedSet = new Set(cited);
      let typed = '';
      for (const stroke of strokes) {
        typed = typeof stroke === 'number' ? typed.slice(0, Math.max(0, typed.length + stroke)) : typed + stroke;
        assert.deepEqual(
          shown(rankEntries(index, typed, citedSet, limit)),
          shown(rankEntries([...index], typed, citedSet, limit)),
          `typed ${JSON.stringify(typed)}, limit ${limit}`,
        );
      }
    }),
    { seed: SEED, numRuns: 30 },
  );
});

test('a library that is not the loaded file and the built-in corpus builds its own index, which ranks alike', async () => {
  const entries = parsed.slice(0, 1200);
  await indexWhileLoading(entries);
  const inline = libraryEntry('inline-1', { id: 'inline-1', title: 'Gut feelings', author: [{ family: 'Aaron' }] }, 'front-matter-inline');
  for (const library of [libraryOf(entries, [inline, ...builtin]), libraryOf(entries.slice(1))]) {
    const list = [...library.byKey.values()];
    assert.equal(fromLoadedFile({ ...library, sources: libraryOf(entries).sources }, list), undefined);
    const index = searchIndex(library);
    for (const typed of ['a', 'gut', 'mu', '1', 'builtin', 'zhang c'])
      assert.deepEqual(shown(rankEntries(index, typed, new Set(), 10)), shown(rankEntries([...index], typed, new Set(), 10)), typed);
  }
});

test('a column with segments appended holds what a column of them all holds', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ maxLength: 6 }), { maxLength: 2600 }),
      fc.nat(2600),
      fc.constantFrom('a', 'b', 'ab', '\na'),
      (all, cut, text) => {
        const segments = all.map((s) => s.replace(/\n/g, ' '));
        const split = Math.min(cut, segments.length);
        const whole = new Column(segments);
        const appended = new Column(segments.slice(0, split)).appended(segments.slice(split));
        const found = (column: Column) => {
          const hits: number[] = [];
          column.find(text, (i) => void hits.push(i));
          return hits;
        };
        assert.deepEqual(found(appended), found(whole));
        segments.forEach((s, i) => assert.equal(appended.text(i), s));
      },
    ),
    { seed: SEED, numRuns: 60 },
  );
});

test('completion at every turn of a large library load answers as a search of the library as then loaded', async () => {
  const lines = ['@string{jn = "Journal of Slices"}'];
  for (let i = 0; i < 6000; i++)
    lines.push(
      `@article{slice${i}, author = {M{\\"u}ller, Anna and Wang, Xiaoming}, title = {A long title about interleukin ${i} and the colorectal cancer cohort of many centres}, journal = jn, year = {${1990 + (i % 30)}}, doi = {10.4444/slices.${i}}, abstract = {${'An abstract of some length. '.repeat(8)}}}`,
    );
  const f = fixture(`%! main.md\n---\nbibliography: big.bib\n---\nSee [@slice1{|}]\n%! big.bib\n${lines.join('\n')}\n`);
  // What is typed after `[@`: a key prefix (first and last in key order) and words of the texts.
  const typings = ['slice1', 'slice999', 'interleukin5999', 'muller2019'];
  const answer = async (typed: string) => {
    const document = { uri: f.uri, text: f.text.replace('[@slice1]', `[@${typed}]`) };
    const position = { line: f.cursor!.line, character: f.cursor!.character - 'slice1'.length + typed.length };
    return ((await f.service.completion(document, position))?.items ?? []).map((i) => i.label).join();
  };
  const labels = async () => {
    const answers: string[] = [];
    for (const typed of typings) answers.push(await answer(typed));
    return answers;
  };
  const document = { uri: f.uri, text: f.text };
  const before = await labels();
  let loaded = false;
  const check = f.service.diagnostics(document).then(() => (loaded = true));
  const seen: [number, string][] = [];
  while (!loaded) {
    const k = seen.length % typings.length;
    seen.push([k, await answer(typings[k])]);
    await turns(1);
  }
  await check;
  const after = await labels();
  await turns(200);
  assert.deepEqual(await labels(), after, 'the same once the index is built');
  assert.match(after[0], /^slice1,slice10,/);
  assert.match(after[2], /^slice5999/);
  assert.ok(after[3].split(',').length > 50);
  assert.ok(seen.length > 1, `requests were answered while the library loaded (${seen.length})`);
  for (const [k, labels] of seen) assert.ok(labels === before[k] || labels === after[k], labels);
});

/** The entry text as the search folded it before its fast paths: each name and field folded with Unicode's decomposition and classes. */
function referenceText(entry: BibEntry): { text: string; ends: number[] } {
  const item = entry.item;
  const foldRef = (t: string) =>
    /^[\x00-\x7f]*$/.test(t)
      ? t.toLowerCase()
      : t
          .normalize('NFKD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase();
  const spacedRef = (t: string) =>
    ` ${foldRef(t)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()}`;
  const line = (t: string) => t.replace(/[\n\r]/g, ' ');
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const families: string[] = [];
  const others: string[] = [];
  for (const role of ['author', 'editor']) {
    const names = item[role];
    if (!Array.isArray(names)) continue;
    for (const n of names as { family?: unknown; given?: unknown; literal?: unknown }[]) {
      const family = typeof n.family === 'string' ? foldRef(n.family) : '';
      const given = typeof n.given === 'string' ? foldRef(n.given) : '';
      if (family) families.push(family);
      if (family && given && /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(family)) families.push(family + given);
      if (given) others.push(given);
      if (typeof n.literal === 'string') families.push(foldRef(n.literal));
    }
  }
  const key = line(entry.key.toLowerCase());
  const doi = line(typeof item.DOI === 'string' ? item.DOI.toLowerCase() : '');
  const year = /^\d{4}$/.test(str((item.issued as { 'date-parts'?: unknown[][] })?.['date-parts']?.[0]?.[0]))
    ? str((item.issued as { 'date-parts': unknown[][] })['date-parts'][0][0])
    : '';
  const rest = [
    others.join(' '),
    spacedRef(str(item.title)),
    year,
    spacedRef([str(item['container-title']), str(item['container-title-short']), str(item.journalAbbreviation)].join(' ')),
    doi,
    '',
  ].map(line);
  const fams = families.map(line);
  const ends = [key.length, key.length + fams.reduce((n, f) => n + 1 + f.length, 0)];
  for (let i = 0, end = ends[1]; i < rest.length - 1; i++) ends.push((end += 1 + rest[i].length));
  return { text: [key, ...fams, ...rest].join('\n'), ends };
}

const textPieces = [
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
  'ﬁ',
  'Ａ',
  '，',
  '：',
  '\u3000',
  'ǅ',
  'İ',
  'ß',
  'Σ',
  '\n',
  '\r',
  '\u0000',
  '丽',
  'ⅷ',
  '①',
  '𠀀',
  '\ud800',
];
const text = fc.array(fc.constantFrom(...textPieces), { maxLength: 8 }).map((p) => p.join(''));
const name = fc.record(
  {
    family: fc.option(text, { nil: undefined }),
    given: fc.option(text, { nil: undefined }),
    literal: fc.option(text, { nil: undefined, freq: 5 }),
  },
  { requiredKeys: [] },
);

test('an entry text made with the fast paths equals the text folded character by character', () => {
  fc.assert(
    fc.property(
      text,
      fc.array(name, { maxLength: 4 }),
      fc.array(name, { maxLength: 2 }),
      text,
      text,
      text,
      (key, author, editor, title, journal, doi) => {
        const entry: BibEntry = {
          key: key || 'k',
          item: {
            id: 'x',
            type: 'article',
            author,
            editor,
            title,
            'container-title': journal,
            DOI: doi,
            issued: { 'date-parts': [[2011]] },
          } as unknown as BibEntry['item'],
          uri: 'file:///x.bib',
          range: at,
          keyRange: at,
        };
        const made = entrySearch(entry);
        assert.deepEqual({ text: made.text, ends: [...made.ends] }, referenceText(entry));
        assert.equal(made.ends.length, FIELD_ENDS);
        assert.equal(
          fold(title),
          /^[\x00-\x7f]*$/.test(title)
            ? title.toLowerCase()
            : title
                .normalize('NFKD')
                .replace(/[\u0300-\u036f]/g, '')
                .toLowerCase(),
        );
      },
    ),
    { seed: SEED, numRuns: 2000 },
  );
});
