/**
 * The session's lifecycle: `initialize` (capabilities, settings, the language service), the
 * documents opened, changed and closed, and files changed on disk. `startServer` wires the
 * parts: capabilities.ts, settings.ts, publisher.ts, handlers.ts, commands.ts.
 */
import { FileChangeType, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver/node';
import { isBibliographyFile, isGlossaryFile, setRenderHelper } from '../core';
import { startRenderWorker } from '../node/renderThread';
import { serverCapabilities, SERVER_INFO } from './capabilities';
import { registerCommands } from './commands';
import { registerHandlers } from './handlers';
import { CITOKINE_NOTIFICATIONS, registerCitokineRequests } from './citokineRequests';
import { Publisher } from './publisher';
import { Session } from './session';
import { initialSettings, registerSettings, sizeLimitOf } from './settings';

/** Reads what the client supports and sends, and creates the language service. */
function initialize(session: Session, params: InitializeParams): InitializeResult {
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
  session.client.configuration = params.capabilities.workspace?.configuration === true;
  session.client.versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
  const settings = initialSettings(params);
  session.workspace.sizeLimit = sizeLimitOf(settings);
  // VS Code's Workspace Trust: only an explicit `false` restricts reading to the workspace folders.
  session.workspace.trusted = (params.initializationOptions as { workspaceTrusted?: unknown } | undefined)?.workspaceTrusted !== false;
  const detailAtResolve =
    params.capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes('detail') === true;
  session.createService(params.workspaceFolders?.map((f) => f.uri) ?? (folder ? [folder] : []), settings, params.locale, detailAtResolve);
  return { capabilities: serverCapabilities(), serverInfo: SERVER_INFO };
}

/**
 * A manuscript that touches what every first check would otherwise load on the request path:
 * the built-in glossary and its matcher, the built-in corpus, the Markdown scanner. Rendering
 * (citation-js and citeproc's engine) warms up in the render worker, on the other core.
 */
const WARM_UP = { uri: 'untitled:citokine-warm-up.md', text: 'IL-6 and interleukin-6 [2].\n' };

/** Loads and compiles all that after `initialize` has been answered, in a timer turn so that a request received meanwhile comes first. */
function warmUp(session: Session): void {
  setTimeout(
    () =>
      void session.service
        .diagnostics(WARM_UP)
        .catch(() => undefined)
        .finally(() => session.service.fileChanged(WARM_UP.uri)), // it was never a document of the workspace
    0,
  );
}

/**
 * Starts the render worker once `initialize` is answered, before the warm-up, so that it loads
 * citation-js and builds citeproc's engine on the other core while this one checks.
 */
function startRenderer(session: Session): void {
  setTimeout(() => {
    const onFailure = (error: Error) => session.logError('the render worker failed; references render on the main thread', error);
    setRenderHelper(startRenderWorker(onFailure));
  }, 0);
}

/** Document events: manuscripts are checked, other documents are files manuscripts may use. */
function registerDocumentEvents(session: Session, publisher: Publisher): void {
  const { documents } = session;
  documents.onDidOpen(({ document }) =>
    session.isManuscript(document) ? publisher.schedule(document, 0) : publisher.fileChanged(document.uri),
  );
  documents.onDidChangeContent(({ document }) =>
    session.isManuscript(document) ? publisher.schedule(document) : publisher.fileChanged(document.uri),
  );
  documents.onDidClose(({ document }) => {
    if (session.isManuscript(document)) void publisher.clear(document.uri);
    else publisher.fileChanged(document.uri); // the disk's version is the one in force again
  });
  session.connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes)
      if (change.type !== FileChangeType.Created || isBibliographyFile(change.uri) || isGlossaryFile(change.uri))
        publisher.fileChanged(change.uri);
  });
}

function registerTrust(session: Session, publisher: Publisher): void {
  // The client's word that the user now trusts the workspace: files refused as outside it are read again.
  session.connection.onNotification(CITOKINE_NOTIFICATIONS.workspaceTrusted, () => {
    if (session.workspace.trusted) return;
    session.workspace.trusted = true;
    for (const uri of session.workspace.refusedFiles()) session.service.fileChanged(uri);
    publisher.revalidateAll();
  });
}

/** Serves the language service over `connection` until the client shuts it down. */
export function startServer(connection: Connection): void {
  const session = new Session(connection);
  const publisher = new Publisher(session);
  connection.onInitialize((params) => {
    const result = initialize(session, params);
    startRenderer(session);
    warmUp(session);
    return result;
  });
  registerSettings(session, publisher);
  registerDocumentEvents(session, publisher);
  registerTrust(session, publisher);
  registerHandlers(session);
  registerCommands(session);
  registerCitokineRequests(session);
  session.documents.listen(connection);
  connection.listen();
}
