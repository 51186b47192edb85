/**
 * An `@string` macro applies to the entries after it, as BibTeX, a whole-file read by
 * citation-js and pandoc all read a file. The reader takes a large file in slices and reads a
 * slice that holds a broken entry entry by entry; each entry must then see the same macros as
 * in a slice read at once, so that what an entry says never depends on where the slices fall
 * or on a broken neighbour.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseBibtex } from '../server/src/core/bibliography/bibtex';

const MACROS = ['jbc', 'nat', 'cell'];

/** A file's parts: macros, entries that use them (or not) and, perhaps, one broken entry. */
type Part = { kind: 'macro'; name: string; value: string } | { kind: 'entry'; key: string; journal: string } | { kind: 'broken' };

function source(part: Part): string {
  if (part.kind === 'macro') return `@string{${part.name} = "${part.value}"}`;
  if (part.kind === 'broken') return '@article{broken,\n  title = {No closing brace\n';
  return `@article{${part.key},\n  author = {Smith, John},\n  title = {On ${part.key}},\n  journal = ${part.journal},\n  year = 2001\n}`;
}

const file = (parts: readonly Part[]): string => parts.map(source).join('\n\n') + '\n';

/** Each read entry's CSL item by key. */
function itemsByKey(text: string): Map<string, unknown> {
  return new Map(parseBibtex(text, 'file:///macros.bib').entries.map((e) => [e.key, e.item]));
}

test('an entry before the macro it names reads the same with or without a broken entry beside it', () => {
  const parts: Part[] = [
    { kind: 'entry', key: 'early', journal: 'jbc' },
    { kind: 'macro', name: 'jbc', value: 'Journal of Biological Chemistry' },
    { kind: 'entry', key: 'late', journal: 'jbc' },
  ];
  const whole = itemsByKey(file(parts));
  const withBroken = itemsByKey(file([{ kind: 'broken' }, ...parts]));
  assert.equal((whole.get('early') as Record<string, unknown>)['container-title'], undefined);
  assert.equal((whole.get('late') as Record<string, unknown>)['container-title'], 'Journal of Biological Chemistry');
  assert.deepEqual(withBroken.get('early'), whole.get('early'));
  assert.deepEqual(withBroken.get('late'), whole.get('late'));
});

test('a broken entry anywhere changes no other entry, whatever the order of macros and entries', () => {
  const part: fc.Arbitrary<Part> = fc.oneof(
    fc.record({
      kind: fc.constant('macro' as const),
      name: fc.constantFrom(...MACROS),
      value: fc.constantFrom('Alpha', 'Beta Gamma', 'Δέλτα'),
    }),
    fc.record({ kind: fc.constant('entry' as const), key: fc.constant(''), journal: fc.constantFrom(...MACROS, '{Plain}') }),
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 14 }), fc.nat(), (drawn, at) => {
      const parts = drawn.map((p, i): Part => (p.kind === 'entry' ? { ...p, key: `e${i}` } : p));
      const broken = [...parts.slice(0, at % (parts.length + 1)), { kind: 'broken' } as Part, ...parts.slice(at % (parts.length + 1))];
      const whole = itemsByKey(file(parts));
      const beside = itemsByKey(file(broken));
      assert.deepEqual([...beside.keys()].sort(), [...whole.keys()].sort());
      for (const [key, item] of whole) assert.deepEqual(beside.get(key), item, key);
    }),
    { numRuns: 150 },
  );
});
