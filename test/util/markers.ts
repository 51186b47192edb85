/**
 * Positions and ranges written into a test's text instead of literal line/character numbers:
 * `{|}` marks a cursor, `«...»` a range. `marked` removes the markers and answers where they
 * were as LSP positions and ranges of the clean text, so a test reads like its fixture.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { LineMap } from '../../server/src/core/text/textRange';
import { CURSOR } from './fixture';

/** A text with its markers taken out. */
export interface MarkedText {
  /** The text without markers. */
  readonly text: string;
  /** The `{|}` positions, in order. */
  readonly cursors: Position[];
  /** The `«...»` ranges, in order of their opening marker. */
  readonly ranges: Range[];
}

/** Takes the `{|}` and `«...»` markers out of `source`. */
export function marked(source: string): MarkedText {
  let text = '';
  const cursorOffsets: number[] = [];
  const ranges: { start: number; end: number }[] = [];
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith(CURSOR, i)) {
      cursorOffsets.push(text.length);
      i += CURSOR.length - 1;
    } else if (source[i] === '«') {
      open.push(ranges.length);
      ranges.push({ start: text.length, end: -1 });
    } else if (source[i] === '»') {
      const index = open.pop();
      if (index === undefined) throw new Error(`unbalanced » in: ${source}`);
      ranges[index].end = text.length;
    } else text += source[i];
  }
  if (open.length) throw new Error(`unclosed « in: ${source}`);
  const lines = new LineMap(text);
  return { text, cursors: cursorOffsets.map((o) => lines.positionAt(o)), ranges: ranges.map((r) => lines.rangeOf(r)) };
}

/** The range of the `nth` (0-based) occurrence of `needle` in `text`, as an LSP range. */
export function rangeOfText(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' (#${nth}) not in the text`);
  }
  return new LineMap(text).rangeOf({ start: at, end: at + needle.length });
}

/** A fixture source (`%! path` headers, `{|}`) without its `«` `»` range markers, for `fixture` and its helpers. */
export function withoutRanges(source: string): string {
  return source.replace(/[«»]/g, '');
}

/**
 * The `«...»` ranges of one file of a fixture source, as LSP ranges of that file's clean text:
 * the file `name`, else the one holding the cursor, else the first.
 */
export function rangesIn(source: string, name?: string): Range[] {
  const parts = source.split(/^%! (.+)\n/m);
  const files: [string, string][] = parts.length === 1 ? [['main.md', source]] : [];
  for (let i = 1; i < parts.length; i += 2) files.push([parts[i].trim(), parts[i + 1]]);
  const file =
    files.find(([n]) => n === name) ?? (name === undefined ? files.find(([, content]) => content.includes(CURSOR)) : undefined) ?? files[0];
  return marked(file[1]).ranges;
}
