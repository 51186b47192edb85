/**
 * Fast typing makes versions of a manuscript that nothing indexes (a citation completion, a
 * check skipped by the typing pause): the next term completion then finds the version before
 * it unindexed. When every version since the last indexed one changed only one paragraph, the
 * incremental parse names that version as the edit's `base` and the term index searches only
 * the paragraph again (termIndex.ts), instead of the whole manuscript. The index must equal a
 * fresh index of a full parse whichever versions were indexed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { editOf, reparseManuscript } from '../server/src/core/markdown/incremental';
import { parseManuscript, type Manuscript } from '../server/src/core/markdown/manuscript';
import { indexTerms } from '../server/src/core/terms/termIndex';
import { SEED } from './util/arbitraries';
import { FIXTURES_ROOT, builtinGlossary } from './util/fixture';
import { REAL_DOCUMENTS } from './util/realDocuments';

const BUILTIN = builtinGlossary();

const DEEP_REVIEW = readFileSync(path.join(FIXTURES_ROOT, 'deep-review', 'manuscript.md'), 'utf8');

function terms(m: Manuscript): unknown {
  const index = indexTerms(m, BUILTIN);
  return { occurrences: index.occurrences, scopes: index.scopes };
}

/** The middle of a long prose line at `fraction` of the text: a place inside a paragraph. */
function insideParagraph(text: string, fraction: number): number {
  let at = text.indexOf('\n', Math.floor(text.length * fraction));
  for (;;) {
    const end = text.indexOf('\n', at + 1);
    if (end < 0) return Math.floor(text.length / 2);
    const line = text.slice(at + 1, end);
    if (line.length > 80 && /^[A-Za-z]/.test(line) && !line.includes('`') && !line.includes('$'))
      return at + 1 + Math.floor(line.length / 2);
    at = end;
  }
}

/** What a writer types at one place, and the backspaces. */
const keystroke = fc.oneof(
  { arbitrary: fc.constantFrom(...'abc IL-6 interleukin gp130 STAT3 白细胞介素 [@k]; ,.'.split('')), weight: 6 },
  { arbitrary: fc.constantFrom(' IL-6', ' interleukin-6', ' gp130', '白细胞介素6', ' [@smith2020]', ' TGF-β'), weight: 2 },
  { arbitrary: fc.constant('\b'), weight: 2 },
);

test('typing in one paragraph with some versions left unindexed: each index equals a fresh one', () => {
  let fromBase = 0;
  const documents = [['deep-review', DEEP_REVIEW] as const, ...REAL_DOCUMENTS];
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: documents.length - 1 }),
      fc.double({ min: 0.1, max: 0.8, noNaN: true }),
      fc.array(fc.tuple(keystroke, fc.boolean()), { minLength: 2, maxLength: 12 }),
      (doc, fraction, steps) => {
        const [name, source] = documents[doc];
        let at = insideParagraph(source, fraction);
        let previous = parseManuscript(`file:///${name}`, source, 1);
        indexTerms(previous, BUILTIN);
        let text = source;
        steps.forEach(([key, indexed], n) => {
          if (key === '\b') {
            if (at === 0) return;
            text = text.slice(0, at - 1) + text.slice(at);
            at--;
          } else {
            text = text.slice(0, at) + key + text.slice(at);
            at += key.length;
          }
          const updated = reparseManuscript(previous, text, n + 2);
          if (indexed || n === steps.length - 1) {
            if (editOf(updated)?.base) fromBase++;
            assert.deepEqual(terms(updated), terms(parseManuscript(previous.uri, text, n + 2)), `${name}, keystroke ${n + 1}`);
          }
          previous = updated;
        });
      },
    ),
    { seed: SEED, numRuns: 120 },
  );
  assert.ok(fromBase > 30, `${fromBase} indexes had an earlier indexed version to start from`);
});

test('after keystrokes nobody indexed, the next index searches the edited paragraph only', () => {
  const at = insideParagraph(DEEP_REVIEW, 0.5);
  let manuscript = parseManuscript('file:///deep-review.md', DEEP_REVIEW, 1);
  indexTerms(manuscript, BUILTIN);
  let text = DEEP_REVIEW;
  for (const [n, key] of [...' IL-6'].entries()) {
    text = text.slice(0, at + n) + key + text.slice(at + n);
    manuscript = reparseManuscript(manuscript, text, n + 2);
  }
  const { searched } = indexTerms(manuscript, BUILTIN);
  assert.ok(searched > 0 && searched < 5000, `searched ${searched} characters of ${text.length}`);
  assert.deepEqual(terms(manuscript), terms(parseManuscript('file:///deep-review.md', text, 99)));
});
