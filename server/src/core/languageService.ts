/**
 * The Citokine language service: one facade over parsing, indexing and features, with no
 * transport and no file system. Hosts (the LSP server, the CLI, tests) inject a Workspace
 * and tell the service when files change.
 */
import type { CompletionItem, CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { completeCitation, resolveCitationCompletion } from './citations/completion';
import { manuscriptDiagnostics } from './citations/diagnostics';
import { sourceFileDiagnostics } from './findings';
import { hoverCitation } from './citations/hover';
import { citationCodeActions } from './citations/codeActions';
import { runDocumentCommand, type DocumentEditResult } from './citations/commands/documentCommands';
import { entryDiagnostics } from './bibliography/fileDiagnostics';
import type { CodeAction, CodeActionContext } from 'vscode-languageserver-types';
import { findDefinition } from './citations/navigation/definition';
import { documentLinks } from './citations/navigation/documentLinks';
import { findReferences } from './citations/navigation/references';
import { prepareRename, renameKey } from './citations/navigation/rename';
import { workspaceSymbols } from './citations/navigation/workspaceSymbols';
import { StyleStore } from './bibliography/styleStore';
import { LineMaps, ManuscriptCache, type WorkspaceContext } from './workspaceIndex';
import { isBibliographyFile } from './fileKinds';
import { LineMap } from './text/textRange';
import type { DocumentLink, Location, Range, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-types';
import { BibliographyStore, resolveLibrary, type Library } from './bibliography/library';
import type { Manuscript } from './markdown/manuscript';
import { RULES } from './rules';
import type { Workspace } from './workspace';
import type { CitokineSettings } from './settings';
import { DEFAULT_SETTINGS } from './settings';
import { completionSite } from './citations/completion';
import { TermService } from './terms/service';
import { citationCandidates, documentOutline, type CitationCandidates, type DocumentOutline } from './outline';
import { renderedCitations, type RenderedCitations } from './previewCitations';

export interface LanguageServiceOptions {
  readonly workspace: Workspace;
  /** Folder (URI) holding the built-in corpus: review-55.json and glossary.json. */
  readonly builtinCorpusUri: string;
  readonly settings?: CitokineSettings;
  /** Workspace folder (URI) that settings paths are relative to. */
  readonly workspaceFolderUri?: string;
  /** The client's display language (LSP `initialize` `locale`): the term hover's language when the document does not decide it. */
  readonly locale?: string;
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
  /** Where the key or number at `position` is defined: its bibliography entry, front matter item, own References entry or built-in entry. */
  definition(document: DocumentInput, position: Position): Promise<Location[]>;
  /** Every place the workspace's manuscripts cite the reference at `position` (of a manuscript or a bibliography file's key). */
  references(document: DocumentInput, position: Position, includeDeclaration: boolean): Promise<Location[]>;
  /** The key at `position` and its range, when it can be renamed; throws RenameRefusedError saying why not. */
  prepareRename(document: DocumentInput, position: Position): Promise<{ range: Range; placeholder: string } | undefined>;
  /** Renames the key at `position` in every manuscript citing it and in its bibliography; throws RenameRefusedError when refused. */
  rename(document: DocumentInput, position: Position, newName: string): Promise<WorkspaceEdit | undefined>;
  /** DOI links of a manuscript (bare DOIs and `@doi:` keys), to https://doi.org/. */
  documentLinks(document: DocumentInput): Promise<DocumentLink[]>;
  /** Reference entries of the workspace's bibliographies matching `query` (key, author, title, year, journal). */
  workspaceSymbols(query: string): Promise<SymbolInformation[]>;
  /** Quick fixes and refactorings at `range` (unknown key, duplicates, ranges), and the document-wide actions as commands. */
  codeActions(document: DocumentInput, range: Range, context: CodeActionContext): Promise<CodeAction[]>;
  /** Runs `citokine.renumber`, `citokine.insertReferenceList` or `citokine.convertCitations` on a manuscript: the edit to apply, or why there is none. */
  documentCommand(command: string, document: DocumentInput, args?: readonly unknown[]): Promise<DocumentEditResult>;
  /** The files (URIs) a manuscript's library reads, so the host can re-check when one changes. */
  bibliographyFilesOf(document: DocumentInput): Promise<string[]>;
  /** The glossary files (URIs) a manuscript uses, the built-in one included, so the host can publish their errors. */
  glossaryFilesOf(document: DocumentInput): Promise<string[]>;
  /** Errors of a glossary file (`glossary.invalid`), for diagnostics in that file. */
  glossaryFileDiagnostics(uri: string): Promise<Diagnostic[]>;
  /** A file changed on disk or in an editor: drop what was parsed from it. Returns true when it was in use. */
  fileChanged(uri: string): boolean;
  updateSettings(settings: CitokineSettings, workspaceFolderUri?: string): void;
  readonly settings: CitokineSettings;
  /** The references a manuscript can cite, ranked for `query` (the Insert Citation picker), and its citation style. */
  citationCandidates(document: DocumentInput, query: string): Promise<CitationCandidates>;
  /** Cited works, uncited entries, terms, sources, findings and style of a manuscript (the views and the status bar). */
  documentOutline(document: DocumentInput): Promise<DocumentOutline>;
  /** The manuscript's citations rendered in its style and its reference list, as plain text (the Markdown preview). */
  renderedCitations(document: DocumentInput): Promise<RenderedCitations>;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const store = new BibliographyStore(options.workspace);
  const styles = new StyleStore(options.workspace);
  const lineMaps = new LineMaps(options.workspace);
  let settings = options.settings ?? DEFAULT_SETTINGS;
  let workspaceFolderUri = options.workspaceFolderUri;
  const manuscripts = new ManuscriptCache();
  const terms = new TermService({ workspace: options.workspace, bibliographies: store, builtinCorpusUri: options.builtinCorpusUri, settings: () => settings, workspaceFolderUri: () => workspaceFolderUri, locale: options.locale });

  const manuscriptOf = (document: DocumentInput): Manuscript => manuscripts.of(document);
  const fileDiagnostics = new WeakMap<object, { readonly settings: CitokineSettings; readonly diagnostics: Diagnostic[] }>();
  /** `quick`: answer from the previous parse of a bibliography being re-parsed (completion, hover). */
  const libraryOf = (manuscript: Manuscript, quick = false): Promise<Library> =>
    // A .csl file the manuscript names is read with its library, so that styleOf answers synchronously.
    styles.prepare(manuscript, settings.style, workspaceFolderUri).then(() => resolveLibrary(manuscript, { store, settings, builtinCorpusUri: options.builtinCorpusUri, workspaceFolderUri, quick, homeFolderUri: options.workspace.homeFolderUri }));
  const styleOf = (manuscript: Manuscript): string => styles.nameFor(manuscript, settings.style, workspaceFolderUri);
  /** A position as an offset: manuscripts through their cached parse, bibliography files through their text. */
  const offsetIn = (document: DocumentInput, position: Position): number =>
    isBibliographyFile(document.uri) ? new LineMap(document.text).offsetAt(position) : manuscriptOf(document).lines.offsetAt(position);
  const workspaceContext: WorkspaceContext = {
    workspace: options.workspace,
    store,
    builtinCorpusUri: options.builtinCorpusUri,
    get settings() {
      return settings;
    },
    manuscriptOf,
    libraryOf: (manuscript) => libraryOf(manuscript),
    knownManuscripts: () => manuscripts.knownUris(),
  };

  return Object.freeze({
    get settings() {
      return settings;
    },
    async diagnostics(document: DocumentInput) {
      const manuscript = manuscriptOf(document);
      const [citations, termFindings] = await Promise.all([libraryOf(manuscript).then((library) => manuscriptDiagnostics(manuscript, library, settings)), terms.diagnostics(manuscript)]);
      return [...citations, ...termFindings];
    },
    async bibliographyFileDiagnostics(uri: string) {
      const parsed = await store.get(uri);
      if (!parsed) return [];
      // Once per parse and settings: every check of every manuscript using the file asks again.
      const cached = fileDiagnostics.get(parsed);
      if (cached?.settings === settings) return cached.diagnostics;
      const text = (await options.workspace.readFile(uri)) ?? '';
      const diagnostics = [...sourceFileDiagnostics(text, parsed.errors, RULES.bibliographyParseError.code, settings), ...entryDiagnostics(text, parsed.entries, settings)];
      fileDiagnostics.set(parsed, { settings, diagnostics });
      return diagnostics;
    },
    async completion(document: DocumentInput, position: Position) {
      const manuscript = manuscriptOf(document);
      const offset = manuscript.lines.offsetAt(position);
      // Citation sites give citation items (or none); everywhere else, terms.
      if (!completionSite(manuscript, offset)) return terms.completion(manuscript, offset, await libraryOf(manuscript, true));
      return completeCitation(manuscript, await libraryOf(manuscript, true), offset);
    },
    async resolveCompletion(document: DocumentInput, item: CompletionItem) {
      const manuscript = manuscriptOf(document);
      return resolveCitationCompletion(item, await libraryOf(manuscript, true), styleOf(manuscript));
    },
    async hover(document: DocumentInput, position: Position) {
      const manuscript = manuscriptOf(document);
      const library = await libraryOf(manuscript, true);
      // The first kind that matches wins: a citation, then a term.
      return hoverCitation(manuscript, library, manuscript.lines.offsetAt(position), styleOf(manuscript)) ?? terms.hover(manuscript, manuscript.lines.offsetAt(position), library);
    },
    definition: (document: DocumentInput, position: Position) => findDefinition(workspaceContext, lineMaps, document, offsetIn(document, position)),
    references: (document: DocumentInput, position: Position, includeDeclaration: boolean) => findReferences(workspaceContext, lineMaps, document, offsetIn(document, position), includeDeclaration),
    prepareRename: (document: DocumentInput, position: Position) => prepareRename(workspaceContext, document, offsetIn(document, position)),
    rename: (document: DocumentInput, position: Position, newName: string) => renameKey(workspaceContext, lineMaps, document, offsetIn(document, position), newName),
    documentLinks: async (document: DocumentInput) => documentLinks(manuscriptOf(document)),
    workspaceSymbols: (query: string) => workspaceSymbols(workspaceContext, lineMaps, query),
    async codeActions(document: DocumentInput, range: Range, context: CodeActionContext) {
      const manuscript = manuscriptOf(document);
      const offsets = { start: manuscript.lines.offsetAt(range.start), end: manuscript.lines.offsetAt(range.end) };
      const request = { range: offsets, diagnostics: context.diagnostics, only: context.only };
      return [...citationCodeActions(manuscript, await libraryOf(manuscript, true), settings, request), ...(await terms.codeActions(manuscript, request))];
    },
    async documentCommand(command: string, document: DocumentInput, args: readonly unknown[] = []) {
      const manuscript = manuscriptOf(document);
      return runDocumentCommand(command, manuscript, await libraryOf(manuscript), styleOf(manuscript), args);
    },
    async bibliographyFilesOf(document: DocumentInput) {
      const library = await libraryOf(manuscriptOf(document));
      return library.sources.map((s) => s.uri);
    },
    glossaryFilesOf: (document: DocumentInput) => terms.glossaryFilesOf(manuscriptOf(document)),
    glossaryFileDiagnostics: (uri: string) => terms.glossaryFileDiagnostics(uri),
    fileChanged(uri: string) {
      manuscripts.forget(uri);
      const styleInUse = styles.invalidate(uri);
      const glossaryInUse = terms.fileChanged(uri);
      return store.invalidate(uri) || styleInUse || glossaryInUse;
    },
    updateSettings(next: CitokineSettings, folder?: string) {
      settings = next;
      if (folder !== undefined) workspaceFolderUri = folder;
    },
    citationCandidates: async (document: DocumentInput, query: string) => citationCandidates(manuscriptOf(document), await libraryOf(manuscriptOf(document), true), query),
    documentOutline: async (document: DocumentInput) => documentOutline(manuscriptOf(document), { library: await libraryOf(manuscriptOf(document)), terms, settings }),
    renderedCitations: async (document: DocumentInput) => renderedCitations(manuscriptOf(document), await libraryOf(manuscriptOf(document)), styleOf(manuscriptOf(document))),
  });
}
