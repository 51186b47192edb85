/**
 * The term matcher's `find` skips the inside of ASCII words (no term starts there) and
 * computes a listed variant's fix on first use; it must find exactly what the matcher did
 * before (test/util/referenceTermMatcher.ts: every character tried, every fix computed up
 * front): the same matches, kinds and suggestions, with the built-in glossary, on the
 * deep-review manuscript, the examples and random text built from the glossary's own forms,
 * words, hyphens, digits, `@`, full-width letters and Chinese. Seeded.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseGlossary } from '../server/src/core/terms/glossary';
import { termMatcher, type RawMatch } from '../server/src/core/terms/matcher';
import { SEED } from './util/arbitraries';
import { REPO_ROOT } from './util/fixture';
import { REAL_DOCUMENTS } from './util/realDocuments';
import { referenceTermMatcher } from './util/referenceTermMatcher';

function read(...parts: string[]): string {
  return readFileSync(path.join(...parts), 'utf8');
}

const glossary = parseGlossary(read(REPO_ROOT, 'references', 'glossary.json'), 'file:///citokine/references/glossary.json').glossary;
const current = termMatcher(glossary);
const reference = referenceTermMatcher(glossary);

function shown(m: RawMatch): string {
  return `${m.start}-${m.end} ${m.kind} ${m.entry.form} -> ${m.suggestion ?? ''}${m.plural ? ' (plural)' : ''}`;
}

function assertSame(text: string, start = 0, end = text.length): void {
  const a: RawMatch[] = [];
  const b: RawMatch[] = [];
  current.find(text, start, end, a);
  reference.find(text, start, end, b);
  assert.deepEqual(a.map(shown), b.map(shown));
}

test('real documents: the same term matches and suggestions as before', () => {
  for (const [, text] of REAL_DOCUMENTS) assertSame(text);
});

const FORMS = glossary.terms.flatMap((t) => [t.canonical, ...t.aliases, ...t.variants, t.name.en ?? '', t.name.zh ?? '']).filter((f) => f);
const OTHER = [' ', '\n', '-', '.', '_', '@', 's', 'x', 'anti', '6', '174', 'ＩＬ', 'é', 'α', '中文', '（', ',', 'IL', 'STAT', 'the '];

test('random text of glossary forms and word pieces: the same matches and suggestions as before', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom(...FORMS), fc.constantFrom(...OTHER)), { maxLength: 30, size: 'medium' }),
      fc.nat(),
      (pieces, cut) => {
        const text = pieces.join('');
        assertSame(text);
        if (text.length > 0) assertSame(text, cut % text.length);
      },
    ),
    { seed: SEED, numRuns: 3000 },
  );
});
