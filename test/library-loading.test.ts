/**
 * A large bibliography (over 2 MB) is parsed in slices, and a completion that arrives while a
 * check is loading it answers at once from the rest of the library instead of waiting for the
 * whole parse; once loaded, its entries are offered. The sliced parse reads the same entries as a parse in one piece.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBibliography, parseBibliographyInSlices } from '../server/src/core/bibliography/parse';
import { fixture } from './util/fixture';

/** 6,000 entries with a macro, an unclosed entry and a broken one among them: over 2 MB. */
function largeLibrary(): string {
  const entries = ['@string{jn = "Journal of Slices"}'];
  for (let i = 0; i < 6000; i++) {
    const extra = i === 1200 ? '' : i === 2100 ? ', note = {a} = b' : '';
    const close = i === 1200 ? '' : '}';
    entries.push(
      `@article{slice${i}, author = {M{\\"u}ller, Anna and Wang, Xiaoming}, title = {A long title about interleukin ${i} and the colorectal cancer cohort of many centres}, journal = jn # " B", year = {${1990 + (i % 30)}}, doi = {10.4444/slices.${i}}, abstract = {${'An abstract of some length. '.repeat(8)}}${extra}${close}`,
    );
  }
  return entries.join('\n');
}

test('a completion during the load of a large library answers without waiting; afterwards it offers the library', async () => {
  const bib = largeLibrary();
  assert.ok(bib.length > 2_000_000);
  const f = fixture(`%! main.md\n---\nbibliography: big.bib\n---\nSee [@slice12{|}]\n%! big.bib\n${bib}\n`);
  const document = { uri: f.uri, text: f.text };
  const order: string[] = [];
  const check = f.service.diagnostics(document).then(() => order.push('diagnostics'));
  // Let the check read the file and start parsing it.
  for (let i = 0; i < 5 && order.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  const during = await f.service.completion(document, f.cursor!);
  order.push('completion');
  await check;
  assert.deepEqual(order, ['completion', 'diagnostics']);
  assert.equal(during?.isIncomplete, true);
  assert.ok(!during?.items.some((i) => i.label.startsWith('slice')));
  const after = await f.service.completion(document, f.cursor!);
  assert.equal(after?.items[0]?.label, 'slice12');
});

test('a hover during the first load of a large library says the file is still being read, not that the key is undefined', async () => {
  const f = fixture(`%! main.md\n---\nbibliography: big.bib\n---\nSee [@slice1{|}2]\n%! big.bib\n${largeLibrary()}\n`);
  const document = { uri: f.uri, text: f.text };
  let checked = false;
  const check = f.service.diagnostics(document).then(() => (checked = true));
  for (let i = 0; i < 5 && !checked; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  const during = await f.service.hover(document, f.cursor!);
  assert.equal(checked, false, 'the hover came before the load ended');
  assert.match((during?.contents as { value: string }).value, /^`@slice12`: big\.bib is still being read; hover again in a moment\.$/);
  await check;
  const after = await f.service.hover(document, f.cursor!);
  assert.match((after?.contents as { value: string }).value, /Journal of Slices B/);
});

test('a large BibTeX file parsed in slices reads what a parse in one piece reads', async () => {
  const bib = largeLibrary();
  const whole = parseBibliography(bib, 'file:///big.bib', 'bibtex');
  let pauses = 0;
  const sliced = await parseBibliographyInSlices(bib, 'file:///big.bib', 'bibtex', async () => {
    pauses++;
  });
  assert.ok(pauses > 1);
  assert.deepEqual(sliced, whole);
  assert.equal(whole.entries.length, 5998);
  assert.equal(whole.errors.length, 2);
  assert.equal(whole.entries[0].item['container-title'], 'Journal of Slices B');
});
