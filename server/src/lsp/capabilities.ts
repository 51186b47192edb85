/** What the server tells the client it can do, answered once on `initialize`. */
import { TextDocumentSyncKind, type ServerCapabilities } from 'vscode-languageserver/node';
import { CODE_ACTION_KINDS, DOCUMENT_COMMANDS, TERM_FIX_ALL_KIND } from '../core';

/** The server's name and version in the `initialize` result. */
export const SERVER_INFO = { name: 'citokine-language-server', version: '0.1.0' } as const;

/** The capabilities: one per handler registered in handlers.ts and commands.ts. */
export function serverCapabilities(): ServerCapabilities {
  return {
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
  };
}
