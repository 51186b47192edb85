/** One classification of files by name (core/fileKinds.ts), asked the same way by every host and feature. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bibliographyFormatOf, isBibliographyFile, isGlossaryFile, isManuscriptFile } from '../server/src/core/fileKinds';
import { ManuscriptCache } from '../server/src/core/workspaceIndex';

type Kind = 'manuscript' | 'bibliography' | 'glossary' | 'other';

/** The one kind each name has; the three questions must agree on it. */
function check(name: string, expected: Kind): void {
  for (const form of [name, `file:///work/paper/${name}`, `/work/paper/${name}`]) {
    const kinds: Kind[] = [];
    if (isManuscriptFile(form)) kinds.push('manuscript');
    if (isBibliographyFile(form)) kinds.push('bibliography');
    if (isGlossaryFile(form)) kinds.push('glossary');
    assert.deepEqual(kinds.length > 0 ? kinds : ['other'], [expected], form);
  }
}

test('glossaries by name are glossaries, not bibliographies', () => {
  for (const name of ['glossary.json', 'glossary.yaml', 'glossary.yml', 'x.glossary.yaml', 'terms.glossary.json', 'GLOSSARY.JSON'])
    check(name, 'glossary');
});

test('other JSON, YAML, BibTeX and RIS files are bibliographies', () => {
  for (const name of [
    'refs.json',
    'refs.yaml',
    'refs.yml',
    'refs.bib',
    'refs.BIB',
    'refs.bibtex',
    'refs.biblatex',
    'refs.ris',
    'myglossary.json',
  ])
    check(name, 'bibliography');
});

test('Markdown, Quarto and R Markdown files are manuscripts', () => {
  for (const name of ['paper.md', 'paper.markdown', 'paper.qmd', 'paper.Rmd', 'paper.rmd', 'PAPER.MD']) check(name, 'manuscript');
});

test('other files are none of these', () => {
  for (const name of ['paper.txt', 'style.csl', 'refs.bib.bak', 'md', 'glossary.txt']) check(name, 'other');
});

test('a query or fragment does not change the kind', () => {
  assert.equal(isManuscriptFile('file:///a/paper.md?x=1#top'), true);
  assert.equal(isGlossaryFile('file:///a/glossary.json#x'), true);
  assert.equal(isBibliographyFile('file:///a/glossary.json#x'), false);
});

test('a bibliography is read in the format its extension names', () => {
  assert.equal(bibliographyFormatOf('file:///a/refs.bib'), 'bibtex');
  assert.equal(bibliographyFormatOf('/a/refs.JSON'), 'csl-json');
  assert.equal(bibliographyFormatOf('refs.yml'), 'csl-yaml');
  assert.equal(bibliographyFormatOf('refs.ris'), 'ris');
  assert.equal(bibliographyFormatOf('refs.txt'), undefined);
  // Named as a bibliography in front matter, a glossary-named JSON file is still read as CSL-JSON.
  assert.equal(bibliographyFormatOf('glossary.json'), 'csl-json');
});

test('the manuscript cache keeps a bounded number of parses and reuses unchanged ones', () => {
  const cache = new ManuscriptCache(3);
  const doc = (n: number, text = `Text ${n} [@k${n}].`) => ({ uri: `file:///w/${n}.md`, text });
  const first = cache.of(doc(1));
  assert.equal(cache.of(doc(1)), first, 'same text, same parse');
  for (let n = 2; n <= 5; n++) cache.of(doc(n));
  assert.equal(cache.size, 3);
  assert.notEqual(cache.of(doc(1)), first, 'the least recently used parse was evicted');
  assert.deepEqual(
    [...cache.knownUris()].sort(),
    [1, 2, 3, 4, 5].map((n) => doc(n).uri),
    'evicted manuscripts stay known',
  );
  cache.forget(doc(2).uri);
  assert.equal([...cache.knownUris()].includes(doc(2).uri), false);
});
