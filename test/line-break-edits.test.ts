/**
 * A line break typed or deleted inside a paragraph (Enter in the middle of a sentence, one
 * sentence per line, joining two lines), a paragraph split in two, and a paragraph typed in
 * the blank lines between two blocks are parsed incrementally: only those lines are scanned
 * again, and the result equals a full parse, line starts and top-level blocks included. The checks that
 * move a previous version's findings make them anew when lines moved, as some messages name
 * a line (a later definition, a numbered group's first citation). Seeded.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { editOf, reparseManuscript } from '../server/src/core/markdown/incremental';
import { parseManuscript, type Manuscript } from '../server/src/core/markdown/manuscript';
import { scanMemo } from '../server/src/core/markdown/scan';
import { LineMap } from '../server/src/core/text/textRange';
import { SEED } from './util/arbitraries';
import { FIXTURES_ROOT, publishesAsFresh } from './util/fixture';

const DEEP_REVIEW = readFileSync(path.join(FIXTURES_ROOT, 'deep-review', 'manuscript.md'), 'utf8');

function lineStarts(lines: LineMap): number[] {
  return Array.from({ length: lines.lineCount }, (_, i) => lines.lineStart(i));
}

/** What every feature reads of a parse, the line starts included. */
function parts(m: Manuscript): unknown {
  return {
    text: m.text,
    lines: lineStarts(m.lines),
    scan: m.scan,
    blocks: scanMemo(m.scan)?.blocks,
    citations: m.citations,
    frontMatter: m.frontMatter,
  };
}

test('a line map edited by a replacement holding line breaks equals the new text’s map', () => {
  const piece = fc.constantFrom('a', 'b', ' ', '\n', '\n\n', '中', 'xy\nz');
  const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
  fc.assert(
    fc.property(text, fc.nat(), fc.nat(6), fc.array(piece, { maxLength: 4 }), (before, at, remove, inserted) => {
      const start = before.length === 0 ? 0 : at % (before.length + 1);
      const oldEnd = Math.min(before.length, start + remove);
      const insert = inserted.join('');
      const after = before.slice(0, start) + insert + before.slice(oldEnd);
      const edited = new LineMap(before).edited(after, start, oldEnd, start + insert.length);
      assert.deepEqual(lineStarts(edited), lineStarts(new LineMap(after)));
    }),
    { seed: SEED, numRuns: 2000 },
  );
});

test('line breaks typed and deleted inside deep-review paragraphs are parsed incrementally, as a full parse', () => {
  // Lines of prose: an Enter typed in a sentence, then deleted; and an Enter after a sentence's full stop.
  const lines = [...DEEP_REVIEW.matchAll(/^[A-Z][^\n]{80,}\.$/gm)].slice(0, 12);
  assert.ok(lines.length >= 10, 'prose lines found');
  let previous = parseManuscript('file:///deep-review.md', DEEP_REVIEW, 1);
  let version = 1;
  let incremental = 0;
  for (const line of lines) {
    const at = previous.text.indexOf(line[0]);
    const inSentence = at + line[0].indexOf(' ', 40);
    const afterStop = at + line[0].indexOf('. ') + 1;
    const end = at + line[0].length;
    const texts = [
      previous.text.slice(0, inSentence) + '\n' + previous.text.slice(inSentence + 1),
      previous.text,
      ...(afterStop > at ? [previous.text.slice(0, afterStop) + '\n' + previous.text.slice(afterStop + 1)] : []),
      // Enter at the end of the paragraph, twice: the blank lines before the next one grow.
      previous.text.slice(0, end) + '\n' + previous.text.slice(end),
      previous.text.slice(0, end) + '\n\n' + previous.text.slice(end),
    ];
    for (const text of texts) {
      const updated = reparseManuscript(previous, text, ++version);
      if (editOf(updated)) incremental++;
      assert.deepEqual(parts(updated), parts(parseManuscript(previous.uri, text, version)), `at ${inSentence}`);
      previous = updated;
    }
  }
  // 35 of 50: not the lines after raw HTML (not a paragraph of their own), nor an Enter that
  // ends a line followed by more of its paragraph (two paragraphs now) or by a heading.
  assert.ok(incremental >= 33, `${incremental} edits were parsed incrementally`);
});

/** Uses of an abbreviation before its definition, and numbers cited out of order: messages that name a line after them. */
const MANUSCRIPT = [
  '---',
  'title: "Lines"',
  'bibliography: refs.bib',
  '---',
  '',
  'Serum CRP rose in one cohort [2] and fell in another [@LeCun2015Deep]. A second sentence follows here.',
  '',
  'The first numbered work [1] comes after the second, and a sentence after it.',
  '',
  'Later, C-reactive protein (CRP) is defined [@Goh2017Deep]. Deep learning (DL) is also named.',
  '',
].join('\n');

test('line breaks typed before findings that name a line publish what a fresh service publishes', async () => {
  const bib = readFileSync(path.join(FIXTURES_ROOT, 'deep-review-sample.bib'), 'utf8');
  const edits: [string, string][] = [
    ['A second sentence', '\n'],
    ['A second sentence', 'x'],
    ['and fell in another', '\n'],
    ['and a sentence after it', '\n'],
    ['x', ''],
  ];
  let text = MANUSCRIPT;
  const steps = edits.map(([needle, insert]) => {
    const at = text.indexOf(needle);
    assert.ok(at >= 0, needle);
    // A line break replaces the space before the needle; other inserts go before it; '' deletes it.
    text = insert === '\n' ? text.slice(0, at - 1) + '\n' + text.slice(at) : text.slice(0, at) + insert + text.slice(at + (insert ? 0 : 1));
    return { text, what: `after ${JSON.stringify(insert)} at ${needle}` };
  });
  const published = await publishesAsFresh('manuscript.md', MANUSCRIPT, `\n%! refs.bib\n${bib}`, steps);
  const messagesNamingLines = published.flat().filter((d) => / line \d+/.test(d.message)).length;
  assert.ok(messagesNamingLines >= 2 * edits.length, `${messagesNamingLines} messages name a line`);
});

/** Blocks of every kind, with the blank lines between them that lists take in and paragraphs do not. */
const BLOCKS = [
  '---',
  'title: t',
  '---',
  '',
  'First paragraph [@a] with a line',
  'and a second line [1].',
  '',
  '- item one [@b]',
  '- item two',
  '',
  'After the list, a paragraph.',
  '',
  '',
  '> A quote [@c]',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | [@d] |',
  '',
  '    indented code [@e]',
  '',
  '```',
  'fenced [@f]',
  '```',
  '',
  '<div>',
  'html [@g]',
  '</div>',
  '',
  '# Heading [@h]',
  '',
  'Setext heading',
  '==============',
  '',
  '[foo]: https://example.org',
  '',
  'Last paragraph [foo] [2].',
  '',
  '1. Closing list',
  '',
].join('\n');

test('every line break, paragraph and blank line typed or deleted among blocks of every kind parses as a full parse does, and so does typing on', () => {
  const inserts = ['\n', '\n\n', 'w ', 'New paragraph.\n\n', '\n\nNew paragraph.', '- ', '> ', '    ', '# ', '[@k]', '\n---', '==', '|'];
  let incremental = 0;
  let blocksChanged = 0;
  for (const source of [BLOCKS, BLOCKS.slice(0, -1)]) {
    const previous = parseManuscript('file:///blocks.md', source, 1);
    const check = (before: Manuscript, text: string, version: number, what: string): Manuscript => {
      const updated = reparseManuscript(before, text, version);
      assert.deepEqual(parts(updated), parts(parseManuscript(before.uri, text, version)), what);
      if (editOf(updated)) {
        incremental++;
        if (scanMemo(updated.scan)!.blocks.length !== scanMemo(before.scan)!.blocks.length) blocksChanged++;
      }
      return updated;
    };
    for (let at = 0; at <= source.length; at++) {
      const edits = [...inserts.map((s) => [s, 0] as const), ['', 1] as const, ['', 2] as const];
      for (const [insert, remove] of edits) {
        const text = source.slice(0, at) + insert + source.slice(at + remove);
        const what = `${JSON.stringify(insert)} at ${at}, ${remove} removed`;
        const updated = check(previous, text, 2, what);
        // Typing on where the edit ended: a new paragraph's next words, a line's next character.
        const next = at + insert.length;
        check(updated, text.slice(0, next) + 'z' + text.slice(next), 3, `${what}, then z`);
      }
    }
  }
  // 8,311 of about 36,000 (most places are inside blocks that are not paragraphs), 678 of them making or removing one.
  assert.ok(incremental > 7000, `${incremental} edits were parsed incrementally`);
  assert.ok(blocksChanged > 500, `${blocksChanged} incremental edits made or removed a paragraph`);
});

test('the blank line between two deep-review paragraphs deleted and typed again, and a line typed under a paragraph, are parsed incrementally', () => {
  // The last line of a paragraph, a blank line, and a paragraph's first line.
  const pairs = [...DEEP_REVIEW.matchAll(/^[A-Z][^\n]{80,}\n\n(?=[A-Z][^\n]{80,}\n)/gm)].slice(0, 10);
  assert.ok(pairs.length >= 5, 'paragraph pairs found');
  let previous = parseManuscript('file:///deep-review.md', DEEP_REVIEW, 1);
  let version = 1;
  let incremental = 0;
  for (const pair of pairs) {
    const blank = previous.text.indexOf(pair[0]) + pair[0].length - 1;
    const joined = previous.text.slice(0, blank) + previous.text.slice(blank + 1);
    const under = joined.slice(0, blank) + 'Under it.\n' + joined.slice(blank);
    for (const text of [joined, previous.text, under, previous.text]) {
      const updated = reparseManuscript(previous, text, ++version);
      if (editOf(updated)) incremental++;
      assert.deepEqual(parts(updated), parts(parseManuscript(previous.uri, text, version)), `at ${blank}`);
      previous = updated;
    }
  }
  assert.equal(incremental, pairs.length * 4);
});
