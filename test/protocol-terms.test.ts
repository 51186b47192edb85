/**
 * Terminology over the bundled stdio server, spoken to with real JSON-RPC (vscode-jsonrpc):
 * hover on gp130, completion from a Chinese prefix (白细胞 -> IL-6), a spelling quick fix,
 * and a user glossary whose errors are published in the glossary file and whose change on
 * disk re-checks the open manuscript.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { CodeAction, CompletionList, Diagnostic, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { REPO_ROOT } from './util/fixture';

interface PublishDiagnosticsParams {
  uri: string;
  diagnostics: Diagnostic[];
}

const GLOSSARY = 'terms:\n  - id: hif-1a\n    canonical: HIF-1α\n    name: { en: hypoxia-inducible factor 1-alpha }\n    variants: [HIF1a]\n';

test('stdio server: term hover, completion from Chinese, spelling fix, user glossary errors and reload', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'citokine-terms-lsp-'));
  const glossaryPath = path.join(dir, 'my.glossary.yaml');
  writeFileSync(glossaryPath, `${GLOSSARY}  - id: broken\n`);
  const text = [
    '---',
    'glossary: my.glossary.yaml',
    '---',
    'Glycoprotein 130 (gp130) binds IL6 here; HIF1a too.',
    '',
    '研究表明白细胞',
    '',
  ].join('\n');
  const uri = URI.file(path.join(dir, 'paper.md')).toString();
  const glossaryUri = URI.file(glossaryPath).toString();

  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const latest = new Map<string, Diagnostic[]>();
  let notify: (() => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    latest.set(params.uri, params.diagnostics);
    notify?.();
  });
  /** Waits until the newest diagnostics of `target` satisfy `condition` (no fixed sleeps). */
  const until = (target: string, condition: (codes: string[]) => boolean) =>
    new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; last for ${target}: ${JSON.stringify(latest.get(target))}`)), 10_000);
      const check = () => {
        const diagnostics = latest.get(target);
        if (diagnostics && condition(diagnostics.map((d) => String(d.code)))) {
          clearTimeout(timer);
          notify = undefined;
          resolve(diagnostics);
        }
      };
      notify = check;
      check();
    });
  connection.listen();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: URI.file(dir).toString(), capabilities: {}, workspaceFolders: null, locale: 'zh-cn' })) as { capabilities: { codeActionProvider?: { codeActionKinds?: string[] } } };
    assert.ok(init.capabilities.codeActionProvider?.codeActionKinds?.includes('source.fixAll.citokine'));
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });

    const diagnostics = await until(uri, (codes) => codes.includes('term.variant'));
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'term.variant').map((d) => [d.range.start.line, d.range.start.character, d.source]),
      [
        [3, 31, 'citokine'],
        [3, 41, 'citokine'],
      ],
    );
    const glossaryErrors = await until(glossaryUri, (codes) => codes.length > 0);
    assert.deepEqual(glossaryErrors.map((d) => [d.range.start.line, d.code]), [[5, 'glossary.invalid']]);

    // Hover on gp130: the card, in English here since the document is English (the locale is only the last resort).
    const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 20 } })) as Hover;
    const card = (hover.contents as MarkupContent).value;
    assert.match(card, /^\*\*gp130\*\* — glycoprotein 130 · 糖蛋白130/);
    assert.match(card, /Discussed in the review: \[\\\[4\\\]\]\(file:\/\/.*review-55\.json#L\d+/);
    assert.deepEqual(hover.range, { start: { line: 3, character: 18 }, end: { line: 3, character: 23 } });

    // Completion from a Chinese prefix: IL-6, first with its definition since it is not defined yet.
    const completion = (await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 7 } })) as CompletionList;
    assert.deepEqual(completion.items.slice(0, 2).map((i) => i.label), ['白细胞介素6（IL-6）', 'IL-6']);
    assert.deepEqual((completion.items[1].textEdit as TextEdit).range, { start: { line: 5, character: 4 }, end: { line: 5, character: 7 } });

    // The spelling quick fix for IL6.
    const il6 = diagnostics.find((d) => d.code === 'term.variant' && d.range.start.character === 31)!;
    const actions = (await connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: il6.range, context: { diagnostics: [il6] } })) as CodeAction[];
    const fix = actions.find((a) => a.title === "Change to 'IL-6'");
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(fix.edit?.changes?.[uri], [{ range: il6.range, newText: 'IL-6' }]);

    // The glossary is fixed on disk and now accepts HIF1a: the manuscript is re-checked.
    writeFileSync(glossaryPath, GLOSSARY.replace('variants', 'aliases'));
    await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: glossaryUri, type: 2 }] });
    await until(uri, (codes) => codes.filter((c) => c === 'term.variant').length === 1);
    await until(glossaryUri, (codes) => codes.length === 0);

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    child.kill();
  }
});
