/**
 * The requests, each handed to the language service in a few lines: find the open document,
 * ask the facade, answer null when there is nothing. Each runs guarded (guard.ts): a throw
 * answers the empty result and logs.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { RenameRefusedError } from '../core';
import { guarded, NOTHING } from './guard';
import type { Session } from './session';

/** A rename Citokine refuses reaches the client as an error carrying the reason, which editors show. */
function refused(e: unknown): ResponseError<void> {
  if (e instanceof RenameRefusedError) return new ResponseError(LSPErrorCodes.RequestFailed, e.message);
  throw e;
}

/** Registers completion, hover and code actions (manuscripts only) and navigation (also from a bibliography file's key). */
export function registerHandlers(session: Session): void {
  const { connection } = session;
  const service = () => session.service; // created on initialize
  const manuscript = (uri: string) => session.manuscriptInput(uri);
  // Navigation also starts from a bibliography file's key (find references, rename).
  const anyDocument = (uri: string) => session.documentInput(uri);

  connection.onCompletion(
    guarded(session, 'completion', NOTHING, async ({ textDocument, position }) => {
      const document = manuscript(textDocument.uri);
      return document ? ((await service().completion(document, position)) ?? null) : null;
    }),
  );
  connection.onCompletionResolve(
    guarded(
      session,
      'completionItem/resolve',
      (item) => item,
      async (item) => {
        const document = manuscript((item.data as { uri?: string } | undefined)?.uri ?? '');
        return document ? service().resolveCompletion(document, item) : item;
      },
    ),
  );
  connection.onHover(
    guarded(session, 'hover', NOTHING, async ({ textDocument, position }) => {
      const document = manuscript(textDocument.uri);
      return document ? ((await service().hover(document, position)) ?? null) : null;
    }),
  );
  connection.onDefinition(
    guarded(session, 'definition', NOTHING, async ({ textDocument, position }) => {
      const document = anyDocument(textDocument.uri);
      return document ? service().definition(document, position) : null;
    }),
  );
  connection.onReferences(
    guarded(session, 'references', NOTHING, async ({ textDocument, position, context }) => {
      const document = anyDocument(textDocument.uri);
      return document ? service().references(document, position, context.includeDeclaration) : null;
    }),
  );
  connection.onPrepareRename(
    guarded(session, 'prepareRename', NOTHING, async ({ textDocument, position }) => {
      const document = anyDocument(textDocument.uri);
      return document ? ((await service().prepareRename(document, position).catch(refused)) ?? null) : null;
    }),
  );
  connection.onRenameRequest(
    guarded(session, 'rename', NOTHING, async ({ textDocument, position, newName }) => {
      const document = anyDocument(textDocument.uri);
      return document ? ((await service().rename(document, position, newName).catch(refused)) ?? null) : null;
    }),
  );
  connection.onDocumentLinks(
    guarded(session, 'documentLink', NOTHING, async ({ textDocument }) => {
      const document = manuscript(textDocument.uri);
      return document ? service().documentLinks(document) : null;
    }),
  );
  connection.onWorkspaceSymbol(guarded(session, 'workspace/symbol', NOTHING, ({ query }) => service().workspaceSymbols(query)));
  connection.onCodeAction(
    guarded(session, 'codeAction', NOTHING, async ({ textDocument, range, context }) => {
      const document = manuscript(textDocument.uri);
      if (!document) return null;
      session.lastCodeActionUri = document.uri;
      return service().codeActions(document, range, context);
    }),
  );
}
