/**
 * Workspace symbols for references: every entry of the bibliographies the workspace's
 * manuscripts use (their files, inline items, the settings' files and the built-in corpus),
 * found by key, author, title, year or journal with completion's ranking, each at the key
 * in the file that defines it.
 */
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { LibraryEntry } from '../../bibliography/library';
import { shortDescription } from '../../bibliography/referenceCard';
import { workspaceManuscripts, type LineMaps, type WorkspaceContext } from '../../workspaceIndex';
import { rankEntries } from '../../bibliography/search';

/** Most symbols answered for one query; clients ask again as the query grows. */
const MAX_SYMBOLS = 200;

/** The reference entries matching `query`, best first. */
export async function workspaceSymbols(context: WorkspaceContext, lineMaps: LineMaps, query: string): Promise<SymbolInformation[]> {
  const manuscripts = await workspaceManuscripts(context);
  const entries = new Map<string, LibraryEntry>();
  const add = (entry: LibraryEntry) => {
    const id = `${entry.uri}\u0000${entry.key}`;
    if (!entries.has(id)) entries.set(id, entry);
  };
  for (const { library } of manuscripts) for (const entry of library.byKey.values()) add(entry);
  if (manuscripts.length === 0) {
    // No manuscript yet: the settings' files and the built-in corpus, through an empty document's library.
    const library = await context.libraryOf(context.manuscriptOf({ uri: 'untitled:citokine-workspace-symbols.md', text: '' }));
    for (const entry of library.byKey.values()) add(entry);
  }
  const ranked = rankEntries(entries.values(), query, new Set(), MAX_SYMBOLS);
  const symbols: SymbolInformation[] = [];
  for (const { entry } of ranked) {
    const lines = await lineMaps.of(
      entry.uri,
      manuscripts.map((m) => m.manuscript),
    );
    if (!lines) continue;
    // VS Code filters symbols by name on its side, so the name carries the author, year and
    // title too: a search for an author must not be dropped there after the server found it.
    symbols.push({
      name: `@${entry.key} — ${shortDescription(entry)}`,
      kind: SymbolKind.Key,
      containerName: fileName(entry.uri),
      location: { uri: entry.uri, range: lines.rangeOf(entry.keyRange) },
    });
  }
  return symbols;
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
