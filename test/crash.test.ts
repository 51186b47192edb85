/**
 * Crash safety over the protocol: requests with malformed parameters (a document never
 * opened, positions past the end or negative, missing or wrongly typed fields, a rename to
 * an invalid key, commands with garbage arguments) and malformed notifications each get an
 * answer (a result, or an error response) within a bound, and the server is still alive and
 * answering real requests afterwards.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { startServer, type LspClient } from './util/lspClient';
import { tempDir } from './util/tempDir';

const ANSWER_MS = 5_000;

type Answer = { kind: 'result'; value: unknown } | { kind: 'error'; code: number; message: string };

/** The server's answer to a request, or a failure when none comes in time or the connection breaks. */
async function answer(server: LspClient, method: string, params: unknown): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${method} ${JSON.stringify(params)}: no answer within ${ANSWER_MS} ms`)), ANSWER_MS);
  });
  try {
    const value = await Promise.race([server.request(method, params), timeout]);
    return { kind: 'result', value };
  } catch (e) {
    if (e instanceof ResponseError) return { kind: 'error', code: e.code, message: e.message };
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

const TEXT = '---\nbibliography: refs.bib\n---\nIL-6 [@smith2020] and [1].\n';
const BIB = '@article{smith2020, author = {Smith, Jane}, title = {Interleukin-6 in tumours}, journal = {J Ex}, year = {2020}}\n';

test('malformed requests and notifications are answered, and the server keeps answering', async (t) => {
  const folder = tempDir('citokine-crash-', { 'refs.bib': BIB });
  const uri = folder.uriOf('paper.md');
  const never = folder.uriOf('never-opened.md');
  const server = startServer(t);
  server.connection.onRequest('workspace/applyEdit', () => ({ applied: true }));
  await server.initialize(folder.uri);
  await server.open(uri, TEXT);
  await server.firstDiagnostics(uri);

  const doc = { uri };
  const far = { line: 1_000_000, character: 1_000_000 };
  const negative = { line: -5, character: -3 };
  const requests: [string, unknown][] = [
    ['textDocument/hover', { textDocument: { uri: never }, position: { line: 0, character: 0 } }],
    ['textDocument/hover', { textDocument: doc, position: far }],
    ['textDocument/hover', { textDocument: doc, position: negative }],
    ['textDocument/hover', { textDocument: doc, position: { line: 'x', character: null } }],
    ['textDocument/hover', { textDocument: null, position: null }],
    ['textDocument/hover', {}],
    ['textDocument/completion', { textDocument: doc, position: negative }],
    ['textDocument/completion', { textDocument: doc, position: far }],
    ['textDocument/completion', { textDocument: { uri: 'not a uri' }, position: { line: 0, character: 0 } }],
    ['completionItem/resolve', { label: 'x', data: { uri: 42, key: { evil: true } } }],
    ['completionItem/resolve', { label: 'x', data: { uri, key: 'smith2020', number: 'NaN' } }],
    ['completionItem/resolve', null],
    ['textDocument/prepareRename', { textDocument: doc, position: { line: 3, character: 9 } }],
    ['textDocument/rename', { textDocument: doc, position: { line: 3, character: 9 }, newName: 'has space; @and]' }],
    ['textDocument/rename', { textDocument: doc, position: { line: 3, character: 9 }, newName: '' }],
    ['textDocument/rename', { textDocument: doc, position: { line: 3, character: 9 }, newName: 42 }],
    ['textDocument/rename', { textDocument: doc, position: far, newName: 'x' }],
    ['textDocument/definition', { textDocument: doc, position: negative }],
    ['textDocument/references', { textDocument: doc, position: { line: 3, character: 9 } }],
    ['textDocument/codeAction', { textDocument: doc, range: { start: far, end: negative } }],
    [
      'textDocument/codeAction',
      { textDocument: doc, range: null, context: { diagnostics: [{ range: null, code: 'citation.unknown-key' }] } },
    ],
    [
      'textDocument/codeAction',
      { textDocument: doc, range: { start: { line: 0, character: 0 }, end: far }, context: { diagnostics: 'no', only: 7 } },
    ],
    ['textDocument/documentLink', { textDocument: { uri: never } }],
    ['workspace/symbol', { query: 42 }],
    ['workspace/symbol', {}],
    ['workspace/executeCommand', { command: 'citokine.renumber', arguments: [42, { scheme: 5 }, null] }],
    ['workspace/executeCommand', { command: 'citokine.convertCitations', arguments: [{ scheme: 'file', path: 5 }, 'sideways'] }],
    ['workspace/executeCommand', { command: 'citokine.insertReferenceList', arguments: [uri, ...Array(50).fill({})] }],
    ['workspace/executeCommand', { command: 'no.such.command', arguments: [uri] }],
    ['workspace/executeCommand', { command: null }],
    ['citokine/noSuchRequest', { anything: true }],
  ];

  const answers: Answer[] = [];
  for (const [method, params] of requests) answers.push(await answer(server, method, params));
  assert.equal(answers.length, requests.length);
  if (process.env.CITOKINE_SHOW_ANSWERS)
    for (const [i, a] of answers.entries()) console.log(requests[i][0], JSON.stringify(a).slice(0, 160));
  // Each error is a proper JSON-RPC error response, with a message for the log.
  for (const [i, a] of answers.entries())
    if (a.kind === 'error') assert.ok(a.message.length > 0 && Number.isInteger(a.code), `${requests[i][0]}: error ${JSON.stringify(a)}`);
  // An unknown request is refused as such.
  assert.equal((answers.at(-1) as { code?: number }).code, -32601, 'an unknown method is MethodNotFound');

  // Notifications that a careless client could send: they have no answer, but must not kill the server.
  await server.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: far, end: negative }, text: '[@' }],
  });
  await server.notify('textDocument/didChange', { textDocument: { uri: never, version: 2 }, contentChanges: [{ text: 'x' }] });
  await server.notify('textDocument/didChange', { textDocument: null, contentChanges: null });
  await server.notify('textDocument/didOpen', {
    textDocument: { uri: folder.uriOf('odd.md'), languageId: 'markdown', version: 1, text: 42 },
  });
  await server.notify('workspace/didChangeConfiguration', {
    settings: { citokine: { style: 7, diagnostics: 'loud', bibliography: { files: 'x' } } },
  });
  await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: 'garbage', type: 99 }] });
  await server.notify('textDocument/didClose', { textDocument: { uri: never } });

  // Still alive and right: the document is re-sent whole, and a hover on its citation answers.
  await server.notify('textDocument/didChange', { textDocument: { uri, version: 10 }, contentChanges: [{ text: TEXT }] });
  const hover = await answer(server, 'textDocument/hover', { textDocument: doc, position: { line: 3, character: 9 } });
  assert.equal(hover.kind, 'result');
  assert.match(((hover as { value: Hover }).value.contents as MarkupContent).value, /Interleukin-6 in tumours/);
  await server.waitForDiagnostics(uri, (d) => Array.isArray(d));
  assert.equal(await server.shutdown(), 0, 'the server exits cleanly after all that');
});
