/// <reference types="mocha" />
/**
 * Citations in a real editor: completion, hover and diagnostics go through the real
 * extension, its language client and the language server, on the fixture workspace
 * e2e/fixtures/workspace (BibTeX refs.bib, CSL-JSON refs.json, the built-in corpus), of which
 * the runner opens a temporary copy.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { completionLabels, diagnosticCode, hoverAt, normalize, openFixture, positionOf, waitFor } from './helpers';

const BIB_KEYS = ['johnson2018', 'hirano2020', 'mace2016', 'li2018'];
const CSL_KEYS = ['raskova2022', 'matsuoka2016'];

/** Waits until the hover at `needle` (+delta) contains every one of `expected` (case-insensitive). */
async function hoverShows(file: string, needle: string, delta: number, expected: readonly string[]): Promise<string> {
  const editor = await openFixture(file);
  const document = editor.document;
  const position = positionOf(document, needle, delta);
  let last = '';
  return waitFor(
    `hover at ${file}:${position.line + 1}:${position.character + 1} (${needle}) to show ${expected.join(', ')}`,
    async () => {
      last = await hoverAt(document.uri, position);
      const text = normalize(last);
      return expected.every((e) => text.includes(normalize(e))) ? last : undefined;
    },
    () => JSON.stringify(last.slice(0, 400)),
  );
}

suite('Citokine in a real editor: citations', () => {
  suiteSetup(async () => {
    // Opening a Markdown file is what activates the extension (activationEvents).
    await openFixture('manuscript-en.md');
    const extension = vscode.extensions.all.find((e) => e.packageJSON?.name === 'citokine');
    assert.ok(extension, 'the Citokine extension is not loaded in this extension host');
    await waitFor('the Citokine extension to activate', () => (extension.isActive ? true : undefined));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('completion after [@ lists the keys of the BibTeX and CSL-JSON bibliographies', async () => {
    const editor = await openFixture('completion.md');
    const document = editor.document;
    const anchor = 'colorectal cancer ';
    const at = positionOf(document, anchor, anchor.length);
    try {
      // Type into the editor buffer only; the revert below leaves the file on disk untouched.
      const typed = await editor.edit((edit) => edit.insert(at, '[@'));
      assert.ok(typed, 'could not type [@ into completion.md');
      const position = at.translate(0, 2);
      let labels: string[] = [];
      await waitFor(
        `completion at ${position.line + 1}:${position.character + 1} to list ${[...BIB_KEYS, ...CSL_KEYS].join(', ')}`,
        async () => {
          const list = await vscode.commands.executeCommand<vscode.CompletionList>(
            'vscode.executeCompletionItemProvider',
            document.uri,
            position,
            '@',
          );
          labels = completionLabels(list);
          const joined = labels.join('\n');
          return [...BIB_KEYS, ...CSL_KEYS].every((key) => joined.includes(key)) ? true : undefined;
        },
        () => JSON.stringify(labels.slice(0, 20)),
      );
      assert.ok(!labels.some((label) => label.includes('nosuchkey2020')), 'completion offered a key no bibliography defines');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  test('hover on a BibTeX key shows the formatted reference', async () => {
    await hoverShows('manuscript-en.md', '@hirano2020', 3, [
      'Hirano',
      'IL-6 in inflammation, autoimmunity and cancer',
      'International Immunology',
    ]);
  });

  test('hover on a CSL-JSON key shows the formatted reference', async () => {
    // A family name with diacritics (Rašková) must come through unchanged.
    await hoverShows('manuscript-en.md', '@raskova2022', 3, [
      'Rašková',
      'Role of IL-6 in Cancer Cell Invasiveness and Metastasis',
      'Cells',
    ]);
  });

  test('hover on a key in a Chinese manuscript shows the formatted reference', async () => {
    await hoverShows('manuscript-zh.md', '@li2018', 3, ['Li J', 'Sensitizes Anti-PD-L1 Treatment', 'Medical Science Monitor']);
  });

  test('an unknown key is reported as citation.unknown-key on its own line, and only there', async () => {
    const editor = await openFixture('manuscript-en.md');
    const document = editor.document;
    const expectedLine = positionOf(document, '@nosuchkey2020').line;
    let seen = '';
    const unknown = await waitFor(
      `a citation.unknown-key diagnostic in manuscript-en.md`,
      () => {
        const diagnostics = vscode.languages.getDiagnostics(document.uri);
        seen = JSON.stringify(diagnostics.map((d) => ({ code: diagnosticCode(d), line: d.range.start.line + 1, message: d.message })));
        const found = diagnostics.filter((d) => diagnosticCode(d) === 'citation.unknown-key');
        return found.length ? found : undefined;
      },
      () => seen,
    );
    assert.deepStrictEqual(
      unknown.map((d) => d.range.start.line + 1),
      [expectedLine + 1],
      `citation.unknown-key should be reported once, on line ${expectedLine + 1}; saw ${seen}`,
    );
    assert.ok(
      document.getText(unknown[0].range).includes('nosuchkey2020'),
      `the diagnostic's range should cover the key, covers ${JSON.stringify(document.getText(unknown[0].range))}`,
    );
  });

  test('a Chinese manuscript citing only known keys has no citation.unknown-key', async () => {
    const editor = await openFixture('manuscript-zh.md');
    const uri = editor.document.uri;
    // Wait until the server has published for this document (the hover proves it indexed it),
    // then the absence of the finding means something.
    await hoverShows('manuscript-zh.md', '@johnson2018', 3, ['Johnson']);
    const unknown = vscode.languages.getDiagnostics(uri).filter((d) => diagnosticCode(d) === 'citation.unknown-key');
    assert.deepStrictEqual(
      unknown.map((d) => d.message),
      [],
    );
  });

  test('hover on a numeric citation of the built-in corpus shows its identification', async () => {
    await hoverShows('builtin-corpus.md', '[16]', 1, ['identified (certain)', 'Upregulation of TLRs and IL-6']);
  });

  test('hover on a glossary term (gp130) shows its glossary definition', async () => {
    await hoverShows('manuscript-en.md', 'gp130', 2, ['signal-transducing receptor subunit']);
  });
});
