/**
 * The scan's line index (sourceLines.ts, `buildLineIndex`) finds each line break with a
 * native search; it must give the line starts that testing every character gave, on the real
 * documents (normalised as the scan does) and on random text of line breaks, `\r`, blanks,
 * Chinese and astral characters. Seeded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildLineIndex, normalizeLineBreaks } from '../server/src/core/markdown/sourceLines';
import { SEED } from './util/arbitraries';
import { REAL_DOCUMENTS } from './util/realDocuments';

/** The line starts as the index computed them before: every character tested. */
function referenceStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

test('real documents: the same line starts as testing every character', () => {
  for (const [name, text] of REAL_DOCUMENTS) {
    const normalized = normalizeLineBreaks(text);
    assert.deepEqual(buildLineIndex(normalized).starts, referenceStarts(normalized), name);
  }
});

test('random text: the same line starts as testing every character', () => {
  const piece = fc.constantFrom('\n', '\n\n', '\r', '\r\n', ' ', 'a', 'word', '中文', '😀', '\t', '');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(buildLineIndex(text).starts, referenceStarts(text));
      assert.equal(buildLineIndex(text).text, text);
    }),
    { seed: SEED, numRuns: 2000 },
  );
});
