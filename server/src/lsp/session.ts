/**
 * One server session's state: the connection, the open documents, the disk workspace, what
 * the client supports, and the language service created on `initialize` (lifecycle.ts). The
 * other lsp/ modules take it; it imports none of them.
 */
import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, isManuscriptFile, type CitokineSettings, type DocumentInput, type LanguageService } from '../core';
import { builtinCorpusFolder, NodeWorkspace } from '../node/nodeWorkspace';

export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly workspace = new NodeWorkspace({ openText: (uri) => this.documents.get(uri)?.getText(), ownFolders: [builtinCorpusFolder()] });
  /** What the client said it supports on `initialize`. */
  readonly client = { configuration: false, versionedEdits: false };
  /** The manuscript a command without a document argument acts on (see commands.ts). */
  lastCodeActionUri: string | undefined;
  private languageService: LanguageService | undefined;

  constructor(readonly connection: Connection) {}

  /** The language service; requests come only after `initialize` created it. */
  get service(): LanguageService {
    if (!this.languageService) throw new Error('citokine: request before initialize');
    return this.languageService;
  }

  /** Creates the language service over the disk workspace, for the workspace folders (the first is the settings' base). */
  createService(folders: readonly string[], settings: CitokineSettings, locale: string | undefined): void {
    this.workspace.folders = [...folders];
    this.languageService = createLanguageService({ workspace: this.workspace, builtinCorpusUri: builtinCorpusFolder(), settings, workspaceFolderUri: folders[0], locale });
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
