/**
 * The citation and bibliography checks of issue 4, each a fixture (files under `%! name`
 * headers) and the findings expected of it as `line:column code` (1-based), plus the
 * README's table of checks held to rules.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ALL_RULES } from '../server/src/core/rules';
import type { CitokineSettings } from '../server/src/core/settings';
import { BUILTIN_CORPUS_URI, fixture, REPO_ROOT } from './util/fixture';

const NEW_CODES = [
  'citation.out-of-order',
  'citation.unused-reference',
  'citation.duplicate-in-group',
  'citation.mixed-styles',
  'citation.compressible-range',
  'bibliography.duplicate-key',
  'bibliography.duplicate-entry',
  'bibliography.missing-field',
];

function show(d: Diagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`;
}

/** The findings of the first file (or the file named `file`) with a code from `codes`, sorted. */
async function check(
  source: string,
  options: { settings?: Partial<CitokineSettings>; codes?: string[]; file?: string } = {},
): Promise<string[]> {
  const f = fixture(source, options.settings);
  const codes = options.codes ?? NEW_CODES;
  const uri = options.file ? f.uriOf(options.file) : f.uri;
  const text = f.workspace.files.get(uri) ?? '';
  const diagnostics =
    options.file && !options.file.endsWith('.md')
      ? await f.service.bibliographyFileDiagnostics(uri)
      : await f.service.diagnostics({ uri, text });
  return diagnostics
    .filter((d) => codes.includes(String(d.code)))
    .map(show)
    .sort();
}

async function messages(source: string, code: string, settings: Partial<CitokineSettings> = {}): Promise<string[]> {
  const f = fixture(source, settings);
  return (await f.service.diagnostics({ uri: f.uri, text: f.text })).filter((d) => d.code === code).map((d) => d.message);
}

const OWN_LIST = `
## References

1. Alpha A. First work. J One. 2020.
2. Beta B. Second work. J Two. 2021.
3. Gamma C. Third work. J Three. 2022.
4. Delta D. Fourth work. J Four. 2023.
`;

test('out-of-order: the first appearance of a number cited before a smaller one', async () => {
  assert.deepEqual(await check(`Intro [1]. Then [3] and [2], [4].\n${OWN_LIST}`, { codes: ['citation.out-of-order'] }), [
    '1:18 citation.out-of-order',
  ]);
  assert.deepEqual(await messages(`Intro [1]. Then [3] and [2], [4].\n${OWN_LIST}`, 'citation.out-of-order'), [
    '[3] is cited before [2] (first cited on line 1): numbered references should first appear in order. Renumber Citations puts them in order.',
  ]);
  // A group's numbers appear together; later repeats of a number do not count; a range is reported once.
  assert.deepEqual(await check(`Start [2,1]. Then [3] and [1] again, [4].\n${OWN_LIST}`, { codes: ['citation.out-of-order'] }), []);
  assert.deepEqual(await check(`Start [1], [3-4]; then [2].\n${OWN_LIST}`, { codes: ['citation.out-of-order'] }), [
    '1:13 citation.out-of-order',
  ]);
});

test("out-of-order: also for the built-in corpus, the review's list in its order of first citation", async () => {
  assert.deepEqual(await check('IL-6 [37] and later [2].\n', { codes: ['citation.out-of-order'] }), ['1:7 citation.out-of-order']);
});

test('unused-reference: own References entries never cited, at the entry', async () => {
  assert.deepEqual(await check(`Cited [1], [2] and [4].\n${OWN_LIST}`, { codes: ['citation.unused-reference'] }), [
    '7:1 citation.unused-reference',
  ]);
  assert.deepEqual(await messages(`Cited [1]-[2] and [4].\n${OWN_LIST}`, 'citation.unused-reference'), [
    'Reference [3] is never cited in the text.',
  ]);
  // A document that never cites by number is not using its list as a citation target.
  assert.deepEqual(await check(`No numbers here.\n${OWN_LIST}`, { codes: ['citation.unused-reference'] }), []);
});

test('unused-reference: front matter references, less nocite; the built-in corpus as one finding', async () => {
  const source = `---
nocite: |
  @kept
references:
- id: used
  type: book
  title: Used
- id: unused
  type: book
  title: Not cited
- id: kept
  type: book
  title: Listed by nocite
---
See [@used] and the review's [7].
`;
  assert.deepEqual(await check(source, { codes: ['citation.unused-reference'] }), [
    '15:30 citation.unused-reference',
    '8:7 citation.unused-reference',
  ]);
  assert.deepEqual(await check(source.replace('@kept', "'@*'"), { codes: ['citation.unused-reference'] }), [
    '15:30 citation.unused-reference',
  ]);
});

test('unused-reference: bibliography files only with citokine.unusedReferences.bibliographyFiles', async () => {
  const source = `%! main.md
---
bibliography: refs.bib
---
See [@a].
%! refs.bib
@book{a, title = {A}, year = {2020}}
@book{b, title = {B}, year = {2020}}
`;
  assert.deepEqual(await check(source, { codes: ['citation.unused-reference'] }), []);
  assert.deepEqual(await check(source, { codes: ['citation.unused-reference'], settings: { unusedReferencesInBibliographyFiles: true } }), [
    '2:15 citation.unused-reference',
  ]);
  assert.deepEqual(await messages(source, 'citation.unused-reference', { unusedReferencesInBibliographyFiles: true }), [
    "1 entry of 'refs.bib' is never cited: 'b'.",
  ]);
});

test('duplicate-in-group: a number, a number inside a range, a key', async () => {
  const source = `%! main.md
---
bibliography: refs.bib
---
Numbers [3,3] and [1-3, 2] and [2, 1-3], keys [@a; @a] and [@a, p. 3; @a, p. 5].
${OWN_LIST}
%! refs.bib
@book{a, title = {A}, year = {2020}}
`;
  assert.deepEqual(await check(source, { codes: ['citation.duplicate-in-group'] }), [
    '4:12 citation.duplicate-in-group',
    '4:25 citation.duplicate-in-group',
    '4:36 citation.duplicate-in-group',
    '4:52 citation.duplicate-in-group',
    '4:71 citation.duplicate-in-group',
  ]);
  const said = await messages(source.replace('keys [@a; @a]', 'keys @a [@a]'), 'citation.duplicate-in-group');
  assert.deepEqual(said.slice(3), [
    "'@a' is cited twice in this group.",
    "'@a' is cited twice in this group. It carries its own prefix or locator: merge the two by hand.",
  ]);
});

test('mixed-styles: each citation of the less used style', async () => {
  const source = `%! main.md
---
bibliography: refs.bib
---
Keys [@a], [@b; @a] and @b; one number [7].
%! refs.bib
@book{a, title = {A}, year = {2020}}
@book{b, title = {B}, year = {2021}}
`;
  assert.deepEqual(await check(source, { codes: ['citation.mixed-styles'] }), ['4:40 citation.mixed-styles']);
  assert.deepEqual(await check('Only numbers [1], [2].\n', { codes: ['citation.mixed-styles'] }), []);
});

test('compressible-range: three or more consecutive numbers, within a group or side by side', async () => {
  const source = `Side by side [22] [23] [24], with commas [5], [6], [7].
In a group [1,2,3] and [8, 9, 10, 12]; a range and more [13-14, 15].
Not these: [30] [31], [40] [42] [43], [50, 51], [60]-[62].
`;
  assert.deepEqual(await check(source, { codes: ['citation.compressible-range'] }), [
    '1:14 citation.compressible-range',
    '1:42 citation.compressible-range',
    '2:13 citation.compressible-range',
    '2:25 citation.compressible-range',
    '2:58 citation.compressible-range',
  ]);
  const f = fixture(source);
  const hints = (await f.service.diagnostics({ uri: f.uri, text: f.text })).filter((d) => d.code === 'citation.compressible-range');
  assert.deepEqual(
    hints.map((d) => d.message),
    [
      '[22] [23] [24] could be written [22]-[24].',
      '[5], [6], [7] could be written [5]-[7].',
      '1,2,3 could be written 1-3.',
      '8, 9, 10 could be written 8-10.',
      '13-14, 15 could be written 13-15.',
    ],
  );
  assert.ok(hints.every((d) => d.severity === 4));
});

test('bibliography.duplicate-key: in the file, and across the files a document cites from', async () => {
  const source = `%! main.md
---
bibliography: [refs.bib, more.json]
---
See [@a] and [@b] and [@c].
%! refs.bib
@book{a, title = {A}, year = {2020}}
@book{b, title = {B}, year = {2020}}
@book{a, title = {Another A}, year = {2021}}
%! more.json
[{"id": "b", "type": "book", "title": "B again"}, {"id": "c", "type": "book", "title": "C"}]
`;
  assert.deepEqual(await check(source, { file: 'refs.bib', codes: ['bibliography.duplicate-key'] }), ['3:7 bibliography.duplicate-key']);
  assert.deepEqual(await check(source, { codes: ['bibliography.duplicate-key'] }), ['4:15 bibliography.duplicate-key']);
  assert.deepEqual(await messages(source, 'bibliography.duplicate-key'), [
    "'@b' is defined in 'refs.bib' and in 'more.json'; the first definition is used.",
  ]);
});

test('bibliography.duplicate-entry: same DOI (any spelling) or same title and year; in the file and where both keys are cited', async () => {
  const source = `%! main.md
---
bibliography: refs.bib
---
First [@smith2020], then [@doi:10.1000/abc.1], and [@other].
%! refs.bib
@article{smith2020, title = {Interleukin-6 and colorectal cancer}, journal = {J}, year = {2020}, doi = {10.1000/ABC.1}}
@article{doi:10.1000/abc.1, title = {IL-6 in CRC}, journal = {J}, year = {2020}, doi = {https://doi.org/10.1000/abc.1}}
@article{other, title = {A completely different study}, journal = {K}, year = {2019}}
@article{other2, title = {A Completely Different Study.}, journal = {L}, year = {2019}}
@article{short1, title = {Editorial}, journal = {M}, year = {2019}}
@article{short2, title = {Editorial}, journal = {N}, year = {2019}}
`;
  assert.deepEqual(await check(source, { file: 'refs.bib', codes: ['bibliography.duplicate-entry'] }), [
    '2:10 bibliography.duplicate-entry',
    '4:10 bibliography.duplicate-entry',
  ]);
  assert.deepEqual(await check(source, { codes: ['bibliography.duplicate-entry'] }), ['4:27 bibliography.duplicate-entry']);
  assert.deepEqual(await messages(source, 'bibliography.duplicate-entry'), [
    "'@doi:10.1000/abc.1' and '@smith2020', both cited here, are the same work (same DOI 10.1000/abc.1): cite one key.",
  ]);
});

test('bibliography.missing-field: articles without title, year or journal; information level', async () => {
  const source = `%! main.md
---
bibliography: refs.bib
---
[@a]
%! refs.bib
@article{nojournal, title = {A study}, year = {2020}}
@article{noyear, title = {A study}, journal = {J}}
@book{book, title = {Books need no journal}}
@article{complete, title = {A study}, journal = {J}, year = {2020}}
`;
  assert.deepEqual(await check(source, { file: 'refs.bib', codes: ['bibliography.missing-field'] }), [
    '1:10 bibliography.missing-field',
    '2:10 bibliography.missing-field',
  ]);
  const f = fixture(source);
  const found = (await f.service.bibliographyFileDiagnostics(f.uriOf('refs.bib'))).filter((d) => d.code === 'bibliography.missing-field');
  assert.deepEqual(
    found.map((d) => [d.message, d.severity]),
    [
      ["'nojournal' (article-journal) has no journal (container-title).", 3],
      ["'noyear' (article-journal) has no year.", 3],
    ],
  );
});

test('bibliography.missing-field: unidentified built-in entries, which carry no fields by design, are exempt', async () => {
  const f = fixture('x');
  const builtin = `${BUILTIN_CORPUS_URI}/review-55.json`;
  const items = JSON.parse(readFileSync(path.join(REPO_ROOT, 'references', 'review-55.json'), 'utf8')) as {
    id: string;
    type: string;
    custom: { status: string };
  }[];
  const unidentified = items.filter((i) => i.custom.status !== 'certain' && i.custom.status !== 'probable');
  assert.ok(unidentified.length > 20 && unidentified.every((i) => i.type.startsWith('article')));
  const reported = (await f.service.bibliographyFileDiagnostics(builtin))
    .filter((d) => d.code === 'bibliography.missing-field')
    .map((d) => (d.data as { key: string }).key);
  // Identified entries keep only the fields the research data showed; what they lack is reported truthfully.
  assert.deepEqual(
    reported.filter((key) => unidentified.some((i) => i.id === key)),
    [],
  );
});

test('bibliography checks in the front matter: inline references are checked where they are', async () => {
  const source = `---
references:
- id: x
  type: article-journal
  title: Inline work
- id: x
  type: book
  title: Again
---
[@x]
`;
  assert.deepEqual(await check(source, { codes: ['bibliography.duplicate-key', 'bibliography.missing-field'] }), [
    '3:7 bibliography.missing-field',
    '6:7 bibliography.duplicate-key',
  ]);
});

test('every new check has its level from citokine.diagnostics, and can be turned off', async () => {
  const source = `Intro [1]. Then [3] and [2], [4].\n${OWN_LIST}`;
  const f = fixture(source, { diagnostics: { 'citation.out-of-order': 'error' } });
  const [d] = (await f.service.diagnostics({ uri: f.uri, text: f.text })).filter((x) => x.code === 'citation.out-of-order');
  assert.equal(d.severity, 1);
  assert.equal(d.source, 'citokine');
  assert.deepEqual(
    await check(source, { settings: { diagnostics: { 'citation.out-of-order': 'off' } }, codes: ['citation.out-of-order'] }),
    [],
  );
});

test('README: the table of checks lists exactly the codes of rules.ts, with their default levels', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const table = /<!-- rules -->([\s\S]*?)<!-- \/rules -->/.exec(readme)?.[1] ?? '';
  const rows = [...table.matchAll(/^\| `([^`]+)` \| (\w+) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(rows.sort(), ALL_RULES.map((r) => `${r.code} ${r.defaultLevel}`).sort());
});
