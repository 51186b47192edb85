/**
 * One server session's state: the connection, the open documents, the disk workspace, what
 * the client supports, and the language service created on `initialize` (lifecycle.ts). The
 * other lsp/ modules take it; it imports none of them.
 */
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createLanguageService,
  isBibliographyFile,
  isManuscriptFile,
  localizerFor,
  type CitokineSettings,
  type DocumentInput,
  type LanguageService,
  type Localizer,
  type Workspace,
} from '../core';
import { builtinCorpusFolder, NodeWorkspace } from '../node/nodeWorkspace';
import { LoadProgress } from './progress';

export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly workspace = new NodeWorkspace({ openText: (uri) => this.documents.get(uri)?.getText(), ownFolders: [builtinCorpusFolder()] });
  /** What the client said it supports on `initialize`. */
  readonly client = { configuration: false, versionedEdits: false };
  /** The manuscript a command without a document argument acts on (see commands.ts). */
  lastCodeActionUri: string | undefined;
  /** The adapter's own notices in the client's display language (the service localises its answers itself). */
  l10n: Localizer = localizerFor(undefined);
  readonly progress: LoadProgress;
  /** The settings in force (JSON), so that settings pulled again unchanged re-check nothing. */
  appliedSettings = '';
  private languageService: LanguageService | undefined;

  constructor(readonly connection: Connection) {
    this.progress = new LoadProgress(connection, () => this.l10n);
  }

  /** The language service; requests come only after `initialize` created it. */
  get service(): LanguageService {
    if (!this.languageService) throw new Error('citokine: request before initialize');
    return this.languageService;
  }

  /** Creates the language service over the disk workspace, for the workspace folders (the first is the settings' base), answering in `locale`. */
  createService(folders: readonly string[], settings: CitokineSettings, locale: string | undefined, detailAtResolve = false): void {
    this.workspace.folders = [...folders];
    this.appliedSettings = JSON.stringify(settings);
    const log = (line: string) => this.connection.console.log(line);
    this.l10n = localizerFor(locale, { log });
    this.languageService = createLanguageService({
      workspace: this.watchedWorkspace(),
      builtinCorpusUri: builtinCorpusFolder(),
      settings,
      workspaceFolderUri: folders[0],
      locale,
      log,
      detailAtResolve,
    });
  }

  /** The disk workspace as the service reads it: a large bibliography just read starts load progress. */
  private watchedWorkspace(): Workspace {
    const disk = this.workspace;
    return {
      readFile: async (uri) => {
        const text = await disk.readFile(uri);
        if (text !== undefined && isBibliographyFile(uri)) this.progress.reading(uri, text.length);
        return text;
      },
      listMarkdownFiles: () => disk.listMarkdownFiles(),
      readError: (uri) => disk.readError(uri),
      homeFolderUri: disk.homeFolderUri,
    };
  }

  /** Markdown manuscripts: by the editor's language id, or by name. */
  isManuscript(document: TextDocument): boolean {
    return document.languageId === 'markdown' || isManuscriptFile(document.uri);
  }

  input(document: TextDocument): DocumentInput {
    return { uri: document.uri, text: document.getText(), version: document.version };
  }

  /** The open manuscript at `uri`, if any. */
  openManuscript(uri: string): TextDocument | undefined {
    const document = this.documents.get(uri);
    return document && this.isManuscript(document) ? document : undefined;
  }

  /** The open manuscript at `uri` as the service takes it. */
  manuscriptInput(uri: string): DocumentInput | undefined {
    const document = this.openManuscript(uri);
    return document && this.input(document);
  }

  /** Any open document at `uri` (a manuscript or a bibliography file) as the service takes it. */
  documentInput(uri: string): DocumentInput | undefined {
    const document = this.documents.get(uri);
    return document && this.input(document);
  }

  logError(what: string, e: unknown): void {
    this.connection.console.error(`citokine: ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}
