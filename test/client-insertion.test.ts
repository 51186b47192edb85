/**
 * The Insert Citation text, with no VS Code: a new group in the document's style, or the
 * group under the cursor extended. The cursor is `{|}` in the text; the expectation is the
 * text after the insertion.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { citationInsertion, formatNumbers, type CitationPick } from '../client/src/logic/insertion';
import type { CitationStyle } from '../client/src/logic/protocol';

/** Applies the insertion for `picks` at the `{|}` of `source`; undefined when there is none. */
function check(source: string, style: CitationStyle, picks: readonly CitationPick[], expected: string | undefined): void {
  const offset = source.indexOf('{|}');
  assert.ok(offset >= 0, 'the source needs a {|} cursor');
  const text = source.replace('{|}', '');
  const insertion = citationInsertion(text, offset, style, picks);
  const actual = insertion && text.slice(0, insertion.start) + insertion.text + text.slice(insertion.end);
  assert.equal(actual, expected);
}

const A = { key: 'hirano2020', number: 3 };
const B = { key: 'johnson2018', number: 5 };
const C = { key: 'li2018', number: 4 };

test('a key document gets a new group of keys', () => {
  check('IL-6 signals{|}.', 'key', [A, B], 'IL-6 signals[@hirano2020; @johnson2018].');
});

test('a numeric document gets the numbers, ascending, runs compressed', () => {
  check('IL-6 signals{|}.', 'numeric', [B, A], 'IL-6 signals[3,5].');
  check('IL-6 signals{|}.', 'numeric', [B, A, C], 'IL-6 signals[3-5].');
  assert.equal(formatNumbers([8, 1, 2, 3, 5, 6]), '1-3,5,6,8');
});

test('inside a key group the group grows, and keys already in it are not repeated', () => {
  check('signals [@hirano2020{|}].', 'key', [B], 'signals [@hirano2020; @johnson2018].');
  check('signals [see @hirano2020, p. 3{|}].', 'key', [A, B], 'signals [see @hirano2020, p. 3; @johnson2018].');
  check('signals [@{|}hirano2020].', 'numeric', [A], undefined);
});

test('inside a numeric group the numbers merge with the ones there, keeping its separator', () => {
  check('signals [3{|}].', 'numeric', [B], 'signals [3,5].');
  check('signals [3, 7{|}].', 'numeric', [C, B], 'signals [3-5, 7].');
  check('signals [3{|}].', 'numeric', [A], undefined);
});

test('brackets on another line or a closed group do not count as the group', () => {
  check('[@a]\nnew {|}text', 'key', [A], '[@a]\nnew [@hirano2020]text');
  check('[@a] then {|}', 'key', [A], '[@a] then [@hirano2020]');
});

test('a numeric document with picks without numbers inserts nothing', () => {
  check('text {|}', 'numeric', [{ key: 'x' }], undefined);
});
