/**
 * Edits as offsets into one document's text: what every check's fix and every document
 * command builds, converted to LSP TextEdits only at the end, against the text it was made for.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { LineMap, OffsetRange } from './textRange';

/** A replacement of `range` in one document's text; converted to an LSP TextEdit at the end. */
export interface OffsetEdit {
  readonly range: OffsetRange;
  readonly newText: string;
}

/** Applies non-overlapping edits to `text` (in any order). Used to build moved text and by tests. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.range.start < at) throw new Error(`overlapping edits at offset ${edit.range.start}`);
    out += text.slice(at, edit.range.start) + edit.newText;
    at = edit.range.end;
  }
  return out + text.slice(at);
}

/** LSP TextEdits of offset edits, in document order, dropping those that change nothing. */
export function toTextEdits(lines: LineMap, text: string, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits
    .filter((e) => text.slice(e.range.start, e.range.end) !== e.newText)
    .sort((a, b) => a.range.start - b.range.start)
    .map((e) => ({ range: lines.rangeOf(e.range), newText: e.newText }));
}
