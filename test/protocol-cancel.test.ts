/**
 * `$/cancelRequest` over the bundled stdio server. A hover or completion and its cancel are
 * written in one chunk, so that both wait in vscode-jsonrpc's queue before the request runs:
 * the cancelled request must answer RequestCancelled (-32800), not a computed result, while
 * the same request sent uncancelled in that chunk is answered. The messages are framed by hand
 * here (vscode-jsonrpc's client writes each message on its own, and may send the cancel late).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { URI } from 'vscode-uri';
import { FIXTURES_ROOT } from './util/fixture';
import { SERVER_PATH } from './util/lspClient';

const REQUEST_CANCELLED = -32800;

interface Message {
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** The server over stdio, with messages framed by hand: `write` sends several in one chunk. */
function rawServer(t: { after(fn: () => void): void }) {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  t.after(() => child.kill());
  const received: Message[] = [];
  const waiters: (() => void)[] = [];
  let buffer = Buffer.alloc(0);
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) break;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (buffer.length < headerEnd + 4 + length) break;
      received.push(JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message);
      buffer = buffer.subarray(headerEnd + 4 + length);
    }
    for (const waiter of waiters.splice(0)) waiter();
  });
  const frame = (message: object) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
  };
  return {
    /** Writes all `messages` in one chunk. */
    write: (...messages: object[]) => child.stdin.write(Buffer.concat(messages.map(frame))),
    /** The message `find` picks, once it has come. */
    async waitFor(what: string, find: (message: Message) => boolean): Promise<Message> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const found = received.find(find);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
}

test('stdio server: a hover or completion cancelled before it runs answers RequestCancelled; the same uncancelled is answered', async (t) => {
  const folder = path.join(FIXTURES_ROOT, 'deep-review');
  const file = path.join(folder, 'manuscript.md');
  const text = fs.readFileSync(file, 'utf8');
  const uri = URI.file(file).toString();
  // The first citation of the body (the front matter quotes some too): a key of references.json.
  const bodyStart = text.indexOf('\n---', 3) + 4;
  const citation = text.indexOf('[@', bodyStart);
  const lines = text.slice(0, citation).split('\n');
  const onKey = { line: lines.length - 1, character: lines[lines.length - 1].length + 3 };
  const afterAt = { line: onKey.line, character: onKey.character - 1 };

  const server = rawServer(t);
  server.write({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: URI.file(folder).toString(), capabilities: {} } });
  await server.waitFor('initialize', (m) => m.id === 1);
  server.write(
    { method: 'initialized', params: {} },
    { method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text } } },
  );
  await server.waitFor(
    'the diagnostics',
    (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri,
  );

  const at = (position: object) => ({ textDocument: { uri }, position });
  server.write(
    { id: 2, method: 'textDocument/hover', params: at(onKey) },
    { method: '$/cancelRequest', params: { id: 2 } },
    { id: 3, method: 'textDocument/completion', params: at(afterAt) },
    { method: '$/cancelRequest', params: { id: 3 } },
    { id: 4, method: 'textDocument/hover', params: at(onKey) },
    { id: 5, method: 'textDocument/completion', params: at(afterAt) },
  );
  const [hover, completion, hoverAgain, completionAgain] = await Promise.all(
    [2, 3, 4, 5].map((id) => server.waitFor(`the answer to request ${id}`, (m) => m.id === id && m.method === undefined)),
  );
  assert.equal(hover.error?.code, REQUEST_CANCELLED, `the cancelled hover was answered: ${JSON.stringify(hover).slice(0, 200)}`);
  assert.equal(
    completion.error?.code,
    REQUEST_CANCELLED,
    `the cancelled completion was answered: ${JSON.stringify(completion).slice(0, 200)}`,
  );
  assert.equal(hoverAgain.error, undefined);
  assert.match(JSON.stringify(hoverAgain.result), /value/, 'the uncancelled hover shows the reference');
  assert.equal(completionAgain.error, undefined);
  assert.ok(((completionAgain.result as { items?: unknown[] }).items ?? []).length > 0, 'the uncancelled completion lists entries');
});
