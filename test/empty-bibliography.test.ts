/**
 * A file named as a bibliography that holds text but no entry (base64, prose, a wrong
 * export) says so at its first line, in every format; a blank file, or a BibTeX file of
 * comment lines only, is a bibliography still being written and says nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBibliography, type BibliographyFormat } from '../server/src/core/bibliography/parse';

function check(text: string, format: BibliographyFormat, expected: { line: string } | 'nothing'): void {
  const parsed = parseBibliography(text, 'file:///ws/refs', format);
  assert.equal(parsed.entries.length, 0);
  if (expected === 'nothing') {
    assert.deepEqual(parsed.errors, []);
    return;
  }
  assert.equal(parsed.errors.length, 1, JSON.stringify(parsed.errors));
  const [error] = parsed.errors;
  assert.match(error.message, /holds no bibliography entries/);
  assert.equal(text.slice(error.range.start, error.range.end), expected.line);
}

const BASE64 = 'TWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsu\nTWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsu\n';

test('base64 named .bib: one finding at its first line', () => check(BASE64, 'bibtex', { line: 'TWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsu' }));
test('prose after comment lines in a .bib: the finding is at the prose', () =>
  check('% exported\n\nThese are my references, see the PDF.\n', 'bibtex', { line: 'These are my references, see the PDF.' }));
test('an empty CSL-JSON array says so', () => check('[]\n', 'csl-json', { line: '[]' }));
test('a blank file says nothing', () => check('\n  \n', 'bibtex', 'nothing'));
test('a BibTeX file of comment lines only says nothing', () => check('% my library\n% to be filled\n', 'bibtex', 'nothing'));
