/**
 * The Citokine view container's References and Terms trees, and the status bar item, all
 * drawn from the OutlineModel. Tree nodes come from logic/treeItems.ts; a click reveals the
 * node's place; "Go to Entry" asks the definition provider at a cited work's first place.
 */
import * as vscode from 'vscode';
import { referenceNodes, termNodes, type NodeTarget, type TreeNode } from './logic/treeItems';
import { statusText } from './logic/statusText';
import type { DocumentOutline } from './logic/protocol';
import type { OutlineModel } from './outlineModel';

class OutlineTree implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  nodes: TreeNode[] = [];

  constructor(private readonly build: (outline: DocumentOutline) => TreeNode[]) {}

  update(outline: DocumentOutline | undefined): void {
    this.nodes = outline ? this.build(outline) : [];
    this.changed.fire();
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? [...(node.children ?? [])] : this.nodes;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state = node.children?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.contextValue;
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
    if (node.target) item.command = { command: 'citokine.revealPlace', title: vscode.l10n.t('Go to Place'), arguments: [node.target] };
    return item;
  }
}

function toRange(target: NodeTarget): vscode.Range {
  const { start, end } = target.range;
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

/** Opens the manuscript at the target and selects it. */
async function revealPlace(target: NodeTarget): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
  const range = toRange(target);
  const editor = await vscode.window.showTextDocument(document, { selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The entry a cited work resolves to, through the language server's definition provider. */
async function goToEntry(node: TreeNode | undefined): Promise<void> {
  const target = node?.target;
  if (!target) return;
  const uri = vscode.Uri.parse(target.uri);
  const at = toRange(target).start.translate(0, 1);
  const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
    'vscode.executeDefinitionProvider',
    uri,
    at,
  );
  const first = locations?.[0];
  if (!first) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Citokine: no entry defines this reference.'));
    return;
  }
  const [targetUri, range] =
    'targetUri' in first ? [first.targetUri, first.targetSelectionRange ?? first.targetRange] : [first.uri, first.range];
  await vscode.window.showTextDocument(targetUri, { selection: range });
}

/** Registers the views, the status bar item and their commands. */
export function registerViews(context: vscode.ExtensionContext, model: OutlineModel): void {
  const references = new OutlineTree(referenceNodes);
  const terms = new OutlineTree(termNodes);
  const status = vscode.window.createStatusBarItem('citokine.status', vscode.StatusBarAlignment.Right, 100);
  status.name = vscode.l10n.t('Citokine');
  status.command = 'citokine.showView';
  const update = (outline: DocumentOutline | undefined) => {
    references.update(outline);
    terms.update(outline);
    if (!outline) return status.hide();
    const shown = statusText(outline);
    status.text = shown.text;
    status.tooltip = shown.tooltip;
    status.show();
  };
  context.subscriptions.push(
    status,
    vscode.window.createTreeView('citokine.references', { treeDataProvider: references, showCollapseAll: true }),
    vscode.window.createTreeView('citokine.terms', { treeDataProvider: terms, showCollapseAll: true }),
    model.onDidChange(update),
    vscode.commands.registerCommand('citokine.revealPlace', revealPlace),
    vscode.commands.registerCommand('citokine.goToEntry', goToEntry),
    vscode.commands.registerCommand('citokine.showView', () => vscode.commands.executeCommand('citokine.references.focus')),
    vscode.commands.registerCommand('citokine.refreshViews', () => model.refresh()),
    // For tests and other extensions: what the views and the status bar show, after a fresh refresh.
    vscode.commands.registerCommand('citokine.viewItems', async () => {
      await model.refresh();
      return { references: references.nodes, terms: terms.nodes, status: status.text };
    }),
    vscode.commands.registerCommand('citokine.statusText', () => status.text),
  );
  model.schedule(0);
}
