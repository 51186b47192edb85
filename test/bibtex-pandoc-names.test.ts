import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBibliography } from '../server/src/core/bibliography/parse';
import { pandocItems, type OracleItem } from './util/bibtexOracle';

/**
 * Names and container titles of BibTeX entries as pandoc 2.17 reads them, compared with pandoc
 * itself at test time (`pandoc -f biblatex -t csljson`, how pandoc reads a `.bib` file): in
 * `von Last, First` the von part is only the leading lower-case words (`Brito da Silva, L.`
 * keeps its family name whole), it is a dropping particle, and lower-case words leading a
 * braced family name are a non-dropping one; a `booktitle` is the container title of a part
 * of a book only (inbook, bookinbook, incollection, inproceedings, inreference).
 */
function ours(bib: string): Map<string, OracleItem> {
  const parsed = parseBibliography(bib, 'file:///refs.bib', 'bibtex');
  assert.deepEqual(parsed.errors, []);
  return new Map(parsed.entries.map((e) => [e.key, { ...e.item, id: e.key }]));
}

function pandoc(bib: string): OracleItem[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'citokine-names-'));
  try {
    const file = path.join(dir, 'refs.bib');
    writeFileSync(file, bib);
    return pandocItems(file, 'biblatex');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NAME_PARTS = ['family', 'given', 'dropping-particle', 'non-dropping-particle', 'suffix'] as const;

/** A name's parts, apostrophes and no-break spaces made plain (pandoc curls the one and keeps the other). */
function parts(name: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of NAME_PARTS)
    if (typeof name[part] === 'string') out[part] = (name[part] as string).replace(/’/g, "'").replace(/\u00a0/g, ' ');
  return out;
}

/** Real names (the first from AdaptiveResonance.jl's paper.bib, the next from biblatex-apa's tests) and the textbook cases. */
const NAMES = [
  'Brito da Silva, Leonardo Enzo',
  'López de Molina, G.',
  'de la Fontaine, Jean',
  'van Beethoven, Ludwig',
  'Brito da Silva, L.',
  'Ludwig van Beethoven',
  '{de la} Vallée Poussin, C.',
  'J. C. {van Vliet}',
  'C. G. {van der Laan}',
  'Chih-sung Tang',
  'Charles Louis Xavier Joseph de la Vallée Poussin',
  'van der Waals, Johannes Diderik',
  'Van Beethoven, Ludwig',
  'von Neumann, Jr., John',
  "d'Alembert, Jean",
  "Jean d'Alembert",
  'Leonardo Enzo Brito da Silva',
  'Silva, L. da',
  'Maria {de la} Cruz',
  "{\\'E}douard de la Rue",
  "\\'Emile Zola",
  'de Brito da Silva, L.',
  'Hasselt, Harold van',
  'Anne-marie Smith',
  '{\\relax Ch}ristophe Martin',
  "Mac{\\'I}omhair, Seán",
  'Smith, John',
];

test('BibTeX names: family and particles as pandoc splits them', () => {
  const bib = NAMES.map((name, i) => `@misc{n${i}, author = {${name}}, title = {T}}`).join('\n');
  const read = ours(bib);
  const differences: string[] = [];
  for (const item of pandoc(bib)) {
    const expected = (item.author as Record<string, unknown>[]).map(parts);
    const actual = ((read.get(item.id)?.author ?? []) as Record<string, unknown>[]).map(parts);
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      differences.push(`${NAMES[Number(item.id.slice(1))]}: pandoc ${JSON.stringify(expected)}, Citokine ${JSON.stringify(actual)}`);
  }
  assert.deepEqual(differences, []);
});

test('BibTeX names: `Brito da Silva, Leonardo Enzo` keeps its family name whole; `van` is a dropping particle', () => {
  const read = ours('@article{DaSilva2019, author = {Brito da Silva, Leonardo Enzo and Ludwig van Beethoven}, title = {T}}');
  assert.deepEqual(read.get('DaSilva2019')?.author, [
    { family: 'Brito da Silva', given: 'Leonardo Enzo' },
    { family: 'Beethoven', given: 'Ludwig', 'dropping-particle': 'van' },
  ]);
});

test('BibTeX names: biblatex `useprefix` makes the von part a non-dropping particle (biblatex-examples, vangennep)', () => {
  const bib = '@book{vangennep, author = {van Gennep, Arnold}, title = {Les rites de passage}, options = {useprefix}}';
  assert.deepEqual(
    (ours(bib).get('vangennep')?.author as Record<string, unknown>[]).map(parts),
    (pandoc(bib)[0].author as Record<string, unknown>[]).map(parts),
  );
});

/** Every entry type pandoc knows, and some it does not. */
const TYPES =
  'article book mvbook inbook bookinbook suppbook booklet collection mvcollection incollection suppcollection dataset manual misc online patent periodical suppperiodical proceedings mvproceedings inproceedings reference mvreference inreference report set software thesis unpublished conference phdthesis mastersthesis techreport electronic www artwork audio letter movie music performance review standard video customa'.split(
    ' ',
  );

test('booktitle: the container title of a part of a book only, on every entry type, as pandoc reads it', () => {
  const bib = [
    ...TYPES.map((type) => `@${type}{k${type}, title = {T}, booktitle = {BT}, author = {A, B}, year = {2000}}`),
    // With a journal too: pandoc's container is the journal unless the entry is part of a book.
    ...TYPES.map((type) => `@${type}{j${type}, title = {T}, booktitle = {BT}, journal = {J}, year = {2000}}`),
  ].join('\n');
  const read = ours(bib);
  const differences = pandoc(bib)
    .filter((item) => read.get(item.id)?.['container-title'] !== item['container-title'])
    .map((item) => `${item.id}: pandoc ${String(item['container-title'])}, Citokine ${String(read.get(item.id)?.['container-title'])}`);
  assert.deepEqual(differences, []);
});

test('booktitle: an ADS @book (bumbl, AdaptiveResonance.jl) and a JabRef @collection have no container title', () => {
  const read = ours(
    [
      '@book{Binney:2008, author = {{Binney}, J. and {Tremaine}, S.}, title = "{Galactic Dynamics: Second Edition}", booktitle = {Galactic Dynamics: Second Edition, by James Binney and Scott Tremaine.}, year = 2008}',
      '@collection{Hsu1993, title = {Special Issue on Workflow}, booktitle = {Special Issue on Workflow and Extented Transaction Systems}, editor = {Hsu, Meichun}, year = {1993}}',
      '@incollection{ch, title = {Chapter}, booktitle = {The Book}, author = {A, B}, year = {2000}}',
    ].join('\n'),
  );
  assert.equal(read.get('Binney:2008')?.['container-title'], undefined);
  assert.equal(read.get('Hsu1993')?.['container-title'], undefined);
  assert.equal(read.get('ch')?.['container-title'], 'The Book');
});
