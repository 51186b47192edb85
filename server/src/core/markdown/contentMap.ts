/**
 * Places offsets into a markdown-it inline token's `content` in the document: the content is
 * its source lines less container prefixes, so each content line is aligned with its line.
 */
import { lineEnd, lineStart, trimEndWhitespace, type LineIndex } from './sourceLines';
import { upperBound } from '../text/textRange';

/** Maps offsets in an inline token's `content` back to the document. */
export interface ContentMap {
  /** Offset in content where each content line starts. */
  readonly contentStarts: number[];
  /** Document offset of the same character; -1 when the line could not be aligned. */
  readonly sourceStarts: number[];
}

/** The document offset of `offset` in the content, or -1 when its line could not be aligned. */
export function mapContentOffset(map: ContentMap, offset: number): number {
  // The last content line starting at or before the offset (line 0 when none does).
  const lo = Math.max(0, upperBound(map.contentStarts, offset) - 1);
  const base = map.sourceStarts[lo];
  return base < 0 ? -1 : base + (offset - map.contentStarts[lo]);
}

/**
 * Each line of a paragraph's content is its source line minus a container prefix (indent,
 * `>`, list marker) and, for the first/last line, trimmed. So a content line is aligned with
 * the END of its source line. Table cells and ATX headings sit mid-line and are searched for
 * from a per-line cursor instead.
 */
export function buildContentMap(
  lines: LineIndex,
  content: string,
  firstLine: number,
  midLine: boolean,
  cursors: Map<number, number>,
): ContentMap {
  const parts = content.split('\n');
  const contentStarts: number[] = [];
  const sourceStarts: number[] = [];
  let c = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const line = firstLine + i;
    const ls = lineStart(lines, line);
    const le = lineEnd(lines, line);
    const src = lines.text.slice(ls, le);
    let at = -1;
    if (midLine) {
      const from = cursors.get(line) ?? 0;
      const found = src.indexOf(part, from);
      if (found >= 0) {
        at = ls + found;
        cursors.set(line, found + part.length);
      }
    } else if (src.endsWith(part)) {
      at = le - part.length;
    } else {
      const trimmed = trimEndWhitespace(src);
      // A tab partly used as indentation comes back as spaces; aligning at the end still
      // places every non-blank character correctly.
      at = ls + Math.max(0, trimmed.length - part.length);
    }
    contentStarts.push(c);
    sourceStarts.push(at);
    c += part.length + 1;
  }
  return { contentStarts, sourceStarts };
}
