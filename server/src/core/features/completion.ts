/**
 * Citation completion: keys after `[@`, `@` or `; @`, and numbers inside numeric brackets.
 * Ranking happens here, on the server, so every LSP client gets the same good order; the
 * formatted reference is added on resolve, for the one item the user looks at.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { Library, LibraryEntry } from '../library';
import { isExcluded, type Manuscript } from '../manuscript';
import { referenceCard, searchText, shortDescription } from '../referenceCard';
import type { OffsetRange } from '../textRange';

/** Where the cursor is, as far as completion cares. */
export type CompletionSite =
  | { readonly kind: 'key'; readonly prefix: string; readonly replace: OffsetRange }
  | { readonly kind: 'number'; readonly prefix: string; readonly replace: OffsetRange };

const MAX_ITEMS = 100;
const KEY_CHAR = /[\p{L}\p{N}_:.#$%&\-+?<>~/]/u;
/** Characters of an e-mail's local part: an `@` after one of them is an address, not a citation. */
const EMAIL_CHAR = /[A-Za-z0-9_.%+]/;

export function completionSite(manuscript: Manuscript, offset: number): CompletionSite | undefined {
  const text = manuscript.text;
  if (offset > 0 && isExcluded(manuscript.scan, offset - 1)) return undefined;
  if (manuscript.scan.frontMatter && offset < manuscript.scan.frontMatter.range.end) return undefined;

  // A key: walk back over key characters to the `@`.
  let start = offset;
  while (start > 0 && offset - start < 200 && text[start - 1] !== '@' && (KEY_CHAR.test(text[start - 1]) || text[start - 1] === '{')) start--;
  if (start > 0 && text[start - 1] === '@') {
    const at = start - 1;
    const before = at > 0 ? text[at - 1] : '';
    const suppressed = before === '-' && (at < 2 || /[\s[;]/.test(text[at - 2]));
    if (!before || !EMAIL_CHAR.test(before) || suppressed) {
      const braced = text[start] === '{';
      const keyStart = braced ? start + 1 : start;
      let end = offset;
      while (end < text.length && end - offset < 200 && KEY_CHAR.test(text[end]) && text[end] !== '}') end++;
      if (braced || !/[:.#$%&\-+?<>~/]$/.test(text.slice(keyStart, end))) {
        return { kind: 'key', prefix: text.slice(keyStart, offset), replace: { start: keyStart, end } };
      }
      return { kind: 'key', prefix: text.slice(keyStart, offset), replace: { start: keyStart, end: offset } };
    }
  }

  // A number: inside `[` followed only by digits, separators and dashes, with a digit typed or after a separator.
  let open = offset;
  while (open > 0 && offset - open < 40 && /[0-9,，\s\-–—]/.test(text[open - 1])) open--;
  if (open > 0 && text[open - 1] === '[' && text[open] !== '^') {
    const inside = text.slice(open, offset);
    let digits = offset;
    while (digits > open && /[0-9]/.test(text[digits - 1])) digits--;
    if (inside.length > 0 && !/\n/.test(inside)) {
      let end = offset;
      while (end < text.length && /[0-9]/.test(text[end])) end++;
      return { kind: 'number', prefix: text.slice(digits, offset), replace: { start: digits, end } };
    }
  }
  return undefined;
}

export interface CompletionItemData {
  readonly uri: string;
  readonly key?: string;
  readonly number?: number;
}

export function completeCitation(manuscript: Manuscript, library: Library, offset: number): CompletionList | undefined {
  const site = completionSite(manuscript, offset);
  if (!site) return undefined;
  const range = manuscript.lines.rangeOf(site.replace);
  if (site.kind === 'key') {
    const ranked = rankEntries([...library.byKey.values()], site.prefix);
    const items = ranked.slice(0, MAX_ITEMS).map(({ entry, score }, index): CompletionItem => ({
      label: entry.key,
      kind: CompletionItemKind.Reference,
      detail: shortDescription(entry),
      sortText: `${String(score).padStart(2, '0')}${String(index).padStart(5, '0')}`,
      // The server has already filtered: give the client text that contains what was typed.
      filterText: `${site.prefix} ${entry.key}`,
      textEdit: { range, newText: entry.key },
      data: { uri: manuscript.uri, key: entry.key } satisfies CompletionItemData,
    }));
    return { isIncomplete: ranked.length > MAX_ITEMS || site.prefix.length === 0, items };
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

/** Adds the formatted reference to the item the user is looking at. */
export function resolveCitationCompletion(item: CompletionItem, library: Library, style: string): CompletionItem {
  const data = item.data as CompletionItemData | undefined;
  let value: string | undefined;
  if (data?.key) {
    const entry = library.byKey.get(data.key);
    if (entry) value = referenceCard(entry, style);
  } else if (data?.number !== undefined) {
    const numbered = library.numbered;
    if (numbered.kind === 'builtin') {
      const entry = numbered.entries.get(data.number);
      if (entry) value = referenceCard(entry, style);
    } else if (numbered.kind === 'own-section') {
      value = numbered.entries.get(data.number)?.text;
    }
  }
  return value ? { ...item, documentation: { kind: MarkupKind.Markdown, value } } : item;
}

/**
 * Orders entries for what was typed: every word typed must occur in the entry's key,
 * authors, title, year, journal or DOI; key prefixes rank first, then author prefixes, then
 * any match.
 */
export function rankEntries(entries: readonly LibraryEntry[], prefix: string): { entry: LibraryEntry; score: number }[] {
  const words = prefix.toLowerCase().split(/[\s_:;,]+/).filter(Boolean);
  const needle = prefix.toLowerCase();
  const ranked: { entry: LibraryEntry; score: number }[] = [];
  for (const entry of entries) {
    if (words.length === 0) {
      ranked.push({ entry, score: 0 });
      continue;
    }
    const key = entry.key.toLowerCase();
    let score: number;
    if (key.startsWith(needle)) score = 0;
    else if (key.includes(needle)) score = 1;
    else {
      const haystack = searchText(entry).toLowerCase();
      if (!words.every((w) => haystack.includes(w))) continue;
      const family = (entry.item.author as { family?: string }[] | undefined)?.[0]?.family?.toLowerCase() ?? '';
      const title = typeof entry.item.title === 'string' ? entry.item.title.toLowerCase() : '';
      score = family.startsWith(words[0]) ? 2 : words.every((w) => title.includes(w)) ? 3 : 4;
    }
    ranked.push({ entry, score });
  }
  // At equal score the user's own library comes before the built-in corpus.
  const builtinLast = (e: LibraryEntry) => (e.origin === 'builtin' ? 1 : 0);
  ranked.sort((a, b) => a.score - b.score || builtinLast(a.entry) - builtinLast(b.entry) || a.entry.key.localeCompare(b.entry.key));
  return ranked;
}
