/**
 * The bundled language server over stdio, spoken to with real JSON-RPC (vscode-jsonrpc, the
 * library VS Code's own client uses): initialize, didOpen, diagnostics, completion, hover,
 * shutdown and exit.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-types';

interface PublishDiagnosticsParams {
  uri: string;
  diagnostics: Diagnostic[];
}
import { URI } from 'vscode-uri';
import { REPO_ROOT } from './util/fixture';

test('stdio server: initialize, diagnostics, completion, hover, shutdown, exit', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'citokine-lsp-'));
  writeFileSync(path.join(dir, 'refs.bib'), '@article{smith2020, author = {Smith, Jane}, title = {Interleukin-6 in tumours}, journal = {J Ex}, year = {2020}}\n');
  const text = '---\nbibliography: refs.bib\n---\n白介素6 [1]-[6] 与 [@smith2020] and [@nosuch].\n\nNew [@\n';
  const uri = URI.file(path.join(dir, 'paper.md')).toString();

  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (params.uri === uri) resolve(params);
    });
  });
  connection.listen();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: URI.file(dir).toString(), capabilities: {}, workspaceFolders: null })) as { capabilities: Record<string, unknown> };
    assert.ok(init.capabilities.completionProvider);
    assert.equal(init.capabilities.hoverProvider, true);
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });

    const published = await diagnostics;
    assert.deepEqual(published.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.code, d.source]), [
      [3, 5, 'citation.mixed-styles', 'citokine'],
      [3, 33, 'citation.unknown-key', 'citokine'],
    ]);

    const completion = (await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 6 } })) as CompletionList;
    assert.ok(completion.items.some((i) => i.label === 'smith2020'));
    const resolved = (await connection.sendRequest('completionItem/resolve', completion.items.find((i) => i.label === 'smith2020'))) as { documentation?: MarkupContent };
    assert.match(resolved.documentation?.value ?? '', /Smith J\. Interleukin-6 in tumours/);

    const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 19 } })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /Smith J\. Interleukin-6 in tumours\. J Ex\. 2020/);
    const numberHover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 6 } })) as Hover;
    assert.match((numberHover.contents as MarkupContent).value, /\*\*\[1\]\*\*/);

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    child.kill();
  }
});

test('stdio server: re-checks when the document changes and when its bibliography changes on disk', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'citokine-lsp-'));
  const bibPath = path.join(dir, 'refs.bib');
  writeFileSync(bibPath, '@article{smith2020, title = {One}, year = {2020}}\n');
  const uri = URI.file(path.join(dir, 'paper.md')).toString();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  let notify: (() => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    if (params.uri !== uri) return;
    published.push(params);
    notify?.();
  });
  /** Waits until the newest diagnostics satisfy `condition` (no fixed sleeps). */
  const until = (condition: (codes: string[]) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; last: ${JSON.stringify(published.at(-1))}`)), 10_000);
      const test = () => {
        const last = published.at(-1);
        if (last && condition(last.diagnostics.map((d) => String(d.code)))) {
          clearTimeout(timer);
          notify = undefined;
          resolve();
        }
      };
      notify = test;
      test();
    });
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: URI.file(dir).toString(), capabilities: {}, workspaceFolders: null });
    await connection.sendNotification('initialized', {});
    const text = '---\nbibliography: refs.bib\n---\n[@smith2020] and [@jones2021].\n';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await until((codes) => codes.length === 1 && codes[0] === 'citation.unknown-key');

    writeFileSync(bibPath, '@article{smith2020, title = {One}, year = {2020}}\n@article{jones2021, title = {Two}, year = {2021}}\n');
    await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(bibPath).toString(), type: 2 }] });
    await until((codes) => codes.length === 0);

    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 3, character: 29 }, end: { line: 3, character: 29 } }, text: ' See [99].' }],
    });
    // A number among key citations is also issue 4's mixed-styles warning.
    await until((codes) => codes.join() === 'citation.mixed-styles,citation.number-out-of-range');
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    connection.dispose();
    child.kill();
  }
});
