/**
 * Go to definition, find references, document links and workspace symbols, through the
 * language service over in-memory workspaces. Locations are compared as
 * `file:line:col-line:col` strings (1-based), with the text they cover.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Location } from 'vscode-languageserver-types';
import { textInRange } from './util/edits';
import { fixture, fixtureAt, type Fixture } from './util/fixture';

/** Real entries (deep-review's bibliography) in the four formats Citokine reads. */
const WORKSPACE = `%! refs.bib
@article{stephens2015,
  author = {Stephens, Zachary D. and Lee, Skylar Y. and Faghri, Faraz},
  title = {Big Data: Astronomical or Genomical?},
  journal = {PLOS Biology},
  year = {2015},
  doi = {10.1371/journal.pbio.1002195}
}
@incollection{ronneberger2015,
  author = {Ronneberger, Olaf and Fischer, Philipp and Brox, Thomas},
  title = {U-Net: Convolutional Networks for Biomedical Image Segmentation},
  booktitle = {Lecture Notes in Computer Science},
  year = {2015}
}
%! refs.json
[
  {"id": "oemig2016", "type": "book", "title": "Healthcare Interoperability Standards Compliance Handbook", "author": [{"family": "Oemig", "given": "Frank"}, {"family": "Snelick", "given": "Robert"}], "issued": {"date-parts": [[2016]]}}
]
%! refs.yaml
- id: gal2016
  type: thesis
  title: Uncertainty in deep learning
  author:
    - family: Gal
      given: Yarin
  issued:
    date-parts: [[2016]]
%! refs.ris
TY  - JOUR
ID  - haupt2018
AU  - Haupt, Michael
TI  - Data is the New Oil — A Ludicrous Proposition
PY  - 2018
ER  - 
%! a.md
---
bibliography: [refs.bib, refs.json, refs.yaml, refs.ris]
references:
- id: inline2017
  type: webpage
  title: deepchem/deepchem
---
Genomics is big data [@stephens2015; @oemig2016], see @gal2016 and [@haupt2018].
U-Net [@ronneberger2015] and [@inline2017].
%! b.md
---
bibliography: refs.bib
---
Also [@stephens2015, p. 3] and [-@stephens2015].
%! other.md
---
bibliography: other.bib
---
A different work under the same key: [@stephens2015].
%! other.bib
@misc{stephens2015, title = {Another work, another file}}
`;

/** The fixture with the cursor put before `needle` (its `nth` occurrence) in `file`. */
const at = (file: string, needle: string, nth = 0): Fixture => fixtureAt(WORKSPACE, file, needle, nth);

/** `file:line:col-line:col text` for each location. */
function show(f: Fixture, locations: readonly Location[]): string[] {
  return locations.map((l) => {
    const name = l.uri.startsWith('file:///ws/') ? l.uri.slice('file:///ws/'.length) : l.uri.slice(l.uri.lastIndexOf('/') + 1);
    const text = f.workspace.files.get(l.uri);
    const covered = text === undefined ? '' : ` ${textInRange(text, l.range)}`;
    return `${name}:${l.range.start.line + 1}:${l.range.start.character + 1}-${l.range.end.line + 1}:${l.range.end.character + 1}${covered}`;
  });
}

async function definition(f: Fixture) {
  return show(f, await f.service.definition({ uri: f.uri, text: f.text }, f.cursor!));
}

async function references(f: Fixture, includeDeclaration = false) {
  return show(f, await f.service.references({ uri: f.uri, text: f.text }, f.cursor!, includeDeclaration));
}

test('definition: a key goes to its entry in BibTeX, CSL-JSON, CSL-YAML and RIS files', async () => {
  assert.deepEqual(await definition(at('a.md', 'stephens2015')), ['refs.bib:1:10-1:22 stephens2015']);
  assert.deepEqual(await definition(at('a.md', 'oemig2016')), ['refs.json:2:11-2:20 oemig2016']);
  assert.deepEqual(await definition(at('a.md', 'gal2016')), ['refs.yaml:1:7-1:14 gal2016']);
  assert.deepEqual(await definition(at('a.md', 'haupt2018')), ['refs.ris:2:7-2:16 haupt2018']);
  // From the `@` too, and from the end of the key.
  assert.deepEqual(await definition(at('a.md', '@gal2016')), ['refs.yaml:1:7-1:14 gal2016']);
  assert.deepEqual(await definition(at('b.md', ', p. 3')), ['refs.bib:1:10-1:22 stephens2015']);
});

test('definition: an inline front matter item, the other file a manuscript resolves, and nothing for unknown keys', async () => {
  assert.deepEqual(await definition(at('a.md', 'inline2017]')), ['a.md:4:7-4:17 inline2017']);
  assert.deepEqual(await definition(at('other.md', 'stephens2015')), ['other.bib:1:7-1:19 stephens2015']);
  assert.deepEqual(await definition(fixture('Cited [@nosuch{|}2020].')), []);
  assert.deepEqual(await definition(fixture('No citation h{|}ere.')), []);
});

test('definition: numbers go to the own References entry, or to the built-in corpus entry', async () => {
  const own = fixture('Cited [{|}2].\n\n## References\n\n1. First reference.\n2. Second reference.\n');
  assert.deepEqual(await definition(own), ['main.md:6:1-6:21 2. Second reference.']);
  const builtin = fixture('IL-6 and TLRs [1{|}6].');
  const [location] = await builtin.service.definition({ uri: builtin.uri, text: builtin.text }, builtin.cursor!);
  assert.match(location.uri, /\/references\/review-55\.json$/);
  const { readFileSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const corpus = readFileSync(fileURLToPath(location.uri), 'utf8');
  assert.equal(textInRange(corpus, location.range), 'lu2015upregulation');
});

test('references: every manuscript citing the same entry, not a same-named key of another file', async () => {
  const expected = ['a.md:8:23-8:36 @stephens2015', 'b.md:4:7-4:20 @stephens2015', 'b.md:4:33-4:47 -@stephens2015'];
  assert.deepEqual(await references(at('a.md', 'stephens2015')), expected);
  // The asking document first.
  assert.deepEqual(await references(at('b.md', 'stephens2015', 1)), [...expected.slice(1), expected[0]]);
  assert.deepEqual(await references(at('a.md', 'stephens2015'), true), ['refs.bib:1:10-1:22 stephens2015', ...expected]);
  assert.deepEqual(await references(at('other.md', 'stephens2015')), ['other.md:4:39-4:52 @stephens2015']);
});

test('references: from a key in a bibliography file', async () => {
  assert.deepEqual(await references(at('refs.bib', 'stephens2015')), [
    'a.md:8:23-8:36 @stephens2015',
    'b.md:4:7-4:20 @stephens2015',
    'b.md:4:33-4:47 -@stephens2015',
  ]);
  assert.deepEqual(await references(at('refs.json', 'oemig2016'), true), ['refs.json:2:11-2:20 oemig2016', 'a.md:8:38-8:48 @oemig2016']);
  assert.deepEqual(await references(at('refs.bib', 'author')), []);
});

test('references: a number of the built-in corpus, cited by number and by key', async () => {
  const source = `%! a.md\nIL-6 and TLRs [1{|}6], again [15]-[17] and [3, 16].\n%! b.md\nBy key: [@lu2015upregulation].\n%! c.md\nOwn list [16].\n\n## References\n\n16. Something else.\n`;
  const f = fixture(source);
  assert.deepEqual(show(f, await f.service.references({ uri: f.uri, text: f.text }, f.cursor!, false)), [
    'a.md:1:16-1:18 16',
    'a.md:1:27-1:36 [15]-[17]',
    'a.md:1:45-1:47 16',
    'b.md:1:10-1:29 @lu2015upregulation',
  ]);
});

test("references: a number of the document's own list stays in that document", async () => {
  const f = fixture(
    `%! a.md\nCited [{|}2] and [1-3].\n\n## References\n\n1. First.\n2. Second.\n3. Third.\n%! b.md\nCited [2].\n\n## References\n\n1. X.\n2. Y.\n`,
  );
  assert.deepEqual(show(f, await f.service.references({ uri: f.uri, text: f.text }, f.cursor!, true)), [
    'a.md:6:1-6:11 2. Second.',
    'a.md:1:8-1:9 2',
    'a.md:1:16-1:19 1-3',
  ]);
});

/** Links as `line:col-line:col text -> target`. */
async function links(source: string) {
  const f = fixture(source);
  return (await f.service.documentLinks({ uri: f.uri, text: f.text })).map(
    (l) => `${l.range.start.line + 1}:${l.range.start.character + 1} ${textInRange(f.text, l.range)} -> ${l.target}`,
  );
}

test('document links: bare DOIs and @doi: keys link to doi.org; URLs, code and trailing punctuation do not', async () => {
  assert.deepEqual(
    await links(`See 10.1371/journal.pbio.1002195. Also doi:10.1007/978-3-319-24574-4_28, and
见10.3390/ijms16010159。 In a key: [@doi:10.1038/s41467-021-23923-1; @other].
Not in \`10.1000/code\`, nor <https://doi.org/10.1000/url> or https://doi.org/10.1000/bare.
(10.7150/ijbs.36916) and 10.1016/S0140-6736(20)30183-5.
`),
    [
      '1:5 10.1371/journal.pbio.1002195 -> https://doi.org/10.1371/journal.pbio.1002195',
      '1:44 10.1007/978-3-319-24574-4_28 -> https://doi.org/10.1007/978-3-319-24574-4_28',
      '2:2 10.3390/ijms16010159 -> https://doi.org/10.3390/ijms16010159',
      '2:40 10.1038/s41467-021-23923-1 -> https://doi.org/10.1038/s41467-021-23923-1',
      '4:2 10.7150/ijbs.36916 -> https://doi.org/10.7150/ijbs.36916',
      '4:26 10.1016/S0140-6736(20)30183-5 -> https://doi.org/10.1016/S0140-6736(20)30183-5',
    ],
  );
  assert.deepEqual(await links('---\ndoi: 10.1000/frontmatter\n---\nNo DOI here, 10.12 is a number.\n'), []);
});

test('workspace symbols: entries found by key, author, title or journal, at their key', async () => {
  const f = fixture(WORKSPACE);
  const first = async (query: string) => {
    const [symbol] = await f.service.workspaceSymbols(query);
    return symbol ? `${symbol.name.split(' ')[0]} ${show(f, [symbol.location])[0]}` : undefined;
  };
  assert.equal(await first('ronneberger2015'), '@ronneberger2015 refs.bib:8:15-8:30 ronneberger2015');
  assert.equal(await first('brox'), '@ronneberger2015 refs.bib:8:15-8:30 ronneberger2015');
  assert.equal(await first('genomical'), '@stephens2015 refs.bib:1:10-1:22 stephens2015');
  assert.equal(await first('uncertainty'), '@gal2016 refs.yaml:1:7-1:14 gal2016');
  assert.equal(await first('haupt'), '@haupt2018 refs.ris:2:7-2:16 haupt2018');
  assert.equal(await first('deepchem'), '@inline2017 a.md:4:7-4:17 inline2017');
  const symbols = await f.service.workspaceSymbols('stephens2015');
  assert.deepEqual(
    symbols
      .map((s) => s.location.uri.slice(s.location.uri.lastIndexOf('/') + 1))
      .slice(0, 2)
      .sort(),
    ['other.bib', 'refs.bib'],
  );
  assert.match((await f.service.workspaceSymbols('brox'))[0].name, /Ronneberger et al\. 2015/);
  assert.ok((await f.service.workspaceSymbols('')).length > 50, 'an empty query lists entries, the built-in corpus too');
});
