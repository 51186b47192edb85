/**
 * The References heading rule: which headings name the document's reference list. One rule
 * decides both where the own numbered list is read (numeric citations resolve to it) and
 * where Insert Reference List writes, so the two never disagree.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isReferenceHeadingText, normalizeHeadingText } from '../server/src/core/markdown/sections';
import { LineMap } from '../server/src/core/text/textRange';
import { applyWorkspaceEdit } from './util/edits';
import { fixture } from './util/fixture';

const BIB = `@article{smith2020,
  author = {Smith, Jane},
  title = {Interleukin-6 signalling in colorectal tumours},
  journal = {Example Journal of Oncology},
  year = {2020}
}
`;

/** A manuscript citing two own entries, a number the list lacks, and one work by key. */
function manuscript(heading: string): string {
  return `---
bibliography: refs.bib
---
Growth [1], invasion [2] and a lost one [3]; also [@smith2020].

## ${heading}

1. Alpha A. First. J. 2020.
2. Beta B. Second. J. 2021.

## Appendix

Text.
`;
}

const HEADINGS_OUTSIDE = (text: string) => text.split('\n').filter((l) => /^#{1,6} /.test(l));

interface Outcome {
  /** Codes of the citation diagnostics, each with the cited text it sits on. */
  readonly diagnostics: string[];
  /** The document after Insert Reference List. */
  readonly inserted: string;
}

async function check(source: string): Promise<Outcome> {
  const f = fixture(`%! main.md\n${source}%! refs.bib\n${BIB}`);
  const lines = new LineMap(f.text);
  const diagnostics = (await f.service.diagnostics({ uri: f.uri, text: f.text }))
    .filter((d) => String(d.code).startsWith('citation.'))
    .map((d) => `${String(d.code)} ${f.text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end))}`);
  const result = await f.service.documentCommand('citokine.insertReferenceList', { uri: f.uri, text: f.text });
  return { diagnostics, inserted: applyWorkspaceEdit(f.text, result.edit, f.uri) };
}

/** The list Insert Reference List writes for `[@smith2020]` in Vancouver. */
const GENERATED = `<!-- citokine:references -->

\\[1\\] Smith J. (rendered)

<!-- /citokine:references -->`;

/** Where the generated list must go: right after the own list, inside its section. */
function insertedIntoSection(source: string): string {
  return source.replace('2. Beta B. Second. J. 2021.\n', `2. Beta B. Second. J. 2021.\n\n${GENERATED}\n`);
}

test('sections: `## References {#refs}` is the own list, and Insert Reference List writes into it rather than adding a second heading', async () => {
  const source = manuscript('References {#refs}');
  const outcome = await check(source);
  assert.deepEqual(HEADINGS_OUTSIDE(outcome.inserted), HEADINGS_OUTSIDE(source), 'no heading added');
  assert.equal(normalize(outcome.inserted), normalize(insertedIntoSection(source)));
  assert.ok(
    outcome.diagnostics.some((d) => d.startsWith('citation.number-out-of-range') && d.includes('3')),
    outcome.diagnostics.join('\n'),
  );
});

test('sections: a `## Works Cited` numbered list is the own list: numbers resolve to it, a number it lacks is out of range, and the inserted list goes there too', async () => {
  const source = manuscript('Works Cited');
  const outcome = await check(source);
  const outOfRange = outcome.diagnostics.filter((d) => d.startsWith('citation.number-out-of-range'));
  assert.equal(outOfRange.length, 1, outcome.diagnostics.join('\n'));
  assert.match(outOfRange[0], /3/);
  assert.ok(!outcome.diagnostics.some((d) => / \[?[12]\]?$/.test(d)), outcome.diagnostics.join('\n'));
  assert.equal(normalize(outcome.inserted), normalize(insertedIntoSection(source)));
});

test('sections: every name of the reference list, with numbering, attributes and closing hashes, is read and written alike', async () => {
  const names = [
    'References',
    'Bibliography {.unnumbered}',
    'Literature Cited',
    '7. Works Cited',
    'References ## {#refs}',
    '参考文献 {-}',
    '**参考资料**',
    'Reference List:',
  ];
  for (const name of names) {
    const source = manuscript(name);
    const outcome = await check(source);
    assert.ok(
      outcome.diagnostics.some((d) => d.startsWith('citation.number-out-of-range')),
      `${name}: own list not read`,
    );
    assert.equal(normalize(outcome.inserted), normalize(insertedIntoSection(source)), `${name}: list not written into the section`);
  }
});

test('sections: a heading that only mentions references is not the reference list', async () => {
  for (const name of ['Reference Genes', 'Methods', 'References to prior work']) {
    const source = manuscript(name);
    const outcome = await check(source);
    assert.ok(!outcome.diagnostics.some((d) => d.startsWith('citation.number-out-of-range')), `${name}: read as the own list`);
    assert.equal(
      HEADINGS_OUTSIDE(outcome.inserted).length,
      HEADINGS_OUTSIDE(source).length + 1,
      `${name}: a References heading should be added`,
    );
  }
});

test('sections: the heading name a reader sees', () => {
  const cases: [string, string][] = [
    ['References {#refs}', 'References'],
    ['References ## {#refs .unnumbered}', 'References'],
    ['6.2. *Methods*:', 'Methods'],
    ['IV. Discussion', 'Discussion'],
    ['三、参考文献', '参考文献'],
    ['Works   Cited ：', 'Works Cited'],
    ['C# {-}', 'C#'],
  ];
  for (const [text, name] of cases) assert.equal(normalizeHeadingText(text), name, text);
  assert.deepEqual(
    ['REFERENCES', 'Works cited', 'bibliography', '参考文献', 'Literature Cited', 'Reference genes', 'Summary'].map(isReferenceHeadingText),
    [true, true, true, true, true, false, false],
  );
});

/** How the style renders the reference is not what these tests are about. */
function normalize(text: string): string {
  return text.replace(/^(\\\[1\\\] Smith J\.).*$/m, '$1 (rendered)');
}
