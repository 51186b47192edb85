/**
 * The reference list Citokine writes into a manuscript lives between two HTML comments, so
 * that updating it touches nothing else and so that it is known as generated output: its
 * `[n]` lines render the numbered list in use, they are not a second numbered list.
 */
import type { MarkdownScan } from './syntax';
import type { OffsetRange } from '../text/textRange';

export const REFERENCE_LIST_START = '<!-- citokine:references -->';
export const REFERENCE_LIST_END = '<!-- /citokine:references -->';

/** Where a generated reference list sits in a document. */
export interface GeneratedList {
  /** From the start of the opening marker to the end of the closing marker. */
  readonly range: OffsetRange;
  /** The text between the markers' lines: what an update replaces. */
  readonly content: OffsetRange;
}

const START_LINE = /^[ \t]*<!--[ \t]*citokine:references[ \t]*-->[ \t]*\r?$/gm;
const END_LINE = /^[ \t]*<!--[ \t]*\/citokine:references[ \t]*-->[ \t]*\r?$/gm;

/**
 * The generated list: the first opening marker on a line of its own that is an HTML block
 * (not inside a code fence, where the scan's excluded span would start earlier), and the
 * closing marker after it.
 */
export function findGeneratedList(text: string, scan: MarkdownScan): GeneratedList | undefined {
  if (!text.includes('citokine:references')) return undefined;
  START_LINE.lastIndex = 0;
  for (let open = START_LINE.exec(text); open; open = START_LINE.exec(text)) {
    if (!startsHtmlBlock(scan, open.index)) continue;
    END_LINE.lastIndex = open.index + open[0].length;
    for (let close = END_LINE.exec(text); close; close = END_LINE.exec(text)) {
      if (!startsHtmlBlock(scan, close.index)) continue;
      const openLineEnd = open.index + open[0].length;
      const contentStart = text.charCodeAt(openLineEnd) === 10 ? openLineEnd + 1 : openLineEnd;
      return { range: { start: open.index, end: close.index + close[0].length }, content: { start: contentStart, end: close.index } };
    }
    return undefined;
  }
  return undefined;
}

/** True when an excluded span (an HTML block) starts on the line at `lineStart`. */
function startsHtmlBlock(scan: MarkdownScan, lineStart: number): boolean {
  const spans = scan.excluded;
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= lineStart) lo = mid + 1;
    else if (spans[mid].start > lineStart + 8) hi = mid - 1;
    else return spans[mid].start >= lineStart;
  }
  return false;
}

/** True when `range` lies inside the generated list. */
export function insideGeneratedList(list: GeneratedList | undefined, range: OffsetRange): boolean {
  return list !== undefined && range.start >= list.content.start && range.end <= list.content.end;
}
