/**
 * Insert Citation: a QuickPick over what the manuscript can cite, searched on the server at
 * each (debounced) keystroke with completion's own ranking, multi-select; the picks go in as
 * one undoable edit in the document's style, extending the group under the cursor.
 * `citokine.insertCitation` also takes a list of keys (tests, keybindings with args).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { citationInsertion, type CitationPick } from './logic/insertion';
import { pickerItem } from './logic/pickerItems';
import { CITOKINE_REQUESTS, type CitationCandidate, type CitationCandidates, type CitationStyle } from './logic/protocol';
import { isManuscript } from './outlineModel';

const SEARCH_DELAY_MS = 120;

type CandidateItem = vscode.QuickPickItem & { readonly candidate: CitationCandidate };

function candidates(client: LanguageClient, document: vscode.TextDocument, query: string): Promise<CitationCandidates> {
  return client
    .sendRequest<CitationCandidates | null>(CITOKINE_REQUESTS.citationCandidates, { uri: document.uri.toString(), query })
    .then((r) => r ?? { style: 'key' as const, items: [] });
}

/** Shows the picker; resolves with the picks and the style, or undefined when dismissed. */
function pick(client: LanguageClient, document: vscode.TextDocument): Promise<{ picks: CitationPick[]; style: CitationStyle } | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<CandidateItem>();
    quickPick.title = vscode.l10n.t('Insert Citation');
    quickPick.placeholder = vscode.l10n.t('Search by author, title, year, journal, key or DOI');
    quickPick.canSelectMany = true;
    // The server ranks and filters; VS Code must not filter its answer again.
    quickPick.matchOnDescription = false;
    quickPick.matchOnDetail = false;
    let style: CitationStyle = 'key';
    let timer: ReturnType<typeof setTimeout> | undefined;
    let asked = 0;
    const chosen = new Map<string, CandidateItem>();
    const search = (query: string) => {
      const ask = ++asked;
      quickPick.busy = true;
      void candidates(client, document, query).then((result) => {
        if (ask !== asked) return;
        style = result.style;
        const items = result.items.map((c): CandidateItem => ({ ...pickerItem(c, style), alwaysShow: true }));
        // Keep what was picked under earlier queries picked and listed.
        const fresh = items.filter((i) => !chosen.has(i.candidate.key));
        quickPick.items = [...chosen.values(), ...fresh];
        quickPick.selectedItems = [...chosen.values()];
        quickPick.busy = false;
      });
    };
    quickPick.onDidChangeValue((value) => {
      clearTimeout(timer);
      timer = setTimeout(() => search(value), SEARCH_DELAY_MS);
    });
    quickPick.onDidChangeSelection((selected) => {
      const visible = new Set(quickPick.items.map((i) => i.candidate.key));
      for (const key of [...chosen.keys()]) if (visible.has(key) && !selected.some((s) => s.candidate.key === key)) chosen.delete(key);
      for (const s of selected) chosen.set(s.candidate.key, s);
    });
    let accepted = false;
    quickPick.onDidAccept(() => {
      accepted = true;
      const picks = [...chosen.values()].map((i) => ({ key: i.candidate.key, number: i.candidate.number }));
      if (picks.length === 0 && quickPick.activeItems[0])
        picks.push({ key: quickPick.activeItems[0].candidate.key, number: quickPick.activeItems[0].candidate.number });
      resolve({ picks, style });
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      clearTimeout(timer);
      if (!accepted) resolve(undefined);
      quickPick.dispose();
    });
    search('');
    quickPick.show();
  });
}

/** The picks for keys given as arguments: each key looked up on the server, so a numeric document gets its numbers. */
async function picksForKeys(
  client: LanguageClient,
  document: vscode.TextDocument,
  keys: readonly string[],
): Promise<{ picks: CitationPick[]; style: CitationStyle }> {
  let style: CitationStyle = 'key';
  const picks: CitationPick[] = [];
  for (const key of keys) {
    const result = await candidates(client, document, key);
    style = result.style;
    const found = result.items.find((c) => c.key === key);
    picks.push({ key, number: found?.number });
  }
  return { picks, style };
}

/**
 * The command: with `keys` (an array of strings) inserts them without the picker. Resolves
 * with the inserted text, or undefined when nothing was inserted.
 */
export async function insertCitation(client: LanguageClient | undefined, keys?: unknown): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!client || !isManuscript(editor?.document)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Citokine: open a Markdown, Quarto or R Markdown manuscript to insert a citation.'),
    );
    return undefined;
  }
  const document = editor.document;
  const given = Array.isArray(keys) && keys.every((k) => typeof k === 'string') ? (keys as string[]) : undefined;
  const chosen = given ? await picksForKeys(client, document, given) : await pick(client, document);
  if (!chosen || chosen.picks.length === 0) return undefined;
  const offset = document.offsetAt(editor.selection.active);
  const insertion = citationInsertion(document.getText(), offset, chosen.style, chosen.picks);
  if (!insertion) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Citokine: the citation already cites these references.'));
    return undefined;
  }
  const range = new vscode.Range(document.positionAt(insertion.start), document.positionAt(insertion.end));
  // One edit: one undo step.
  const applied = await editor.edit((edit) => edit.replace(range, insertion.text));
  return applied ? insertion.text : undefined;
}
