/**
 * Citation completion: where it answers, how it ranks (server-side, across key, authors,
 * title, year, journal, DOI and Chinese titles, cited works first) and what it gives
 * clients to keep that order. Each test is a fixture with a `{|}` cursor and the expected
 * first labels.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-types';
import { complete, fixture } from './util/fixture';
import { rangesIn, withoutRanges } from './util/markers';

/** Real entries from test/fixtures/deep-review/references.json, as BibTeX; one Chinese book (the test file's own, see languageService.test.ts). */
const BIB = `@article{stephens2015,
  author = {Stephens, Zachary D. and Lee, Skylar Y. and Faghri, Faraz},
  title = {Big Data: Astronomical or Genomical?},
  journal = {PLOS Biology},
  year = {2015},
  volume = {13},
  doi = {10.1371/journal.pbio.1002195}
}
@incollection{ronneberger2015,
  author = {Ronneberger, Olaf and Fischer, Philipp and Brox, Thomas},
  title = {U-Net: Convolutional Networks for Biomedical Image Segmentation},
  booktitle = {Lecture Notes in Computer Science},
  publisher = {Springer International Publishing},
  year = {2015},
  doi = {10.1007/978-3-319-24574-4_28}
}
@incollection{perezsianes2016,
  author = {Pérez-Sianes, Javier and Pérez-Sánchez, Horacio and Díaz, Fernando},
  title = {Virtual Screening: A Challenge for Deep Learning},
  booktitle = {Advances in Intelligent Systems and Computing},
  year = {2016},
  doi = {10.1007/978-3-319-40126-3_2}
}
@book{wang2019,
  author = {王, 小明},
  title = {细胞因子与肿瘤},
  publisher = {示例出版社},
  year = {2019}
}
`;

/** The manuscript comes last so that a body without a final newline ends the file. */
const WITH_BIB = (body: string) => `%! refs.bib\n${BIB}%! main.md\n---\nbibliography: refs.bib\n---\n${body}`;

const USER_KEYS = ['perezsianes2016', 'ronneberger2015', 'stephens2015', 'wang2019'];

test('completion answers after [@, @ and ; @, in lists, tables, footnotes and at the end of a file', async () => {
  const bodies = [
    'See [@{|}]\n',
    'See @{|}\n',
    'See [@stephens2015; @{|}]\n',
    '- a list item [@{|}]\n',
    '1. a numbered item @{|}\n',
    '| gene | source |\n|---|---|\n| IL-6 | [@{|}] |\n',
    'Text.[^1]\n\n[^1]: A footnote [@{|}].\n',
    'An inline note.^[See @{|}]\n',
    '> quoted [@{|}]\n',
    '见[@{|}]。\n',
    'End of file without newline [@{|}',
  ];
  for (const body of bodies) {
    const { labels } = await complete(WITH_BIB(body));
    for (const key of USER_KEYS) assert.ok(labels.includes(key), `${JSON.stringify(body)}: ${labels.slice(0, 6).join(', ')}`);
  }
});

test('completion ranks by key, author, title, year, journal and DOI', async () => {
  const first = async (typed: string) => (await complete(WITH_BIB(`See [@${typed}{|}]\n`))).labels[0];
  assert.equal(await first('ronn'), 'ronneberger2015', 'key prefix');
  assert.equal(await first('brox'), 'ronneberger2015', 'a co-author');
  assert.equal(await first('perez'), 'perezsianes2016', 'author without diacritics');
  assert.equal(await first('diaz'), 'perezsianes2016', 'third author without diacritics');
  assert.equal(await first('genomical'), 'stephens2015', 'title word');
  assert.equal(await first('plos'), 'stephens2015', 'journal');
  assert.equal(await first('intelligent'), 'perezsianes2016', 'book series');
  assert.equal(await first('10.1007/978-3-319-24574'), 'ronneberger2015', 'DOI');
  assert.equal(await first('2016'), 'perezsianes2016', 'year');
  assert.equal(await first('brox2015'), 'ronneberger2015', 'author and year in one word');
  assert.equal(await first('细胞因子'), 'wang2019', 'Chinese title');
  assert.equal(await first('肿瘤'), 'wang2019', 'Chinese title, inner word');
  assert.equal(await first('王小明'), 'wang2019', 'Chinese name in full');
  assert.deepEqual((await complete(WITH_BIB('See [@nosuchword{|}]\n'))).labels, []);
});

test('completion: works this document already cites rank first among equal matches', async () => {
  const { labels } = await complete(WITH_BIB('As [@stephens2015] and [@wang2019] showed, see [@{|}]\n'));
  assert.deepEqual(labels.slice(0, 2), ['stephens2015', 'wang2019']);
  const byYear = await complete(WITH_BIB('As [@ronneberger2015] showed, see [@2015{|}]\n'));
  assert.deepEqual(byYear.labels.slice(0, 2), ['ronneberger2015', 'stephens2015']);
  // The user's library before the built-in corpus.
  const builtinAt = labels.findIndex((l) => !USER_KEYS.includes(l));
  assert.ok(builtinAt >= USER_KEYS.length, `built-in entries come after the user's: ${labels.slice(0, 6).join(', ')}`);
});

test('completion items carry filterText starting with what was typed, sortText in server order, and a replace range', async () => {
  const source = WITH_BIB('See [@«brox{|}»]\n');
  const { list, items } = await complete(withoutRanges(source));
  assert.equal(list?.isIncomplete, true);
  const first = items[0] as CompletionItem;
  assert.equal(first.label, 'ronneberger2015');
  assert.ok(first.filterText?.startsWith('brox'), first.filterText);
  const sortTexts = items.map((i) => i.sortText ?? '');
  assert.deepEqual([...sortTexts].sort(), sortTexts);
  assert.deepEqual(first.textEdit && 'range' in first.textEdit ? first.textEdit.range : undefined, rangesIn(source)[0]);
});

test('completion replaces the whole key when the cursor is inside one', async () => {
  const source = WITH_BIB('See [@«ste{|}phens2015»]\n');
  const { items } = await complete(withoutRanges(source));
  const edit = items[0]?.textEdit;
  assert.deepEqual(edit && 'range' in edit ? edit.range : undefined, rangesIn(source)[0]);
});

test("completion documentation is the formatted reference in the document's style", async () => {
  const { f, items } = await complete(
    `%! main.md\n---\nbibliography: refs.bib\ncsl: gb-t-7714-2015\n---\nSee [@ronn{|}]\n%! refs.bib\n${BIB}`,
  );
  const resolved = await f.service.resolveCompletion({ uri: f.uri, text: f.text }, items[0]);
  const card = (resolved.documentation as MarkupContent).value.replace(/\\/g, '');
  assert.match(
    card,
    /RONNEBERGER O, FISCHER P, BROX T\. U-Net: Convolutional Networks for Biomedical Image Segmentation\[M\/OL\]\/\/Lecture Notes in Computer Science/,
  );
});

test('completion inside numeric brackets: numbers after a digit or a separator', async () => {
  for (const body of ['IL-6 [1{|}', 'IL-6 [3, {|}]', 'IL-6 [8-1{|}]', '| IL-6 | [2{|}] |']) {
    const { labels } = await complete(body);
    assert.ok(labels.length > 0, body);
  }
  assert.deepEqual((await complete('A link [{|}')).labels, []);
});

test('completion on a 10,000-entry library answers the best 100, matches first (timings: bench/completion.mjs)', async () => {
  const entries: string[] = [];
  for (let i = 0; i < 10000; i++)
    entries.push(
      `@article{key${i}, author = {Author${i % 97}, A.}, title = {Synthetic title number ${i}}, journal = {Journal ${i % 13}}, year = {${1990 + (i % 30)}}}`,
    );
  const f = fixture(`%! main.md\n---\nbibliography: big.bib\n---\nSee [@author42{|}]\n%! big.bib\n${entries.join('\n')}\n`);
  const list = await f.service.completion({ uri: f.uri, text: f.text }, f.cursor!);
  assert.equal(list?.items.length, 100);
  // Author42 wrote entries 42, 139, 236...: 104 of them, so the best 100 are all theirs.
  assert.deepEqual(
    list?.items.filter((i) => Number(i.label.slice(3)) % 97 !== 42).map((i) => i.label),
    [],
  );
});
