/**
 * The citation parser's scanners jump from one syntax character to the next with native
 * searches and walk the excluded spans with a cursor; they must find exactly what the
 * character-by-character loops they replaced found (test/util/referenceCitationParser.ts,
 * the parser as it was): the bracket matches, the `@` offsets and the citations, for real
 * documents and for random text with random excluded spans and random `within` parts. Seeded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseCitations, parseCitationsWithin } from '../server/src/core/citations/parse';
import { parseContext, type Context } from '../server/src/core/citations/parseContext';
import { scanMarkdown } from '../server/src/core/markdown/scan';
import type { MarkdownScan } from '../server/src/core/markdown/syntax';
import type { OffsetRange } from '../server/src/core/text/textRange';
import { SEED } from './util/arbitraries';
import { REAL_DOCUMENTS } from './util/realDocuments';
import { referenceParseCitations, referenceParseCitationsWithin, referenceParseContext } from './util/referenceCitationParser';

const DOCUMENTS = REAL_DOCUMENTS;

/** What the parser's context holds that the scanners compute, in a comparable form. */
function scanned(ctx: Context): { brackets: Array<[number, number]>; ats: number[] } {
  return { brackets: [...ctx.brackets].sort((a, b) => a[0] - b[0]), ats: ctx.ats };
}

function assertSame(text: string, scan: MarkdownScan, within?: OffsetRange): void {
  assert.deepEqual(scanned(parseContext(text, scan, {}, within)), scanned(referenceParseContext(text, scan, {}, within)));
  if (within) assert.deepEqual(parseCitationsWithin(text, scan, within), referenceParseCitationsWithin(text, scan, within));
  else assert.deepEqual(parseCitations(text, scan), referenceParseCitations(text, scan));
}

test('real documents: the same brackets, at-signs and citations as the character loop', () => {
  for (const [name, text] of DOCUMENTS) {
    const scan = scanMarkdown(text);
    if (name === 'deep-review') assert.ok(parseCitations(text, scan).length > 500);
    assertSame(text, scan);
  }
});

test('an excluded span of blanks makes its line not blank, as the character loop had it', () => {
  // `[@a\n \n@b]`: the span over the second line's space keeps the paragraph together.
  for (const text of ['[@a\n \n@b]', '[@a\n\t\r\n@b]']) {
    const scan: MarkdownScan = { ...scanMarkdown(''), excluded: [{ start: 4, end: 5 }] };
    assertSame(text, scan);
    assert.equal(parseContext(text, scan).brackets.get(0), text.length - 1, JSON.stringify(text));
  }
});

/** Syntax the scanners react to, with line breaks, blank lines, escapes and CJK. */
const PIECES = [
  '[',
  ']',
  '@',
  '-@',
  '-',
  ';',
  '\\',
  '\\[',
  '\\@',
  '\n',
  '\n\n',
  ' \n',
  '\t',
  '\r\n',
  '\r',
  ' ',
  'a',
  'x1',
  '中',
  '(',
  'p. 3',
  '{',
  '}',
  '@a',
  '@b;',
  '[@c]',
  '[1]',
  '[x; y]',
  '^',
  ',',
];

/** A text and sorted, non-overlapping excluded spans over it (some only blanks, some ending after a line break, some empty). */
const textAndSpans = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 60, size: 'medium' })
  .map((pieces) => pieces.join(''))
  .chain((text) =>
    fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12, size: 'medium' }).map((cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const spans: OffsetRange[] = [];
      for (let k = 0; k + 1 < sorted.length; k += 2) spans.push({ start: sorted[k], end: sorted[k + 1] });
      return { text, spans };
    }),
  );

test('random text with random excluded spans, whole and within parts: the same as the character loop', () => {
  fc.assert(
    fc.property(textAndSpans, fc.nat(), fc.nat(), ({ text, spans }, a, b) => {
      const scan: MarkdownScan = { ...scanMarkdown(''), excluded: spans };
      assertSame(text, scan);
      const start = text.length === 0 ? 0 : a % text.length;
      const end = start + (text.length === 0 ? 0 : b % (text.length - start + 1));
      assertSame(text, scan, { start, end });
    }),
    { seed: SEED, numRuns: 3000 },
  );
});

test('random text with its own Markdown scan: the same citations as the character loop', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...PIECES, '`', '``', '$', '<!--', '-->', '    ', '```\n', '# '), { maxLength: 80, size: 'medium' }),
      (pieces) => {
        const text = pieces.join('');
        assertSame(text, scanMarkdown(text));
      },
    ),
    { seed: SEED, numRuns: 1500 },
  );
});
