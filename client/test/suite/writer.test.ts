/// <reference types="mocha" />
/**
 * The writer's tools in a real editor: Insert Citation (through its key-list argument, which
 * runs the same server ranking and insertion as the picker), the References and Terms views'
 * items and a click landing on the cited key, the status bar text, Choose Citation Style
 * writing front matter, and a Quarto manuscript getting diagnostics. Edits are made in
 * editor buffers and reverted; the .qmd file is written into the runner's workspace copy.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticCode, fixtureUri, openFixture, positionOf, waitFor } from './helpers';

interface Node {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly target?: {
    readonly uri: string;
    readonly range: { start: { line: number; character: number }; end: { line: number; character: number } };
  };
  readonly children?: readonly Node[];
}
interface ViewItems {
  readonly references: readonly Node[];
  readonly terms: readonly Node[];
  readonly status: string;
}

/** The views' items once the outline of the active editor has `predicate` true. */
function viewItems(what: string, predicate: (items: ViewItems) => boolean): Promise<ViewItems> {
  let last: ViewItems | undefined;
  return waitFor(
    what,
    async () => {
      last = await vscode.commands.executeCommand<ViewItems>('citokine.viewItems');
      return last && predicate(last) ? last : undefined;
    },
    () => JSON.stringify(last && { references: last.references.map((n) => n.id), terms: last.terms.map((n) => n.id), status: last.status }),
  );
}

/** Puts the cursor at `position` of the editor. */
function moveTo(editor: vscode.TextEditor, position: vscode.Position): void {
  editor.selection = new vscode.Selection(position, position);
}

suite("Citokine in a real editor: the writer's tools", () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Insert Citation inserts a key group, then extends the group under the cursor, one undo step each', async () => {
    const editor = await openFixture('completion.md');
    const anchor = 'colorectal cancer ';
    const at = positionOf(editor.document, anchor, anchor.length);
    moveTo(editor, at);
    const inserted = await waitFor('Insert Citation to insert two keys', async () =>
      vscode.commands.executeCommand<string | undefined>('citokine.insertCitation', ['hirano2020', 'raskova2022']),
    );
    assert.strictEqual(inserted, '[@hirano2020; @raskova2022]');
    assert.ok(editor.document.getText().includes(`${anchor}[@hirano2020; @raskova2022]`), editor.document.lineAt(at.line).text);
    // The cursor inside the new group: the next pick extends it.
    moveTo(editor, at.translate(0, 3));
    const extended = await vscode.commands.executeCommand<string | undefined>('citokine.insertCitation', ['mace2016']);
    assert.strictEqual(extended, '; @mace2016');
    assert.ok(editor.document.getText().includes('[@hirano2020; @raskova2022; @mace2016]'), editor.document.lineAt(at.line).text);
    await vscode.commands.executeCommand('undo');
    assert.ok(
      editor.document.getText().includes('[@hirano2020; @raskova2022]') && !editor.document.getText().includes('@mace2016'),
      'one undo should remove only the last insertion',
    );
  });

  test('Insert Citation in a numeric manuscript inserts the numbers of the list in use, merged into the group', async () => {
    const editor = await openFixture('builtin-corpus.md');
    // Built-in entries by key: lu2015upregulation is the review's [16] (references/review-55.json).
    const entries = JSON.parse(
      Buffer.from(
        await vscode.workspace.fs.readFile(
          vscode.Uri.file(
            `${vscode.extensions.all.find((e) => e.packageJSON?.name === 'citokine')!.extensionPath}/references/review-55.json`,
          ),
        ),
      ).toString('utf8'),
    ) as { id: string; custom: { number: number } }[];
    const keyOf = (n: number) => entries.find((e) => e.custom.number === n)!.id;
    const inside = positionOf(editor.document, '[16]', 3);
    moveTo(editor, inside);
    const inserted = await waitFor('Insert Citation to add [17] to [16]', async () =>
      vscode.commands.executeCommand<string | undefined>('citokine.insertCitation', [keyOf(18), keyOf(17)]),
    );
    assert.strictEqual(inserted, '16-18');
    assert.ok(editor.document.lineAt(inside.line).text.endsWith('[16-18]。'), editor.document.lineAt(inside.line).text);
  });

  test('the References view lists cited works in order of first citation, and a click lands on the key', async () => {
    const editor = await openFixture('manuscript-en.md');
    const items = await viewItems('the References view of manuscript-en.md', (i) => i.references.some((n) => n.id === 'cited/@hirano2020'));
    const ids = items.references.map((n) => n.id).filter((id) => id.startsWith('cited/'));
    const text = editor.document.getText();
    const order = [...ids].sort((a, b) => text.indexOf(a.slice(6)) - text.indexOf(b.slice(6)));
    assert.deepStrictEqual(ids, order, 'cited works are not in order of first citation');
    assert.strictEqual(ids[0], 'cited/@hirano2020');
    const unknown = items.references.find((n) => n.id === 'cited/@nosuchkey2020');
    assert.ok(unknown && /unknown/.test(unknown.label), JSON.stringify(unknown));
    const place = items.references[0].children![0].target!;
    await vscode.commands.executeCommand('citokine.revealPlace', place);
    const active = vscode.window.activeTextEditor!;
    assert.strictEqual(active.document.getText(active.selection), '@hirano2020');
  });

  test('the Terms view lists the glossary terms used, with a place that lands on the term', async () => {
    await openFixture('manuscript-en.md');
    const items = await viewItems('the Terms view to list gp130', (i) => i.terms.some((n) => /gp130/.test(n.label)));
    const gp130 = items.terms.find((n) => /gp130/.test(n.label))!;
    await vscode.commands.executeCommand('citokine.revealPlace', gp130.children!.find((c) => /First used/.test(c.label))!.target);
    const active = vscode.window.activeTextEditor!;
    assert.strictEqual(active.document.getText(active.selection), 'gp130');
  });

  test('the status bar names the bibliographies and glossary with counts and the findings', async () => {
    await openFixture('manuscript-en.md');
    const items = await viewItems('the status bar text', (i) => /\$\(book\)/.test(i.status));
    assert.match(items.status, /^\$\(book\) \d+ bibliographies \d+ · \$\(symbol-text\) glossary \d+ · \$\(warning\) [1-9]\d*$/);
    assert.strictEqual(await vscode.commands.executeCommand('citokine.statusText'), items.status);
  });

  test('Choose Citation Style writes csl: into the front matter only', async () => {
    const editor = await openFixture('manuscript-en.md');
    const before = editor.document.getText();
    const written = await vscode.commands.executeCommand<string | undefined>('citokine.chooseStyle', 'gb-t-7714-2015', 'frontMatter');
    assert.strictEqual(written, 'gb-t-7714-2015');
    const after = editor.document.getText();
    assert.ok(after.startsWith('---\ntitle: IL-6 signalling in cancer\n'), after.slice(0, 80));
    assert.strictEqual(after.replace('\ncsl: gb-t-7714-2015', ''), before);
  });

  test('a Quarto manuscript opens as quarto and gets diagnostics', async () => {
    const uri = fixtureUri('quarto-check.qmd');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('---\ntitle: Q\n---\n\nIL-6 signals [@nosuchquartokey].\n', 'utf8'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    assert.strictEqual(document.languageId, 'quarto');
    await waitFor('citation.unknown-key in quarto-check.qmd', () =>
      vscode.languages.getDiagnostics(uri).some((d) => diagnosticCode(d) === 'citation.unknown-key') ? true : undefined,
    );
  });

  test('the Markdown preview renders citations in the document style, marks unknown keys and appends the list', async () => {
    const editor = await openFixture('manuscript-en.md');
    let html = '';
    await waitFor(
      'the Markdown preview engine to render Citokine citations',
      async () => {
        await vscode.commands.executeCommand('citokine.renderedCitations');
        html = await vscode.commands.executeCommand<string>('markdown.api.render', editor.document);
        return html.includes('citokine-references') && html.includes('citokine-unknown') ? true : undefined;
      },
      () => html.slice(0, 600),
    );
    // Vancouver (the default) numbers by first citation: @hirano2020 is cited first.
    assert.match(html, /<span class="citokine-citation">\[1\]<\/span>/);
    assert.match(html, /class="citokine-citation citokine-unknown" title="Unknown: @nosuchkey2020"/);
    const list = html.slice(html.indexOf('citokine-references'));
    assert.match(list, /\[1\]<\/span> Hirano/);
  });
});
