/**
 * No network: a full stdio session of the bundled server (initialize, configuration, open a
 * manuscript with a bibliography and a glossary, diagnostics, completion and its resolve,
 * hover on a citation and a term, code actions, a document command, definition, shutdown)
 * runs with a preload that wraps every way Node opens a connection or resolves a name
 * (net.Socket#connect, tls.connect, dgram.createSocket, http(s).request/get, dns.lookup and
 * the dns resolvers, fetch) and records each call. None may happen; the preload's own
 * control call proves the recording works.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-types';
import { startServer } from './util/lspClient';
import { tempDir } from './util/tempDir';

/** The preload: wraps each network entry point so that a call appends one JSON line to the log, then goes on as before. */
const PRELOAD = String.raw`
const fs = require('fs');
const LOG = process.env.CITOKINE_NETWORK_LOG;
let control = false;
const record = (name) => fs.appendFileSync(LOG, JSON.stringify({ name, control, stack: control ? '' : new Error().stack }) + '\n');
const wrap = (object, key, name) => {
  const original = object[key];
  if (typeof original !== 'function') return;
  object[key] = function (...args) { record(name); return original.apply(this, args); };
};
const net = require('net'), tls = require('tls'), dgram = require('dgram'), http = require('http'), https = require('https'), dns = require('dns');
wrap(net.Socket.prototype, 'connect', 'net.Socket#connect');
wrap(tls, 'connect', 'tls.connect');
wrap(dgram, 'createSocket', 'dgram.createSocket');
for (const [mod, label] of [[http, 'http'], [https, 'https']]) { wrap(mod, 'request', label + '.request'); wrap(mod, 'get', label + '.get'); }
for (const key of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) { wrap(dns, key, 'dns.' + key); wrap(dns.promises, key, 'dns.promises.' + key); }
if (typeof globalThis.fetch === 'function') wrap(globalThis, 'fetch', 'fetch');
// The control call: a name lookup of localhost (answered from /etc/hosts), recorded as control;
// once, in the main thread (the preload also runs in the server's render worker, wrapped the same).
if (require('worker_threads').isMainThread) {
  control = true;
  dns.lookup('localhost', () => undefined);
  control = false;
}
`;

const BIB =
  '@article{smith2020, author = {Smith, Jane}, title = {Interleukin-6 in tumours}, journal = {J Ex}, year = {2020}, doi = {10.1000/x}, url = {https://example.org/paper}}\n';
const GLOSSARY = JSON.stringify({
  version: 1,
  terms: [
    {
      id: 'evx',
      canonical: 'EVX',
      name: { en: 'example factor' },
      variants: ['EVX1'],
      category: 'other',
      abbreviation: true,
      definition: { en: 'A factor. See https://example.org/evx.' },
    },
  ],
});
const TEXT =
  '---\nbibliography: refs.bib\nglossary: glossary.json\n---\nIL-6 and EVX1 drive growth [@smith2020] and [@smtih2020], see https://example.org and [2, 1].\n\nNew [@\n\n## References\n\n1. One.\n2. Two.\n';

test('a full server session opens no socket, sends no request and resolves no name', async (t) => {
  const folder = tempDir('citokine-net-', { 'refs.bib': BIB, 'glossary.json': GLOSSARY, 'preload.js': PRELOAD, 'network.log': '' });
  const log = folder.path('network.log');
  const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, CITOKINE_NETWORK_LOG: process.env.CITOKINE_NETWORK_LOG };
  // The server process inherits these when it is spawned; restored at once.
  process.env.NODE_OPTIONS = `${saved.NODE_OPTIONS ?? ''} --require ${JSON.stringify(folder.path('preload.js'))}`.trim();
  process.env.CITOKINE_NETWORK_LOG = log;
  const server = startServer(t);
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  server.connection.onRequest('workspace/applyEdit', () => ({ applied: true }));
  server.connection.onRequest('workspace/configuration', () => [{ style: 'apa' }]);
  server.connection.onRequest('client/registerCapability', () => null);

  const uri = folder.uriOf('paper.md');
  await server.initialize(folder.uri, {
    capabilities: { workspace: { configuration: true, workspaceEdit: { documentChanges: true } } },
    workspaceFolders: [{ uri: folder.uri, name: 'ws' }],
  });
  await server.open(uri, TEXT);
  const diagnostics: Diagnostic[] = await server.firstDiagnostics(uri, (d) => d.some((x) => x.code === 'citation.unknown-key'));
  const textDocument = { uri };
  const completion = await server.request<CompletionList>('textDocument/completion', { textDocument, position: { line: 6, character: 6 } });
  assert.ok(completion.items.length > 0, 'completion answers');
  for (const item of completion.items.slice(0, 5)) await server.request('completionItem/resolve', item);
  const hover = await server.request<Hover | null>('textDocument/hover', { textDocument, position: { line: 4, character: 32 } });
  assert.ok(hover, 'a hover on the citation');
  await server.request('textDocument/hover', { textDocument, position: { line: 4, character: 10 } });
  const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument,
    range: diagnostics[0].range,
    context: { diagnostics },
  });
  assert.ok(actions.length > 0, 'code actions answer');
  await server.request('workspace/executeCommand', { command: 'citokine.renumber', arguments: [uri] });
  await server.request('textDocument/definition', { textDocument, position: { line: 4, character: 32 } });
  await server.request('textDocument/documentLink', { textDocument });
  await server.request('workspace/symbol', { query: 'smith' });
  assert.equal(await server.shutdown(), 0);

  const calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { name: string; control: boolean; stack: string });
  assert.deepEqual(
    calls.filter((c) => c.control).map((c) => c.name),
    ['dns.lookup'],
    'the preload ran in the server and recorded its control call',
  );
  assert.deepEqual(
    calls.filter((c) => !c.control),
    [],
    'no network call during the session',
  );
  writeFileSync(log, '');
});
