/**
 * LSP text edits applied to a text, as a client applies them: positions are line/character
 * (a character past the end of its line stands for the line's end, as the protocol says),
 * edits may come in any order, inserts at one place keep their order, and edits that
 * overlap are an error.
 */
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { LineMap } from '../../server/src/core/text/textRange';

/** A TextEdit resolved against the text it applies to. */
export interface ResolvedEdit {
  readonly start: number;
  readonly end: number;
  /** The text the edit replaces. */
  readonly oldText: string;
  readonly newText: string;
}

/** The edits as offsets into `text`, in document order; throws if a range is reversed or two edits overlap. */
export function resolveEdits(text: string, edits: readonly TextEdit[]): ResolvedEdit[] {
  const lines = new LineMap(text);
  const resolved = edits.map((e) => {
    const start = lines.offsetAt(e.range.start);
    const end = lines.offsetAt(e.range.end);
    if (end < start) throw new Error(`reversed edit range ${JSON.stringify(e.range)}`);
    return { start, end, oldText: text.slice(start, end), newText: e.newText };
  });
  // A stable sort: inserts at the same place stay in the order they were given.
  resolved.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < resolved.length; i++) {
    if (resolved[i].start < resolved[i - 1].end)
      throw new Error(
        `overlapping edits at offsets ${resolved[i - 1].start}-${resolved[i - 1].end} and ${resolved[i].start}-${resolved[i].end}`,
      );
  }
  return resolved;
}

/** `text` after `edits`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of resolveEdits(text, edits)) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** `text`, the document at `uri`, after the changes a WorkspaceEdit makes to it (none when there is no edit). */
export function applyWorkspaceEdit(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  return applyEdits(text, edit?.changes?.[uri] ?? []);
}

/** The text a range covers. */
export function textInRange(text: string, range: Range): string {
  const lines = new LineMap(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}
