/**
 * What the workspace-wide features (find references, rename, workspace symbols) need: every
 * Markdown manuscript of the workspace with its library, and line maps of the files that
 * define entries. Manuscripts are parsed through the language service's per-URI cache, so a
 * second request re-parses only files whose text changed.
 */
import { URI } from 'vscode-uri';
import { formatFromPath } from './bibliography/parse';
import { LineMap } from './text/textRange';
import type { BibliographyStore, Library } from './bibliography/library';
import type { Manuscript } from './markdown/manuscript';
import type { CitokineSettings, Workspace } from './workspace';

/** A document as a host gives it: its URI and current text. */
export interface DocumentText {
  readonly uri: string;
  readonly text: string;
  readonly version?: number;
}

/** The language service's internals the workspace-wide features use. */
export interface WorkspaceContext {
  readonly workspace: Workspace;
  readonly store: BibliographyStore;
  readonly builtinCorpusUri: string;
  readonly settings: CitokineSettings;
  manuscriptOf(document: DocumentText): Manuscript;
  libraryOf(manuscript: Manuscript): Promise<Library>;
  /** Manuscripts the host has shown the service (open editors), in addition to the workspace's files. */
  knownManuscripts(): Iterable<string>;
}

/** A manuscript of the workspace and the library it cites from. */
export interface IndexedManuscript {
  readonly manuscript: Manuscript;
  readonly library: Library;
}

/** Files Citokine reads as manuscripts, by extension (as the server decides for open documents). */
export function isManuscriptUri(uri: string): boolean {
  return /\.(md|markdown|qmd|rmd)$/i.test(uri.replace(/[?#].*$/, ''));
}

/** Files read as bibliographies (by extension); any other document a host asks about is a manuscript. */
export function isBibliographyUri(uri: string): boolean {
  return formatFromPath(URI.parse(uri).path) !== undefined;
}

/**
 * Every Markdown manuscript of the workspace (the host's file list, the documents the
 * service has seen, and `current`), each with its library. `current`'s text is the one
 * given, other open documents' texts come from the Workspace (open editors win over disk).
 */
export async function workspaceManuscripts(context: WorkspaceContext, current?: DocumentText): Promise<IndexedManuscript[]> {
  const uris = new Set<string>();
  if (current && !isBibliographyUri(current.uri)) uris.add(current.uri);
  for (const uri of context.knownManuscripts()) if (!isBibliographyUri(uri)) uris.add(uri);
  for (const uri of (await context.workspace.listMarkdownFiles?.()) ?? []) uris.add(uri);
  const result: IndexedManuscript[] = [];
  // The current document first, the others in URI order, so that answers are stable.
  const ordered = [...uris].sort((a, b) => (a === current?.uri ? -1 : b === current?.uri ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const uri of ordered) {
    const text = current && uri === current.uri ? current.text : await context.workspace.readFile(uri);
    if (text === undefined) continue;
    const manuscript = context.manuscriptOf(current && uri === current.uri ? current : { uri, text });
    result.push({ manuscript, library: await context.libraryOf(manuscript) });
  }
  return result;
}

/** Line maps of files that define entries, kept while their text is the same. */
export class LineMaps {
  private readonly cache = new Map<string, LineMap>();

  constructor(private readonly workspace: Workspace) {}

  /** The line map of `uri`'s current text; a manuscript in `known` answers from its own. */
  async of(uri: string, known: Iterable<Manuscript> = []): Promise<LineMap | undefined> {
    for (const manuscript of known) if (manuscript.uri === uri) return manuscript.lines;
    const text = await this.workspace.readFile(uri);
    if (text === undefined) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.text === text) return cached;
    const lines = new LineMap(text);
    this.cache.set(uri, lines);
    return lines;
  }
}
