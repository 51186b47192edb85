/**
 * A citation item's one-line description (`detail`) goes with every item unless the client says
 * it fills `detail` in at resolve (`completionItem.resolveSupport.properties`, as VS Code does):
 * clients such as Neovim's built-in menu show it on every row and never resolve. Either way the
 * resolved item holds it. Spoken to over stdio with the bundled server.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import { startServer } from './util/lspClient';
import { marked } from './util/markers';
import { tempDir } from './util/tempDir';

const BIB = '@article{smith2020, author = {Smith, Jane}, title = {Interleukin-6 in tumours}, journal = {J Ex}, year = {2020}}\n';
const DESCRIPTION = /Smith 2020 — Interleukin-6 in tumours/;

async function completeSmith(
  t: { after(fn: () => void): void },
  capabilities: object,
): Promise<{ item: CompletionItem; resolved: CompletionItem }> {
  const folder = tempDir('citokine-detail-', { 'refs.bib': BIB });
  const {
    text,
    cursors: [at],
  } = marked('---\nbibliography: refs.bib\n---\nSee [@smi{|}\n');
  const uri = folder.uriOf('paper.md');
  const server = startServer(t);
  await server.initialize(folder.uri, { capabilities });
  await server.open(uri, text);
  await server.firstDiagnostics(uri);
  const list = await server.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: at });
  const item = list.items.find((i) => i.label === 'smith2020');
  assert.ok(item, 'smith2020 is offered');
  const resolved = await server.request<CompletionItem>('completionItem/resolve', item);
  await server.shutdown();
  return { item, resolved };
}

test('without resolveSupport for detail, every key item carries its description', async (t) => {
  const { item, resolved } = await completeSmith(t, { textDocument: { completion: { completionItem: {} } } });
  assert.match(item.detail ?? '', DESCRIPTION);
  assert.equal(resolved.detail, item.detail);
});

test('a client that resolves detail gets key items without it, and the description at resolve', async (t) => {
  const { item, resolved } = await completeSmith(t, {
    textDocument: { completion: { completionItem: { resolveSupport: { properties: ['documentation', 'detail'] } } } },
  });
  assert.equal(item.detail, undefined);
  assert.match(resolved.detail ?? '', DESCRIPTION);
});
