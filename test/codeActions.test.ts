/**
 * Quick fixes and document commands through the language service: each test is a fixture
 * with the cursor `{|}`, the action chosen by its title, and the whole document expected
 * after its edit is applied.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-types';
import { editDistance } from '../server/src/core/text/editDistance';
import { escapeReference, isNumericStyle } from '../server/src/core/citations/commands/referenceList';
import type { CitokineSettings } from '../server/src/core/settings';
import { applyWorkspaceEdit } from './util/edits';
import { fixture, type Fixture } from './util/fixture';

const BIB = `@article{smith2020,
  author = {Smith, Jane and Doe, John},
  title = {Interleukin-6 signalling in colorectal tumours},
  journal = {Example Journal of Oncology},
  year = {2020}, volume = {12}, pages = {1--10},
  doi = {10.1000/example.2020}
}
@article{Lee_hepatocytes_2019,
  author = {Lee, Jin},
  title = {Hepatocytes direct the formation of a pro-metastatic niche},
  journal = {Nature}, year = {2019}
}
@book{wang2019,
  author = {王, 小明},
  title = {细胞因子与肿瘤},
  publisher = {示例出版社},
  year = {2019}
}
@article{smith2021, author = {Smith, Jane}, title = {Another study of cytokines}, journal = {J}, year = {2021}}
`;

/** The code actions at the cursor, with the document's diagnostics in the context as a client sends them. */
async function actionsAt(f: Fixture, only?: string[]): Promise<CodeAction[]> {
  const document = { uri: f.uri, text: f.text };
  const diagnostics = await f.service.diagnostics(document);
  const cursor = f.cursor ?? { line: 0, character: 0 };
  return f.service.codeActions(document, { start: cursor, end: cursor }, { diagnostics, ...(only ? { only } : {}) });
}

/** The document after the action whose title matches `title`. */
async function fix(source: string, title: RegExp, settings: Partial<CitokineSettings> = {}): Promise<string> {
  const f = fixture(source, settings);
  const actions = await actionsAt(f);
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no action ${title} among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(action.edit, `action '${action.title}' has no edit`);
  return applyWorkspaceEdit(f.text, action.edit, f.uri);
}

/** The document after running a document command. */
async function command(
  source: string,
  name: string,
  args: unknown[] = [],
  settings: Partial<CitokineSettings> = {},
): Promise<{ text: string; message: string }> {
  const f = fixture(source, settings);
  const result = await f.service.documentCommand(name, { uri: f.uri, text: f.text }, args);
  return { text: applyWorkspaceEdit(f.text, result.edit, f.uri), message: result.message };
}

const withBib = (body: string) => `%! main.md\n---\nbibliography: refs.bib\n---\n${body}\n%! refs.bib\n${BIB}`;
const FRONT = '---\nbibliography: refs.bib\n---\n';

test('unknown key: "did you mean" the closest keys, by key, author and year; at most three', async () => {
  const f = fixture(withBib('As shown [@smtih2020{|}].'));
  const titles = (await actionsAt(f)).filter((a) => a.kind === 'quickfix').map((a) => a.title);
  assert.deepEqual(titles, ['Did you mean @smith2020? (Smith et al., 2020)', 'Did you mean @smith2021? (Smith, 2021)']);
  assert.equal(await fix(withBib('As shown [@smtih2020{|}].'), /@smith2020/), `${FRONT}As shown [@smith2020].\n`);
  // The typed key holds the first author's family name and the year: found although far by edit distance.
  assert.equal(await fix(withBib('Niche [@lee2019{|}].'), /Lee_hepatocytes_2019/), `${FRONT}Niche [@Lee_hepatocytes_2019].\n`);
  // Braces written by the author stay.
  assert.equal(await fix(withBib('In-text @{Smith2020{|}} says.'), /@smith2020/), `${FRONT}In-text @{smith2020} says.\n`);
  const diagnosed = (await actionsAt(f)).find((a) => a.isPreferred);
  assert.equal(diagnosed?.diagnostics?.[0]?.code, 'citation.unknown-key');
});

test('edit distance: a transposition is one edit; the computation stops past its limit', () => {
  assert.deepEqual(
    [
      editDistance('smith2020', 'smtih2020'),
      editDistance('kitten', 'sitting'),
      editDistance('', 'abc'),
      editDistance('abcdef', 'uvwxyz', 2),
      editDistance('same', 'same'),
    ],
    [1, 3, 3, 3, 0],
  );
});

test('compress: side-by-side numbers to [a]-[b], a group to a range', async () => {
  assert.equal(await fix('IL-6 [22] [23]{|} [24] in CRC.\n', /^Compress/), 'IL-6 [22]-[24] in CRC.\n');
  assert.equal(await fix('IL-6 [1,{|}2,3] in CRC.\n', /^Compress to \[1-3\]$/), 'IL-6 [1-3] in CRC.\n');
  assert.equal(await fix('IL-6 [8, 9, 10{|}, 12] and [5]–[6], [7].\n', /^Compress to \[8-10\]$/), 'IL-6 [8-10, 12] and [5]–[6], [7].\n');
  assert.equal(await fix('IL-6 [8, 9, 12] and [5]–[6], [7]{|}.\n', /^Compress to \[5\]–\[7\]$/), 'IL-6 [8, 9, 12] and [5]–[7].\n');
});

test('expand: a range to its numbers', async () => {
  assert.equal(await fix('IL-6 [1-{|}3] in CRC.\n', /^Expand/), 'IL-6 [1,2,3] in CRC.\n');
  assert.equal(await fix('IL-6 [1]{|}-[3] in CRC.\n', /^Expand/), 'IL-6 [1,2,3] in CRC.\n');
  assert.equal(await fix('IL-6 [5, 1–{|}3] in CRC.\n', /^Expand/), 'IL-6 [5, 1, 2, 3] in CRC.\n');
});

test('remove a duplicate: numbers, numbers inside a range, keys', async () => {
  assert.equal(await fix('IL-6 [3,3{|}] in CRC.\n', /^Remove the duplicate 3$/), 'IL-6 [3] in CRC.\n');
  assert.equal(await fix('IL-6 [1-3, 2{|}] in CRC.\n', /^Remove the duplicate 2$/), 'IL-6 [1-3] in CRC.\n');
  assert.equal(await fix('IL-6 [2, 1-{|}3] in CRC.\n', /^Write each number once/), 'IL-6 [1-3] in CRC.\n');
  assert.equal(await fix(withBib('See [@smith2020; @smith2020{|}].'), /^Remove the duplicate @smith2020$/), `${FRONT}See [@smith2020].\n`);
  assert.equal(
    await fix(withBib('See [@smith2020, p. 3; @wang2019; @smith2020{|}].'), /^Remove the duplicate/),
    `${FRONT}See [@smith2020, p. 3; @wang2019].\n`,
  );
  // A repeated item with its own locator is reported, but not removed (the locator would be lost).
  const f = fixture(withBib('See [@smith2020, p. 3; @smith2020{|}, p. 5].'));
  assert.deepEqual(
    (await actionsAt(f)).filter((a) => /Remove/.test(a.title)),
    [],
  );
});

test('duplicate entry: cite the other key at this place', async () => {
  const source = `%! main.md
---
bibliography: refs.bib
---
First [@a], then [@b{|}].
%! refs.bib
@article{a, title = {The same work under two keys}, journal = {J}, year = {2020}, doi = {10.1000/x}}
@article{b, title = {The same work, another key}, journal = {J}, year = {2020}, doi = {10.1000/X}}
`;
  assert.equal(await fix(source, /^Cite @a here instead of @b$/), `${FRONT}First [@a], then [@a].\n`);
});

test('convert: built-in numbers to keys and back, the whole document', async () => {
  const source = 'IL-6 [1]-[3], [7] and [2, 5].\n';
  const toKeys = await command(source, 'citokine.convertCitations', ['toKeys']);
  assert.equal(
    toKeys.text,
    'IL-6 [@review01-il6-overview; @hu2021il6; @review03-il6-physiology], [@review07-crc-burden] and [@hu2021il6; @review05-il6-tumour-progression].\n',
  );
  assert.equal(toKeys.message, 'Converted 3 citations.');
  const back = await command(toKeys.text, 'citokine.convertCitations', ['toNumbers']);
  assert.equal(back.text, 'IL-6 [1-3], [7] and [2,5].\n');
});

test('convert: keys with a locator or in-text stay; own References entries map by DOI or title', async () => {
  const keys = await command('See [@hu2021il6], [@hu2021il6, p. 3] and @hu2021il6.\n', 'citokine.convertCitations', ['toNumbers']);
  assert.equal(keys.text, 'See [2], [@hu2021il6, p. 3] and @hu2021il6.\n');
  assert.match(keys.message, /^Converted 1 citation; 2 left as they were/);
  const own = `%! main.md
---
bibliography: refs.bib
---
Cytokines [1], tumours [2] and a third [3].

## References

1. Smith J, Doe J. Interleukin-6 signalling in colorectal tumours. Example J Oncol. 2020;12:1-10. doi:10.1000/EXAMPLE.2020.
2. Lee J. Hepatocytes direct the formation of a pro-metastatic niche. Nature. 2019.
3. Nobody N. A work that is in no bibliography. 2001.
%! refs.bib
${BIB}`;
  const converted = await command(own, 'citokine.convertCitations', ['toKeys']);
  assert.equal(converted.text.split('\n')[3], 'Cytokines [@smith2020], tumours [@Lee_hepatocytes_2019] and a third [3].');
  assert.match(converted.message, /Converted 2 citations; 1 left/);
});

test('insert reference list: numeric style in order of first appearance, at the end, then updated in place', async () => {
  const body = 'Cytokines [@wang2019] and [@smith2020; @wang2019].';
  const first = await command(withBib(body), 'citokine.insertReferenceList');
  const list = `<!-- citokine:references -->

\\[1\\] 王小明. 细胞因子与肿瘤. 示例出版社; 2019.

\\[2\\] Smith J, Doe J. Interleukin-6 signalling in colorectal tumours. Example Journal of Oncology. 2020;12:1–10. doi:10.1000/example.2020

<!-- /citokine:references -->`;
  assert.equal(first.text, `${FRONT}${body}\n\n# References\n\n${list}\n`);
  // Running it again changes nothing.
  const again = await command(`%! main.md\n${first.text}%! refs.bib\n${BIB}`, 'citokine.insertReferenceList');
  assert.equal(again.text, first.text);
  assert.match(again.message, /up to date/);
  // A new citation: only the text between the markers changes; text after the list stays.
  const edited = first.text.replace(body, `${body} Also [@Lee_hepatocytes_2019].`) + '\nAppendix text.\n';
  const updated = await command(`%! main.md\n${edited}%! refs.bib\n${BIB}`, 'citokine.insertReferenceList');
  assert.equal(
    updated.text,
    edited.replace(
      'doi:10.1000/example.2020\n\n<!--',
      'doi:10.1000/example.2020\n\n\\[3\\] Lee J. Hepatocytes direct the formation of a pro-metastatic niche. Nature. 2019.\n\n<!--',
    ),
  );
});

test('insert reference list: numeric and author-date styles are told apart by the CSL style itself', () => {
  assert.deepEqual(['vancouver', 'apa', 'harvard1', 'gb-t-7714-2015', 'no-such-style'].map(isNumericStyle), [
    true,
    false,
    false,
    true,
    true,
  ]);
});

test('insert reference list: a reference keeps its own brackets unless Markdown or Citokine would read them', () => {
  const cases: [string, string][] = [
    ['LI M. 白细胞介素6研究[J]. 中华医学杂志, 2019.', 'LI M. 白细胞介素6研究[J]. 中华医学杂志, 2019.'],
    ['Smith J. Title [Internet]. Nature; 2020 [cited 2021 Jan 1].', 'Smith J. Title [Internet]. Nature; 2020 [cited 2021 Jan 1].'],
    ['Erratum in [3]; see [@key] and [text](x) and [^1].', 'Erratum in \\[3\\]; see \\[@key\\] and \\[text\\](x) and \\[^1\\].'],
    ['A *starred* _word_ `code` <b> and a lone ] bracket.', 'A \\*starred\\* \\_word\\_ \\`code\\` \\<b\\> and a lone \\] bracket.'],
  ];
  for (const [text, expected] of cases) assert.equal(escapeReference(text), expected);
});

test('insert reference list: author-date styles alphabetically, under an existing 参考文献 heading', async () => {
  const source = `%! main.md
---
bibliography: refs.bib
csl: apa
---
# 白细胞介素6

研究表明 [@smith2020]，另见 [@wang2019]。

## 参考文献

## 附录

附录内容。
%! refs.bib
${BIB}`;
  const result = await command(source, 'citokine.insertReferenceList');
  assert.equal(
    result.text,
    `---
bibliography: refs.bib
csl: apa
---
# 白细胞介素6

研究表明 [@smith2020]，另见 [@wang2019]。

## 参考文献

<!-- citokine:references -->

- Smith, J., & Doe, J. (2020). Interleukin-6 signalling in colorectal tumours. Example Journal of Oncology, 12, 1–10. https://doi.org/10.1000/example.2020
- 王小明. (2019). 细胞因子与肿瘤. 示例出版社.

<!-- /citokine:references -->

## 附录

附录内容。
`,
  );
});

test('insert reference list: built-in corpus numbers keep their numbers; unidentified ones say so', async () => {
  const result = await command('# Draft\n\nIL-6 [2] and [1].\n', 'citokine.insertReferenceList');
  const lines = result.text.split('\n');
  assert.deepEqual(lines.slice(0, 6), ['# Draft', '', 'IL-6 [2] and [1].', '', '# References', '']);
  assert.equal(lines[7], '');
  assert.match(
    lines[8],
    /^\\\[1\\\] Built-in corpus, reference 1: not identified: the review's text does not give this reference's details\./,
  );
  assert.match(lines[10], /^\\\[2\\\] Hu\. IL-6 regulates autophagy/);
  // The generated list is output: its labels are neither citations nor a second numbered list
  // (the review's numbers keep their checks: [2] before [1], and the references never cited).
  const f = fixture(result.text);
  const codes = (await f.service.diagnostics({ uri: f.uri, text: f.text }))
    .map((d) => String(d.code))
    .filter((c) => /^(?:citation|bibliography)\./.test(c));
  assert.deepEqual(codes, ['citation.unused-reference', 'citation.out-of-order']);
});

test('renumber as a command: refused for built-in corpus numbers, with the reason', async () => {
  const result = await command('IL-6 [7] and [2].\n', 'citokine.renumber');
  assert.equal(result.text, 'IL-6 [7] and [2].\n');
  assert.match(result.message, /built-in corpus, whose numbers are the review's own/);
});

test('document-wide actions are offered as commands, by kind', async () => {
  const f = fixture('Intro [1], then [3{|}] and [2].\n\n## References\n\n1. A.\n2. B.\n3. C.\n');
  const actions = await actionsAt(f);
  const renumber = actions.filter((a) => a.command?.command === 'citokine.renumber').map((a) => a.kind);
  assert.deepEqual(renumber.sort(), ['quickfix', 'source.citokine.renumber']);
  const onSave = await actionsAt(fixture('No citation here.\n\n## References\n\n1. A.\n'), ['source.citokine.renumber']);
  assert.deepEqual(
    onSave.map((a) => [a.kind, a.command?.command, a.command?.arguments]),
    [['source.citokine.renumber', 'citokine.renumber', ['file:///ws/main.md']]],
  );
  const refactors = await actionsAt(fixture('IL-6 [1{|}].\n'), ['refactor']);
  assert.deepEqual(
    refactors.map((a) => a.title),
    ['Convert numeric citations to keys (whole document)'],
  );
  // A mixed-styles finding gets the conversion as its quick fix: here the one key joins the numbers.
  const mixed = (await actionsAt(fixture('IL-6 [1], [2] and [@hu2021il6{|}].\n'), ['quickfix'])).filter((a) => a.command);
  assert.deepEqual(
    mixed.map((a) => [a.title, a.diagnostics?.[0]?.code, a.command?.arguments]),
    [['Convert key citations to numbers (whole document)', 'citation.mixed-styles', ['file:///ws/main.md', 'toNumbers']]],
  );
});
