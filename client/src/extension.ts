/**
 * The VS Code side: starts the Citokine language server over IPC for Markdown documents,
 * forwards bibliography and glossary file changes to it, and stops it on deactivation.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Files whose changes on disk the server must hear about: bibliographies, glossaries and .csl styles. */
const WATCHED_FILES = '**/*.{bib,bibtex,biblatex,json,yaml,yml,ris,csl}';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'vscode-remote', language: 'markdown' },
      // Find references and rename also start from an entry's key in a BibTeX or RIS file.
      { scheme: 'file', pattern: '**/*.{bib,bibtex,biblatex,ris}' },
    ],
    synchronize: {
      configurationSection: 'citokine',
      fileEvents: vscode.workspace.createFileSystemWatcher(WATCHED_FILES),
    },
    initializationOptions: { settings: vscode.workspace.getConfiguration('citokine') },
  };
  client = new LanguageClient('citokine', 'Citokine', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('citokine.restartServer', async () => {
      await client?.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}
