/**
 * Over the protocol, the real server (dist/server.js): a client announcing locale `zh-cn`
 * gets Chinese diagnostics, hovers, action titles and notices, an English client English;
 * a client that supports work-done progress sees a large bibliography's load begin and end;
 * a request whose handler throws answers an empty result and a log line, and the server
 * goes on; `citokine/serverPid` names the process (the real-editor crash test kills it).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Hover, MarkupContent } from 'vscode-languageserver-types';
import { startServer, type LspClient } from './util/lspClient';
import { tempDir } from './util/tempDir';

const TEXT = '---\nbibliography: refs.bib\n---\nIL-6 [@smith2020] and [@nosuchkey].\n';
const BIB = '@article{smith2020, author = {Smith, Jane}, title = {Interleukin-6 in tumours}, journal = {J Ex}, year = {2020}}\n';

/** A BibTeX file of `n` generated entries (about 300 characters each). */
function largeBib(n: number): string {
  return Array.from(
    { length: n },
    (_, i) =>
      `@article{gen${i},\n  author = {Author${i}, Alice and Second, Bob},\n  title = {Generated study number ${i} of interleukin-6 signalling in colorectal cancer},\n  journal = {Journal of Generated Results},\n  year = {${1990 + (i % 30)}},\n  volume = {${i % 50}},\n  pages = {${i}--${i + 9}}\n}\n`,
  ).join('\n');
}

async function session(
  t: { after(fn: () => void): void },
  locale: string | undefined,
  capabilities: object = {},
): Promise<{ server: LspClient; uri: string; logs: string[] }> {
  const folder = tempDir('citokine-l10n-', { 'refs.bib': BIB });
  const uri = folder.uriOf('paper.md');
  const server = startServer(t);
  const logs: string[] = [];
  server.connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  await server.initialize(folder.uri, { locale, capabilities });
  await server.open(uri, TEXT);
  return { server, uri, logs };
}

test('a client announcing locale zh-cn gets Chinese diagnostics, hovers and action titles', async (t) => {
  const { server, uri } = await session(t, 'zh-cn');
  const diagnostics = await server.firstDiagnostics(uri);
  const unknown = diagnostics.find((d) => d.code === 'citation.unknown-key');
  assert.equal(unknown?.message, '未知的引文键“@nosuchkey”：所用的参考文献中没有定义它。');
  const hover = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 25 } });
  assert.match((hover.contents as MarkupContent).value, /^`@nosuchkey`：所用的参考文献中没有定义此键。$/);
  const cited = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 9 } });
  assert.match((cited.contents as MarkupContent).value, /Interleukin-6 in tumours/, 'the reference itself stays as written');
  assert.match((cited.contents as MarkupContent).value, /本文档引用 1 次（第 4 行）。 \*格式：/);
  const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: unknown!.range,
    context: { diagnostics: [unknown] },
  });
  assert.ok(actions.length > 0 && actions.every((a) => /\p{Script=Han}/u.test(a.title)), JSON.stringify(actions.map((a) => a.title)));
});

test('an English client, and one that names no locale, get English', async (t) => {
  for (const locale of ['en', undefined]) {
    const { server, uri } = await session(t, locale);
    const diagnostics = await server.firstDiagnostics(uri);
    assert.equal(
      diagnostics.find((d) => d.code === 'citation.unknown-key')?.message,
      "Unknown citation key '@nosuchkey': no bibliography in use defines it.",
    );
  }
});

test('protocol-l10n: a command before any manuscript is open answers in Chinese', async (t) => {
  const folder = tempDir('citokine-l10n-');
  const server = startServer(t);
  const shown: string[] = [];
  server.connection.onNotification('window/showMessage', (p: { message: string }) => shown.push(p.message));
  server.connection.onRequest('window/showMessageRequest', (p: { message: string }) => {
    shown.push(p.message);
    return null;
  });
  await server.initialize(folder.uri, { locale: 'zh-CN' });
  await server.request('workspace/executeCommand', { command: 'citokine.renumber', arguments: [] });
  for (let i = 0; i < 50 && shown.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(shown, ['Citokine：请先打开要处理的 Markdown 稿件。']);
});

test('protocol-l10n: work-done progress while a large bibliography is read', async (t) => {
  const folder = tempDir('citokine-progress-', { 'big.bib': largeBib(1_200), 'small.bib': BIB });
  const server = startServer(t);
  const created: unknown[] = [];
  const progress: { kind: string; message?: string; title?: string }[] = [];
  server.connection.onRequest('window/workDoneProgress/create', (p: { token: unknown }) => {
    created.push(p.token);
    return null;
  });
  server.connection.onNotification('$/progress', (p: { token: unknown; value: { kind: string; message?: string; title?: string } }) =>
    progress.push(p.value),
  );
  await server.initialize(folder.uri, { locale: 'zh-cn', capabilities: { window: { workDoneProgress: true } } });
  const small = folder.uriOf('small.md');
  await server.open(small, '---\nbibliography: small.bib\n---\n[@smith2020]\n');
  await server.firstDiagnostics(small);
  assert.deepEqual(created, [], 'a small bibliography loads without progress');
  const big = folder.uriOf('big.md');
  await server.open(big, '---\nbibliography: big.bib\n---\n[@gen7] and [@gen1199].\n');
  assert.deepEqual(await server.firstDiagnostics(big), []);
  for (let i = 0; i < 100 && !progress.some((p) => p.kind === 'end'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(created.length, 1, 'one progress token for the load');
  assert.deepEqual(
    progress.map((p) => p.kind),
    ['begin', 'end'],
  );
  assert.equal(progress[0].title, 'Citokine');
  assert.equal(progress[0].message, '正在读取 big.bib');
});

test('without the client capability, no progress token is asked for', async (t) => {
  const folder = tempDir('citokine-progress-', { 'big.bib': largeBib(1_200) });
  const server = startServer(t);
  const created: unknown[] = [];
  server.connection.onRequest('window/workDoneProgress/create', (p: { token: unknown }) => created.push(p.token) && null);
  await server.initialize(folder.uri);
  const big = folder.uriOf('big.md');
  await server.open(big, '---\nbibliography: big.bib\n---\n[@gen7].\n');
  assert.deepEqual(await server.firstDiagnostics(big), []);
  assert.deepEqual(created, []);
});

test('a request whose handler throws answers an empty result and a log line, and the server goes on', async (t) => {
  const { server, uri, logs } = await session(t, undefined);
  await server.firstDiagnostics(uri);
  // Requests without their document: the handlers read `textDocument.uri` of nothing.
  assert.equal(await server.request('textDocument/hover', {}), null);
  assert.equal(await server.request('textDocument/definition', {}), null);
  assert.equal(await server.request('textDocument/codeAction', { textDocument: null }), null);
  for (let i = 0; i < 50 && logs.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(
    logs.filter((l) => /^citokine: (hover|definition|codeAction) failed; answered with an empty result: TypeError/.test(l)).length,
    3,
    logs.join('\n'),
  );
  const hover = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 9 } });
  assert.match((hover.contents as MarkupContent).value, /Interleukin-6 in tumours/);
  assert.equal(await server.shutdown(), 0);
});

test('citokine/serverPid names the server process', async (t) => {
  const { server } = await session(t, undefined);
  const pid = await server.request<number>('citokine/serverPid', {});
  assert.ok(Number.isInteger(pid) && pid > 0 && pid !== process.pid);
});
