/**
 * Go to definition: from a citation key to its entry in the bibliography file that defines
 * it (or the front matter item, or the built-in corpus file); from a number to the entry of
 * the document's own References section or of the built-in corpus; from an inline front
 * matter item to itself.
 */
import type { Location } from 'vscode-languageserver-types';
import type { DocumentText, LineMaps, WorkspaceContext } from '../../workspaceIndex';
import { targetAt } from './referenceTarget';

/** The definition of the reference at `offset`, or an empty list when it has none. */
export async function findDefinition(
  context: WorkspaceContext,
  lineMaps: LineMaps,
  document: DocumentText,
  offset: number,
): Promise<Location[]> {
  const found = await targetAt(context, document, offset);
  if (!found) return [];
  const { target, manuscript } = found;
  if (target.kind === 'own-number') {
    if (!target.entry || !manuscript) return [];
    return [{ uri: manuscript.uri, range: manuscript.lines.rangeOf(target.entry.range) }];
  }
  if (!target.entry) return [];
  const lines = await lineMaps.of(target.entry.uri, manuscript ? [manuscript] : []);
  if (!lines) return [];
  return [{ uri: target.entry.uri, range: lines.rangeOf(target.entry.keyRange) }];
}
