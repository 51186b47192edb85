/**
 * The Citokine language service: one facade over parsing, indexing and features, with no
 * transport and no file system. Hosts (the LSP server, the CLI, tests) inject a Workspace
 * and tell the service when files change.
 */
import type { CompletionItem, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { formatFromPath } from './bibliography';
import { completeCitation, resolveCitationCompletion } from './features/completion';
import { manuscriptDiagnostics, sourceFileDiagnostics } from './features/diagnostics';
import { hoverCitation } from './features/hover';
import { BibliographyStore, resolveLibrary, type Library } from './library';
import { parseManuscript, type Manuscript } from './manuscript';
import { resolveStyleName } from './render';
import { RULES } from './rules';
import type { CitokineSettings, Workspace } from './workspace';
import { DEFAULT_SETTINGS } from './workspace';
import { URI } from 'vscode-uri';

export interface LanguageServiceOptions {
  readonly workspace: Workspace;
  /** Folder (URI) holding the built-in corpus: review-55.json and glossary.json. */
  readonly builtinCorpusUri: string;
  readonly settings?: CitokineSettings;
  /** Workspace folder (URI) that settings paths are relative to. */
  readonly workspaceFolderUri?: string;
}

/** A document as the host knows it. */
export interface DocumentInput {
  readonly uri: string;
  readonly text: string;
  readonly version?: number;
}

export interface LanguageService {
  diagnostics(document: DocumentInput): Promise<Diagnostic[]>;
  /** Parse errors of a bibliography file, for diagnostics in that file. */
  bibliographyFileDiagnostics(uri: string): Promise<Diagnostic[]>;
  completion(document: DocumentInput, position: Position): Promise<CompletionList | undefined>;
  resolveCompletion(document: DocumentInput, item: CompletionItem): Promise<CompletionItem>;
  hover(document: DocumentInput, position: Position): Promise<Hover | undefined>;
  /** The files (URIs) a manuscript's library reads, so the host can re-check when one changes. */
  bibliographyFilesOf(document: DocumentInput): Promise<string[]>;
  /** A file changed on disk or in an editor: drop what was parsed from it. Returns true when it was in use. */
  fileChanged(uri: string): boolean;
  updateSettings(settings: CitokineSettings, workspaceFolderUri?: string): void;
  readonly settings: CitokineSettings;
}

export function isBibliographyFile(uri: string): boolean {
  return formatFromPath(URI.parse(uri).path) !== undefined && !uri.endsWith('.glossary.json') && !/glossary\.(json|ya?ml)$/.test(uri);
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const store = new BibliographyStore(options.workspace);
  let settings = options.settings ?? DEFAULT_SETTINGS;
  let workspaceFolderUri = options.workspaceFolderUri;
  const manuscripts = new Map<string, Manuscript>();

  const manuscriptOf = (document: DocumentInput): Manuscript => {
    const cached = manuscripts.get(document.uri);
    if (cached && cached.text === document.text) return cached;
    const parsed = parseManuscript(document.uri, document.text, document.version ?? 0);
    manuscripts.set(document.uri, parsed);
    return parsed;
  };
  /** `quick`: answer from the previous parse of a bibliography being re-parsed (completion, hover). */
  const libraryOf = (manuscript: Manuscript, quick = false): Promise<Library> =>
    resolveLibrary(manuscript, { store, settings, builtinCorpusUri: options.builtinCorpusUri, workspaceFolderUri, quick });
  const styleOf = (manuscript: Manuscript): string => resolveStyleName(manuscript.frontMatter.csl?.value ?? settings.style);

  return Object.freeze({
    get settings() {
      return settings;
    },
    async diagnostics(document: DocumentInput) {
      const manuscript = manuscriptOf(document);
      return manuscriptDiagnostics(manuscript, await libraryOf(manuscript), settings);
    },
    async bibliographyFileDiagnostics(uri: string) {
      const parsed = await store.get(uri);
      if (!parsed) return [];
      const text = (await options.workspace.readFile(uri)) ?? '';
      return sourceFileDiagnostics(text, parsed.errors, RULES.bibliographyParseError.code, settings);
    },
    async completion(document: DocumentInput, position: Position) {
      const manuscript = manuscriptOf(document);
      return completeCitation(manuscript, await libraryOf(manuscript, true), manuscript.lines.offsetAt(position));
    },
    async resolveCompletion(document: DocumentInput, item: CompletionItem) {
      const manuscript = manuscriptOf(document);
      return resolveCitationCompletion(item, await libraryOf(manuscript, true), styleOf(manuscript));
    },
    async hover(document: DocumentInput, position: Position) {
      const manuscript = manuscriptOf(document);
      return hoverCitation(manuscript, await libraryOf(manuscript, true), manuscript.lines.offsetAt(position), styleOf(manuscript));
    },
    async bibliographyFilesOf(document: DocumentInput) {
      const library = await libraryOf(manuscriptOf(document));
      return library.sources.map((s) => s.uri);
    },
    fileChanged(uri: string) {
      manuscripts.delete(uri);
      return store.invalidate(uri);
    },
    updateSettings(next: CitokineSettings, folder?: string) {
      settings = next;
      if (folder !== undefined) workspaceFolderUri = folder;
    },
  });
}
