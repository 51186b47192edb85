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
  const connection = createConnection(ProposedFeatures.all);
  // A promise nobody awaits (e.g. a message the client refuses to show) must cost a log line, not the session: Node ends the process on an unhandled rejection.
  process.on('unhandledRejection', (reason) =>
    connection.console.error(
      `citokine: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    ),
  );
  startServer(connection);
}
