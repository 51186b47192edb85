/**
 * The VS Code side: starts the Citokine language server over IPC for Markdown, Quarto and
 * R Markdown manuscripts, forwards bibliography and glossary file changes to it, and adds the
 * writer's tools: Insert Citation, the References and Terms views, the status bar item and
 * Choose Citation Style, and citations in the Markdown preview. Logic without VS Code in it lives in ./logic (tested in Node).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { chooseStyle } from './chooseStyle';
import { insertCitation } from './insertCitation';
import { CITOKINE_NOTIFICATIONS, CITOKINE_REQUESTS } from './logic/protocol';
import { MANUSCRIPT_LANGUAGES, OutlineModel } from './outlineModel';
import { registerViews } from './views';
import { PreviewCitations, registerPreview } from './preview';
import type MarkdownIt from 'markdown-it';

let client: LanguageClient | undefined;

/** Files whose changes on disk the server must hear about: bibliographies, glossaries and .csl styles. */
const WATCHED_FILES = '**/*.{bib,bibtex,biblatex,json,yaml,yml,ris,csl}';

/** A server process that dies is started again, up to this many times within RESTART_WINDOW_MS. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * What the client does when the server process dies or its connection fails. The library's
 * default restarts only 4 times in 3 minutes and says so in English; this is the same idea,
 * stated here so that crash recovery is a decision of ours (and tested: a real-editor test
 * kills the server and sees hover come back): restart, unless the server keeps dying, in
 * which case say so and leave "Restart Language Server" to the user.
 */
function restartingErrorHandler(): ErrorHandler {
  const restarts: number[] = [];
  return {
    // A few write or read errors in a row can be a passing hiccup; more mean the connection is gone.
    error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length >= MAX_RESTARTS) {
        return {
          action: CloseAction.DoNotRestart,
          message: l10n.t(
            'The Citokine language server stopped {0} times in a few minutes and was not started again. Run "Citokine: Restart Language Server" to start it.',
            String(MAX_RESTARTS + 1),
          ),
        };
      }
      restarts.push(now);
      return { action: CloseAction.Restart };
    },
  };
}

/** What the extension gives VS Code: the markdown-it plugin of the Markdown preview. */
export interface CitokineApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export async function activate(context: vscode.ExtensionContext): Promise<CitokineApi> {
  // The plain modules (./logic) translate through @vscode/l10n: give it VS Code's bundle.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...MANUSCRIPT_LANGUAGES.flatMap((language) => ['file', 'untitled', 'vscode-remote'].map((scheme) => ({ scheme, language }))),
      // Find references and rename also start from an entry's key in a BibTeX or RIS file.
      { scheme: 'file', pattern: '**/*.{bib,bibtex,biblatex,ris}' },
    ],
    synchronize: {
      configurationSection: 'citokine',
      fileEvents: vscode.workspace.createFileSystemWatcher(WATCHED_FILES),
    },
    // In an untrusted workspace the server reads no file outside the workspace folders; a
    // function, so that a restart after trust was granted says so.
    initializationOptions: () => ({
      settings: vscode.workspace.getConfiguration('citokine'),
      workspaceTrusted: vscode.workspace.isTrusted,
    }),
    errorHandler: restartingErrorHandler(),
  };
  client = new LanguageClient('citokine', 'Citokine', serverOptions, clientOptions);
  const model = new OutlineModel(() => client);
  context.subscriptions.push(
    model,
    vscode.commands.registerCommand('citokine.restartServer', async () => {
      await client?.restart();
    }),
    // For tests and diagnosis (not in the palette): the server process's id, asked of the server itself.
    vscode.commands.registerCommand('citokine.serverPid', async () => client?.sendRequest<number>(CITOKINE_REQUESTS.serverPid, {})),
    vscode.commands.registerCommand('citokine.insertCitation', (keys?: unknown) => insertCitation(client, keys)),
    vscode.commands.registerCommand('citokine.chooseStyle', (style?: unknown, target?: unknown) => chooseStyle(style, target)),
    vscode.commands.registerCommand('citokine.openExample', async () => {
      const example = vscode.Uri.file(context.asAbsolutePath(path.join('examples', 'manuscript.md')));
      await vscode.window.showTextDocument(example);
    }),
    vscode.commands.registerCommand('citokine.runCheckInTerminal', () => {
      const terminal = vscode.window.createTerminal({ name: 'Citokine' });
      const file = vscode.window.activeTextEditor?.document.uri.fsPath;
      const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
      terminal.show();
      terminal.sendText(`node ${JSON.stringify(cli)} check ${file ? JSON.stringify(file) : '.'}`);
    }),
  );
  // Granting trust does not restart an extension that supports untrusted workspaces: tell the server.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(
      () => void client?.sendNotification(CITOKINE_NOTIFICATIONS.workspaceTrusted).catch(() => undefined),
    ),
  );
  registerViews(context, model);
  const preview = new PreviewCitations(() => client);
  registerPreview(context, model, preview);
  await client.start();
  model.schedule(0);
  return { extendMarkdownIt: (md) => preview.extendMarkdownIt(md) };
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}
