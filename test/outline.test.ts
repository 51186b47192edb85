/**
 * The data behind the editor's picker, views and status bar (`citokine/citationCandidates`,
 * `citokine/documentOutline`): candidates ranked by completion's own ranking with the
 * document's citation style, and a manuscript's cited works, uncited entries, terms,
 * sources and findings. Places are checked against the fixture's text, not line numbers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Range } from 'vscode-languageserver-types';
import { fixture } from './util/fixture';
import { LineMap } from '../server/src/core/text/textRange';

const BIB = `@article{hirano2020,
  author = {Hirano, Toshio},
  title = {IL-6 in inflammation, autoimmunity and cancer},
  journal = {International Immunology},
  year = {2020}
}
@article{johnson2018,
  author = {Johnson, Daniel E. and O'Keefe, Rachel A. and Grandis, Jennifer R.},
  title = {Targeting the IL-6/JAK/STAT3 signalling axis in cancer},
  journal = {Nature Reviews Clinical Oncology},
  year = {2018}
}
@article{wang2019,
  author = {王, 小明},
  title = {白细胞介素6与结直肠癌},
  journal = {中华肿瘤杂志},
  year = {2019}
}
`;

const KEY_DOC = `%! main.md
---
bibliography: refs.bib
---
Interleukin-6 (IL-6) signals through gp130 [@johnson2018]. IL-6 is raised [@hirano2020; @johnson2018].
%! refs.bib
${BIB}`;

/** The text a range covers. */
function textAt(text: string, range: Range): string {
  const lines = new LineMap(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

async function candidates(source: string, query: string) {
  const f = fixture(source);
  return f.service.citationCandidates({ uri: f.uri, text: f.text }, query);
}

test('candidates in a key document are ranked by authors, title words and Chinese titles', async () => {
  const byAuthor = await candidates(KEY_DOC, 'hirano');
  assert.equal(byAuthor.style, 'key');
  assert.equal(byAuthor.items[0].key, 'hirano2020');
  assert.equal(byAuthor.items[0].authors, 'Hirano Toshio');
  assert.equal(byAuthor.items[0].year, '2020');
  assert.equal(byAuthor.items[0].journal, 'International Immunology');
  const byTitle = await candidates(KEY_DOC, 'signalling axis');
  assert.equal(byTitle.items[0].key, 'johnson2018');
  const chinese = await candidates(KEY_DOC, '结直肠癌');
  assert.equal(chinese.items[0].key, 'wang2019');
  assert.equal(chinese.items[0].authors, '王小明');
});

test('built-in candidates carry their identification status and number', async () => {
  const result = await candidates('%! main.md\nIL-6 in colorectal cancer [1], [2].\n', '');
  assert.equal(result.style, 'numeric');
  assert.ok(result.items.length >= 50, `expected the built-in list, got ${result.items.length}`);
  for (const item of result.items) {
    assert.equal(typeof item.number, 'number');
    assert.ok(item.status && ['certain', 'probable', 'candidate', 'unknown'].includes(item.status), `${item.key}: ${item.status}`);
  }
});

test("a numeric document with its own References section offers that list's numbers", async () => {
  const doc = `%! main.md
IL-6 drives STAT3 [1].

## References

1. Hirano T. IL-6 in inflammation, autoimmunity and cancer. Int Immunol. 2020.
2. Johnson DE, et al. Targeting the IL-6/JAK/STAT3 signalling axis in cancer. Nat Rev Clin Oncol. 2018.
`;
  const result = await candidates(doc, 'johnson');
  assert.equal(result.style, 'numeric');
  assert.deepEqual(
    result.items.map((i) => i.number),
    [2],
  );
  const f = fixture(doc);
  const outline = await f.service.documentOutline({ uri: f.uri, text: f.text });
  assert.deepEqual(
    outline.uncited.map((u) => u.number),
    [2],
  );
  assert.match(textAt(f.text, outline.uncited[0].range!), /^2\. Johnson/);
});

test('the outline lists cited works in order of first citation with their places, and the uncited entries', async () => {
  const f = fixture(KEY_DOC);
  const outline = await f.service.documentOutline({ uri: f.uri, text: f.text });
  assert.equal(outline.style, 'key');
  assert.deepEqual(
    outline.cited.map((w) => [w.key, w.places.length]),
    [
      ['johnson2018', 2],
      ['hirano2020', 1],
    ],
  );
  for (const work of outline.cited) for (const place of work.places) assert.equal(textAt(f.text, place), `@${work.key}`);
  assert.deepEqual(
    outline.uncited.map((u) => u.key),
    ['wang2019'],
  );
  const bib = outline.sources.find((s) => s.kind === 'bibliography' && !s.builtin);
  assert.deepEqual(bib && [bib.name, bib.entries, bib.readable], ['refs.bib', 3, true]);
  assert.ok(outline.sources.some((s) => s.kind === 'glossary' && s.builtin && s.entries > 0));
});

test('the outline gives each term its first use, its definition and its findings, and counts findings', async () => {
  const source = `%! main.md
Raised IL6 predicts recurrence. Interleukin-6 (IL-6) signals through gp130 [@nosuchkey].
`;
  const f = fixture(source);
  const outline = await f.service.documentOutline({ uri: f.uri, text: f.text });
  const il6 = outline.terms.find((t) => t.canonical === 'IL-6');
  assert.ok(il6, JSON.stringify(outline.terms.map((t) => t.canonical)));
  assert.equal(textAt(f.text, il6.firstUse), 'IL6');
  assert.equal(textAt(f.text, il6.definition!), 'Interleukin-6 (IL-6)');
  assert.ok(
    il6.findings.some((x) => textAt(f.text, x.range) === 'IL6'),
    JSON.stringify(il6.findings),
  );
  const diagnostics = await f.service.diagnostics({ uri: f.uri, text: f.text });
  const termCount = diagnostics.filter((d) => String(d.code).startsWith('term.')).length;
  assert.equal(outline.findings.terms, termCount);
  assert.equal(outline.findings.citations + outline.findings.terms, diagnostics.length);
  assert.ok(outline.cited.some((w) => w.key === 'nosuchkey' && !w.known));
});
