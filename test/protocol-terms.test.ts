/**
 * Terminology over the bundled stdio server, spoken to with real JSON-RPC (vscode-jsonrpc):
 * hover on gp130, completion from a Chinese prefix (白细胞 -> IL-6), a spelling quick fix,
 * and a user glossary whose errors are published in the glossary file and whose change on
 * disk re-checks the open manuscript.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { codes, startServer } from './util/lspClient';
import { marked } from './util/markers';
import { tempDir } from './util/tempDir';

const GLOSSARY =
  'terms:\n  - id: hif-1a\n    canonical: HIF-1α\n    name: { en: hypoxia-inducible factor 1-alpha }\n    variants: [HIF1a]\n';

test('stdio server: term hover, completion from Chinese, spelling fix, user glossary errors and reload', async (t) => {
  const brokenGlossary = marked(`${GLOSSARY}{|}  - id: broken\n`);
  const [brokenAt] = brokenGlossary.cursors;
  const folder = tempDir('citokine-terms-lsp-', { 'my.glossary.yaml': brokenGlossary.text });
  // Cursors: the hover inside gp130, the starts of the two variants, the completion; ranges: gp130, the typed Chinese prefix.
  const {
    text,
    cursors: [hoverAt, il6At, hif1aAt, completionAt],
    ranges: [gp130, typedPrefix],
  } = marked(
    [
      '---',
      'glossary: my.glossary.yaml',
      '---',
      'Glycoprotein 130 («gp{|}130») binds {|}IL6 here; {|}HIF1a too.',
      '',
      '研究表明«白细胞{|}»',
      '',
    ].join('\n'),
  );
  const uri = folder.uriOf('paper.md');
  const glossaryUri = folder.uriOf('my.glossary.yaml');
  const server = startServer(t);

  const init = await server.initialize<{ capabilities: { codeActionProvider?: { codeActionKinds?: string[] } } }>(folder.uri, {
    locale: 'zh-cn',
  });
  assert.ok(init.capabilities.codeActionProvider?.codeActionKinds?.includes('source.fixAll.citokine'));
  await server.open(uri, text);

  const diagnostics = await server.waitForDiagnostics(uri, (d) => codes(d).includes('term.variant'));
  assert.deepEqual(
    diagnostics.filter((d) => d.code === 'term.variant').map((d) => [d.range.start, d.source]),
    [
      [il6At, 'citokine'],
      [hif1aAt, 'citokine'],
    ],
  );
  const glossaryErrors = await server.waitForDiagnostics(glossaryUri, (d) => d.length > 0);
  assert.deepEqual(
    glossaryErrors.map((d) => [d.range.start.line, d.code]),
    [[brokenAt.line, 'glossary.invalid']],
  );

  // Hover on gp130: the English definition first since the document is English (the locale is only the last resort),
  // and the card's labels in the client's language (zh-cn).
  const hover = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: hoverAt });
  const card = (hover.contents as MarkupContent).value;
  assert.match(card, /^\*\*gp130\*\* — glycoprotein 130 · 糖蛋白130/);
  assert.ok(card.indexOf('The signal-transducing') < card.indexOf('IL-6 家族'), card);
  assert.match(card, /综述中讨论它的文献：\[\\\[4\\\]\]\(file:\/\/.*review-55\.json#L\d+/);
  assert.deepEqual(hover.range, gp130);

  // Completion from a Chinese prefix: IL-6, first with its definition since it is not defined yet.
  const completion = await server.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: completionAt,
  });
  assert.deepEqual(
    completion.items.slice(0, 2).map((i) => i.label),
    ['白细胞介素6（IL-6）', 'IL-6'],
  );
  assert.deepEqual((completion.items[1].textEdit as TextEdit).range, typedPrefix);

  // The spelling quick fix for IL6.
  const il6 = diagnostics.find(
    (d) => d.code === 'term.variant' && d.range.start.line === il6At.line && d.range.start.character === il6At.character,
  )!;
  const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: il6.range,
    context: { diagnostics: [il6] },
  });
  const fix = actions.find((a) => a.title === '改为“IL-6”');
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.deepEqual(fix.edit?.changes?.[uri], [{ range: il6.range, newText: 'IL-6' }]);

  // The glossary is fixed on disk and now accepts HIF1a: the manuscript is re-checked.
  folder.write('my.glossary.yaml', GLOSSARY.replace('variants', 'aliases'));
  await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: glossaryUri, type: 2 }] });
  await server.waitForDiagnostics(uri, (d) => codes(d).filter((c) => c === 'term.variant').length === 1);
  await server.waitForDiagnostics(glossaryUri, (d) => d.length === 0);

  assert.equal(await server.shutdown(), 0);
});
