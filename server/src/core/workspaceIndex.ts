/**
 * What the workspace-wide features (find references, rename, workspace symbols) need: every
 * Markdown manuscript of the workspace with its library, and line maps of the files that
 * define entries. Manuscripts are parsed through the language service's ManuscriptCache, so a
 * second request re-parses only files whose text changed (or that were evicted).
 */
import { isBibliographyFile, isGlossaryFile } from './fileKinds';
import { LineMap } from './text/textRange';
import { parseManuscript } from './markdown/manuscript';
import { reparseManuscript } from './markdown/incremental';
import type { BibliographyStore, Library } from './bibliography/library';
import type { Manuscript } from './markdown/manuscript';
import type { Workspace } from './workspace';
import type { CitokineSettings } from './settings';

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

/** A document the workspace-wide features read as a manuscript: anything not named as a bibliography or a glossary. */
export function isManuscriptDocument(uri: string): boolean {
  return !isBibliographyFile(uri) && !isGlossaryFile(uri);
}

/**
 * Every Markdown manuscript of the workspace (the host's file list, the documents the
 * service has seen, and `current`), each with its library. `current`'s text is the one
 * given, other open documents' texts come from the Workspace (open editors win over disk).
 */
export async function workspaceManuscripts(context: WorkspaceContext, current?: DocumentText): Promise<IndexedManuscript[]> {
  const uris = new Set<string>();
  if (current && isManuscriptDocument(current.uri)) uris.add(current.uri);
  for (const uri of context.knownManuscripts()) if (isManuscriptDocument(uri)) uris.add(uri);
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

/** How many parsed manuscripts a ManuscriptCache keeps. */
export const MANUSCRIPTS_KEPT = 256;

/**
 * The language service's parsed manuscripts, by URI: the documents a host shows it and the
 * workspace's files read for workspace-wide features. Owned by the facade. Bounded: it keeps
 * the `limit` most recently used parses (a workspace of thousands of manuscripts re-parses
 * the least recent ones when asked again); a parse is replaced when its text changes and
 * dropped when the host says the file changed. The URIs seen stay known (strings only) for
 * `knownUris`, until their file changes.
 */
export class ManuscriptCache {
  private readonly parsed = new Map<string, Manuscript>();
  private readonly known = new Set<string>();

  constructor(private readonly limit = MANUSCRIPTS_KEPT) {}

  /**
   * The parse of `document`'s text, reused while the text is the same; after an edit, built
   * from the previous parse (only the edited paragraph is parsed again, see incremental.ts).
   */
  of(document: DocumentText): Manuscript {
    const cached = this.parsed.get(document.uri);
    this.parsed.delete(document.uri); // re-inserted below: a Map iterates in insertion order, oldest first
    const version = document.version ?? 0;
    const manuscript =
      cached && cached.text === document.text
        ? cached
        : cached
          ? reparseManuscript(cached, document.text, version)
          : parseManuscript(document.uri, document.text, version);
    this.parsed.set(document.uri, manuscript);
    this.known.add(document.uri);
    if (this.parsed.size > this.limit) this.parsed.delete(this.parsed.keys().next().value as string);
    return manuscript;
  }

  /** Forgets a file's parse, and that it was seen. */
  forget(uri: string): void {
    this.parsed.delete(uri);
    this.known.delete(uri);
  }

  /** Every URI parsed since its file last changed, evicted parses included. */
  knownUris(): Iterable<string> {
    return this.known;
  }

  /** How many parses are held (for tests of the bound). */
  get size(): number {
    return this.parsed.size;
  }
}
