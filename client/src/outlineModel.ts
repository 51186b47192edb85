/**
 * The outline of the active manuscript, fetched from the server (`citokine/documentOutline`)
 * when the active editor changes and, debounced, as the document changes. Views and the
 * status bar listen to one event fired once per refresh, so they redraw once, not flicker.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CITOKINE_REQUESTS, type DocumentOutline } from './logic/protocol';

/** Language ids of the manuscripts Citokine serves. */
export const MANUSCRIPT_LANGUAGES = ['markdown', 'quarto', 'rmd'] as const;

export function isManuscript(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
  return document !== undefined && (MANUSCRIPT_LANGUAGES as readonly string[]).includes(document.languageId);
}

const REFRESH_DELAY_MS = 400;

export class OutlineModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<DocumentOutline | undefined>();
  /** Fired once per refresh with the new outline (undefined: no manuscript is active). */
  readonly onDidChange = this.changed.event;
  private current: DocumentOutline | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.subscriptions = [
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(REFRESH_DELAY_MS);
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.schedule(REFRESH_DELAY_MS);
      }),
    ];
  }

  get outline(): DocumentOutline | undefined {
    return this.current;
  }

  /** Refreshes after `delay` ms, replacing a refresh already waiting. */
  schedule(delay = 0): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  /** Fetches the outline of the active manuscript now; resolves with it. */
  async refresh(): Promise<DocumentOutline | undefined> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    const client = this.client();
    let outline: DocumentOutline | undefined;
    if (isManuscript(document) && client?.isRunning()) {
      outline =
        (await client
          .sendRequest<DocumentOutline | null>(CITOKINE_REQUESTS.documentOutline, { uri: document.uri.toString() })
          .catch(() => null)) ?? undefined;
    }
    // A later refresh started meanwhile: its answer is the one to show.
    if (generation !== this.generation) return this.current;
    this.current = outline;
    this.changed.fire(outline);
    return outline;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
