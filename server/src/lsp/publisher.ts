/**
 * Publishing diagnostics: of manuscripts (after typing pauses), and of the bibliography and
 * glossary files they use (in those files). A change to such a file re-checks every open
 * manuscript.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isBibliographyFile, isGlossaryFile } from '../core';
import type { Session } from './session';

/** How long typing must pause before a manuscript is checked again. */
const TYPING_PAUSE_MS = 150;

/** How long after a check's diagnostics the background preparation for requests starts (`validate`). */
const PREPARE_DELAY_MS = 50;

export class Publisher {
  /** Bibliography and glossary files whose errors were published, so that fixing the last error clears them. */
  private readonly publishedFiles = new Set<string>();
  /** Checks waiting for typing to pause, by URI: the timer, the document and version it checks, and when it fires. */
  private readonly pending = new Map<
    string,
    { timer: ReturnType<typeof setTimeout>; document: TextDocument; version: number; due: number }
  >();

  constructor(private readonly session: Session) {}

  /**
   * Checks `document` after `delay` ms, replacing a check already waiting, so fast typing does
   * not queue one check per key. A check already waiting for this same version that fires no
   * later is kept: the document manager reports an open as a content change too, and that
   * second call must not push the open's immediate check back by the typing pause.
   */
  schedule(document: TextDocument, delay = TYPING_PAUSE_MS): void {
    const due = Date.now() + delay;
    const waiting = this.pending.get(document.uri);
    if (waiting?.document === document && waiting.version === document.version && waiting.due <= due) return;
    this.cancel(document.uri);
    const timer = setTimeout(() => {
      this.pending.delete(document.uri);
      void this.validate(document);
    }, delay);
    this.pending.set(document.uri, { timer, document, version: document.version, due });
  }

  /** Drops a waiting check (the document closed). */
  cancel(uri: string): void {
    clearTimeout(this.pending.get(uri)?.timer);
    this.pending.delete(uri);
  }

  /** Re-checks every open manuscript (settings or a file they use changed). */
  revalidateAll(): void {
    for (const document of this.session.documents.all()) if (this.session.isManuscript(document)) this.schedule(document, 0);
  }

  /** A bibliography, glossary or style file changed (on disk or in an editor): re-check what uses it. */
  fileChanged(uri: string): void {
    const used = this.session.service.fileChanged(uri);
    if (used || isBibliographyFile(uri) || isGlossaryFile(uri)) this.revalidateAll();
    // A glossary being edited shows its own errors even before a manuscript uses it.
    if (isGlossaryFile(uri) && this.session.documents.get(uri)) void this.publishGlossary(uri).catch(() => undefined);
  }

  /** Clears a closed manuscript's diagnostics. */
  async clear(uri: string): Promise<void> {
    this.cancel(uri);
    await this.session.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * Checks `document` and publishes, then the errors of the files it uses. A newer edit makes
   * the run stale: it stops at its next await point (the newer version has its own run coming),
   * so the tail (re-reading bibliography and glossary files) is not done for a text already gone.
   */
  private async validate(document: TextDocument): Promise<void> {
    const { service, connection } = this.session;
    const stale = () => this.session.documents.get(document.uri)?.version !== document.version;
    if (stale()) return;
    const input = this.session.input(document);
    try {
      // A check is an operation of its own: loading a large bibliography for it shows progress.
      const diagnostics = await this.session.progress.around(() => service.diagnostics(input));
      if (stale()) return; // superseded by a newer edit
      await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
      // The search index and cited works, while the writer reads: started before the files'
      // own findings, so that a large library's index is under way when typing starts, and a
      // moment after the diagnostics, so that what an editor asks on receiving them (a hover,
      // code actions) is not queued behind a build or render turn.
      setTimeout(() => stale() || void service.prepareRequests(input).catch(() => undefined), PREPARE_DELAY_MS);
      for (const uri of await service.bibliographyFilesOf(input)) {
        if (stale()) return;
        await this.publishFile(uri, await service.bibliographyFileDiagnostics(uri));
      }
      for (const uri of await service.glossaryFilesOf(input)) {
        if (stale()) return;
        await this.publishGlossary(uri);
      }
    } catch (e) {
      this.session.logError(`checking ${document.uri} failed`, e);
    }
  }

  private async publishGlossary(uri: string): Promise<void> {
    await this.publishFile(uri, await this.session.service.glossaryFileDiagnostics(uri));
  }

  private async publishFile(uri: string, diagnostics: Diagnostic[]): Promise<void> {
    if (diagnostics.length === 0 && !this.publishedFiles.has(uri)) return;
    this.publishedFiles.add(uri);
    await this.session.connection.sendDiagnostics({ uri, diagnostics });
  }
}
