/**
 * Property tests of the term matcher and index: with the built-in glossary and with
 * generated glossaries of hostile forms (CJK, emoji, combining marks, lone surrogates,
 * one-letter and punctuation forms), matching arbitrary Unicode text never throws and every
 * occurrence and scope lies inside the text, sorted and without overlap. Seeded and bounded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseManuscript } from '../server/src/core/markdown/manuscript';
import { parseGlossary, type Glossary } from '../server/src/core/terms/glossary';
import { indexTerms } from '../server/src/core/terms/termIndex';
import { termMatcher, type RawMatch } from '../server/src/core/terms/matcher';
import { assertRangesInside, hostileManuscript, hostileText, hugeCases, SEED } from './util/arbitraries';
import { builtinGlossary } from './util/fixture';

const BUILTIN = builtinGlossary();

/** A glossary file (JSON) whose forms are hostile text, parsed as a user's glossary is. */
const hostileGlossary: fc.Arbitrary<Glossary> = fc
  .array(
    fc.tuple(
      hostileText(4),
      fc.array(hostileText(3), { maxLength: 3 }),
      fc.array(hostileText(3), { maxLength: 3 }),
      fc.boolean(),
      hostileText(3),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((terms) => {
    const json = {
      version: 1,
      terms: terms.map(([canonical, aliases, variants, abbreviation, zh], i) => ({
        id: `t${i}`,
        canonical: canonical || `T${i}`,
        name: { en: canonical, zh },
        aliases,
        variants,
        category: 'other',
        abbreviation,
        definition: { en: 'A term.' },
      })),
    };
    return parseGlossary(JSON.stringify(json), 'file:///ws/glossary.json').glossary;
  });

/** Index `text` with `glossary`; fail unless every range is inside, and occurrences are sorted and apart. */
function check(text: string, glossary: Glossary): void {
  const raw: RawMatch[] = [];
  termMatcher(glossary).find(text, 0, text.length, raw);
  assertRangesInside(raw, text.length, 'termMatcher.find');
  const index = indexTerms(parseManuscript('file:///ws/main.md', text), glossary);
  assertRangesInside(
    index.occurrences.map((o) => o.range),
    text.length,
    'indexTerms occurrence',
  );
  assertRangesInside(
    index.scopes.flatMap((s) => (s.range ? [s.range] : [])),
    text.length,
    'indexTerms scope',
  );
  index.occurrences.forEach((o, i) =>
    assert.ok(i === 0 || index.occurrences[i - 1].range.end <= o.range.start, 'occurrences sorted, never overlapping'),
  );
  for (const o of index.occurrences) {
    // Touching occurrences share an offset (an end counts as on it): either may answer there.
    const at = index.occurrenceAt(o.range.start);
    assert.ok(
      at && at.range.start <= o.range.start && o.range.start <= at.range.end,
      `occurrenceAt(${o.range.start}) finds an occurrence there`,
    );
  }
}

test('term index with the built-in glossary: arbitrary text never throws, ranges inside, sorted', () => {
  fc.assert(
    fc.property(hostileManuscript(100), (text) => check(text, BUILTIN)),
    { seed: SEED, numRuns: 200 },
  );
});

test('term index with generated hostile glossaries: never throws, ranges inside', () => {
  fc.assert(
    fc.property(hostileGlossary, hostileText(100), (glossary, text) => check(text, glossary)),
    { seed: SEED, numRuns: 120 },
  );
});

test('a matcher searching part of a text reports matches only in that part', () => {
  fc.assert(
    fc.property(hostileText(100), fc.nat(), fc.nat(), (text, a, b) => {
      const start = text.length === 0 ? 0 : a % (text.length + 1);
      const end = start + (text.length === 0 ? 0 : b % (text.length - start + 1));
      const raw: RawMatch[] = [];
      termMatcher(BUILTIN).find(text, start, end, raw);
      for (const m of raw) assert.ok(m.start >= start && m.end <= end, `match ${m.start}-${m.end} outside ${start}-${end}`);
    }),
    { seed: SEED, numRuns: 300 },
  );
});

// The fixed huge input dense in terms; the rest are the scanner's (properties-markdown).
for (const { name, text } of hugeCases().filter((c) => c.name.includes('CJK'))) {
  test(`term index on huge input: ${name}`, () => check(text, BUILTIN));
}
