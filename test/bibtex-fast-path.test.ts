/**
 * The BibTeX reader calls citation-js's stages one by one, reads plain field values itself
 * (bibtexValues.ts) and maps entries of common fields to CSL itself (bibtexMapping.ts). It must read exactly what citation-js's own `@biblatex/text` input chain
 * reads: every .bib fixture of the repository, and the benchmark's generated library of 1,000
 * entries, are parsed both ways and compared entry by entry, errors included.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBibtex } from '../server/src/core/bibliography/bibtex';
import { CITATION_JS_FIELDS, PLAIN_FIELDS } from '../server/src/core/bibliography/bibtexMapping';
import { biblatexToCsl, readBibtexValue } from '../server/src/core/bibliography/bibtexValues';
import { toCsl } from '../server/src/core/bibliography/formatSupport';
import { fixtureFiles, REPO_ROOT } from './util/fixture';

/* eslint-disable @typescript-eslint/no-require-imports -- citation-js ships no types; the test reads it as the product does */
const { parse: citationJsValue } = require('@citation-js/plugin-bibtex/lib/input/value.js') as {
  parse: (text: string, field: string) => unknown;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** citation-js's whole input chain, as the reader called it before. */
const plainCitationJs = (sources: readonly string[]) => toCsl(sources.join('\n'), '@biblatex/text');

/** The benchmark's 1k library (bench/generate.mjs, an ES module, so read in a child process). */
function generatedLibrary(): string {
  const script = `import { generateWorks, toBibtex } from ${JSON.stringify(path.join(REPO_ROOT, 'bench', 'generate.mjs'))}; process.stdout.write(toBibtex(generateWorks(1000)));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

function assertSameReading(name: string, text: string): number {
  const fast = parseBibtex(text, `file:///${name}`);
  const plain = parseBibtex(text, `file:///${name}`, plainCitationJs);
  assert.equal(fast.entries.length, plain.entries.length, `${name}: number of entries`);
  fast.entries.forEach((entry, i) => assert.deepEqual(entry, plain.entries[i], `${name}: entry ${entry.key}`));
  assert.deepEqual(fast.errors, plain.errors, `${name}: errors`);
  return fast.entries.length;
}

test('every .bib fixture reads the same through the fast path as through citation-js', () => {
  const files = fixtureFiles((name) => name.endsWith('.bib'));
  assert.ok(files.length >= 16, `found ${files.length} .bib fixtures`);
  let entries = 0;
  for (const file of files) entries += assertSameReading(path.relative(REPO_ROOT, file), readFileSync(file, 'utf8'));
  assert.ok(entries > 800, `${entries} entries compared`);
});

test("the benchmark's generated 1k library reads the same through the fast path as through citation-js", () => {
  assert.equal(assertSameReading('lib-1k.bib', generatedLibrary()), 1000);
});

test('broken entries give the same errors, at the same lines, either way', () => {
  const text = [
    '@string{jn = "Journal of Tests"}',
    '@article{good1, author = {Smith, Jane and {World Health Organization}}, title = {A -- B}, journal = jn, year = 2001}',
    '@article{broken, author = {Doe, John}, title = {Unclosed, year = 2002}',
    '@article{good2, author = {Lee, K.}, title = {Fine}, note = {a} = b, year = 2003}',
    '@article{good3, author = {van der Berg, Anna-Maria and Jones, Jr., Tom}, pages = {1--2}, url = {https://x.org/a b}, keywords = {a, b , c}}',
  ].join('\n');
  assertSameReading('broken.bib', text);
  const fast = parseBibtex(text, 'file:///broken.bib');
  assert.ok(fast.errors.length >= 1);
  assert.ok(fast.entries.some((e) => e.key === 'good3'));
});

test('plain values of every kind read as citation-js reads them, including the edge cases of its grammar', () => {
  const values: [string, string][] = [
    ['author', ' and Smith'],
    ['author', 'Smith , John'],
    ['author', 'Smith,John,Jr'],
    ['author', 'de la Fontaine, Jean and others'],
    ['author', 'Jean-Baptiste de  la Fontaine AND Ann  Lee'],
    ['author', '{Barnes and Noble} and Lee-Smith, A.-B.'],
    ['author', 'Smith and and Lee'],
    ['author', "O''Neil, Ann"],
    ['editor', 'a {B} c'],
    ['title', "``Quoted'' --- and -- ranged"],
    ['title', 'Spaces\n\tand {Braces {nested}  here}'],
    ['pages', '12--34'],
    ['keywords', 'a, b,c ,  d'],
    ['language', 'english and german'],
    ['url', 'https://example.org/a b?c=d%20e'],
    ['url', 'https://example.org/%E0%A4%A'],
    ['doi', '10.1000/ABC--def'],
    ['file', ':a.pdf:PDF'],
    ['unknownfield', 'Just  text'],
    ['author', String.raw`L{\"o}wenthal, Hans-Peter and Garc{\'\i}a, A. and {\c{C}}elik, Wei and S{\o}ndergaard, K.`],
    ['author', String.raw`M\"uller, J. and \"{O}zt\"urk, A and {\AA}berg, B`],
    ['title', String.raw`M{\"u}llerian \& the {\TeX} \unknowncommand{x} \%  and \ control`],
    ['title', String.raw`Accent at the end \"`],
    ['title', String.raw`\textit{Markup} goes to citation-js`],
    ['title', 'Unbalanced } brace'],
    ['title', 'Open { brace'],
    ['note', String.raw`N{\'e}e \'{e}t\'e \v{S}koda`],
    ['author', String.raw`N{\'u}{\~n}ez, Wei and Jean~Paul Sartre`],
    ['title', String.raw`Ties~and \emph{in vivo} {\em emphasis here} \textbf{} \url{https://x.org/a~b} \href{u}{t} \href {u}`],
    ['howpublished', String.raw`\url{https://example.org/a_b%20c}`],
    ['title', String.raw`\emph no braces`],
  ];
  const outcome = (read: () => unknown) => {
    try {
      return read();
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };
  for (const [field, value] of values)
    assert.deepEqual(
      outcome(() => readBibtexValue(value, field)),
      outcome(() => citationJsValue(value, field)),
      `${field} = {${value}}`,
    );
});

test('a source citation-js cannot read fails the same way through the fast reader', () => {
  // Unprepared (bibtex.ts rewrites `\enquote*{` first): citation-js's value grammar throws on it.
  const source = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'bibliographies', 'biblatex-examples.bib'), 'utf8');
  const outcome = (read: (s: string[]) => object[]) => {
    try {
      return read([source]).map((i) => ({ ...i, _graph: undefined }));
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };
  const plain = outcome(plainCitationJs);
  assert.equal(typeof plain, 'string');
  assert.deepEqual(outcome(biblatexToCsl), plain);
});

test("entries mapped to CSL by bibtexMapping.ts read as through citation-js's mapping, rule by rule", () => {
  const text = [
    '@book{parent, title = {The Book}, subtitle = {A Sub}, editor = {Ed, Itor}, publisher = {Pub}, address = {Here}, year = 2001, type = {Kind}}',
    '@incollection{child, crossref = {parent}, author = {Au, Thor}, title = {Chapter}, pages = {1--9}, number = {3}, series = {S}}',
    '@inproceedings{p1, booktitle = {Proc}, booksubtitle = {Sub}, organization = {Org}, number = {12}, month = {jun}, year = {2003}}',
    '@article{a1, journaltitle = {J}, journal = {Other}, issue = {Spring}, eprint = {123}, archiveprefix = {pubmed}, pmid = {9}}',
    '@article{a2, journal = {J2}, number = {x}, issue = {y}, date = {2004-05/2005}, keywords = {k1, k2}, file = {a.pdf}, timestamp = {t}}',
    '@misc{m1, howpublished = {Privately}, language = {english and german}, urldate = {2020-01-02}, entrysubtype = {sub}}',
    '@misc{m2, howpublished = {https://example.org}, url = {https://other.org}, eprint = {x}, archiveprefix = {pmid}, pmid = {77}, version = {2}}',
    '@patent{pt, type = {patent}, location = {DE}, number = {42}, institution = {Inst}, school = {Sch}}',
    '@phdthesis{th, school = {Uni}, pagetotal = {200}, shorttitle = {Short}, translator = {Tr, An}, chapter = {4}}',
    '@techreport{tr, institution = {Inst}, number = {TR-1}, year = {19xx}, isbn = {1}, issn = {2}, edition = {3}}',
    '@book{b2, maintitle = {Main}, title = {Vol}, volumes = {3}, note = {n}, abstract = {abs}, doi = {10.1/x}, url = {https://x.org/a}}',
    '@collection{c1, number = {5}, location = {There}, address = {Ignored}, author = {A, B and C, D}, year = {2010}, month = {13}}',
  ].join('\n');
  assert.equal(assertSameReading('mapping.bib', text), 12);
});

test('bibtexMapping.ts knows every field citation-js maps or tests: a field it neither maps nor sends to citation-js would be lost', () => {
  const source = readFileSync(require.resolve('@citation-js/plugin-bibtex/lib/mapping/biblatex.js'), 'utf8');
  const named = new Set<string>();
  for (const m of source.matchAll(/source: (\[[^\]]*\]|'[^']*')/g)) for (const n of m[1].matchAll(/'([^']+)'/g)) named.add(n[1]);
  for (const m of source.matchAll(/source: \{([^}]*(?:\{[^}]*\}[^}]*)*)\}/g))
    for (const n of m[1].matchAll(/^\s*'?([a-z+:-]+)'?(?:\(|:)/gm)) named.add(n[1]);
  assert.ok(named.size > 60, `${named.size} fields read from biblatex.js`);
  const unknown = [...named].filter((field) => !PLAIN_FIELDS.has(field) && !CITATION_JS_FIELDS.has(field));
  assert.deepEqual(unknown, []);
  assert.deepEqual(
    [...PLAIN_FIELDS].filter((field) => CITATION_JS_FIELDS.has(field)),
    [],
  );
});
