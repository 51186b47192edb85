import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBibliography, type BibliographyFormat } from '../server/src/core/bibliography/parse';
import { bibliographyFormatOf } from '../server/src/core/fileKinds';
import { LineMap } from '../server/src/core/text/textRange';
import { REPO_ROOT, FIXTURES_ROOT } from './util/fixture';

/** Parses `text` and returns, per entry, the key, the 1-based line of its key, and chosen fields; per error, its line. */
function check(format: BibliographyFormat, text: string) {
  const parsed = parseBibliography(text, 'file:///ws/refs', format);
  const lines = new LineMap(text);
  return {
    entries: parsed.entries.map((e) => ({
      key: e.key,
      line: lines.positionAt(e.keyRange.start).line + 1,
      keyText: text.slice(e.keyRange.start, e.keyRange.end),
      item: e.item,
    })),
    errors: parsed.errors.map((e) => ({ line: lines.positionAt(e.range.start).line + 1, message: e.message })),
  };
}

test('format is chosen by extension, as pandoc does', () => {
  assert.equal(bibliographyFormatOf('/a/refs.bib'), 'bibtex');
  assert.equal(bibliographyFormatOf('/a/refs.JSON'), 'csl-json');
  assert.equal(bibliographyFormatOf('/a/refs.yaml'), 'csl-yaml');
  assert.equal(bibliographyFormatOf('/a/refs.ris'), 'ris');
  assert.equal(bibliographyFormatOf('/a/refs.txt'), undefined);
});

test('real BibTeX: every entry, its key line and its fields', () => {
  const text = readFileSync(path.join(REPO_ROOT, 'test/fixtures/deep-review-sample.bib'), 'utf8');
  const { entries, errors } = check('bibtex', text);
  assert.deepEqual(errors, []);
  assert.equal(entries.length, 6);
  const lecun = entries.find((e) => e.key === 'LeCun2015Deep');
  assert.ok(lecun);
  assert.equal(lecun.keyText, 'LeCun2015Deep');
  assert.equal(text.split('\n')[lecun.line - 1], '@article{LeCun2015Deep,');
  assert.equal(lecun.item.DOI, '10.1038/nature14539');
  assert.equal(lecun.item.title, 'Deep learning');
  assert.deepEqual(
    (lecun.item.author as { family: string }[]).map((a) => a.family),
    ['LeCun', 'Bengio', 'Hinton'],
  );
});

test('BibTeX: @string macros, Chinese names, parenthesised entries', () => {
  const { entries, errors } = check(
    'bibtex',
    `@string{jcm = {Journal of Clinical Examples}}
@article{wang2099example,
  author = {王, 小明 and Li, Hua},
  title = {白细胞介素6研究示例},
  journal = jcm,
  year = {2099}
}
@book(doe2098book, title = {A Book}, publisher = {Press}, year = 2098)
`,
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(
    entries.map((e) => [e.key, e.line]),
    [
      ['wang2099example', 2],
      ['doe2098book', 8],
    ],
  );
  assert.equal(entries[0].item['container-title'], 'Journal of Clinical Examples');
  assert.equal((entries[0].item.author as { family: string }[])[0].family, '王');
  assert.equal(entries[0].item.title, '白细胞介素6研究示例');
});

test('BibTeX: a broken entry is reported at its line; the others still load', () => {
  const { entries, errors } = check(
    'bibtex',
    `@article{good1,
  title = {One},
  year = {2001}
}
@article{unclosed,
  title = {Two},
  year = {2002}

@article{good2,
  title = {Three},
  year = {2003}
}
@article{badfield,
  title = ,
  year = {2004}
}
`,
  );
  assert.deepEqual(
    entries.map((e) => e.key),
    ['good1', 'good2'],
  );
  assert.equal(errors.length, 2);
  assert.equal(errors[0].line, 5);
  assert.match(errors[0].message, /'unclosed' is not closed/);
  assert.equal(errors[1].line, 14);
  assert.match(errors[1].message, /badfield/);
});

test('CSL-JSON: key lines; broken JSON reported at the failing line', () => {
  const ok = check(
    'csl-json',
    '[\n  {"id": "a1", "type": "book", "title": "A"},\n  {\n    "type": "article-journal",\n    "id": "b2"\n  }\n]',
  );
  assert.deepEqual(
    ok.entries.map((e) => [e.key, e.line, e.keyText]),
    [
      ['a1', 2, 'a1'],
      ['b2', 5, 'b2'],
    ],
  );
  const broken = check('csl-json', '[\n  {"id": "a1", "type": "book"},\n  {"id": "b2" "type": "book"}\n]');
  assert.deepEqual(broken.entries, []);
  assert.equal(broken.errors.length, 1);
  assert.equal(broken.errors[0].line, 3);
});

test('CSL-YAML: items, key lines and YAML errors at their line', () => {
  const ok = check(
    'csl-yaml',
    'references:\n- id: smith2020\n  type: article-journal\n  title: A title\n- id: "jones2019"\n  type: book\n',
  );
  assert.deepEqual(
    ok.entries.map((e) => [e.key, e.line, e.keyText]),
    [
      ['smith2020', 2, 'smith2020'],
      ['jones2019', 5, 'jones2019'],
    ],
  );
  const broken = check('csl-yaml', '- id: a\n  title: [unclosed\n- id: b\n');
  assert.ok(broken.errors.length >= 1);
  assert.ok(broken.errors[0].line >= 2);
});

test('RIS: keys from ID, generated keys otherwise, DOI kept, unclosed record reported', () => {
  const { entries, errors } = check(
    'ris',
    `TY  - JOUR
ID  - doe2019
AU  - Doe, Jane
TI  - First title
T2  - J Immunol
PY  - 2019
DO  - 10.1000/example.1
ER  - 

TY  - JOUR
AU  - Roe, Richard
TI  - Second title
PY  - 2020
ER  - 

TY  - BOOK
TI  - Never closed
`,
  );
  assert.deepEqual(
    entries.map((e) => [e.key, e.line]),
    [
      ['doe2019', 2],
      ['roe2020', 10],
    ],
  );
  assert.equal(entries[0].item.DOI, '10.1000/example.1');
  assert.equal(entries[0].item.title, 'First title');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].line, 16);
});

test('the deep-review CSL-JSON library: 615 works, every id found at its line', () => {
  const file = path.join(FIXTURES_ROOT, 'deep-review/references.json');
  const text = readFileSync(file, 'utf8');
  const { entries, errors } = check('csl-json', text);
  assert.deepEqual(errors, []);
  assert.equal(entries.length, (JSON.parse(text) as unknown[]).length);
  for (const e of entries) assert.equal(e.keyText, e.key);
});
