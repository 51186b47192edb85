/**
 * Property tests of the Markdown scanner, the citation parser and the manuscript parser:
 * on arbitrary Unicode (CJK, emoji, combining marks, lone surrogates, CRLF, NUL) and on a
 * few fixed huge inputs, they never throw and every range they return lies inside the text.
 * Seeded (test/util/arbitraries.ts SEED) and bounded in runs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseCitations } from '../server/src/core/citations/parse';
import { parseManuscript, type Manuscript } from '../server/src/core/markdown/manuscript';
import { scanMarkdown } from '../server/src/core/markdown/scan';
import type { Citation, MarkdownScan } from '../server/src/core/markdown/syntax';
import type { OffsetRange } from '../server/src/core/text/textRange';
import { assertRangesInside, hostileManuscript, hostileText, hugeCases, SEED } from './util/arbitraries';

/** Every range a scan reports. */
function scanRanges(scan: MarkdownScan): OffsetRange[] {
  const section = scan.referenceSection;
  return [
    ...(scan.frontMatter ? [scan.frontMatter.range] : []),
    ...scan.excluded,
    ...scan.headings.map((h) => h.range),
    ...(section ? [section.range, section.heading.range, ...section.entries.map((e) => e.range)] : []),
    ...(scan.links ?? []),
  ];
}

/** Every range a list of citations reports. */
function citationRanges(citations: readonly Citation[]): OffsetRange[] {
  const ranges: OffsetRange[] = [];
  for (const c of citations) {
    ranges.push(c.range);
    if (c.kind === 'key') for (const item of c.items) ranges.push(item.range, item.keyRange);
    if (c.kind === 'numeric')
      for (const item of c.items) ranges.push(item.range, ...(item.kind === 'range' ? [item.fromRange, item.toRange] : []));
  }
  return ranges;
}

/** Every range a manuscript reports: scan, citations, front matter values and errors. */
function manuscriptRanges(m: Manuscript): OffsetRange[] {
  const fm = m.frontMatter;
  return [
    ...scanRanges(m.scan),
    ...citationRanges(m.citations),
    ...fm.bibliography.map((v) => v.range),
    ...fm.glossary.map((v) => v.range),
    ...(fm.csl ? [fm.csl.range] : []),
    ...fm.errors.map((e) => e.range),
  ];
}

/** The check every property makes: parse `text`, and every range inside it (a throw fails the property). */
function check(text: string): void {
  const scan = scanMarkdown(text);
  assertRangesInside(scanRanges(scan), text.length, 'scanMarkdown');
  const sorted = scan.excluded.every((r, i) => i === 0 || scan.excluded[i - 1].end <= r.start);
  assert.ok(sorted, 'excluded spans are sorted and do not overlap');
  assertRangesInside(citationRanges(parseCitations(text, scan)), text.length, 'parseCitations');
  assertRangesInside(manuscriptRanges(parseManuscript('file:///ws/main.md', text)), text.length, 'parseManuscript');
}

test('scanner, citation parser and manuscript parser: arbitrary Unicode text never throws, ranges stay inside', () => {
  fc.assert(fc.property(hostileText(120), check), { seed: SEED, numRuns: 400 });
});

test('the same with front matter (valid, hostile, CRLF) at the top', () => {
  fc.assert(fc.property(hostileManuscript(60), check), { seed: SEED, numRuns: 250 });
});

test('citation ranges cover what they say: a key range holds the key, a number range its digits', () => {
  fc.assert(
    fc.property(hostileText(80), (text) => {
      for (const c of parseManuscript('file:///ws/main.md', text).citations) {
        if (c.kind === 'key') for (const item of c.items) assert.equal(text.slice(item.keyRange.start, item.keyRange.end), item.key);
        if (c.kind === 'numeric')
          for (const item of c.items)
            if (item.kind === 'single') assert.equal(Number(text.slice(item.range.start, item.range.end).replace(/[^0-9]/g, '')), item.n);
      }
    }),
    { seed: SEED, numRuns: 300 },
  );
});

// One parse each (the scan and citations are the manuscript's): a 1 MB line costs seconds already.
for (const { name, text } of hugeCases()) {
  test(`huge input: ${name}`, () =>
    assertRangesInside(manuscriptRanges(parseManuscript('file:///ws/main.md', text)), text.length, 'parseManuscript'));
}
