#!/usr/bin/env node
/**
 * The LSP adapter: connection, capabilities, and handlers of a few lines each that hand
 * the request to the language service. Runs over IPC (started by the VS Code client) or
 * stdio (`citokine-language-server --stdio`, for any editor).
 */
import { URI } from 'vscode-uri';
import {
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextDocumentEdit, type Diagnostic } from 'vscode-languageserver-types';
import {
  CODE_ACTION_KINDS,
  createLanguageService,
  DOCUMENT_COMMANDS,
  isBibliographyFile,
  isGlossaryFile,
  normalizeSettings,
  RenameRefusedError,
  TERM_FIX_ALL_KIND,
  type DocumentInput,
  type LanguageService,
} from './core';
import { builtinCorpusFolder, NodeWorkspace } from './node/nodeWorkspace';

/**
 * The document a command names as its first argument: a URI string (our code actions), or a
 * VS Code Uri object as editor menus pass it (`{ scheme, path, ... }` once serialised).
 */
export function commandDocumentUri(arg: unknown): string | undefined {
  if (typeof arg === 'string') return /^[a-z][\w+.-]*:/i.test(arg) ? arg : undefined;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const value = arg as { external?: unknown; scheme?: unknown; authority?: unknown; path?: unknown; query?: unknown; fragment?: unknown };
  if (typeof value.external === 'string') return value.external;
  if (typeof value.scheme !== 'string' || typeof value.path !== 'string') return undefined;
  const part = (v: unknown) => (typeof v === 'string' ? v : '');
  return URI.from({ scheme: value.scheme, authority: part(value.authority), path: value.path, query: part(value.query), fragment: part(value.fragment) }).toString();
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let versionedEditsSupported = false;
  const workspace = new NodeWorkspace((uri) => documents.get(uri)?.getText());
  let service: LanguageService;
  let configurationSupported = false;

  const isManuscript = (document: TextDocument) => document.languageId === 'markdown' || /\.(md|markdown|qmd|rmd)$/i.test(document.uri);
  const input = (document: TextDocument): DocumentInput => ({ uri: document.uri, text: document.getText(), version: document.version });
  const openManuscript = (uri: string) => {
    const document = documents.get(uri);
    return document && isManuscript(document) ? document : undefined;
  };

  /** Bibliography and glossary files whose errors were published, so that fixing the last error clears them. */
  const publishedFiles = new Set<string>();
  const publishFileDiagnostics = async (uri: string, diagnostics: Diagnostic[]) => {
    if (diagnostics.length > 0 || publishedFiles.has(uri)) {
      publishedFiles.add(uri);
      await connection.sendDiagnostics({ uri, diagnostics });
    }
  };
  const publishGlossary = async (uri: string) => publishFileDiagnostics(uri, await service.glossaryFileDiagnostics(uri));
  const pending = new Map<string, NodeJS.Timeout>();

  const validate = async (document: TextDocument) => {
    try {
      const diagnostics = await service.diagnostics(input(document));
      if (documents.get(document.uri)?.version !== document.version) return; // superseded by a newer edit
      await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
      for (const uri of await service.bibliographyFilesOf(input(document))) await publishFileDiagnostics(uri, await service.bibliographyFileDiagnostics(uri));
      for (const uri of await service.glossaryFilesOf(input(document))) await publishGlossary(uri);
    } catch (e) {
      connection.console.error(`citokine: checking ${document.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };
  /** Re-check after typing pauses briefly, so fast typing does not queue one check per key. */
  const schedule = (document: TextDocument, delay = 150) => {
    clearTimeout(pending.get(document.uri));
    pending.set(document.uri, setTimeout(() => {
      pending.delete(document.uri);
      void validate(document);
    }, delay));
  };
  const revalidateAll = () => documents.all().filter(isManuscript).forEach((d) => schedule(d, 0));

  const fileChanged = (uri: string) => {
    const used = service.fileChanged(uri);
    if (used || isBibliographyFile(uri) || isGlossaryFile(uri)) revalidateAll();
    // A glossary being edited shows its own errors even before a manuscript uses it.
    if (isGlossaryFile(uri) && documents.get(uri)) void publishGlossary(uri).catch(() => undefined);
  };

  connection.onInitialize((params) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    workspace.folders = params.workspaceFolders?.map((f) => f.uri) ?? (folder ? [folder] : []);
    configurationSupported = params.capabilities.workspace?.configuration === true;
    versionedEditsSupported = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    service = createLanguageService({
      workspace,
      builtinCorpusUri: builtinCorpusFolder(),
      settings: normalizeSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings),
      workspaceFolderUri: folder,
      locale: params.locale,
    });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['@', '[', ',', ';', ' '], resolveProvider: true },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS, TERM_FIX_ALL_KIND] },
        executeCommandProvider: { commands: [...DOCUMENT_COMMANDS] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        workspaceSymbolProvider: true,
      },
      serverInfo: { name: 'citokine-language-server', version: '0.1.0' },
    };
  });

  const pullSettings = async () => {
    if (!configurationSupported) return;
    const [raw] = await connection.workspace.getConfiguration([{ section: 'citokine' }]);
    service.updateSettings(normalizeSettings(raw));
    revalidateAll();
  };
  connection.onInitialized(() => {
    if (configurationSupported) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'citokine' }).catch(() => undefined);
      void pullSettings().catch(() => undefined);
    }
  });
  connection.onDidChangeConfiguration((change) => {
    if (configurationSupported) void pullSettings().catch(() => undefined);
    else {
      service.updateSettings(normalizeSettings((change.settings as { citokine?: unknown } | undefined)?.citokine));
      revalidateAll();
    }
  });

  documents.onDidOpen(({ document }) => (isManuscript(document) ? schedule(document, 0) : fileChanged(document.uri)));
  documents.onDidChangeContent(({ document }) => (isManuscript(document) ? schedule(document) : fileChanged(document.uri)));
  documents.onDidClose(({ document }) => {
    clearTimeout(pending.get(document.uri));
    if (isManuscript(document)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    else fileChanged(document.uri); // the disk's version is the one in force again
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) if (change.type !== FileChangeType.Created || isBibliographyFile(change.uri) || isGlossaryFile(change.uri)) fileChanged(change.uri);
  });

  connection.onCompletion(async ({ textDocument, position }) => {
    const document = openManuscript(textDocument.uri);
    return document ? ((await service.completion(input(document), position)) ?? null) : null;
  });
  connection.onCompletionResolve(async (item) => {
    const uri = (item.data as { uri?: string } | undefined)?.uri;
    const document = uri ? openManuscript(uri) : undefined;
    return document ? service.resolveCompletion(input(document), item) : item;
  });
  connection.onHover(async ({ textDocument, position }) => {
    const document = openManuscript(textDocument.uri);
    return document ? ((await service.hover(input(document), position)) ?? null) : null;
  });
  // Navigation also starts from a bibliography file's key (find references, rename).
  const openDocument = (uri: string) => documents.get(uri);
  /** A rename Citokine refuses reaches the client as an error carrying the reason, which editors show. */
  const refused = (e: unknown): ResponseError<void> => {
    if (e instanceof RenameRefusedError) return new ResponseError(LSPErrorCodes.RequestFailed, e.message);
    throw e;
  };
  connection.onDefinition(async ({ textDocument, position }) => {
    const document = openDocument(textDocument.uri);
    return document ? service.definition(input(document), position) : null;
  });
  connection.onReferences(async ({ textDocument, position, context }) => {
    const document = openDocument(textDocument.uri);
    return document ? service.references(input(document), position, context.includeDeclaration) : null;
  });
  connection.onPrepareRename(async ({ textDocument, position }) => {
    const document = openDocument(textDocument.uri);
    return document ? ((await service.prepareRename(input(document), position).catch(refused)) ?? null) : null;
  });
  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    const document = openDocument(textDocument.uri);
    return document ? ((await service.rename(input(document), position, newName).catch(refused)) ?? null) : null;
  });
  connection.onDocumentLinks(async ({ textDocument }) => {
    const document = openManuscript(textDocument.uri);
    return document ? service.documentLinks(input(document)) : null;
  });
  connection.onWorkspaceSymbol(({ query }) => service.workspaceSymbols(query));

  /**
   * The manuscript a command without a document argument acts on (the command palette
   * passes none): the one the editor last asked code actions for, which VS Code does for
   * the active editor whenever its cursor moves.
   */
  let lastCodeActionUri: string | undefined;
  connection.onCodeAction(async ({ textDocument, range, context }) => {
    const document = openManuscript(textDocument.uri);
    if (!document) return null;
    lastCodeActionUri = document.uri;
    return service.codeActions(input(document), range, context);
  });
  connection.onExecuteCommand(async ({ command, arguments: args = [] }) => {
    const given = commandDocumentUri(args[0]);
    const document = openManuscript(given ?? lastCodeActionUri ?? '');
    if (!document) {
      void connection.window.showWarningMessage('Citokine: open the Markdown manuscript to act on first.');
      return null;
    }
    const version = document.version; // the text the edit is computed from; the document may change while we work
    const result = await service.documentCommand(command, input(document), given ? args.slice(1) : args);
    if (!result.edit) {
      void connection.window.showInformationMessage(`Citokine: ${result.message}`);
      return null;
    }
    // A versioned edit is refused by the editor if the text changed meanwhile, instead of landing in the wrong place.
    const edits = result.edit.changes?.[document.uri] ?? [];
    const edit = versionedEditsSupported ? { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version }, edits)] } : result.edit;
    try {
      const applied = await connection.workspace.applyEdit({ label: result.message, edit });
      if (!applied.applied) void connection.window.showWarningMessage(`Citokine: the edit was not applied${applied.failureReason ? `: ${applied.failureReason}` : ' (the document changed meanwhile?)'}.`);
    } catch (e) {
      void connection.window.showErrorMessage(`Citokine: this editor cannot apply edits from the server (${e instanceof Error ? e.message : String(e)}).`);
    }
    return null;
  });

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) {
  // createConnection picks IPC, stdio (--stdio) or sockets from the command line.
  const connection = createConnection(ProposedFeatures.all);
  // A promise nobody awaits (e.g. a message the client refuses to show) must cost a log line, not the session: Node ends the process on an unhandled rejection.
  process.on('unhandledRejection', (reason) => connection.console.error(`citokine: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  startServer(connection);
}
