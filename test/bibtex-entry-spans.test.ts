/**
 * An entry whose values need no preparing is read where it stands in the file's text (an
 * `EntrySpan`), not from a source string joined of its head, a placeholder key and its body.
 * Read in place it must give what the joined string gives: the whole parse (items, field
 * order, errors) on every .bib fixture, the benchmark's generated library and random files,
 * and the file reader on its own (an entry it reads in place reads as the string does; one the
 * string cannot read plainly is not read in place either).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseBibtex, splitBibtex } from '../server/src/core/bibliography/bibtex';
import { NotPlainBibtex, readEntries, sourceString, type EntrySource } from '../server/src/core/bibliography/bibtexFields';
import { biblatexToCsl } from '../server/src/core/bibliography/bibtexValues';
import { fixtureFiles, REPO_ROOT } from './util/fixture';

/** The benchmark's 1k library (bench/generate.mjs, an ES module, so read in a child process). */
function generatedLibrary(): string {
  const script = `import { generateWorks, toBibtex } from ${JSON.stringify(path.join(REPO_ROOT, 'bench', 'generate.mjs'))}; process.stdout.write(toBibtex(generateWorks(1000)));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

/** The parse with every entry given to the fast reader as a joined string, as before. */
const asStrings = (text: string) => parseBibtex(text, 'file:///refs.bib', (sources) => biblatexToCsl(sources));

function assertSameParse(name: string, text: string): number {
  const inPlace = parseBibtex(text, 'file:///refs.bib');
  const strings = asStrings(text);
  assert.equal(JSON.stringify(inPlace), JSON.stringify(strings), name);
  return inPlace.entries.length;
}

test('the parse reads every .bib fixture the same in place as from joined sources, field order included', () => {
  let entries = 0;
  for (const file of fixtureFiles((name) => name.endsWith('.bib'))) entries += assertSameParse(file, readFileSync(file, 'utf8'));
  assert.ok(entries > 800, `${entries} entries`);
});

test("the benchmark's generated library reads the same in place", () => {
  assert.equal(assertSameParse('lib-1k.bib', generatedLibrary()), 1000);
});

/** Pieces of BibTeX, odd ones included: keys with `@`, `%` and quotes, comments, macros, escapes, unbalanced braces. */
const PIECES = [
  '@article{',
  '@misc(',
  '@commentary{',
  '@string{jn = "J"}',
  '@comment{x}',
  '@preamble{"\\newcommand{\\noopsort}[1]{}"}',
  'key1',
  "o'k",
  'a@b',
  'k(1)',
  ', ',
  ',',
  ' title = {A {B} c}',
  ' author = {Smith, J. and van Dam, K}',
  ' journal = jn',
  ' journal = jn # " x"',
  ' year = 2001',
  ' year = -12',
  ' note = "q {"} r"',
  ' pages = {1--2}',
  ' doi = {10.1/x}',
  ' url = {https://x.org/a b}',
  ' title = {a(b}',
  ' note = {c)d}',
  '王',
  '\\',
  '\\{',
  '$',
  '{',
  '}',
  ')',
  '"',
  '#',
  '=',
  ' ',
  '\n',
  '\r\n',
  '\t',
  '% c\n',
  '%',
];
const bibText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
/** Whole entries, so that most random files hold some that read plainly. */
const entryText = fc
  .tuple(
    fc.constantFrom('@article{', '@book{', '@misc(', '@Article {'),
    fc.constantFrom('key1', 'k2', "o'k", 'a@b', 'x-y:z'),
    fc.constantFrom(',', ' ,', '\n,'),
    fc.array(
      fc.constantFrom(...PIECES.slice(12, 24)).map((f) => `${f},`),
      { maxLength: 5 },
    ),
    fc.constantFrom('}', ')', '\n}', '}  \n', '', ') x)', '} x}'),
    bibText,
  )
  .map(([head, key, comma, fields, close, after]) => `${head}${key}${comma}${fields.join('\n')}${close}\n${after}`);
const bibFile = fc.array(fc.oneof(entryText, bibText), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('\n'));

test('the parse reads random files the same in place as from joined sources', () => {
  fc.assert(
    fc.property(bibFile, (text) => {
      assertSameParse('random', text);
    }),
    { numRuns: 1500 },
  );
});

/** What the file reader gives, or that it hands the sources back. */
function read(sources: readonly EntrySource[]): string {
  try {
    return JSON.stringify(readEntries(sources));
  } catch (e) {
    if (e instanceof NotPlainBibtex) return 'not plain';
    throw e;
  }
}

test('the file reader reads an entry in place as it reads the joined source, or hands it back', () => {
  let inPlace = 0;
  fc.assert(
    fc.property(bibFile, (text) => {
      splitBibtex(text).forEach((chunk, index) => {
        if (chunk.key === '' || chunk.type === 'string' || chunk.type === 'preamble' || chunk.type === 'comment') return;
        const span = { text, start: chunk.range.start, keyStart: chunk.keyRange.start, keyEnd: chunk.keyRange.end, end: chunk.range.end };
        const sources: EntrySource[] = ['@string{jn = "J"}', { ...span, label: `citokineentry${index}` }];
        const spanRead = read(sources);
        const stringRead = read(sources.map(sourceString));
        // Handing back an entry the string reads is allowed (citation-js then reads it, as it reads the string).
        if (spanRead !== 'not plain') {
          assert.equal(spanRead, stringRead, sourceString(sources[1]));
          inPlace++;
        } else assert.ok(stringRead === 'not plain' || chunk.type.startsWith('comment'), `handed back: ${sourceString(sources[1])}`);
      });
    }),
    { numRuns: 2000 },
  );
  assert.ok(inPlace > 500, `${inPlace} entries read in place`);
});
