/**
 * Helpers shared by the extension-host tests. Every wait polls a condition until a deadline:
 * the language server starts, indexes the bibliography and answers in its own time, and a
 * fixed sleep would be either flaky or slow.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';

/** How long one condition may take; the first request also waits for the server to start. */
export const DEFAULT_WAIT_MS = Number(process.env.CITOKINE_TEST_WAIT_MS || 45_000);

/**
 * Calls `probe` until it returns a value other than `undefined`, or fails after `timeoutMs`
 * with `what` and the last thing seen, so a failure says what was wrong, not only "timeout".
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  describeLast: () => string = () => '',
  timeoutMs = DEFAULT_WAIT_MS,
  intervalMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const last = describeLast();
      const error = lastError instanceof Error ? lastError.message : lastError ? String(lastError) : '';
      assert.fail(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? `; last seen: ${last}` : ''}${error ? `; last error: ${error}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The fixture workspace folder (a copy of e2e/fixtures/workspace), as opened by the runner. */
export function fixtureUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the runner must open (a copy of) e2e/fixtures/workspace');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** Opens a fixture document in an editor (which activates the extension on Markdown). */
export async function openFixture(relative: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relative));
  assert.strictEqual(document.languageId, 'markdown', `${relative} did not open as Markdown`);
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * The position of `needle` in the document: at its start plus `delta` characters.
 * `occurrence` picks the n-th match (0-based). Fails when the fixture lacks it.
 */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 0, occurrence = 0): vscode.Position {
  const text = document.getText();
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `fixture ${document.uri.path} does not contain ${JSON.stringify(needle)} (occurrence ${occurrence})`);
  }
  return document.positionAt(index + delta);
}

/** All text of hover results, Markdown or plain, joined. */
export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  const parts: string[] = [];
  for (const hover of hovers ?? []) {
    for (const content of hover.contents) {
      if (typeof content === 'string') parts.push(content);
      else if (content instanceof vscode.MarkdownString) parts.push(content.value);
      else parts.push((content as { value: string }).value);
    }
  }
  return parts.join('\n');
}

/** Hover text at `position`, or '' when there is none. */
export async function hoverAt(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hoverText(hovers);
}

/** The code of a diagnostic as a string (it may be a string, a number or `{ value, target }`). */
export function diagnosticCode(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

/** Labels of completion items, as plain strings. */
export function completionLabels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

/** Lower-cases and collapses whitespace and Markdown emphasis, for tolerant text matching. */
export function normalize(text: string): string {
  return text
    .replace(/[*_`\\]/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}
