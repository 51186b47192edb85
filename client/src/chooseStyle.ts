/**
 * Choose Citation Style: the built-in styles and the workspace's `.csl` files, then where to
 * write the choice: the manuscript's front matter (`csl:`, one line) or the workspace setting.
 */
import * as vscode from 'vscode';
import { cslFrontMatterEdit } from './logic/frontMatterStyle';
import { isManuscript } from './outlineModel';

const BUILTIN_STYLES: readonly { readonly id: string; readonly label: () => string }[] = [
  { id: 'vancouver', label: () => vscode.l10n.t('Vancouver (NLM), numeric') },
  { id: 'apa', label: () => vscode.l10n.t('APA 7th edition, author-date') },
  { id: 'harvard1', label: () => vscode.l10n.t('Harvard, author-date') },
  { id: 'gb-t-7714-2015', label: () => vscode.l10n.t('GB/T 7714-2015, numeric (Chinese national standard)') },
];

/** `style` and `target` ('frontMatter' | 'workspace') skip the pickers (tests). Resolves with what was written. */
export async function chooseStyle(style?: unknown, target?: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  let chosen = typeof style === 'string' ? style : undefined;
  if (!chosen) {
    const files = await vscode.workspace.findFiles('**/*.csl', '**/node_modules/**', 200);
    const items: (vscode.QuickPickItem & { value?: string })[] = [
      { label: vscode.l10n.t('Built-in styles'), kind: vscode.QuickPickItemKind.Separator },
      ...BUILTIN_STYLES.map((s) => ({ label: s.id, description: s.label(), value: s.id })),
      ...(files.length ? [{ label: vscode.l10n.t('Workspace .csl files'), kind: vscode.QuickPickItemKind.Separator }] : []),
      ...files.map((uri) => {
        const relative =
          editor && isManuscript(editor.document) ? relativePath(editor.document.uri, uri) : vscode.workspace.asRelativePath(uri);
        return { label: vscode.workspace.asRelativePath(uri), description: vscode.l10n.t('CSL file'), value: relative };
      }),
    ];
    chosen = (
      await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Choose Citation Style'),
        placeHolder: vscode.l10n.t('Style for hovers, completion details and reference lists'),
      })
    )?.value;
  }
  if (!chosen) return undefined;
  let where = target === 'frontMatter' || target === 'workspace' ? target : undefined;
  if (!where) {
    const canFrontMatter = editor && isManuscript(editor.document);
    const options = [
      ...(canFrontMatter ? [{ label: vscode.l10n.t('This manuscript (front matter csl:)'), value: 'frontMatter' as const }] : []),
      // The setting takes a built-in style's name only; a .csl file is named in front matter.
      ...(BUILTIN_STYLES.some((s) => s.id === chosen)
        ? [{ label: vscode.l10n.t('Workspace setting citokine.style'), value: 'workspace' as const }]
        : []),
    ];
    where = (await vscode.window.showQuickPick(options, { title: vscode.l10n.t('Where to set the style {0}', chosen) }))?.value;
  }
  if (where === 'workspace') {
    await vscode.workspace.getConfiguration('citokine').update('style', chosen, vscode.ConfigurationTarget.Workspace);
    return chosen;
  }
  if (where !== 'frontMatter' || !editor || !isManuscript(editor.document)) return undefined;
  const document = editor.document;
  const edit = cslFrontMatterEdit(document.getText(), chosen);
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text);
  return (await vscode.workspace.applyEdit(workspaceEdit)) ? chosen : undefined;
}

/** The path of `file` relative to the manuscript's folder, with `/`: what front matter paths are relative to. */
function relativePath(from: vscode.Uri, file: vscode.Uri): string {
  const base = from.path.split('/').slice(0, -1);
  const target = file.path.split('/');
  let common = 0;
  while (common < base.length && common < target.length && base[common] === target[common]) common++;
  return [...base.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}
