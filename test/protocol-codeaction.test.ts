/**
 * Code actions and commands over the real protocol: the bundled server on stdio, spoken to
 * with vscode-jsonrpc. A quick fix for an unknown key comes back with its edit; a command
 * comes back as a `workspace/applyEdit` request from the server, versioned when the client
 * says it can take versioned edits.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { commandDocumentUri } from '../server/src/server';
import { REPO_ROOT } from './util/fixture';

interface PublishDiagnosticsParams {
  uri: string;
  diagnostics: Diagnostic[];
}

test('stdio server: a "did you mean" quick fix for an unknown key, and the renumber command', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'citokine-ca-'));
  writeFileSync(path.join(dir, 'refs.bib'), '@article{smith2020, author = {Smith, Jane}, title = {Interleukin-6 in tumours}, journal = {J Ex}, year = {2020}}\n');
  const text = '---\nbibliography: refs.bib\n---\nIL-6 [@smtih2020] and [2] before [1].\n\n## References\n\n1. First.\n2. Second.\n';
  const uri = URI.file(path.join(dir, 'paper.md')).toString();

  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (params.uri === uri && params.diagnostics.length > 0) resolve(params);
    });
  });
  const applied: WorkspaceEdit[] = [];
  connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
    applied.push(params.edit);
    return { applied: true };
  });
  connection.onNotification('window/showMessage', () => undefined);
  connection.listen();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: URI.file(dir).toString(),
      capabilities: { workspace: { applyEdit: true, workspaceEdit: { documentChanges: true } } },
      workspaceFolders: null,
    })) as { capabilities: { codeActionProvider?: { codeActionKinds: string[] }; executeCommandProvider?: { commands: string[] } } };
    assert.deepEqual(init.capabilities.executeCommandProvider?.commands, ['citokine.renumber', 'citokine.insertReferenceList', 'citokine.convertCitations']);
    assert.ok(init.capabilities.codeActionProvider?.codeActionKinds.includes('source.citokine.renumber'));
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });

    const published = await diagnostics;
    const unknown = published.diagnostics.find((d) => d.code === 'citation.unknown-key');
    assert.ok(unknown);
    assert.deepEqual(unknown.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 16 } });

    const actions = (await connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } })) as CodeAction[];
    const didYouMean = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
    assert.equal(didYouMean?.title, 'Did you mean @smith2020? (Smith, 2020)');
    assert.deepEqual(didYouMean?.diagnostics, [unknown]);
    assert.deepEqual(didYouMean?.edit, { changes: { [uri]: [{ range: { start: { line: 3, character: 6 }, end: { line: 3, character: 16 } }, newText: '@smith2020' }] } });

    // The command palette passes no document: the server acts on the one last asked for code actions.
    await connection.sendRequest('workspace/executeCommand', { command: 'citokine.renumber', arguments: [] });
    assert.equal(applied.length, 1);
    const [change] = applied[0].documentChanges as TextDocumentEdit[];
    assert.deepEqual(change.textDocument, { uri, version: 1 });
    assert.deepEqual(
      change.edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]),
      [
        [3, 23, '1'],
        [3, 34, '2'],
        [7, 0, '1. Second.'],
        [8, 0, '2. First.'],
      ],
    );

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    child.kill();
  }
});

test('commands find their document: a URI string, or a VS Code Uri as editor menus pass it', () => {
  const vscodeUri = { $mid: 1, fsPath: '/ws/paper.md', external: 'file:///ws/paper.md', path: '/ws/paper.md', scheme: 'file' };
  assert.deepEqual(
    [commandDocumentUri('file:///ws/a.md'), commandDocumentUri(vscodeUri), commandDocumentUri({ scheme: 'untitled', path: 'Untitled-1' }), commandDocumentUri('toKeys'), commandDocumentUri(undefined)],
    ['file:///ws/a.md', 'file:///ws/paper.md', 'untitled:Untitled-1', undefined, undefined],
  );
});
