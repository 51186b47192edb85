/**
 * The fast BibTeX readers scan field values and entries by hand, character by character
 * (bibtexValues.ts, bibtexFields.ts), where citation-js runs moo lexers built from regular
 * expressions. These cases aim at what a hand scanner gets wrong: every character `\s`
 * matches, `and` in each case, a command at a line break or the end, words whose case is
 * told outside ASCII, comments and escapes between fields. Each is read both ways and must
 * read the same (or fail the same way); a seeded generator adds a few thousand mixed values.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBibtex } from '../server/src/core/bibliography/bibtex';
import { biblatexToCsl, readBibtexValue } from '../server/src/core/bibliography/bibtexValues';
import type { CslItem } from '../server/src/core/bibliography/cslItem';
import { toCsl } from '../server/src/core/bibliography/formatSupport';
import { rawFieldValue, titleEntry } from '../server/src/core/bibliography/titles';
import { fixtureFiles } from './util/fixture';

/* eslint-disable @typescript-eslint/no-require-imports -- citation-js ships no types; the test reads it as the product does */
const { parse: citationJsValue } = require('@citation-js/plugin-bibtex/lib/input/value.js') as {
  parse: (text: string, field: string) => unknown;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const outcome = (read: () => unknown): unknown => {
  try {
    return read();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
};

function assertSameValue(field: string, value: string): void {
  assert.deepEqual(
    outcome(() => readBibtexValue(value, field)),
    outcome(() => citationJsValue(value, field)),
    `${field} = {${JSON.stringify(value)}}`,
  );
}

/** Every character JavaScript's `\s` matches, and a few it does not. */
const SPACES = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
];
const NOT_SPACES = ['\u0085', '\u180e', '\u200b', '\u00ad'];

test('every kind of space separates words, names and list items as citation-js reads them', () => {
  for (const space of [...SPACES, ...NOT_SPACES]) {
    for (const field of ['title', 'author', 'language', 'keywords', 'url', 'doi'])
      for (const value of [`a${space}b`, `a${space}${space}b`, `Smith${space}and${space}Lee`, `a,${space}b`, `{x${space}}${space}`])
        assertSameValue(field, value);
  }
});

test('`and` separates names in any case and list items in lower case only, with spaces on both sides', () => {
  const values = [
    'A and B',
    'A AND B',
    'A aNd B',
    'A Andrew',
    'A and',
    'and B',
    'A andB',
    'A\u3000and\u00a0B',
    'A  and  and B',
    'A {and} B',
  ];
  for (const value of values) for (const field of ['author', 'editor', 'language', 'title']) assertSameValue(field, value);
});

test('commands at a line break, at the end, and with astral or non-ASCII characters read as citation-js reads them', () => {
  const values = [
    'x\\',
    'x\\\ny',
    'x\\\ry',
    'x\\\u2028y',
    '\\begin{x}y\\end{x}',
    '\\😀x',
    '\\é',
    "\\'\\i",
    '\\ss{}',
    '\\o  x',
    '\\&\\%\\_',
    '{\\v{S}}koda',
    '\\textbf{}',
    '\\url{a~b}',
  ];
  for (const value of values) for (const field of ['title', 'author', 'url', 'note']) assertSameValue(field, value);
});

test("a name word's case is told as citation-js tells it, inside and outside ASCII", () => {
  const words = [
    'smith',
    'Smith',
    '1st',
    '-x',
    "'t Hooft",
    'ßmith',
    'Ǆemal',
    'ǅemal',
    'élan',
    'Élan',
    '王',
    '1王a',
    '.a',
    'İzmir',
    'ﬀoo',
    '𝐀bc',
  ];
  for (const word of words) {
    assertSameValue('author', `${word} Jones`);
    assertSameValue('author', `Jones, ${word}`);
    assertSameValue('author', `Ann ${word} Jones`);
  }
});

test('a few thousand generated values read the same either way', () => {
  const pieces = [
    'a',
    'B',
    'and',
    'AND',
    ' ',
    '  ',
    '\t',
    '\n',
    '\u00a0',
    '\u3000',
    ',',
    '-',
    '--',
    '---',
    "''",
    '``',
    '~',
    '{',
    '}',
    '\\',
    '\\"',
    "\\'",
    '\\v',
    '\\c',
    '\\o',
    '\\i',
    '\\emph',
    '\\textbf',
    '\\url',
    '\\&',
    '\\ ',
    '\\\n',
    'é',
    '王',
    '=',
    'x.y',
    '%20',
    'Smith',
    'van',
    'Jr',
    'ß',
  ];
  const fields = [
    'author',
    'editor',
    'title',
    'keywords',
    'language',
    'url',
    'doi',
    'pages',
    'note',
    'file',
    'publisher',
    'location',
    'unknownfield',
  ];
  let seed = 12345;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < 3000; i++) {
    let value = '';
    for (let n = 1 + random(10); n > 0; n--) value += pieces[random(pieces.length)];
    assertSameValue(fields[random(fields.length)], value);
  }
});

test('entries with comments, escapes, odd spaces and joined strings read the same either way', () => {
  const text = [
    '@string{ jn = "Journal" # { of } # "Tests" }',
    '@article{a1, % a comment, with = and , in it\n  title = "Quoted {with \\" escape} and \\\\ more",\n  journal = jn # { (Suppl.)},\n  year = 2001 }',
    '@article{a2,\u00a0title\u3000=\u2028{Odd spaces}\t,\n author = {Lee, K.},}',
    '@book(b1, title = {Parenthesised}, publisher = {P}, year = -12)',
    '@misc{m1, Title = {Upper}, YEAR = {1999}, url = {https://x.org/a%20b} % trailing\n}',
    '@misc{m2, note = {a \\{ b \\} c}, howpublished = "x {y} z"}',
    '@misc{m3, title = {A}, title+an = {1=x}, author = {B, C}}',
  ].join('\n');
  const plain = (sources: readonly string[]) => toCsl(sources.join('\n'), '@biblatex/text');
  const fast = parseBibtex(text, 'file:///scan.bib');
  const slow = parseBibtex(text, 'file:///scan.bib', plain);
  assert.equal(fast.entries.length, 6);
  assert.deepEqual(fast, slow);
});

test("title parts read by titles.ts (as a made-up entry's title) read the same through the fast reader as through citation-js, on every fixture", () => {
  const fields = [
    'maintitle',
    'mainsubtitle',
    'maintitleaddon',
    'titleaddon',
    'booktitleaddon',
    'subtitle',
    'booktitle',
    'booksubtitle',
    'journal',
  ];
  const titles = (read: () => CslItem[]) => outcome(() => read().map((item) => item.title));
  let compared = 0;
  for (const file of fixtureFiles((name) => name.endsWith('.bib')))
    for (const source of readFileSync(file, 'utf8').split(/\n(?=@)/))
      for (const field of fields) {
        const raw = rawFieldValue(source, field);
        if (raw === undefined || raw.trim() === '') continue;
        const entry = titleEntry(raw);
        assert.deepEqual(
          titles(() => biblatexToCsl([entry])),
          titles(() => toCsl(entry, '@biblatex/text')),
          `${path.basename(file)}: ${field} = {${raw}}`,
        );
        compared++;
      }
  assert.ok(compared > 200, `${compared} values compared`);
});
