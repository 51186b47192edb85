#!/usr/bin/env node
/**
 * The language server's entry point: over IPC (started by the VS Code client) or stdio
 * (`citokine-language-server --stdio`, for any editor). The adapter lives in lsp/.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/lifecycle';

export { startServer };

if (require.main === module) {
  // createConnection picks IPC, stdio (--stdio) or sockets from the command line.
  startServer(createConnection(ProposedFeatures.all));
}
