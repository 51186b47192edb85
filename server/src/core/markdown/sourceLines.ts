/**
 * The lines of the text markdown-it parses: where each starts and ends, as UTF-16 offsets that
 * are also offsets into the original document (line breaks are normalised length for length).
 */
import { newlineStarts } from '../text/textRange';

/** Start offsets of the lines of a text whose line breaks are `\n`. */
export interface LineIndex {
  readonly text: string;
  readonly starts: number[];
}

/** Indexes the lines of a text normalised by `normalizeLineBreaks` (only `\n` breaks it). */
export function buildLineIndex(text: string): LineIndex {
  return { text, starts: newlineStarts(text) };
}

/** Offset of the first character of `line` (clamped to the text). */
export function lineStart(lines: LineIndex, line: number): number {
  if (line <= 0) return 0;
  if (line >= lines.starts.length) return lines.text.length;
  return lines.starts[line];
}

/** End of `line` before its line break (text is normalized to `\n` here). */
export function lineEnd(lines: LineIndex, line: number): number {
  if (line + 1 < lines.starts.length) return lines.starts[line + 1] - 1;
  return lines.text.length;
}

/** The text of `line` without its line break. */
export function lineText(lines: LineIndex, line: number): string {
  return lines.text.slice(lineStart(lines, line), lineEnd(lines, line));
}

/** End of `line` without trailing blanks (a CRLF's `\r` is a blank by then). */
export function blockLineEnd(lines: LineIndex, line: number): number {
  const start = lineStart(lines, line);
  let end = lineEnd(lines, line);
  while (end > start && isWhitespace(lines.text.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * markdown-it turns `\r\n` into `\n`, which would shift every later offset. Replacing the
 * `\r` of a pair by a space (and a lone `\r` by `\n`) keeps lengths identical; a trailing
 * space changes nothing we look at.
 */
export function normalizeLineBreaks(text: string): string {
  if (text.indexOf('\r') < 0) return text;
  return text.replace(/\r\n?/g, (m) => (m.length === 2 ? ' \n' : '\n'));
}

/** ASCII whitespace as Markdown counts it (space, tab, line breaks, form feed, vertical tab). */
export function isWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/** The string without trailing whitespace. */
export function trimEndWhitespace(s: string): string {
  return s.replace(/\s+$/, '');
}
