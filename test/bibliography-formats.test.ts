import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { entryFindings } from '../server/src/core/bibliography/checks';
import { parseBibliography, type BibliographyFormat } from '../server/src/core/bibliography/parse';
import { decodeText, readRegularFile } from '../server/src/node/regularFile';
import { fixture } from './util/fixture';

/** Parses `text`: keys, items by key, error messages. */
function check(format: BibliographyFormat, text: string) {
  const parsed = parseBibliography(text, 'file:///ws/refs', format);
  return {
    keys: parsed.entries.map((e) => e.key),
    items: new Map(parsed.entries.map((e) => [e.key, e.item])),
    errors: parsed.errors.map((e) => e.message),
    entries: parsed.entries,
  };
}

/** Every diagnostic of a manuscript citing `@keys` from `refs.<ext>`, and of the bibliography file itself, as `code: message`. */
async function diagnostics(name: string, bibliography: string, keys: string[]) {
  const f = fixture(
    `%! main.md\n---\nbibliography: ${name}\n---\n\nSee ${keys.map((k) => `[@${k}]`).join(' and ')}.\n%! ${name}\n${bibliography}`,
  );
  const inManuscript = await f.service.diagnostics({ uri: f.uri, text: f.text });
  const inFile = await f.service.bibliographyFileDiagnostics(f.uriOf(name));
  return [...inManuscript, ...inFile].map((d) => `${d.code}: ${d.message}`);
}

test('RIS: a record with several PY lines (PubMed Central) loads with its first date', () => {
  const r = check(
    'ris',
    'TY  - JOUR\r\nAU  - Smith, John\r\nTI  - Interleukin-6 in colorectal cancer\r\nT2  - Journal of Examples\r\nPY  - 2013/02/15/received\r\nPY  - 2013/05/01/accepted\r\nPY  - 2013/06/01\r\nDO  - 10.1000/abc\r\nER  - \r\n',
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.keys, ['smith2013']);
  assert.deepEqual(r.items.get('smith2013')?.issued, { 'date-parts': [[2013, 2, 15]] });
});

test('RIS and CSL-YAML with a byte order mark: the file loads, with no finding about it', async () => {
  const ris = await diagnostics(
    'refs.ris',
    '\ufeffTY  - JOUR\nID  - smith2013\nAU  - Smith, John\nTI  - A study\nT2  - Journal of Examples\nPY  - 2013\nER  - \n',
    ['smith2013'],
  );
  assert.deepEqual(ris, []);
  const yaml = await diagnostics(
    'refs.yaml',
    '\ufeff- id: smith2013\n  type: article-journal\n  title: A study\n  container-title: Journal of Examples\n  issued: 2013\n',
    ['smith2013'],
  );
  assert.deepEqual(yaml, []);
});

test('CSL-YAML as `pandoc -t markdown -s` writes it: a metadata block, lower-case doi:, issued as text', () => {
  // The output of `pandoc -f biblatex -t markdown -s` for @article{a_b, title={T}, doi={10.1/X}, year=2000}.
  const r = check(
    'csl-yaml',
    '---\nnocite: "[@*]"\nreferences:\n- doi: 10.1/X\n  id: a_b\n  issued: 2000\n  title: T\n  type: article-journal\n---\n',
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.keys, ['a_b']);
  assert.equal(r.items.get('a_b')?.DOI, '10.1/X');
  assert.equal(r.items.get('a_b')?.doi, undefined);
  assert.deepEqual(r.items.get('a_b')?.issued, { 'date-parts': [[2000]] });
});

test('front matter references: `id: a\\_b` is cited as @a_b and its lower-case doi is the DOI, as pandoc reads them', async () => {
  const f = fixture('---\nreferences:\n- id: a\\_b\n  title: Escaped\n  type: book\n  doi: 10.1000/XYZ\n...\n\nSee [@a_b].\n');
  const found = (await f.service.diagnostics({ uri: f.uri, text: f.text })).map((d) => `${d.code}: ${d.message}`);
  assert.deepEqual(found, []);
});

test('a CSL-YAML file keeps a backslash in an id, as pandoc does', () => {
  assert.deepEqual(check('csl-yaml', '- id: a\\_b\n  title: T\n').keys, ['a\\_b']);
});

test('UTF-16 files: decoded by the disk host (with or without a BOM); text read wrongly as UTF-8 gives one finding', async () => {
  const bib = '@article{müller2020,\n  title = {Ünïcode in UTF-16},\n  author = {Müller, Jörg},\n  year = 2020\n}\n';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bib, 'utf16le')]);
  const be = Buffer.from(bib, 'utf16le').swap16();
  assert.equal(decodeText(le), `\ufeff${bib}`);
  assert.equal(decodeText(be), bib);
  const dir = mkdtempSync(path.join(tmpdir(), 'citokine-utf16-'));
  writeFileSync(path.join(dir, 'refs.bib'), le);
  const read = await readRegularFile(path.join(dir, 'refs.bib'), { megabytes: 1, source: 'test' });
  assert.ok('text' in read);
  const parsed = check('bibtex', read.text);
  assert.deepEqual(parsed.keys, ['müller2020']);
  assert.equal(parsed.items.get('müller2020')?.title, 'Ünïcode in UTF-16');
  // The same bytes decoded as UTF-8 by a host that does not know UTF-16: one finding, no entries.
  const mojibake = check('bibtex', le.toString('utf8'));
  assert.deepEqual(mojibake.keys, []);
  assert.equal(mojibake.errors.length, 1);
  assert.match(mojibake.errors[0], /UTF-16.*save it as UTF-8\.$/);
});

test('chapters of one edited book are not the same work; a real duplicate still is', () => {
  const r = check(
    'bibtex',
    `@inbook{ch1,
  author = {Smith, Anna},
  title = {Handbook of Interleukin Biology},
  chapter = {IL-6 signalling},
  pages = {1--20},
  year = 2019
}
@inbook{ch2,
  author = {Jones, Ben},
  title = {Handbook of Interleukin Biology},
  chapter = {IL-6 in colorectal cancer},
  pages = {21--40},
  year = 2019
}
@incollection{ch3,
  author = {Lee, Cho},
  title = {Tocilizumab in practice},
  booktitle = {Handbook of Interleukin Biology},
  doi = {10.1007/978-3-030-00000-0},
  pages = {41--60},
  year = 2019
}
@incollection{ch4,
  author = {Park, Dae},
  title = {Siltuximab in practice},
  booktitle = {Handbook of Interleukin Biology},
  doi = {10.1007/978-3-030-00000-0},
  pages = {61--80},
  year = 2019
}
@incollection{ch4again,
  author = {Park, Dae},
  title = {Siltuximab in practice},
  booktitle = {Handbook of Interleukin Biology},
  pages = {61--80},
  year = 2019
}
`,
  );
  assert.deepEqual(r.errors, []);
  const duplicates = entryFindings(r.entries, () => 1).filter((f) => f.code === 'bibliography.duplicate-entry');
  assert.deepEqual(
    duplicates.map((f) => f.data),
    [{ key: 'ch4again', sameAs: 'ch4' }],
  );
});

test('one problem, one finding, in a whole sentence: broken YAML, JSON and RIS', () => {
  const cases: [BibliographyFormat, string][] = [
    ['csl-yaml', 'references:\n- id: a\n   title: bad indent\n  type: book\n- id: b\n  title: Fine\n'],
    ['csl-yaml', '- id: a\n  title: [x, y\n- id: b\n'],
    ['csl-json', '[{"id": "a",}]'],
    ['ris', 'TY  - JOUR\nTI  - x\nPY  - not a date at all\nER  - \n'],
  ];
  for (const [format, text] of cases) {
    const { errors } = check(format, text);
    assert.ok(errors.length <= 1, `${format}: ${JSON.stringify(errors)}`);
    for (const message of errors) assert.match(message, /[^:]\.$/, message);
  }
});
