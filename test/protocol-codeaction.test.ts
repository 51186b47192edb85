/**
 * Code actions and commands over the real protocol: the bundled server on stdio, spoken to
 * with vscode-jsonrpc. A quick fix for an unknown key comes back with its edit; a command
 * comes back as a `workspace/applyEdit` request from the server, versioned when the client
 * says it can take versioned edits.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { commandDocumentUri } from '../server/src/lsp/commands';
import { startServer } from './util/lspClient';
import { marked } from './util/markers';
import { tempDir } from './util/tempDir';

test('stdio server: a "did you mean" quick fix for an unknown key, and the renumber command', async (t) => {
  const folder = tempDir('citokine-ca-', {
    'refs.bib': '@article{smith2020, author = {Smith, Jane}, title = {Interleukin-6 in tumours}, journal = {J Ex}, year = {2020}}\n',
  });
  // The unknown key's range; cursors where the renumbering's four edits start.
  const {
    text,
    ranges: [unknownKey],
    cursors: [citedTwo, citedOne, firstItem, secondItem],
  } = marked(
    '---\nbibliography: refs.bib\n---\nIL-6 [«@smtih2020»] and [{|}2] before [{|}1].\n\n## References\n\n{|}1. First.\n{|}2. Second.\n',
  );
  const uri = folder.uriOf('paper.md');
  const server = startServer(t);
  const applied: WorkspaceEdit[] = [];
  server.connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
    applied.push(params.edit);
    return { applied: true };
  });
  server.connection.onNotification('window/showMessage', () => undefined);

  const init = await server.initialize<{
    capabilities: { codeActionProvider?: { codeActionKinds: string[] }; executeCommandProvider?: { commands: string[] } };
  }>(folder.uri, {
    capabilities: { workspace: { applyEdit: true, workspaceEdit: { documentChanges: true } } },
  });
  assert.deepEqual(init.capabilities.executeCommandProvider?.commands, [
    'citokine.renumber',
    'citokine.insertReferenceList',
    'citokine.convertCitations',
  ]);
  assert.ok(init.capabilities.codeActionProvider?.codeActionKinds.includes('source.citokine.renumber'));
  await server.open(uri, text);

  const published = await server.firstDiagnostics(uri, (d) => d.length > 0);
  const unknown = published.find((d) => d.code === 'citation.unknown-key');
  assert.ok(unknown);
  assert.deepEqual(unknown.range, unknownKey);

  const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: unknown.range,
    context: { diagnostics: [unknown] },
  });
  const didYouMean = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
  assert.equal(didYouMean?.title, 'Did you mean @smith2020? (Smith, 2020)');
  assert.deepEqual(didYouMean?.diagnostics, [unknown]);
  assert.deepEqual(didYouMean?.edit, {
    changes: { [uri]: [{ range: unknownKey, newText: '@smith2020' }] },
  });

  // The command palette passes no document: the server acts on the one last asked for code actions.
  await server.request('workspace/executeCommand', { command: 'citokine.renumber', arguments: [] });
  assert.equal(applied.length, 1);
  const [change] = applied[0].documentChanges as TextDocumentEdit[];
  assert.deepEqual(change.textDocument, { uri, version: 1 });
  assert.deepEqual(
    change.edits.map((e) => [e.range.start, e.newText]),
    [
      [citedTwo, '1'],
      [citedOne, '2'],
      [firstItem, '1. Second.'],
      [secondItem, '2. First.'],
    ],
  );

  assert.equal(await server.shutdown(), 0);
});

test('commands find their document: a URI string, or a VS Code Uri as editor menus pass it', () => {
  const vscodeUri = { $mid: 1, fsPath: '/ws/paper.md', external: 'file:///ws/paper.md', path: '/ws/paper.md', scheme: 'file' };
  assert.deepEqual(
    [
      commandDocumentUri('file:///ws/a.md'),
      commandDocumentUri(vscodeUri),
      commandDocumentUri({ scheme: 'untitled', path: 'Untitled-1' }),
      commandDocumentUri('toKeys'),
      commandDocumentUri(undefined),
    ],
    ['file:///ws/a.md', 'file:///ws/paper.md', 'untitled:Untitled-1', undefined, undefined],
  );
});
