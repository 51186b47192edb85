/**
 * A BibTeX parse now untexes each item, and replaces its name lists, in place (the item is the
 * parse's own) instead of copying it: the same item must come out, fields in the same order,
 * as from the copying path, on the items citation-js reads from every .bib fixture and on
 * random items.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { splitBibtex } from '../server/src/core/bibliography/bibtex';
import { biblatexToCsl } from '../server/src/core/bibliography/bibtexValues';
import type { CslItem } from '../server/src/core/bibliography/cslItem';
import { untexItem } from '../server/src/core/bibliography/latex';
import { fixtureFiles } from './util/fixture';

/** The same check both ways: the copy's fields, in order, are the in-place item's; the in-place item is the one given. */
function sameBothWays(item: CslItem): void {
  const copied = untexItem(structuredClone(item));
  const own = structuredClone(item);
  const inPlace = untexItem(own, true);
  assert.equal(inPlace, own);
  assert.equal(JSON.stringify(inPlace), JSON.stringify(copied));
}

test('untexItem in place gives the copy, field order included, on every fixture item', () => {
  let items = 0;
  for (const file of fixtureFiles((name) => name.endsWith('.bib'))) {
    const text = readFileSync(file, 'utf8');
    for (const chunk of splitBibtex(text)) {
      let read: CslItem[] = [];
      try {
        read = biblatexToCsl([text.slice(chunk.range.start, chunk.range.end)]);
      } catch {
        continue; // a broken entry: the parse reports it and makes no item
      }
      for (const item of read) {
        sameBothWays(item);
        items++;
      }
    }
  }
  assert.ok(items > 100, `${items} items`);
});

test('untexItem in place gives the copy on random items', () => {
  const latex = fc.array(fc.constantFrom('a', 'B', ' ', '\\', '{', '}', "\\'e", '\\textit{x}', '$', '~', '--', '王', '\\&'), {
    maxLength: 12,
  });
  const text = latex.map((parts) => parts.join(''));
  const name = fc.record({ family: text, given: text, 'non-dropping-particle': text, literal: text }, { requiredKeys: [] });
  const item = fc
    .record(
      {
        title: text,
        note: text,
        DOI: text,
        URL: text,
        author: fc.array(name, { maxLength: 3 }),
        issued: fc.constant({ 'date-parts': [[2000]] }),
      },
      { requiredKeys: [] },
    )
    .map((fields) => ({ id: 'k', type: 'article-journal', ...fields }) as CslItem);
  fc.assert(fc.property(item, sameBothWays), { numRuns: 1500 });
});
