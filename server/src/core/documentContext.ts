/**
 * The language service's state behind the facade: live settings, the parsed manuscripts, the
 * bibliography, style and glossary caches, and how a document finds its library and style.
 * The facade (languageService.ts) owns one and delegates to the features with it; keeping the
 * state here leaves the facade a list of delegations and merge rules.
 */
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { BibliographyStore, resolveLibrary, type Library } from './bibliography/library';
import { indexWhileLoading } from './bibliography/searchLoading';
import { StyleStore } from './bibliography/styleStore';
import { bibtexMacroDiagnostics, entryDiagnostics } from './bibliography/fileDiagnostics';
import { bibliographyFormatOf, isBibliographyFile } from './fileKinds';
import { sourceFileDiagnostics } from './findings';
import type { Manuscript } from './markdown/manuscript';
import { RULES } from './rules';
import { DEFAULT_SETTINGS, type CitokineSettings } from './settings';
import { TermService } from './terms/service';
import { LineMap } from './text/textRange';
import type { Workspace } from './workspace';
import { LineMaps, ManuscriptCache, type DocumentText, type WorkspaceContext } from './workspaceIndex';

/** What a host gives `createLanguageService`. */
export interface LanguageServiceOptions {
  readonly workspace: Workspace;
  /** Folder (URI) holding the built-in corpus: review-55.json and glossary.json. */
  readonly builtinCorpusUri: string;
  readonly settings?: CitokineSettings;
  /** Workspace folder (URI) that settings paths are relative to. */
  readonly workspaceFolderUri?: string;
  /** The client's display language (LSP `initialize` `locale`): the language of every message, and the term hover's language when the document does not decide it. */
  readonly locale?: string;
  /** Hears each outgoing message that has no translation into the client's language, once. */
  readonly log?: (line: string) => void;
  /** The client fills in a completion item's `detail` at resolve (LSP `completionItem.resolveSupport`). */
  readonly detailAtResolve?: boolean;
}

/** A document as the host knows it: its URI, its current text and, when it has one, its version. */
export type DocumentInput = DocumentText;

/** A manuscript and the library it cites from. */
export interface OpenManuscript {
  readonly manuscript: Manuscript;
  readonly library: Library;
}

/** The per-service state every feature reads: one per language service. */
export class DocumentContext {
  readonly store: BibliographyStore;
  readonly styles: StyleStore;
  readonly lineMaps: LineMaps;
  readonly terms: TermService;
  /** What the workspace-wide features (references, rename, symbols) see of this service. */
  readonly workspaceContext: WorkspaceContext;
  private readonly manuscripts = new ManuscriptCache();
  private currentSettings: CitokineSettings;
  private workspaceFolderUri: string | undefined;

  constructor(private readonly options: LanguageServiceOptions) {
    this.store = new BibliographyStore(options.workspace, indexWhileLoading);
    this.styles = new StyleStore(options.workspace);
    this.lineMaps = new LineMaps(options.workspace);
    this.currentSettings = options.settings ?? DEFAULT_SETTINGS;
    this.workspaceFolderUri = options.workspaceFolderUri;
    this.terms = new TermService({
      workspace: options.workspace,
      bibliographies: this.store,
      builtinCorpusUri: options.builtinCorpusUri,
      settings: () => this.currentSettings,
      workspaceFolderUri: () => this.workspaceFolderUri,
      locale: options.locale,
    });
    const settings = () => this.currentSettings;
    this.workspaceContext = {
      workspace: options.workspace,
      store: this.store,
      builtinCorpusUri: options.builtinCorpusUri,
      get settings() {
        return settings();
      },
      manuscriptOf: (document) => this.manuscriptOf(document),
      libraryOf: (manuscript) => this.libraryOf(manuscript),
      knownManuscripts: () => this.manuscripts.knownUris(),
    };
  }

  /** The client fills in a completion item's `detail` at resolve, so citation items go without it. */
  get detailAtResolve(): boolean {
    return this.options.detailAtResolve === true;
  }

  get settings(): CitokineSettings {
    return this.currentSettings;
  }

  /** New settings (and, when given, a new workspace folder for relative paths). */
  updateSettings(settings: CitokineSettings, workspaceFolderUri?: string): void {
    this.currentSettings = settings;
    if (workspaceFolderUri !== undefined) this.workspaceFolderUri = workspaceFolderUri;
  }

  /** The parse of a document's text (cached while the text is the same). */
  manuscriptOf(document: DocumentInput): Manuscript {
    return this.manuscripts.of(document);
  }

  /** The library a manuscript cites from; `quick`: from the previous parse of a bibliography being re-parsed (completion, hover). */
  async libraryOf(manuscript: Manuscript, quick = false): Promise<Library> {
    // A .csl file the manuscript names is read with its library, so that styleOf answers synchronously.
    await this.styles.prepare(manuscript, this.currentSettings.style, this.workspaceFolderUri);
    return resolveLibrary(manuscript, {
      store: this.store,
      settings: this.currentSettings,
      builtinCorpusUri: this.options.builtinCorpusUri,
      workspaceFolderUri: this.workspaceFolderUri,
      quick,
      homeFolderUri: this.options.workspace.homeFolderUri,
    });
  }

  /** A document's manuscript and its library; `quick` as for `libraryOf`. */
  async open(document: DocumentInput, quick = false): Promise<OpenManuscript> {
    const manuscript = this.manuscriptOf(document);
    return { manuscript, library: await this.libraryOf(manuscript, quick) };
  }

  /** The citation style a manuscript is rendered in (after `libraryOf` has read a .csl file it names). */
  /** Findings about the style a manuscript names (unknown name, unreadable `.csl`). */
  styleDiagnostics(manuscript: Manuscript): Diagnostic[] {
    return this.styles.diagnostics(manuscript, this.currentSettings, this.workspaceFolderUri);
  }

  styleOf(manuscript: Manuscript): string {
    return this.styles.nameFor(manuscript, this.currentSettings.style, this.workspaceFolderUri);
  }

  /** A position as an offset: manuscripts through their cached parse, bibliography files through their text. */
  offsetIn(document: DocumentInput, position: Position): number {
    return isBibliographyFile(document.uri)
      ? new LineMap(document.text).offsetAt(position)
      : this.manuscriptOf(document).lines.offsetAt(position);
  }

  /** Parse errors and entry findings of a bibliography file, as diagnostics in that file. */
  async bibliographyFileDiagnostics(uri: string): Promise<Diagnostic[]> {
    const parsed = await this.store.get(uri);
    if (!parsed) return [];
    // Once per parse and settings: every check of every manuscript using the file asks again.
    const settings = this.currentSettings;
    const cached = this.fileDiagnostics.get(parsed);
    if (cached?.settings === settings) return cached.diagnostics;
    // One line map for both: a 10k-entry file's (4.4 MB) took 30 ms to make, and this runs right after a load, while the writer starts typing.
    // It maps the text the parse read (its positions are in that text), not the file read again: reading and decoding
    // 4.4 MB again took 50 ms of the main thread right after the load, and a manuscript's first hover waited behind it.
    const text = this.store.textOf(uri, parsed) ?? (await this.options.workspace.readFile(uri)) ?? '';
    const lines = new LineMap(text);
    const diagnostics = [
      ...sourceFileDiagnostics(lines, parsed.errors, RULES.bibliographyParseError.code, settings),
      ...entryDiagnostics(lines, parsed.entries, settings),
      ...(bibliographyFormatOf(uri) === 'bibtex' ? bibtexMacroDiagnostics(lines, parsed.entries, settings) : []),
    ];
    this.fileDiagnostics.set(parsed, { settings, diagnostics });
    return diagnostics;
  }

  /** A bibliography file's own diagnostics, per parse (the key) and the settings they were made with. */
  private readonly fileDiagnostics = new WeakMap<object, { readonly settings: CitokineSettings; readonly diagnostics: Diagnostic[] }>();

  /** A file changed: drop every parse made from it. True when it was in use (a bibliography, style or glossary). */
  fileChanged(uri: string): boolean {
    this.manuscripts.forget(uri);
    const styleInUse = this.styles.invalidate(uri);
    const glossaryInUse = this.terms.fileChanged(uri);
    return this.store.invalidate(uri) || styleInUse || glossaryInUse;
  }
}
