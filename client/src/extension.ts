/**
 * The VS Code side: starts the Citokine language server over IPC for Markdown, Quarto and
 * R Markdown manuscripts, forwards bibliography and glossary file changes to it, and adds the
 * writer's tools: Insert Citation, the References and Terms views, the status bar item and
 * Choose Citation Style, and citations in the Markdown preview. Logic without VS Code in it lives in ./logic (tested in Node).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { chooseStyle } from './chooseStyle';
import { insertCitation } from './insertCitation';
import { MANUSCRIPT_LANGUAGES, OutlineModel } from './outlineModel';
import { registerViews } from './views';
import { PreviewCitations, registerPreview } from './preview';
import type MarkdownIt from 'markdown-it';

let client: LanguageClient | undefined;

/** Files whose changes on disk the server must hear about: bibliographies, glossaries and .csl styles. */
const WATCHED_FILES = '**/*.{bib,bibtex,biblatex,json,yaml,yml,ris,csl}';

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
    initializationOptions: () => ({ settings: vscode.workspace.getConfiguration('citokine'), workspaceTrusted: vscode.workspace.isTrusted }),
  };
  client = new LanguageClient('citokine', 'Citokine', serverOptions, clientOptions);
  const model = new OutlineModel(() => client);
  context.subscriptions.push(
    model,
    vscode.commands.registerCommand('citokine.restartServer', async () => {
      await client?.restart();
    }),
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
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('citokine/workspaceTrusted').catch(() => undefined)));
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
