#!/usr/bin/env node
/**
 * The LSP adapter: connection, capabilities, and handlers of a few lines each that hand
 * the request to the language service. Runs over IPC (started by the VS Code client) or
 * stdio (`citokine-language-server --stdio`, for any editor).
 */
import { createConnection, DidChangeConfigurationNotification, FileChangeType, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, isBibliographyFile, type DocumentInput, type LanguageService } from './core/languageService';
import { normalizeSettings } from './core/workspace';
import { builtinCorpusFolder, NodeWorkspace } from './nodeWorkspace';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new NodeWorkspace((uri) => documents.get(uri)?.getText());
  let service: LanguageService;
  let configurationSupported = false;

  const isManuscript = (document: TextDocument) => document.languageId === 'markdown' || /\.(md|markdown|qmd|rmd)$/i.test(document.uri);
  const input = (document: TextDocument): DocumentInput => ({ uri: document.uri, text: document.getText(), version: document.version });
  const openManuscript = (uri: string) => {
    const document = documents.get(uri);
    return document && isManuscript(document) ? document : undefined;
  };

  /** Bibliographies whose errors were published, so they can be cleared when no longer used. */
  const publishedBibliographies = new Set<string>();
  const pending = new Map<string, NodeJS.Timeout>();

  const validate = async (document: TextDocument) => {
    try {
      const diagnostics = await service.diagnostics(input(document));
      if (documents.get(document.uri)?.version !== document.version) return; // superseded by a newer edit
      await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
      for (const uri of await service.bibliographyFilesOf(input(document))) {
        const bibDiagnostics = await service.bibliographyFileDiagnostics(uri);
        if (bibDiagnostics.length > 0 || publishedBibliographies.has(uri)) {
          publishedBibliographies.add(uri);
          await connection.sendDiagnostics({ uri, diagnostics: bibDiagnostics });
        }
      }
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
    if (used || isBibliographyFile(uri)) revalidateAll();
  };

  connection.onInitialize((params) => {
    const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    configurationSupported = params.capabilities.workspace?.configuration === true;
    service = createLanguageService({
      workspace,
      builtinCorpusUri: builtinCorpusFolder(),
      settings: normalizeSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings),
      workspaceFolderUri: folder,
    });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['@', '[', ',', ';', ' '], resolveProvider: true },
        hoverProvider: true,
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
    for (const change of changes) if (change.type !== FileChangeType.Created || isBibliographyFile(change.uri)) fileChanged(change.uri);
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

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) {
  // createConnection picks IPC, stdio (--stdio) or sockets from the command line.
  startServer(createConnection(ProposedFeatures.all));
}
