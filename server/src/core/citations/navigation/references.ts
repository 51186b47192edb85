/**
 * Find references: every place the workspace's Markdown manuscripts cite the reference
 * under the cursor, asked from a citation (key or number) or from an entry's key in a
 * bibliography file. A key counts only where it resolves to the same entry: two
 * manuscripts with different bibliographies may use one key for two works.
 */
import type { Location } from 'vscode-languageserver-types';
import { workspaceManuscripts, type DocumentText, type LineMaps, type WorkspaceContext } from '../../workspaceIndex';
import { citingPlaces, targetAt } from './referenceTarget';

/** The citing places, and the definition too when `includeDeclaration`. */
export async function findReferences(
  context: WorkspaceContext,
  lineMaps: LineMaps,
  document: DocumentText,
  offset: number,
  includeDeclaration: boolean,
): Promise<Location[]> {
  const found = await targetAt(context, document, offset);
  if (!found) return [];
  const { target } = found;
  const manuscripts = await workspaceManuscripts(context, document);
  const locations: Location[] = [];
  if (includeDeclaration) {
    if (target.kind === 'entry' && target.entry) {
      const lines = await lineMaps.of(
        target.entry.uri,
        manuscripts.map((m) => m.manuscript),
      );
      if (lines) locations.push({ uri: target.entry.uri, range: lines.rangeOf(target.entry.keyRange) });
    } else if (target.kind === 'own-number' && target.entry && found.manuscript) {
      locations.push({ uri: found.manuscript.uri, range: found.manuscript.lines.rangeOf(target.entry.range) });
    }
  }
  for (const indexed of manuscripts) {
    for (const place of citingPlaces(indexed, target))
      locations.push({ uri: indexed.manuscript.uri, range: indexed.manuscript.lines.rangeOf(place.range) });
  }
  return locations;
}
