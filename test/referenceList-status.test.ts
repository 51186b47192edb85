/**
 * Insert Reference List is honest about the built-in corpus: each built-in entry carries the
 * identification status and the fields not seen, in the words of the hover card; and in a
 * document that cites by key, a built-in work is numbered by its first citation like any
 * other work, not by its number in the review.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { applyWorkspaceEdit } from './util/edits';
import { fixture } from './util/fixture';

/** The document after Insert Reference List, and the lines of its generated list. */
async function insertList(source: string): Promise<{ text: string; list: string[] }> {
  const f = fixture(source);
  const result = await f.service.documentCommand('citokine.insertReferenceList', { uri: f.uri, text: f.text }, []);
  const text = applyWorkspaceEdit(f.text, result.edit, f.uri);
  const inside = /<!-- citokine:references -->\n([\s\S]*?)\n<!-- \/citokine:references -->/.exec(text)?.[1] ?? '';
  return { text, list: inside.split('\n').filter((l) => l.trim()) };
}

async function hoverOn(source: string): Promise<string> {
  const f = fixture(source);
  const hover = await f.service.hover({ uri: f.uri, text: f.text }, f.cursor!);
  return (hover?.contents as MarkupContent).value;
}

test("reference list: a built-in entry says its status and what was not seen, as its hover does (the review's [2] is not a one-author paper)", async () => {
  const { list } = await insertList('# Draft\n\nIL-6 [2] and [1] and [16].\n');
  assert.equal(list.length, 3);
  const [one, two, sixteen] = list;
  assert.match(one, /^\\\[1\\\] Built-in corpus, reference 1: not identified: the review's text does not give this reference's details\./);
  assert.match(two, /^\\\[2\\\] Hu\. IL-6 regulates autophagy/);
  assert.match(two, /Built-in corpus, reference 2: identified \(probable\)\./);
  assert.match(two, /only the first author's surname was seen/);
  assert.match(sixteen, /Built-in corpus, reference 16: identified \(certain\)\.\*$/);
  // The same words as the hover card on [2].
  const card = await hoverOn('IL-6 [{|}2].\n');
  assert.match(card, /Built-in corpus, reference 2: identified \(probable\)\./);
  assert.match(card, /only the first author's surname was seen/);
});

test('reference list: in a key document, a built-in work cited by key is numbered by first citation', async () => {
  const source = `%! main.md\n---\nbibliography: refs.bib\n---\nFirst [@own2020], then the review's [@hu2021il6].\n%! refs.bib\n@article{own2020, author = {Smith, Jane}, title = {An own work}, journal = {Example Journal}, year = {2020}}\n`;
  const { list } = await insertList(source);
  assert.equal(list.length, 2);
  assert.match(list[0], /^\\\[1\\\] Smith J\. An own work/);
  assert.match(list[1], /^\\\[2\\\] Hu\. IL-6 regulates autophagy/);
  assert.match(list[1], /Built-in corpus, reference 2: identified \(probable\)/);
});
