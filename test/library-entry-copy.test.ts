/**
 * A library's entry is its parsed entry with an origin and number (`asLibraryEntry`), written
 * out for a parse's usual five fields rather than spread: it must equal the spread, with its
 * keys in the same order, for entries of any shape.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { BibEntry } from '../server/src/core/bibliography/cslItem';
import { asLibraryEntry, type EntryOrigin } from '../server/src/core/bibliography/library';
import { SEED } from './util/arbitraries';

const FIELDS = ['key', 'item', 'uri', 'range', 'keyRange', 'origin', 'number', 'extra'];

test('a library entry equals the spread of its parsed entry, keys in order', () => {
  fc.assert(
    fc.property(
      fc.shuffledSubarray(FIELDS),
      fc.boolean(),
      fc.constantFrom<EntryOrigin>('front-matter-file', 'front-matter-inline', 'setting', 'builtin'),
      fc.option(fc.integer({ min: 1, max: 55 }), { nil: undefined }),
      (shuffled, usual, origin, number) => {
        const fields = usual ? FIELDS.slice(0, 5) : shuffled;
        const entry = Object.fromEntries(
          fields.map((f, i) => [f, f === 'item' ? { id: String(i) } : f === 'range' ? { start: i, end: i } : `${f}${i}`]),
        );
        const made = asLibraryEntry(entry as unknown as BibEntry, origin, number);
        const spread = { ...entry, origin, number };
        assert.deepEqual(made, spread);
        assert.deepEqual(Object.keys(made), Object.keys(spread));
        if (fields.includes('item')) assert.equal(made.item, entry.item);
      },
    ),
    { seed: SEED, numRuns: 500 },
  );
});
