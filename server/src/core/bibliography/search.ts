/**
 * Searching a library as an author remembers a work: by key, author, title words, year,
 * journal or DOI, in Latin or Han script, folded for case and accents. Completion ranks its
 * items with it and workspace symbols find entries with it, so both answer alike. Fields are
 * folded once per parsed item and the index once per merged library: a 10,000-entry library
 * is searched at every keystroke.
 */
import type { Library, LibraryEntry } from './library';
import { issuedYear } from './cslItem';
import { builtinContext } from './referenceCard';
import { hasHan } from '../text/script';

/** What a search looks at in an entry, folded once per parsed item (lower case, no diacritics). */
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
  /** Every field above in one string, so that one `includes` rejects an entry no test can match. */
  readonly all: string;
}

const searchFieldsCache = new WeakMap<object, SearchFields>();

/** Lower case without diacritics, so `perez` finds Pérez; Han characters pass unchanged. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** " word word": punctuation becomes a space so that a word prefix is `includes(' ' + w)`. */
function spaced(text: string): string {
  return ` ${fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()}`;
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
      if (family && given && hasHan(family)) families.push(family + given);
      if (given) others.push(given);
      if (typeof n.literal === 'string') families.push(fold(n.literal));
    }
  }
  const context = builtinContext(item);
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const fields = {
    key: entry.key.toLowerCase(),
    families,
    others: others.join(' '),
    title: spaced(str(item.title)),
    year: issuedYear(item) ?? '',
    container: spaced([str(item['container-title']), str(item['container-title-short']), str(item.journalAbbreviation)].join(' ')),
    doi: str(item.DOI).toLowerCase(),
    extra: fold([context?.citedFor?.en, context?.citedFor?.zh].filter(Boolean).join(' ')),
  };
  // Joined with a character no folded query contains, so that no match spans two fields.
  const all = [fields.key, ...families, fields.others, fields.title, fields.year, fields.container, fields.doi, fields.extra].join('\n');
  const withAll: SearchFields = { ...fields, all };
  searchFieldsCache.set(entry.item, withAll);
  return withAll;
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

/** An entry with what a search looks at in it. */
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

/** What was typed, folded: the whole text and its words, each also with a leading space for word-prefix tests. */
interface Query {
  readonly needle: string;
  readonly spacedNeedle: string;
  readonly words: readonly string[];
  readonly spacedWords: readonly string[];
}

/** An entry's score for the query, lower is better, or -1 when it does not match. */
function scoreOf(fields: SearchFields, query: Query): number {
  const { needle, words } = query;
  // One search of all the fields rejects most entries that cannot match: every test below
  // looks for the whole text or for each word in some field.
  if (!fields.all.includes(needle) && !words.every((w) => fields.all.includes(w))) return -1;
  if (fields.key.startsWith(needle)) return 0;
  if (fields.key.includes(needle)) return 1;
  if (fields.doi && fields.doi.startsWith(needle)) return 2;
  const tier = wordTier(fields, needle, query.spacedNeedle);
  if (tier >= 0) return tier + 2;
  // The whole text matches no field: each of its words must match one.
  let score = words.length > 1 || (words.length === 1 && words[0] !== needle) ? 3 : -1;
  for (let i = 0; i < words.length && score >= 0; i++) {
    const wordScore = wordTier(fields, words[i], query.spacedWords[i]);
    score = wordScore < 0 ? -1 : score + wordScore;
  }
  return score;
}

/**
 * The entries a recent query matched, per entry list, most recent first. Completion lists are
 * incomplete, so each keystroke asks again with a longer text: its matches are among the
 * previous text's (see `narrows`), and ranking those few instead of the whole library keeps
 * typing fast at 50,000 entries. A few queries are kept, for several documents or a backspace.
 */
const recentMatches = new WeakMap<readonly unknown[], { readonly query: Query; readonly matched: readonly IndexedEntry[] }[]>();
const RECENT_QUERIES = 8;

/**
 * Whether everything `query` matches also matches `previous`: the whole text extends the
 * previous one, and the words are the previous words with the last one extended and maybe
 * more after it. Every field test is `startsWith` or `includes` (and the year's digits stay
 * digits), so a word's matches are among its prefix's, and so are the whole text's.
 */
function narrows(previous: Query, query: Query): boolean {
  const before = previous.words;
  const after = query.words;
  if (before.length === 0 || before.length > after.length || !query.needle.startsWith(previous.needle)) return false;
  const last = before.length - 1;
  for (let i = 0; i < last; i++) if (before[i] !== after[i]) return false;
  return after[last].startsWith(before[last]);
}

/** The entries worth scoring: a recent query's matches when this query narrows it, else all. */
function candidatesFor(entries: readonly IndexedEntry[], query: Query): readonly IndexedEntry[] {
  const recent = recentMatches.get(entries);
  let best: readonly IndexedEntry[] = entries;
  for (const { query: previous, matched } of recent ?? []) if (matched.length < best.length && narrows(previous, query)) best = matched;
  return best;
}

function remember(entries: readonly IndexedEntry[], query: Query, matched: readonly IndexedEntry[]): void {
  const recent = (recentMatches.get(entries) ?? []).filter(
    (r) => r.query.needle !== query.needle || r.query.words.join(' ') !== query.words.join(' '),
  );
  recent.unshift({ query, matched });
  recentMatches.set(entries, recent.slice(0, RECENT_QUERIES));
}

/**
 * Orders entries for what was typed, on the server so that every client gets the same
 * order. The whole text as a key prefix ranks first, then the whole text matching one field
 * (key, authors, title, year, journal, DOI); otherwise every typed word must match some
 * field and the entry scores the sum of its words' tiers. At equal scores, keys this document already cites come first, then the
 * user's own library before the built-in corpus, then keys in order. `limit` keeps only the
 * best few without sorting a 10,000-entry library. A list from `searchIndex` is narrowed
 * from the previous keystroke's matches.
 */
export function rankEntries(
  entries: Iterable<LibraryEntry | IndexedEntry>,
  prefix: string,
  cited: ReadonlySet<string> = new Set(),
  limit = Infinity,
): RankedEntry[] {
  const needle = fold(prefix.trim());
  if (!needle && Array.isArray(entries)) return firstEntries(entries as readonly (LibraryEntry | IndexedEntry)[], cited, limit);
  const words = queryWords(prefix);
  const query: Query = { needle, spacedNeedle: ` ${needle}`, words, spacedWords: words.map((w) => ` ${w}`) };
  const list = Array.isArray(entries) ? (entries as readonly (LibraryEntry | IndexedEntry)[]) : undefined;
  // Only the search index's lists (entries with fields, kept per library) are worth narrowing.
  const indexed = needle && list && list.length > 0 && 'fields' in list[0] ? (list as readonly IndexedEntry[]) : undefined;
  // Cited entries by identity: a few hundred key lookups rather than a string lookup per entry.
  const citedEntries = list ? citedEntriesOf(list, cited) : undefined;
  const matched: IndexedEntry[] = [];
  // `tie` orders equal scores: cited in this document first, then the user's own library before the built-in corpus.
  const ranked: (RankedEntry & { readonly tie: number })[] = [];
  for (const candidate of indexed ? candidatesFor(indexed, query) : entries) {
    const entry = 'fields' in candidate ? candidate.entry : candidate;
    let score = 0;
    if (needle) {
      score = scoreOf('fields' in candidate ? candidate.fields : searchFields(entry), query);
      if (score < 0) continue;
      if (indexed) matched.push(candidate as IndexedEntry);
    }
    const isCited = citedEntries ? citedEntries.has(entry) : cited.has(entry.key);
    ranked.push({ entry, score, tie: (isCited ? 0 : 2) + (entry.origin === 'builtin' ? 1 : 0) });
  }
  if (indexed) remember(indexed, query, matched);
  const order = (a: (typeof ranked)[number], b: (typeof ranked)[number]) =>
    a.score - b.score || a.tie - b.tie || (a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0);
  return limit < ranked.length ? topK(ranked, limit, order) : ranked.sort(order);
}

/** Entry lists in the order of an empty query (own library first, then by key), sorted once per list, with each key's place. */
const defaultOrders = new WeakMap<
  readonly unknown[],
  { readonly ordered: readonly LibraryEntry[]; readonly place: ReadonlyMap<string, number> }
>();

function defaultOrder(entries: readonly (LibraryEntry | IndexedEntry)[]): {
  readonly ordered: readonly LibraryEntry[];
  readonly place: ReadonlyMap<string, number>;
} {
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
