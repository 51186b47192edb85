import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBibliography } from '../server/src/core/bibliography/parse';
import { LineMap } from '../server/src/core/text/textRange';
import { pandocItems } from './util/bibtexOracle';
import { FIXTURES_ROOT } from './util/fixture';

/** Parses `text` as BibTeX: per entry its key and item, per error its 1-based line and message; and pandoc's keys for the same text. */
function check(text: string, withPandoc = true) {
  const parsed = parseBibliography(text, 'file:///ws/refs.bib', 'bibtex');
  const lines = new LineMap(text);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'citokine-bib-')), 'refs.bib');
  writeFileSync(file, text);
  return {
    keys: parsed.entries.map((e) => e.key),
    items: new Map(parsed.entries.map((e) => [e.key, e.item])),
    keyTexts: parsed.entries.map((e) => text.slice(e.keyRange.start, e.keyRange.end)),
    errors: parsed.errors.map((e) => ({ line: lines.positionAt(e.range.start).line + 1, message: e.message })),
    pandocKeys: withPandoc ? pandocItems(file, 'biblatex').map((i) => i.id) : [],
  };
}

test("entries pandoc reads load: a $ in an abstract, {\\textit X}, \\enquote*{...}, keys with ' ( ) =", () => {
  const r = check(String.raw`@article{Reviewers'Update2014,
  title = {Reviewers' update},
  author = {Doe, Jane},
  journal = {Journal of Examples},
  year = 2014
}
@article{paren(x),
  title = {A key with parentheses},
  year = 2014
}
@article{eq=x,
  title = {A key with an equals sign},
  year = 2014
}
@article{dollar,
  title = {Prices},
  abstract = {It costs $200 to buy.},
  year = 2015
}
@article{textit,
  title = {Navigation in {\textit Cataglyphis fortis} ants},
  year = 2016
}
@article{enquote,
  title = {Quotes},
  annotation = {The string \enquote*{series} is appended},
  year = 2016
}
`);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.keys, r.pandocKeys);
  assert.deepEqual(r.keys, ["Reviewers'Update2014", 'paren(x)', 'eq=x', 'dollar', 'textit', 'enquote']);
  assert.deepEqual(r.keyTexts, r.keys);
  assert.equal(r.items.get('textit')?.title, 'Navigation in <i>C</i>ataglyphis fortis ants');
  assert.equal(r.items.get("Reviewers'Update2014")?.['container-title'], 'Journal of Examples');
});

test('a file whose only entry has a custom type loads', () => {
  for (const type of ['CUSTOMA', 'LEGADMINMATERIAL', 'software', 'dataset']) {
    const r = check(`@${type}{only, title = {The only entry}, author = {Doe, Jane}, year = 2020}\n`);
    assert.deepEqual(r.errors, [], type);
    assert.deepEqual(r.keys, ['only'], type);
    assert.equal(r.items.get('only')?.title, 'The only entry', type);
  }
});

test('an entry commented out with % is not an entry, as for pandoc', () => {
  const r = check(`%@article{old, title = {Old}, year = 2000}\n@article{new, title = {New}, year = 2001}\n`);
  assert.deepEqual(r.keys, r.pandocKeys);
  assert.deepEqual(r.keys, ['new']);
});

test("LaTeX does not leak into fields: \\quad, \\hyphen, \\TeX, $\\lambda$, `quoted'", () => {
  const r = check(
    String.raw`@article{latex,
  title = {Spaces\quad and methodology\hyphen independent \TeX{} typesetting of $\lambda$ and ` +
      "`quoted'" +
      String.raw` words},
  author = {{\relax Epocrates}},
  journal = {The \TeX book},
  year = 2017
}
`,
  );
  const item = r.items.get('latex');
  assert.equal(item?.title, 'Spaces\u2003and methodology-independent TeX typesetting of λ and ‘quoted’ words');
  assert.equal(item?.['container-title'], 'The TeX book');
  assert.deepEqual(item?.author, [{ family: 'Epocrates' }]);
});

test('biblatex crossref: a chapter takes booktitle, editor, publisher and year from its @book', () => {
  const r = check(`@incollection{westfahl:space,
  author = {Westfahl, Gary},
  title = {The True Frontier},
  pages = {55-65},
  crossref = {westfahl:frontier}
}
@collection{westfahl:frontier,
  editor = {Westfahl, Gary},
  title = {Space and Beyond},
  publisher = {Greenwood},
  location = {Westport, Conn.},
  date = 2000
}
`);
  const chapter = r.items.get('westfahl:space');
  assert.equal(chapter?.['container-title'], 'Space and Beyond');
  assert.equal(chapter?.publisher, 'Greenwood');
  assert.deepEqual(chapter?.issued, { 'date-parts': [[2000]] });
  assert.deepEqual(
    (chapter?.editor as { family: string }[]).map((e) => e.family),
    ['Westfahl'],
  );
  assert.equal(chapter?.title, 'The True Frontier');
  assert.equal(chapter?.page, '55-65');
});

test('biblatex crossref in a real file: biblatex-examples.bib westfahl:space inherits from westfahl:frontier', () => {
  const text = readFileSync(path.join(FIXTURES_ROOT, 'bibliographies', 'biblatex-examples.bib'), 'utf8');
  const entry = parseBibliography(text, 'file:///ws/biblatex-examples.bib', 'bibtex').entries.find((e) => e.key === 'westfahl:space');
  assert.deepEqual(entry?.item.issued, { 'date-parts': [[2000]] });
  assert.match(String(entry?.item['container-title']), /^Space and Beyond/);
  assert.equal(entry?.item.publisher, 'Greenwood');
});

test('a parse error names the entry, the field and the cause, at the line in the file, ending with a full stop', () => {
  const text = `@article{good,
  title = {Good},
  year = 2020
}
@article{broken,
  title = {Broken}
  note = {a comma is missing above},
  year = 2020
}
@article{macro,
  title = {Fine},
  note = {\\textit},
  year = 2020
}
`;
  const r = check(text, false); // pandoc rejects the whole file
  assert.deepEqual(r.keys, ['good']);
  assert.equal(r.errors.length, 2, JSON.stringify(r.errors));
  for (const error of r.errors) assert.match(error.message, /\.$/, error.message);
  assert.equal(r.errors[0].message, "Entry 'broken', field 'note': a ',' is missing after the previous field.");
  assert.equal(r.errors[0].line, 7);
  assert.match(r.errors[1].message, /^Entry 'macro', field 'note': /);
  assert.equal(r.errors[1].line, 12);
});
