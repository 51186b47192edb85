/**
 * Property tests of the glossary parser: it never throws on mutated real glossaries (the
 * built-in one, as JSON and as YAML: truncation, unbalanced braces, deep nesting, invalid
 * UTF-8 decoded as text, huge fields, CRLF, a BOM), and every error and term source it
 * reports lies inside the text. Seeded and bounded in runs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseGlossary } from '../server/src/core/terms/glossary';
import { assertRangesInside, mutated, SEED } from './util/arbitraries';
import { REPO_ROOT } from './util/fixture';

const read = (...parts: string[]) => readFileSync(path.join(REPO_ROOT, ...parts), 'utf8');

const GLOSSARY_JSON = read('references', 'glossary.json');
/** The first terms of the built-in glossary, as JSON and as YAML (a user's glossary is often short). */
const GLOSSARY_SMALL = (() => {
  const data = JSON.parse(GLOSSARY_JSON) as { terms: unknown[] };
  return { ...data, terms: data.terms.slice(0, 6) };
})();
const GLOSSARIES = [
  { name: 'glossary.json (6 terms)', text: JSON.stringify(GLOSSARY_SMALL, null, 2) },
  { name: 'glossary.yaml (6 terms)', text: stringify(GLOSSARY_SMALL) },
];

for (const { name, text } of GLOSSARIES) {
  test(`glossary ${name}, mutated: never throws, errors inside the text`, () => {
    if (parseGlossary(text, 'file:///ws/glossary.json').glossary.terms.length === 0)
      throw new Error(`the unmutated ${name} should have terms`);
    fc.assert(
      fc.property(mutated(text), (broken) => {
        const parsed = parseGlossary(broken, 'file:///ws/glossary.json');
        assertRangesInside(
          parsed.errors.map((e) => e.range),
          broken.length,
          'glossary error',
        );
        assertRangesInside(
          parsed.glossary.terms.map((t) => t.source.range),
          broken.length,
          'glossary term source',
        );
      }),
      { seed: SEED, numRuns: 30 },
    );
  });
}

test('the whole built-in glossary, truncated and spliced: never throws', () => {
  fc.assert(
    fc.property(mutated(GLOSSARY_JSON), (broken) => {
      assertRangesInside(
        parseGlossary(broken, 'file:///ws/glossary.json').errors.map((e) => e.range),
        broken.length,
        'glossary error',
      );
    }),
    { seed: SEED, numRuns: 10 },
  );
});

test('a byte order mark changes nothing: the same terms, no error, as JSON and as YAML', () => {
  for (const { name, text } of GLOSSARIES) {
    const plain = parseGlossary(text, 'file:///ws/glossary.json');
    const marked = parseGlossary(`\ufeff${text}`, 'file:///ws/glossary.json');
    assert.deepEqual(
      marked.errors.map((e) => e.message),
      [],
      `${name} with a BOM`,
    );
    assert.deepEqual(
      marked.glossary.terms.map((t) => t.id),
      plain.glossary.terms.map((t) => t.id),
      `${name} with a BOM: the same terms`,
    );
  }
});
