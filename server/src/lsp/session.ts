/**
 * One server session: the connection, the open documents, the disk workspace and the
 * language service created on `initialize`, and the document lifecycle (open, change, close,
 * files changed on disk). `startServer` wires the parts: capabilities.ts, handlers.ts,
 * commands.ts, publisher.ts, settings.ts.
 */
import { FileChangeType, TextDocuments, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, isBibliographyFile, isGlossaryFile, isManuscriptFile, type DocumentInput, type LanguageService } from '../core';
import { builtinCorpusFolder, NodeWorkspace } from '../node/nodeWorkspace';
import { serverCapabilities, SERVER_INFO } from './capabilities';
import { registerCommands } from './commands';
import { registerHandlers } from './handlers';
import { Publisher } from './publisher';
import { initialSettings, registerSettings, sizeLimitOf } from './settings';

export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly workspace = new NodeWorkspace({ openText: (uri) => this.documents.get(uri)?.getText() });
  readonly publisher = new Publisher(this);
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

  /** Creates the language service for the client's folders, settings and locale; the capabilities. */
  initialize(params: InitializeParams): InitializeResult {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    this.workspace.folders = params.workspaceFolders?.map((f) => f.uri) ?? (folder ? [folder] : []);
    this.client.configuration = params.capabilities.workspace?.configuration === true;
    this.client.versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    const settings = initialSettings(params);
    this.workspace.sizeLimit = sizeLimitOf(settings);
    this.languageService = createLanguageService({ workspace: this.workspace, builtinCorpusUri: builtinCorpusFolder(), settings, workspaceFolderUri: folder, locale: params.locale });
    return { capabilities: serverCapabilities(), serverInfo: SERVER_INFO };
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

/** Document events: manuscripts are checked, other documents are files manuscripts may use. */
function registerDocumentEvents(session: Session): void {
  const { documents, publisher } = session;
  documents.onDidOpen(({ document }) => (session.isManuscript(document) ? publisher.schedule(document, 0) : publisher.fileChanged(document.uri)));
  documents.onDidChangeContent(({ document }) => (session.isManuscript(document) ? publisher.schedule(document) : publisher.fileChanged(document.uri)));
  documents.onDidClose(({ document }) => {
    if (session.isManuscript(document)) void publisher.clear(document.uri);
    else publisher.fileChanged(document.uri); // the disk's version is the one in force again
  });
  session.connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) if (change.type !== FileChangeType.Created || isBibliographyFile(change.uri) || isGlossaryFile(change.uri)) publisher.fileChanged(change.uri);
  });
}

/** Serves the language service over `connection` until the client shuts it down. */
export function startServer(connection: Connection): void {
  const session = new Session(connection);
  connection.onInitialize((params) => session.initialize(params));
  registerSettings(session);
  registerDocumentEvents(session);
  registerHandlers(session);
  registerCommands(session);
  session.documents.listen(connection);
  connection.listen();
}
