/// <reference types="mocha" />
/**
 * Edits and navigation in a real editor: the quick fix for a mistyped key, renaming a key
 * across manuscripts and the bibliography, and go to definition. Edits are applied to editor
 * buffers only (and reverted) or only inspected, so the fixture files on disk never change.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticCode, fixtureUri, openFixture, positionOf, waitFor } from './helpers';

/** The text each edit of `edit` would replace, per file name. */
async function replacedTexts(edit: vscode.WorkspaceEdit): Promise<Map<string, string[]>> {
  const byFile = new Map<string, string[]>();
  for (const [uri, edits] of edit.entries()) {
    const document = await vscode.workspace.openTextDocument(uri);
    const name = uri.path.split('/').pop() ?? uri.path;
    byFile.set(
      name,
      edits.map((e) => `${document.getText(e.range)} -> ${e.newText}`),
    );
  }
  return byFile;
}

suite('Citokine in a real editor: edits and navigation', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a mistyped key gets a "Did you mean" quick fix that corrects it and clears the finding', async () => {
    const editor = await openFixture('quickfix.md');
    const document = editor.document;
    const start = positionOf(document, 'hiranno2020');
    const range = new vscode.Range(start, start.translate(0, 'hiranno2020'.length));
    try {
      let seen = '';
      await waitFor(
        'citation.unknown-key on @hiranno2020',
        () => {
          const found = vscode.languages.getDiagnostics(document.uri).filter((d) => diagnosticCode(d) === 'citation.unknown-key');
          seen = JSON.stringify(found.map((d) => d.message));
          return found.length ? true : undefined;
        },
        () => seen,
      );
      let titles: string[] = [];
      const fix = await waitFor(
        'a quick fix suggesting @hirano2020',
        async () => {
          const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider',
            document.uri,
            range,
            vscode.CodeActionKind.QuickFix.value,
          );
          titles = (actions ?? []).map((a) => a.title);
          return (actions ?? []).find((a) => a.title.includes('@hirano2020') && a.edit);
        },
        () => JSON.stringify(titles),
      );
      const before = document.getText();
      assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the quick fix edit did not apply');
      // Only the key changes: the whole document is the old one with the key corrected.
      assert.strictEqual(document.getText(), before.replace('[@hiranno2020]', '[@hirano2020]'));
      await waitFor('citation.unknown-key to clear after the fix', () =>
        vscode.languages.getDiagnostics(document.uri).some((d) => diagnosticCode(d) === 'citation.unknown-key') ? undefined : true,
      );
    } finally {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('renaming a key edits every manuscript citing it and the BibTeX entry, and only the key', async () => {
    const editor = await openFixture('manuscript-en.md');
    const document = editor.document;
    // Open the other manuscript too: its citation must be renamed as well.
    await vscode.workspace.openTextDocument(fixtureUri('manuscript-zh.md'));
    const position = positionOf(document, '@mace2016', 3);
    let last = '';
    const edit = await waitFor(
      'a rename edit for @mace2016',
      async () => {
        const result = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
          'vscode.executeDocumentRenameProvider',
          document.uri,
          position,
          'mace2016gut',
        );
        last = result ? JSON.stringify([...(await replacedTexts(result)).entries()]) : 'no edit';
        return result && result.size > 0 ? result : undefined;
      },
      () => last,
    );
    const texts = await replacedTexts(edit);
    assert.deepStrictEqual([...texts.keys()].sort(), ['manuscript-en.md', 'manuscript-zh.md', 'refs.bib'], `files edited: ${last}`);
    for (const [file, replaced] of texts) {
      for (const r of replaced) assert.strictEqual(r, 'mace2016 -> mace2016gut', `in ${file}: ${r}`);
    }
  });

  test('go to definition on a key leads to its entry in refs.bib', async () => {
    const editor = await openFixture('manuscript-en.md');
    const position = positionOf(editor.document, '@johnson2018', 3);
    let last = '';
    const target = await waitFor(
      'a definition of @johnson2018',
      async () => {
        const result = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
          'vscode.executeDefinitionProvider',
          editor.document.uri,
          position,
        );
        last = JSON.stringify(result);
        const first = result?.[0];
        if (!first) return undefined;
        return 'targetUri' in first ? { uri: first.targetUri, range: first.targetSelectionRange ?? first.targetRange } : first;
      },
      () => last,
    );
    assert.ok(target.uri.path.endsWith('/refs.bib'), `definition in ${target.uri.toString()}`);
    const bib = await vscode.workspace.openTextDocument(target.uri);
    const lineText = bib.lineAt(target.range.start.line).text;
    assert.ok(lineText.includes('johnson2018'), `definition line reads ${JSON.stringify(lineText)}`);
  });
});
