/**
 * Citations in VS Code's Markdown preview: the rendered citations of the active manuscript,
 * fetched from the server whenever its outline refreshes, kept per document, and handed to
 * the markdown-it plugin; the preview is refreshed only when they changed.
 */
import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { citokinePreviewPlugin } from './logic/previewPlugin';
import { CITOKINE_REQUESTS, type RenderedCitations } from './logic/protocol';
import type { OutlineModel } from './outlineModel';

export class PreviewCitations {
  private readonly byUri = new Map<string, { data: RenderedCitations; json: string }>();

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** Fetches the rendered citations of `uri`; refreshes the preview when they changed. Resolves with them. */
  async update(uri: string): Promise<RenderedCitations | undefined> {
    const client = this.client();
    if (!client?.isRunning()) return undefined;
    const data = await client.sendRequest<RenderedCitations | null>(CITOKINE_REQUESTS.renderedCitations, { uri }).catch(() => null);
    if (!data) return undefined;
    const json = JSON.stringify({ ...data, version: 0 });
    if (this.byUri.get(uri)?.json !== json) {
      this.byUri.set(uri, { data, json });
      void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
    }
    return data;
  }

  /** The data for the document a markdown-it `env` is rendering (VS Code passes `currentDocument`). */
  dataFor(env: unknown): RenderedCitations | undefined {
    const current = (env as { currentDocument?: { toString(): string } } | undefined)?.currentDocument;
    const uri = current?.toString() ?? vscode.window.activeTextEditor?.document.uri.toString();
    return uri ? this.byUri.get(uri)?.data : undefined;
  }

  extendMarkdownIt(md: MarkdownIt): MarkdownIt {
    return citokinePreviewPlugin(md, (env) => this.dataFor(env));
  }
}

/** Keeps the preview's data in step with the active manuscript. */
export function registerPreview(context: vscode.ExtensionContext, model: OutlineModel, preview: PreviewCitations): void {
  context.subscriptions.push(
    model.onDidChange((outline) => {
      if (outline) void preview.update(outline.uri);
    }),
    // For tests: the rendered citations of the active manuscript, fetched now.
    vscode.commands.registerCommand('citokine.renderedCitations', () => {
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      return uri ? preview.update(uri) : undefined;
    }),
  );
}
