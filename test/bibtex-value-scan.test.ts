/**
 * The value reader tells what a field value holds (math, `=` in a name, braces, commands and
 * ties, runs of spaces, TeX ligatures) in one pass (`scanValue` in bibtexTokens.ts) and reads a
 * value of plain words on that alone; math without scripts or braces (`TGF-$\beta$`) it reads
 * itself too. Random values made of exactly those characters, of every kind of space and of
 * math, must read as citation-js's own value grammar reads them, in every kind of field. Field
 * names are made lower case through a cache of the names met (`lowerName` in bibtexFields.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lowerName } from '../server/src/core/bibliography/bibtexFields';
import { readBibtexValue } from '../server/src/core/bibliography/bibtexValues';

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

/** Field kinds: text, title, name, list, separated, verbatim, uri, literal (and a field citation-js does not know). */
const FIELDS = ['title', 'journal', 'note', 'author', 'editor', 'publisher', 'keywords', 'doi', 'url', 'pages', 'language', 'custom'];
const PIECES = [
  'a',
  'Bc',
  '王',
  '-',
  '--',
  "'",
  '`',
  '$',
  '=',
  ',',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\u200a',
  'and',
  ' and ',
  '{',
  '}',
  '\\',
  '~',
  '.',
  '/',
];
const value = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((parts) => parts.join(''));

/** Math as titles hold it, and what the reader hands back (scripts, braces, script formatting, an unclosed dollar). */
const MATH = [
  '$',
  '$',
  '\\beta',
  '\\alpha ',
  '\\pm',
  '\\bf ',
  '\\it',
  "\\'",
  '\\sp',
  '\\mathrm',
  '\\textbf',
  '\\$',
  '^',
  '_',
  '{',
  '}',
  '2+',
  'x',
  ' ',
  '~',
  '--',
  ',',
  ' and ',
];
const math = fc
  .tuple(value, fc.array(fc.constantFrom(...MATH), { maxLength: 8 }), value)
  .map(([before, inner, after]) => `${before}$${inner.join('')}$${after}`);

test('random math between dollars reads as citation-js reads it, in every kind of field', () => {
  fc.assert(
    fc.property(fc.constantFrom(...FIELDS), fc.oneof(math, value), (field, text) => {
      assert.deepEqual(
        outcome(() => readBibtexValue(text, field)),
        outcome(() => citationJsValue(text, field)),
      );
    }),
    { numRuns: 5000 },
  );
});

test('random values of words, spaces, ligatures and the characters that end the plain reading read as citation-js reads them', () => {
  fc.assert(
    fc.property(fc.constantFrom(...FIELDS), value, (field, text) => {
      assert.deepEqual(
        outcome(() => readBibtexValue(text, field)),
        outcome(() => citationJsValue(text, field)),
      );
    }),
    { numRuns: 5000 },
  );
});

test('a field name read as lower case through the cache of names met is the slice made lower case', () => {
  // Names of the same length whose hashes collide (`aan` and `ac0`): the second is not taken for the first.
  for (const name of ['aan', 'AC0', 'aan', 'ac0', 'AAN']) assert.equal(lowerName(` ${name},`, 1, 1 + name.length), name.toLowerCase());
  const identifier = fc
    .array(fc.constantFrom('a', 'B', 'z', 'Z', '_', ':', '+', '-', '0', '9', 'title', 'TITLE', 'Author', 'doi', 'DOI'), {
      minLength: 1,
      maxLength: 6,
    })
    .map((parts) => parts.join(''));
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.string({ maxLength: 3 }), identifier, fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 30 }),
      (names) => {
        for (const [before, name, after] of names) {
          const text = `${before}${name}${after}`;
          assert.equal(lowerName(text, before.length, before.length + name.length), name.toLowerCase());
        }
      },
    ),
    { numRuns: 2000 },
  );
});
