/**
 * The bundled language server over stdio, spoken to with real JSON-RPC (vscode-jsonrpc, the
 * library VS Code's own client uses): initialize, didOpen, diagnostics, completion, hover,
 * shutdown and exit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver-types';
import { codes, startServer } from './util/lspClient';
import { marked } from './util/markers';
import { tempDir } from './util/tempDir';

test('stdio server: initialize, diagnostics, completion, hover, shutdown, exit', async (t) => {
  const folder = tempDir('citokine-lsp-', {
    'refs.bib': '@article{smith2020, author = {Smith, Jane}, title = {Interleukin-6 in tumours}, journal = {J Ex}, year = {2020}}\n',
  });
  // Cursors: where the numbers' two diagnostics start, the number hovered, the key hovered, the unknown key's diagnostic, the completion.
  const {
    text,
    cursors: [numbersAt, numberHoverAt, keyHoverAt, unknownAt, completionAt],
  } = marked('---\nbibliography: refs.bib\n---\n白介素6 {|}[{|}1]-[6] 与 [@sm{|}ith2020] and [{|}@nosuch].\n\nNew [@{|}\n');
  const uri = folder.uriOf('paper.md');
  const server = startServer(t);

  const init = await server.initialize(folder.uri);
  assert.ok(init.capabilities.completionProvider);
  assert.equal(init.capabilities.hoverProvider, true);
  await server.open(uri, text);

  // The first diagnostics published for the document are already the full list.
  const published = await server.firstDiagnostics(uri);
  assert.deepEqual(
    published.map((d) => [d.range.start, d.code, d.source]),
    [
      [numbersAt, 'citation.unused-reference', 'citokine'],
      [numbersAt, 'citation.mixed-styles', 'citokine'],
      [unknownAt, 'citation.unknown-key', 'citokine'],
    ],
  );

  const completion = await server.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: completionAt,
  });
  assert.ok(completion.items.some((i) => i.label === 'smith2020'));
  const resolved = await server.request<{ documentation?: MarkupContent }>(
    'completionItem/resolve',
    completion.items.find((i) => i.label === 'smith2020'),
  );
  assert.match(resolved.documentation?.value ?? '', /Smith J\. Interleukin-6 in tumours/);

  const hover = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: keyHoverAt });
  assert.match((hover.contents as MarkupContent).value, /Smith J\. Interleukin-6 in tumours\. J Ex\. 2020/);
  const numberHover = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: numberHoverAt });
  assert.match((numberHover.contents as MarkupContent).value, /\*\*\[1\]\*\*/);

  assert.equal(await server.shutdown(), 0);
});

test('stdio server: re-checks when the document changes and when its bibliography changes on disk', async (t) => {
  const folder = tempDir('citokine-lsp-', { 'refs.bib': '@article{smith2020, title = {One}, year = {2020}}\n' });
  const uri = folder.uriOf('paper.md');
  const server = startServer(t);

  await server.initialize(folder.uri);
  const {
    text,
    cursors: [endOfSentence],
  } = marked('---\nbibliography: refs.bib\n---\n[@smith2020] and [@jones2021]{|}.\n');
  await server.open(uri, text);
  await server.waitForDiagnostics(uri, (d) => codes(d).length === 1 && codes(d)[0] === 'citation.unknown-key');

  folder.write('refs.bib', '@article{smith2020, title = {One}, year = {2020}}\n@article{jones2021, title = {Two}, year = {2021}}\n');
  await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: folder.uriOf('refs.bib'), type: 2 }] });
  await server.waitForDiagnostics(uri, (d) => d.length === 0);

  await server.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: endOfSentence, end: endOfSentence }, text: ' See [99].' }],
  });
  // A number among key citations is also issue 4's mixed-styles warning.
  await server.waitForDiagnostics(uri, (d) => codes(d).join() === 'citation.mixed-styles,citation.number-out-of-range');
  assert.equal(await server.shutdown(), 0);
});
