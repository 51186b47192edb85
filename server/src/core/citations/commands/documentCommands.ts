/**
 * The document-wide commands (renumber, insert or update the reference list, convert
 * citations) as one entry point for hosts: a command name and a manuscript in, a
 * WorkspaceEdit (or the reason there is none) out. The host applies the edit.
 */
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { toTextEdits, type OffsetEdit } from '../../text/edits';
import type { Library } from '../../bibliography/library';
import type { Manuscript } from '../../markdown/manuscript';
import { COMMANDS } from '../codeActions';
import { convertCitations, type ConvertDirection } from './convert';
import { referenceListEdit, whenCitedWorksRendered } from './referenceList';
import { renumber } from './renumber';

/** What a document command produced: an edit to apply (absent when there is nothing to do), and a sentence for the user. */
export interface DocumentEditResult {
  readonly edit?: WorkspaceEdit;
  readonly message: string;
}

/** The names of the document commands. */
export const DOCUMENT_COMMANDS: readonly string[] = Object.values(COMMANDS);

/**
 * Runs `command` on `manuscript`. `args` are the command's arguments after the document's
 * URI: for `citokine.convertCitations`, `'toKeys'` (the default) or `'toNumbers'`.
 */
export async function runDocumentCommand(
  command: string,
  manuscript: Manuscript,
  library: Library,
  style: string,
  args: readonly unknown[] = [],
): Promise<DocumentEditResult> {
  switch (command) {
    case COMMANDS.renumber: {
      const result = renumber(manuscript, library);
      if ('refused' in result) return { message: result.refused };
      const changed = [...result.mapping].filter(([from, to]) => from !== to).length;
      return withEdit(
        manuscript,
        result.edits,
        changed === 0
          ? 'Citations are already numbered in order of first appearance.'
          : `Renumbered ${changed} reference${changed === 1 ? '' : 's'}.`,
      );
    }
    case COMMANDS.insertReferenceList: {
      await whenCitedWorksRendered(manuscript, library, style);
      const result = referenceListEdit(manuscript, library, style);
      if ('refused' in result) return { message: result.refused };
      return withEdit(
        manuscript,
        result.edits,
        result.edits.length === 0
          ? `The reference list (${result.count} works) is up to date.`
          : `Reference list of ${result.count} work${result.count === 1 ? '' : 's'} written.`,
      );
    }
    case COMMANDS.convertCitations: {
      const direction: ConvertDirection = args[0] === 'toNumbers' ? 'toNumbers' : 'toKeys';
      const result = convertCitations(manuscript, library, direction);
      if ('refused' in result) return { message: result.refused };
      const skipped =
        result.skipped > 0
          ? `; ${result.skipped} left as they were (not every work in them maps${direction === 'toNumbers' ? ', or they carry a locator or are in-text' : ''})`
          : '';
      return withEdit(manuscript, result.edits, `Converted ${result.converted} citation${result.converted === 1 ? '' : 's'}${skipped}.`);
    }
    default:
      return { message: `Unknown command ${command}.` };
  }
}

function withEdit(manuscript: Manuscript, edits: readonly OffsetEdit[], message: string): DocumentEditResult {
  const textEdits = toTextEdits(manuscript.lines, manuscript.text, edits);
  return textEdits.length === 0 ? { message } : { edit: { changes: { [manuscript.uri]: textEdits } }, message };
}
