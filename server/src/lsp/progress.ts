/**
 * LSP work-done progress while a large bibliography is read and parsed: the disk workspace
 * says when such a file has been read (`reading`), and the operation that needed it (a check,
 * a request) runs inside `around`, so the progress ends when the library is ready and the
 * answer goes out. Shown only to clients that announce `window.workDoneProgress` (the
 * library sends `window/workDoneProgress/create` only then), and only for files large enough
 * for the wait to be seen.
 */
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { Localizer } from '../core';

/** Files from this many characters on take long enough to parse (about a quarter of a second, some 1,000 BibTeX entries) to show progress. */
export const LARGE_BIBLIOGRAPHY_CHARS = 256 * 1024;

export class LoadProgress {
  /** Operations (checks, requests) under way; the progress ends when the last one ends. */
  private active = 0;
  private reporter: Promise<WorkDoneProgressServerReporter | undefined> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly l10n: () => Localizer,
  ) {}

  /** A bibliography file of `chars` characters was read and is about to be parsed. */
  reading(uri: string, chars: number): void {
    if (chars < LARGE_BIBLIOGRAPHY_CHARS || this.active === 0) return;
    const message = this.l10n().message(`Reading ${path.basename(URI.parse(uri).path)}`);
    if (this.reporter) {
      void this.reporter.then((r) => r?.report(message));
      return;
    }
    this.reporter = this.connection.window.createWorkDoneProgress().then(
      (reporter) => {
        reporter.begin('Citokine', undefined, message, false);
        return reporter;
      },
      () => undefined, // the client refused the token: no progress, nothing else changes
    );
  }

  /** Runs `work` as one operation: a progress begun while it runs ends once no operation is left. */
  async around<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await work();
    } finally {
      if (--this.active === 0) this.end();
    }
  }

  private end(): void {
    const reporter = this.reporter;
    this.reporter = undefined;
    void reporter?.then((r) => r?.done());
  }
}
