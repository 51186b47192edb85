/**
 * The document's own numbered reference list: the first section named by the References
 * heading rule (`sections.ts`) that holds an ordered list or `[n] ...` lines.
 */
import type Token from 'markdown-it/lib/token.mjs';
import { isReferenceHeading, nextSectionHeading, sectionRange } from './sections';
import { lineStart, lineText, trimEndWhitespace, type LineIndex } from './sourceLines';
import type { Heading, OwnReferenceEntry, OwnReferenceSection } from './syntax';
import type { OffsetRange } from '../text/textRange';

/** A heading and the index of its `heading_open` token. */
export interface TokenHeading {
  readonly heading: Heading;
  readonly tokenIndex: number;
}

const BRACKET_ENTRY = /^([ \t]*)[[［](\d{1,4})[\]］][ \t]*/;

/** The first reference section with entries, or undefined. */
export function findOwnReferenceList(
  tokens: readonly Token[],
  lines: LineIndex,
  headings: readonly TokenHeading[],
): OwnReferenceSection | undefined {
  const plain = headings.map((h) => h.heading);
  for (let h = 0; h < headings.length; h++) {
    const { heading, tokenIndex } = headings[h];
    if (!isReferenceHeading(heading)) continue;
    const next = nextSectionHeading(plain, h);
    const endToken = next < 0 ? tokens.length : headings[next].tokenIndex;
    // heading_open, inline, heading_close come first.
    const entries = sectionEntries(tokens, lines, tokenIndex + 3, endToken);
    if (entries.length === 0) continue;
    return { heading, range: sectionRange(plain, h, lines.text), entries };
  }
  return undefined;
}

/** The entries of top-level ordered lists and `[n]` paragraphs among tokens[from, to). */
function sectionEntries(tokens: readonly Token[], lines: LineIndex, from: number, to: number): OwnReferenceEntry[] {
  const entries: OwnReferenceEntry[] = [];
  let orderedDepth = 0;
  const numberInList: number[] = [];
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    if (token.type === 'ordered_list_open') {
      orderedDepth++;
      const start = Number(token.attrGet('start') ?? 1);
      numberInList.push(Number.isFinite(start) ? start : 1);
      continue;
    }
    if (token.type === 'ordered_list_close') {
      orderedDepth--;
      numberInList.pop();
      continue;
    }
    if (token.type === 'list_item_open' && orderedDepth === 1 && token.map) {
      const n = numberInList[numberInList.length - 1];
      numberInList[numberInList.length - 1] = n + 1;
      entries.push(listItemEntry(lines, n, token.map));
      continue;
    }
    if (token.type === 'paragraph_open' && orderedDepth === 0 && token.map) {
      collectBracketEntries(lines, token.map[0], token.map[1], entries);
    }
  }
  return entries;
}

/** `1. Smith J. ...`: the entry numbered `n` of a list item on lines [map[0], map[1]). */
function listItemEntry(lines: LineIndex, n: number, map: [number, number]): OwnReferenceEntry {
  const ls = lineStart(lines, map[0]);
  const text = lineText(lines, map[0]);
  const marker = /^[ \t>]*\d{1,9}[.)][ \t]*/.exec(text);
  const markerStart = ls + (text.length - text.trimStart().length);
  const range = blockExtent(lines, markerStart, map[0], map[1]);
  const textStart = ls + (marker ? marker[0].length : 0);
  return { n, text: collapseLines(lines.text.slice(textStart, range.end)), range };
}

/** `[1] Smith J. ...` lines, several of which markdown-it may have joined into one paragraph. */
function collectBracketEntries(lines: LineIndex, from: number, to: number, entries: OwnReferenceEntry[]): void {
  let current: { n: number; start: number; textStart: number; line: number } | undefined;
  const flush = (lastLineExclusive: number) => {
    if (!current) return;
    const range = blockExtent(lines, current.start, current.line, lastLineExclusive);
    entries.push({ n: current.n, text: collapseLines(lines.text.slice(current.textStart, range.end)), range });
    current = undefined;
  };
  for (let line = from; line < to; line++) {
    const ls = lineStart(lines, line);
    const m = BRACKET_ENTRY.exec(lineText(lines, line));
    if (!m) continue;
    flush(line);
    current = { n: Number(m[2]), start: ls + m[1].length, textStart: ls + m[0].length, line };
  }
  flush(to);
}

function collapseLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join(' ');
}

/** Shrinks a line range to its last non-blank line and returns the offsets. */
function blockExtent(lines: LineIndex, from: number, toLine: number, lastLineExclusive: number): OffsetRange {
  let last = lastLineExclusive - 1;
  while (last > toLine && lineText(lines, last).trim() === '') last--;
  return { start: from, end: lineStart(lines, last) + trimEndWhitespace(lineText(lines, last)).length };
}
