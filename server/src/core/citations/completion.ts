/**
 * Citation completion: keys after `[@`, `@` or `; @`, and numbers inside numeric brackets.
 * Ranking happens here, on the server, so every LSP client gets the same good order; the
 * formatted reference is added on resolve, for the one item the user looks at.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { Library, LibraryEntry } from '../bibliography/library';
import { isExcluded, type Manuscript } from '../markdown/manuscript';
import { issuedYear } from './citationText';
import { builtinContext, escapeMarkdown, referenceCard, shortDescription } from '../bibliography/referenceCard';
import type { OffsetRange } from '../text/textRange';

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
    const ranked = rankEntries(searchIndex(library), site.prefix, citedKeys(manuscript), MAX_ITEMS);
    const items = ranked.map(({ entry }, index): CompletionItem => ({
      label: entry.key,
      kind: CompletionItemKind.Reference,
      detail: shortDescription(entry),
      sortText: String(index).padStart(5, '0'),
      // The server has already filtered and ranked. VS Code filters again on the client with
      // the text before the cursor, so each item's filterText starts with exactly that text:
      // every item survives and all score alike, and sortText keeps the server's order.
      filterText: site.prefix ? `${site.prefix} ${entry.key}` : entry.key,
      textEdit: { range, newText: entry.key },
      data: { uri: manuscript.uri, key: entry.key } satisfies CompletionItemData,
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

/** Keys this document already cites: they rank first among equal matches. */
function citedKeys(manuscript: Manuscript): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const citation of manuscript.citations) if (citation.kind === 'key') for (const item of citation.items) keys.add(item.key);
  return keys;
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
      // The list is the document's text, perhaps pasted from anywhere: shown as text, like its hover.
      const text = numbered.entries.get(data.number)?.text;
      value = text === undefined ? undefined : escapeMarkdown(text);
    }
  }
  return value ? { ...item, documentation: { kind: MarkupKind.Markdown, value } } : item;
}

/** What completion searches in an entry, folded once per parsed item (lower case, no diacritics). */
export interface SearchFields {
  readonly key: string;
  /** Family names, and for names in Han characters family+given run together (王小明). */
  readonly families: readonly string[];
  /** Given names and literal names. */
  readonly others: string;
  /** Title words separated by single spaces, with a leading space: " interleukin 6 signalling". */
  readonly title: string;
  readonly year: string;
  /** Journal or book title, in the same spaced form as the title. */
  readonly container: string;
  readonly doi: string;
  /** What the built-in corpus says an entry is cited for (English and Chinese). */
  readonly extra: string;
}

const searchFieldsCache = new WeakMap<object, SearchFields>();

/** Lower case without diacritics, so `perez` finds Pérez; Han characters pass unchanged. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** " word word": punctuation becomes a space so that a word prefix is `includes(' ' + w)`. */
function spaced(text: string): string {
  return ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}`;
}

function searchFields(entry: LibraryEntry): SearchFields {
  const cached = searchFieldsCache.get(entry.item);
  if (cached) return cached;
  const item = entry.item;
  const families: string[] = [];
  const others: string[] = [];
  for (const role of ['author', 'editor']) {
    const names = item[role];
    if (!Array.isArray(names)) continue;
    for (const n of names as { family?: unknown; given?: unknown; literal?: unknown }[]) {
      const family = typeof n.family === 'string' ? fold(n.family) : '';
      const given = typeof n.given === 'string' ? fold(n.given) : '';
      if (family) families.push(family);
      if (family && given && /[\u3400-\u9fff]/.test(family)) families.push(family + given);
      if (given) others.push(given);
      if (typeof n.literal === 'string') families.push(fold(n.literal));
    }
  }
  const context = builtinContext(item);
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const fields: SearchFields = {
    key: entry.key.toLowerCase(),
    families,
    others: others.join(' '),
    title: spaced(str(item.title)),
    year: issuedYear(item) ?? '',
    container: spaced([str(item['container-title']), str(item['container-title-short']), str(item.journalAbbreviation)].join(' ')),
    doi: str(item.DOI).toLowerCase(),
    extra: fold([context?.citedFor?.en, context?.citedFor?.zh].filter(Boolean).join(' ')),
  };
  searchFieldsCache.set(entry.item, fields);
  return fields;
}

/**
 * How well one typed word matches an entry, lower is better, or -1 for no match: a key
 * prefix; a family name; part of the key, a title word or the year; title text anywhere
 * (Chinese titles have no word breaks); a journal word or the DOI; then part of a name, a
 * given name, journal text and the built-in corpus's context.
 */
function wordTier(fields: SearchFields, word: string, spacedWord: string): number {
  if (fields.key.startsWith(word)) return 0;
  const families = fields.families;
  for (let i = 0; i < families.length; i++) if (families[i].startsWith(word)) return 2;
  if (fields.key.includes(word)) return 3;
  if (fields.title.includes(spacedWord)) return 3;
  if (fields.year.startsWith(word) && /^\d+$/.test(word)) return 3;
  if (fields.title.includes(word)) return 4;
  if (fields.container.includes(spacedWord) || fields.doi.includes(word)) return 5;
  for (let i = 0; i < families.length; i++) if (families[i].includes(word)) return 6;
  if (fields.others.includes(word) || fields.container.includes(word) || fields.extra.includes(word)) return 7;
  return -1;
}

/**
 * The words of what was typed: split at punctuation and between letters and digits, so
 * `smith2020` looks for the author Smith in 2020 and `il6` for "IL-6".
 */
function queryWords(typed: string): string[] {
  return fold(typed)
    .split(/[^\p{L}\p{N}]+/u)
    .flatMap((w) => w.match(/\p{N}+|[^\p{N}]+/gu) ?? [])
    .filter(Boolean);
}

/** Entries with their search fields, made once per merged library (the library reuses its map while its files are unchanged). */
const searchIndexes = new WeakMap<ReadonlyMap<string, LibraryEntry>, readonly IndexedEntry[]>();

/** An entry with what completion searches in it. */
export interface IndexedEntry {
  readonly entry: LibraryEntry;
  readonly fields: SearchFields;
}

/** The library's entries ready to rank. */
export function searchIndex(library: Library): readonly IndexedEntry[] {
  let index = searchIndexes.get(library.byKey);
  if (!index) {
    index = [...library.byKey.values()].map((entry) => ({ entry, fields: searchFields(entry) }));
    searchIndexes.set(library.byKey, index);
  }
  return index;
}

/** An entry and its rank: lower scores first. */
export interface RankedEntry {
  readonly entry: LibraryEntry;
  readonly score: number;
}

/**
 * Orders entries for what was typed, on the server so that every client gets the same
 * order. The whole text as a key prefix ranks first, then the whole text matching one field
 * (key, authors, title, year, journal, DOI); otherwise every typed word must match some
 * field and the entry scores the sum of its words' tiers. At equal scores, keys this document already cites come first, then the
 * user's own library before the built-in corpus, then keys in order. `limit` keeps only the
 * best few without sorting a 10,000-entry library.
 */
export function rankEntries(entries: Iterable<LibraryEntry | IndexedEntry>, prefix: string, cited: ReadonlySet<string> = new Set(), limit = Infinity): RankedEntry[] {
  const needle = fold(prefix.trim());
  if (!needle && Array.isArray(entries)) return firstEntries(entries as readonly (LibraryEntry | IndexedEntry)[], cited, limit);
  const words = queryWords(prefix);
  const spacedWords = words.map((w) => ` ${w}`);
  const spacedNeedle = ` ${needle}`;
  // Cited entries by identity: a few hundred key lookups rather than a string lookup per entry.
  const citedEntries = Array.isArray(entries) ? citedEntriesOf(entries as readonly (LibraryEntry | IndexedEntry)[], cited) : undefined;
  // `tie` orders equal scores: cited in this document first, then the user's own library before the built-in corpus.
  const ranked: (RankedEntry & { readonly tie: number })[] = [];
  for (const candidate of entries) {
    const entry = 'fields' in candidate ? candidate.entry : candidate;
    let score = 0;
    if (needle) {
      const fields = 'fields' in candidate ? candidate.fields : searchFields(entry);
      if (fields.key.startsWith(needle)) score = 0;
      else if (fields.key.includes(needle)) score = 1;
      else if (fields.doi && fields.doi.startsWith(needle)) score = 2;
      else if ((score = wordTier(fields, needle, spacedNeedle)) >= 0) score += 2;
      else {
        // The whole text matches no field: each of its words must match one.
        score = words.length > 1 || (words.length === 1 && words[0] !== needle) ? 3 : -1;
        for (let i = 0; i < words.length && score >= 0; i++) {
          const tier = wordTier(fields, words[i], spacedWords[i]);
          score = tier < 0 ? -1 : score + tier;
        }
        if (score < 0) continue;
      }
    }
    const isCited = citedEntries ? citedEntries.has(entry) : cited.has(entry.key);
    ranked.push({ entry, score, tie: (isCited ? 0 : 2) + (entry.origin === 'builtin' ? 1 : 0) });
  }
  const order = (a: (typeof ranked)[number], b: (typeof ranked)[number]) =>
    a.score - b.score || a.tie - b.tie || (a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0);
  return limit < ranked.length ? topK(ranked, limit, order) : ranked.sort(order);
}

/** Entry lists in the order of an empty query (own library first, then by key), sorted once per list, with each key's place. */
const defaultOrders = new WeakMap<readonly unknown[], { readonly ordered: readonly LibraryEntry[]; readonly place: ReadonlyMap<string, number> }>();

function defaultOrder(entries: readonly (LibraryEntry | IndexedEntry)[]): { readonly ordered: readonly LibraryEntry[]; readonly place: ReadonlyMap<string, number> } {
  let order = defaultOrders.get(entries);
  if (!order) {
    const ordered = entries
      .map((c) => ('fields' in c ? c.entry : c))
      .sort((a, b) => (a.origin === 'builtin' ? 1 : 0) - (b.origin === 'builtin' ? 1 : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    order = { ordered, place: new Map(ordered.map((e, i) => [e.key, i])) };
    defaultOrders.set(entries, order);
  }
  return order;
}

/** The entries of the list that the document cites. */
function citedEntriesOf(entries: readonly (LibraryEntry | IndexedEntry)[], cited: ReadonlySet<string>): Set<LibraryEntry> {
  const order = defaultOrder(entries);
  const found = new Set<LibraryEntry>();
  for (const key of cited) {
    const at = order.place.get(key);
    if (at !== undefined) found.add(order.ordered[at]);
  }
  return found;
}

/**
 * Nothing typed yet (`[@`, the commonest moment): cited works first, then the rest in the
 * list's fixed order, without scoring or sorting 10,000 entries again, and looking up only
 * the cited keys rather than testing every entry.
 */
function firstEntries(entries: readonly (LibraryEntry | IndexedEntry)[], cited: ReadonlySet<string>, limit: number): RankedEntry[] {
  const order = defaultOrder(entries);
  const citedPlaces: number[] = [];
  for (const key of cited) {
    const at = order.place.get(key);
    if (at !== undefined) citedPlaces.push(at);
  }
  citedPlaces.sort((a, b) => a - b);
  const result: RankedEntry[] = citedPlaces.slice(0, limit).map((at) => ({ entry: order.ordered[at], score: 0 }));
  for (const entry of order.ordered) {
    if (result.length >= limit) break;
    if (!cited.has(entry.key)) result.push({ entry, score: 0 });
  }
  return result;
}

/** The `k` smallest items in order, in O(n log k): a bounded max-heap, then one sort. */
function topK<T>(items: readonly T[], k: number, order: (a: T, b: T) => number): T[] {
  const heap: T[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (order(heap[i], heap[parent]) <= 0) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let largest = i;
      if (l < heap.length && order(heap[l], heap[largest]) > 0) largest = l;
      if (r < heap.length && order(heap[r], heap[largest]) > 0) largest = r;
      if (largest === i) return;
      [heap[i], heap[largest]] = [heap[largest], heap[i]];
      i = largest;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      up(heap.length - 1);
    } else if (k > 0 && order(item, heap[0]) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(order);
}
