/**
 * `LineMap` finds the line breaks of a text without `\r` with a native search (textRange.ts,
 * `newlineStarts`) and tests every character otherwise; both must give the lines that testing
 * every character gave before (`\r\n`, a lone `\r` and `\n` each end a line), on the real
 * documents, on them with CRLF breaks, and on random text. Seeded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineMap } from '../server/src/core/text/textRange';
import { SEED } from './util/arbitraries';
import { REAL_DOCUMENTS } from './util/realDocuments';

/** The line starts as `LineMap` computed them before: every character tested. */
function referenceStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** The line starts a map gives, read through its public methods. */
function startsOf(map: LineMap): number[] {
  return Array.from({ length: map.lineCount }, (_, line) => map.lineStart(line));
}

test('real documents, as they are and with CRLF breaks: the same lines as testing every character', () => {
  assert.ok(REAL_DOCUMENTS.length > 0);
  for (const [name, text] of REAL_DOCUMENTS) {
    for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
      assert.deepEqual(startsOf(new LineMap(variant)), referenceStarts(variant), name);
    }
  }
});

test('random text: the same lines, line ends and positions as testing every character', () => {
  const piece = fc.constantFrom('\n', '\n\n', '\r', '\r\n', ' ', 'a', 'word', '中文', '😀', '\t', '');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      const map = new LineMap(text);
      const starts = referenceStarts(text);
      assert.deepEqual(startsOf(map), starts);
      let line = 0;
      for (let offset = 0; offset <= text.length; offset++) {
        while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
        assert.deepEqual(map.positionAt(offset), { line, character: offset - starts[line] });
      }
    }),
    { seed: SEED, numRuns: 2000 },
  );
});
