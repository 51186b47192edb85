/**
 * Citation completion: keys after `[@`, `@` or `; @`, and numbers inside numeric brackets.
 * Ranking happens here, on the server, so every LSP client gets the same good order; the
 * formatted reference is added on resolve, for the one item the user looks at. A key's one-line
 * description goes with every item, since clients such as Neovim's menu show it on every row,
 * unless the client says it fills `detail` in at resolve (LSP `resolveSupport`; VS Code, which
 * shows it for the focused row only): its answers are then about a quarter smaller.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { Library, LibraryEntry } from '../bibliography/library';
import { isExcluded, parseManuscript, type Manuscript } from '../markdown/manuscript';
import { reparseManuscript } from '../markdown/incremental';
import { isKeyCharacter, isKeyPunctuation, mayPrecedeCitation } from './keys';
import { cardItems, referenceCard, shortDescription } from '../bibliography/referenceCard';
import { whenRendered } from '../bibliography/render';
import { escapeMarkdown } from '../markdown/escape';
import { rankEntries, searchIndex, type RankedEntry } from '../bibliography/search';
import type { OffsetRange } from '../text/textRange';

/** Where the cursor is, as far as completion cares. */
export type CompletionSite =
  | { readonly kind: 'key'; readonly prefix: string; readonly replace: OffsetRange }
  | { readonly kind: 'number'; readonly prefix: string; readonly replace: OffsetRange };

const MAX_ITEMS = 100;
/** The sort texts of the ranked items, `00000` up: made once rather than twice per item per keystroke. */
const SORT_TEXTS = Array.from({ length: MAX_ITEMS }, (_, index) => String(index).padStart(5, '0'));
/** How far completion looks back for the `@` or `[` of the citation being typed. */
const MAX_KEY_LOOKBACK = 200;
const MAX_NUMBER_LOOKBACK = 40;

/**
 * The citation key or number being typed at `offset`, if any. With `bareBracket`, a `[`
 * just typed is a number site too (for documents that cite by number).
 */
export function completionSite(manuscript: Manuscript, offset: number, bareBracket = false): CompletionSite | undefined {
  if (offset > 0 && isExcluded(manuscript.scan, offset - 1)) return undefined;
  if (manuscript.scan.frontMatter && offset < manuscript.scan.frontMatter.range.end) return undefined;
  return keySite(manuscript.text, offset) ?? numberSite(manuscript.text, offset, bareBracket);
}

/**
 * A key being typed: walk back over key characters to an `@` where a citation may start
 * (the parser's own rule: not after a word or an e-mail's local part), then forward over the
 * rest of the key, which the completion replaces.
 */
function keySite(text: string, offset: number): CompletionSite | undefined {
  let start = offset;
  while (
    start > 0 &&
    offset - start < MAX_KEY_LOOKBACK &&
    text[start - 1] !== '@' &&
    (isKeyCharacter(text[start - 1]) || text[start - 1] === '{')
  )
    start--;
  if (start === 0 || text[start - 1] !== '@' || !mayPrecedeCitation(text, start - 1)) return undefined;
  const braced = text[start] === '{';
  const keyStart = braced ? start + 1 : start;
  let end = offset;
  while (end < text.length && end - offset < MAX_KEY_LOOKBACK && isKeyCharacter(text[end])) end++;
  // A bare key cannot end in punctuation: `@smith.` is `@smith` and a full stop, which stays.
  if (!braced && end > keyStart && isKeyPunctuation(text[end - 1])) end = offset;
  return { kind: 'key', prefix: text.slice(keyStart, offset), replace: { start: keyStart, end } };
}

/**
 * A number: inside `[` followed only by digits, separators and dashes, with a digit typed or
 * after a separator; or, with `bareBracket`, right after a `[` that opens no link, image or note.
 */
function numberSite(text: string, offset: number, bareBracket: boolean): CompletionSite | undefined {
  let open = offset;
  while (open > 0 && offset - open < MAX_NUMBER_LOOKBACK && /[0-9,，\s\-–—]/.test(text[open - 1])) open--;
  if (open === 0 || text[open - 1] !== '[' || text[open] === '^') return undefined;
  const inside = text.slice(open, offset);
  if (/\n/.test(inside)) return undefined;
  if (inside.length === 0 && !(bareBracket && /[^!^[\]\\]/.test(text[open - 2] ?? ' '))) return undefined;
  let digits = offset;
  while (digits > open && /[0-9]/.test(text[digits - 1])) digits--;
  let end = offset;
  while (end < text.length && /[0-9]/.test(text[end])) end++;
  return { kind: 'number', prefix: text.slice(digits, offset), replace: { start: digits, end } };
}

/**
 * Runs citation completion once on a small document of its own, citing a key of the library,
 * after two small edits of it: the edits' parse, the site, the ranking and the items are compiled
 * before a writer's first keystrokes rather than on them (the first keystrokes of a session
 * were among its slowest). The host calls it once the library's index is built and warmed; it
 * leaves only what a completion leaves (cached item details, the cited set of that document).
 */
export function warmCitationCompletion(library: Library): void {
  const key = searchIndex(library)[0]?.key;
  if (!key) return;
  let manuscript = parseManuscript(WARM_URI, `Warm [@${key}].\n\nText [@`, 1);
  // Two keystrokes: the second edits a version whose citation is already being typed.
  for (let version = 2; version <= 3; version++) {
    const text = `${manuscript.text}${key.charAt(version - 2) || 'x'}`;
    manuscript = reparseManuscript(manuscript, text, version);
    completeCitation(manuscript, library, text.length);
  }
}
const WARM_URI = 'untitled:citokine-warm-up.md';

/**
 * What a citation completion item carries to its resolve: the document, and the number a
 * number item completes, or `kind: 'key'` for a key item, whose key is its label (not sent
 * twice: typing asks for a hundred items at every keystroke). A term item's data has neither.
 */
export type CompletionItemData =
  { readonly uri: string; readonly kind: 'key' } | { readonly uri: string; readonly number: number; readonly kind?: undefined };

/**
 * Citation completion at `offset`: ranked keys, or the numbers of the numbered list; undefined
 * off a citation. `detailAtResolve`: the client resolves `detail`, so key items go without it.
 */
export function completeCitation(
  manuscript: Manuscript,
  library: Library,
  offset: number,
  detailAtResolve = false,
): CompletionList | undefined {
  const site = citationCompletionSite(manuscript, library, offset);
  if (!site) return undefined;
  const range = manuscript.lines.rangeOf(site.replace);
  if (site.kind === 'key') {
    const data: CompletionItemData = { uri: manuscript.uri, kind: 'key' };
    const items = ranked(library, site.prefix, citedKeys(manuscript, library)).map(({ entry }, index): CompletionItem => ({
      label: entry.key,
      kind: CompletionItemKind.Reference,
      ...(detailAtResolve ? {} : { detail: detailOf(entry) }),
      sortText: SORT_TEXTS[index],
      // The server has already filtered and ranked. VS Code filters again on the client with
      // the text before the cursor, so each item's filterText starts with exactly that text:
      // every item survives and all score alike, and sortText keeps the server's order.
      filterText: site.prefix ? `${site.prefix} ${entry.key}` : entry.key,
      textEdit: { range, newText: entry.key },
      data,
    }));
    // Incomplete: the next keystroke asks the server again, which searches fields the
    // client cannot see (authors, titles, DOIs), rather than narrowing this list.
    return { isIncomplete: true, items };
  }
  if (library.numbered.kind === 'none') return undefined;
  const items: CompletionItem[] = [];
  for (let n = 1; n <= library.numbered.size; n++) {
    const label = String(n);
    if (!label.startsWith(site.prefix)) continue;
    const detail = numberDetail(library, n);
    if (detail === undefined) continue;
    items.push({
      label,
      kind: CompletionItemKind.Reference,
      detail,
      sortText: label.padStart(5, '0'),
      filterText: label,
      textEdit: { range, newText: label },
      data: { uri: manuscript.uri, number: n } satisfies CompletionItemData,
    });
  }
  return { isIncomplete: false, items };
}

/**
 * An entry's one-line description, made once per entry: typing asks for the same hundred
 * entries again at every keystroke.
 */
const details = new WeakMap<LibraryEntry, string>();
function detailOf(entry: LibraryEntry): string {
  let detail = details.get(entry);
  if (detail === undefined) details.set(entry, (detail = shortDescription(entry)));
  return detail;
}

/** The citation site at `offset` for this document and library: a bare `[` counts in a document that cites by number. */
export function citationCompletionSite(manuscript: Manuscript, library: Library, offset: number): CompletionSite | undefined {
  return completionSite(manuscript, offset, citesByNumber(manuscript, library));
}

/**
 * A document cites by number when it has its own numbered list or already holds a numeric
 * citation: then a bare `[` offers the numbers. A key document's `[` is too often a link.
 */
function citesByNumber(manuscript: Manuscript, library: Library): boolean {
  if (library.numbered.kind === 'own-section') return true;
  return library.numbered.kind !== 'none' && manuscript.citations.some((c) => c.kind === 'numeric');
}

/**
 * Keys of the library this document already cites: they rank first among equal matches. The
 * search asks the set only about the library's keys, so a key no entry has changes nothing
 * there and is left out: above all the key being typed (`[@snd` cites `snd`), which would
 * otherwise make a new set at nearly every keystroke.
 */
function citedKeys(manuscript: Manuscript, library: Library): ReadonlySet<string> {
  const last = lastCited;
  if (last && last.byKey === library.byKey && citesInOrder(manuscript, library.byKey, last.keys)) return last.set;
  const keys: string[] = [];
  for (const citation of manuscript.citations)
    if (citation.kind === 'key') for (const item of citation.items) if (library.byKey.has(item.key)) keys.push(item.key);
  lastCited = { byKey: library.byKey, keys, set: new Set(keys) };
  return lastCited.set;
}

/**
 * The library and its cited keys of the last completion, in citation order, and their set.
 * Typing a key changes no other citation, so nearly every keystroke finds the same keys: the
 * set is then the same object (no set of a thousand keys made per keystroke), and what the
 * search derives from it is found again (`rankedMemo`). Never changed once made.
 */
let lastCited:
  { readonly byKey: ReadonlyMap<string, unknown>; readonly keys: readonly string[]; readonly set: ReadonlySet<string> } | undefined;

/** Whether the manuscript's key citations of keys in `byKey` cite exactly `keys`, in that order. */
function citesInOrder(manuscript: Manuscript, byKey: ReadonlyMap<string, unknown>, keys: readonly string[]): boolean {
  let n = 0;
  for (const citation of manuscript.citations) {
    if (citation.kind !== 'key') continue;
    for (const item of citation.items) {
      if (n < keys.length && keys[n] === item.key) n++;
      else if (byKey.has(item.key)) return false;
    }
  }
  return n === keys.length;
}

/**
 * The ranking of nothing typed (`[@`, the first keystroke of every citation), kept for the last
 * index and cited set: the same list and the same (unchanged) set rank alike.
 */
let rankedMemo:
  { readonly list: readonly unknown[]; readonly cited: ReadonlySet<string>; readonly ranked: readonly RankedEntry[] } | undefined;

/** `rankEntries` of the library's index, from `rankedMemo` when nothing is typed and nothing changed. */
function ranked(library: Library, prefix: string, cited: ReadonlySet<string>): readonly RankedEntry[] {
  const list = searchIndex(library);
  if (prefix === '' && rankedMemo?.list === list && rankedMemo.cited === cited) return rankedMemo.ranked;
  const result = rankEntries(list, prefix, cited, MAX_ITEMS);
  if (prefix === '') rankedMemo = { list, cited, ranked: result };
  return result;
}

function numberDetail(library: Library, n: number): string | undefined {
  const numbered = library.numbered;
  if (numbered.kind === 'builtin') {
    const entry = numbered.entries.get(n);
    return entry ? shortDescription(entry) : undefined;
  }
  if (numbered.kind === 'own-section') {
    const entry = numbered.entries.get(n);
    return entry ? entry.text.slice(0, 100) : undefined;
  }
  return undefined;
}

/** What `item` completes: its data when it is a citation item (a term item's is not). */
function citationData(item: CompletionItem): CompletionItemData | undefined {
  const data = item.data as Partial<{ kind: unknown; number: unknown }> | undefined;
  return data?.kind === 'key' || typeof data?.number === 'number' ? (data as CompletionItemData) : undefined;
}

/** The library entry a key item, or a built-in corpus's number item, completes. */
function itemEntry(item: CompletionItem, data: CompletionItemData, library: Library): LibraryEntry | undefined {
  if (data.kind === 'key') return library.byKey.get(item.label);
  return library.numbered.kind === 'builtin' ? library.numbered.entries.get(data.number) : undefined;
}

/**
 * Adds the formatted reference to the item the user is looking at, and a key's one-line
 * description when the completion left it to resolve.
 */
export function resolveCitationCompletion(item: CompletionItem, library: Library, style: string): CompletionItem {
  const data = citationData(item);
  if (!data) return item;
  const entry = itemEntry(item, data, library);
  const detail = data.kind === 'key' && entry && item.detail === undefined ? detailOf(entry) : item.detail;
  let value: string | undefined;
  if (entry) value = referenceCard(entry, style);
  else if (data.kind !== 'key' && library.numbered.kind === 'own-section') {
    // The list is the document's text, perhaps pasted from anywhere: shown as text, like its hover.
    const text = library.numbered.entries.get(data.number)?.text;
    value = text === undefined ? undefined : escapeMarkdown(text);
  }
  const resolved = detail === undefined ? item : { ...item, detail };
  return value ? { ...resolved, documentation: { kind: MarkupKind.Markdown, value } } : resolved;
}

/**
 * `resolveCitationCompletion` once the reference it shows is rendered: by the host's render
 * helper when there is one, awaited as a hover awaits it, rather than loading citeproc and
 * rendering on the thread that answers the writer's keystrokes.
 */
export async function resolveCitationCompletionRendered(item: CompletionItem, library: Library, style: string): Promise<CompletionItem> {
  const data = citationData(item);
  const entry = data && itemEntry(item, data, library);
  if (entry) await whenRendered(cardItems(entry), style);
  return resolveCitationCompletion(item, library, style);
}
