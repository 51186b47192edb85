/**
 * Searching a library as an author remembers a work: by key, author, title words, year,
 * journal or DOI, in Latin or Han script, folded for case and accents. Completion ranks its
 * items with it and workspace symbols find entries with it, so both answer alike. The fields
 * and scores are in searchFields.ts; a merged library's index (searchIndex.ts) is built once,
 * so that a 50,000-entry library is searched at every keystroke without a test per entry.
 */
import type { Library, LibraryEntry } from './library';
import { entrySearch, FIELD_ENDS, multiWord, queryOf, scoreOf, type EntryText, type Query } from './searchFields';
import { FEW_MATCHES, narrowedMatches, remember, SOME_MATCHES } from './searchNarrowing';
import { searchIndexBuilder, type Column, type KeyColumns, type SearchIndexData } from './searchIndex';
import { fromLoadedFile } from './searchLoading';
import { bestPacked, packed, packedWith, tieBreak, topK, withTieBreaks, type RankedEntry } from './searchOrder';
import { queryBits } from './searchGrams';

export type { RankedEntry } from './searchOrder';

/** An entry of a library's search index (`searchIndex`): the list is the index. */
export type IndexedEntry = LibraryEntry;

/**
 * A merged library's search index: its entry list (the list `searchIndex` gives), what ranking
 * uses once built, and while it is built, the build's remaining steps and the key columns its
 * first step made.
 */
interface LibraryIndex {
  readonly byKey: ReadonlyMap<string, LibraryEntry>;
  readonly list: LibraryEntry[];
  /** The build's remaining steps; none when it was made from a file's index at once. */
  readonly steps?: Generator<KeyColumns | undefined, SearchIndexData, void>;
  columns?: KeyColumns;
  /** Set when the build is finished. */
  data?: SearchIndexData;
}
/** Per merged library (the library reuses its map while its files are unchanged), and per list: a copy of the list has none and is searched entry by entry. */
const byLibrary = new WeakMap<ReadonlyMap<string, LibraryEntry>, LibraryIndex>();
const byList = new WeakMap<readonly unknown[], LibraryIndex>();

/**
 * The library's entries ready to rank: pass the list as it is to `rankEntries`. The index is
 * built when a query first needs it (nothing typed needs none), or finished then when
 * `prepareSearchIndex` is building it in the background.
 */
export function searchIndex(library: Library): readonly IndexedEntry[] {
  return (byLibrary.get(library.byKey) ?? startIndex(library)).list;
}

/** The index of a list `searchIndex` gave, finishing its build now if it is under way. */
function indexOf(list: readonly unknown[]): SearchIndexData | undefined {
  const index = byList.get(list);
  if (!index?.steps || index.data) return index?.data;
  let step = index.steps.next();
  while (!step.done) step = index.steps.next();
  return (index.data = step.value);
}

/**
 * The key columns of a list whose index is being built (made now if the build has not made
 * them yet): the first characters typed are ranked from them while the rest is built.
 */
function pendingColumns(list: readonly unknown[]): KeyColumns | undefined {
  const index = byList.get(list);
  if (!index?.steps || index.data) return undefined;
  if (!index.columns) {
    const step = index.steps.next();
    if (step.done) index.data = step.value;
    else index.columns = step.value;
  }
  return index.data ? undefined : index.columns;
}

/**
 * How long one timer turn of a background build runs: a request that arrives meanwhile (the
 * first hover right after a check, the first keystrokes after a load) waits for this at most,
 * not for a whole step of cold code and the collection it triggers.
 */
const BUILD_TURN_MS = 4;

/**
 * Builds the library's index in the background, a few milliseconds per timer turn, so
 * that the first completion after a large library loads finds it ready (at 50,000 entries it
 * takes a second or more). The host calls it once a document's diagnostics are out.
 */
export function prepareSearchIndex(library: Library, afterWarm?: () => void): void {
  if (byLibrary.has(library.byKey)) return;
  const index = startIndex(library);
  warmOnceBuilt(index, afterWarm);
}

/** As many as completion asks for (completion.ts `MAX_ITEMS`): the same paths, the same heap sizes. */
const WARM_LIMIT = 100;

/**
 * Once a new index is built, searches it a few times, one query per timer turn (then calls
 * `afterWarm` in a turn of its own), so that the search's code is compiled before a writer's
 * first keystrokes rather than on them (the first full search of a session cost 2-4 times its
 * later ones). The queries come from the library's own middle entry, so that each takes the
 * path it warms: nothing typed, a key typed one character at a time (each search narrowing the
 * one before: `mu` after `m` took 10 ms on its first use, 1 ms after), a whole key, two words
 * that a full search scores, a DOI typed up to its fifth character (`10.4` took 11 ms on its
 * first use), an accented letter (folded) and a Han character (found in the texts). Results are not
 * kept beyond what any search keeps (a recent query's matches, exact for the queries it narrows).
 */
function warmOnceBuilt(index: LibraryIndex, afterWarm?: () => void): void {
  const middle = index.list.length >> 1;
  const key = index.list[middle]?.key;
  if (!key) return;
  const doi = index.list.slice(middle, middle + 50).find((e) => typeof e.item.DOI === 'string')?.item.DOI as string | undefined;
  const queries = ['', ...typedOut(key, 4), key, `${key.slice(0, 2)} ${key.slice(2, 4)}`, ...typedOut(doi ?? '10.1000', 5), 'é', '王'];
  const turn = () => {
    if (!index.data) return void setTimeout(turn, 10);
    const query = queries.shift();
    if (query === undefined) return void afterWarm?.();
    rankEntries(index.list, query, new Set(), WARM_LIMIT);
    setTimeout(turn, 0);
  };
  setTimeout(turn, 0);
}

/**
 * The first `n` characters of `text` as a writer types them, one query per character: each
 * keystroke's search narrows the one before (searchNarrowing.ts), a path a lone query never takes.
 */
function typedOut(text: string, n: number): string[] {
  return Array.from({ length: Math.min(n, text.length) }, (_, i) => text.slice(0, i + 1));
}

/** Starts building the library's index in timer turns (a request may finish it sooner), or makes it at once from its file's index. */
function startIndex(library: Library): LibraryIndex {
  const list = [...library.byKey.values()];
  const data = fromLoadedFile(library, list);
  const index: LibraryIndex = data ? { byKey: library.byKey, list, data } : { byKey: library.byKey, list, steps: searchIndexBuilder(list) };
  byLibrary.set(library.byKey, index);
  byList.set(list, index);
  if (data) return index;
  const steps = index.steps!;
  const turn = () => {
    if (index.data) return; // finished by a request meanwhile
    const until = Date.now() + BUILD_TURN_MS;
    do {
      const step = steps.next();
      if (step.done) {
        index.data = step.value;
        return;
      }
      index.columns ??= step.value;
    } while (Date.now() < until);
    setTimeout(turn, 0);
  };
  setTimeout(turn, 0);
  return index;
}

/** A ranked entry with its tie-break: cited in this document first, then the user's own library before the built-in corpus. */
type Candidate = RankedEntry & { readonly tie: number };

const candidate = (entry: LibraryEntry, score: number, cited: ReadonlySet<string>): Candidate => ({
  entry,
  score,
  tie: tieBreak(cited.has(entry.key), entry.origin === 'builtin'),
});

const byKey = (a: LibraryEntry, b: LibraryEntry) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const order = (a: Candidate, b: Candidate) => a.score - b.score || a.tie - b.tie || byKey(a.entry, b.entry);

/** The best `limit` in order, without sorting them all when there are more. */
function best(ranked: Candidate[], limit: number): RankedEntry[] {
  return limit < ranked.length ? topK(ranked, limit, order) : ranked.sort(order);
}

/**
 * Search texts of entries ranked without an index (workspace symbols, the numbered lists),
 * made once per parsed item and key (one item may stand under two keys).
 */
const plainTexts = new WeakMap<object, { readonly key: string; readonly text: EntryText }>();
function plainText(entry: LibraryEntry): EntryText {
  const cached = plainTexts.get(entry.item);
  if (cached?.key === entry.key) return cached.text;
  const text = entrySearch(entry);
  plainTexts.set(entry.item, { key: entry.key, text });
  return text;
}

/**
 * Orders entries for what was typed, on the server so that every client gets the same
 * order. The whole text as a key prefix ranks first, then the whole text matching one field
 * (key, authors, title, year, journal, DOI); otherwise every typed word must match some
 * field and the entry scores the sum of its words' tiers. At equal scores, keys this
 * document already cites come first, then the user's own library before the built-in
 * corpus, then keys in order. `limit` keeps only the best few without sorting a 10,000-entry
 * library. A list from `searchIndex` is searched through its index.
 */
export function rankEntries(
  entries: Iterable<LibraryEntry>,
  prefix: string,
  cited: ReadonlySet<string> = new Set(),
  limit = Infinity,
): RankedEntry[] {
  const query = queryOf(prefix);
  const list = Array.isArray(entries) ? (entries as readonly LibraryEntry[]) : undefined;
  if (!query.needle && list) return firstEntries(list, cited, limit);
  const columns = query.needle && list ? pendingColumns(list) : undefined;
  const early = columns && quickRanking(columns, query, cited, limit);
  if (early) return early;
  const index = list && indexOf(list);
  if (index && query.needle) {
    // Scoring a few entries that may match (a previous keystroke's matches, those whose
    // signature holds the words' trigrams, or both) costs less than the columns' passes.
    const candidates = mayMatch(index, query);
    if (candidates && candidates.length <= FEW_MATCHES) return rankIndexed(index, query, cited, limit, candidates);
    const keysOnly = candidates !== undefined && candidates.length <= SOME_MATCHES;
    return quickRanking(index, query, cited, limit, keysOnly) ?? rankIndexed(index, query, cited, limit, candidates);
  }
  const ranked: Candidate[] = [];
  for (const entry of entries) {
    let score = 0;
    if (query.needle) {
      const { text, ends } = plainText(entry);
      score = scoreOf(text, ends, 0, query);
      if (score < 0) continue;
    }
    ranked.push(candidate(entry, score, cited));
  }
  return best(ranked, limit);
}

/**
 * The best `limit` entries when at least that many score 4 or better, found through the
 * columns alone: scores 0-2 are a key prefix, part of a key and a DOI prefix, read off the
 * key-ordered columns (`tierInKeyOrder`); a single word's 4 is a family-name prefix, read off
 * its column too; several words score 3 or 4 only as key prefixes or the whole text as a family
 * prefix, scored in full. No other entry scores 4 or better (searchFields.ts), so these are the
 * search's best. With the key columns alone (the index still being built, or `keysOnly`), scores
 * 0-2 only. Undefined when fewer match: the caller searches everything.
 */
function quickRanking(
  index: KeyColumns | SearchIndexData,
  query: Query,
  cited: ReadonlySet<string>,
  limit: number,
  keysOnly = false,
): RankedEntry[] | undefined {
  if (!(limit < index.entries.length)) return undefined;
  const scores = scratchScores(index);
  const chosen: number[] = [];
  try {
    return quickRankingWith(index, query, cited, limit, keysOnly, scores, chosen);
  } finally {
    for (const i of chosen) scores[i] = 0;
  }
}

/**
 * Per index, one score per entry (0: not chosen, else score + 1) for `quickRanking`, cleared
 * after each search at the entries it chose: no search allocates a byte per entry (10 KB at
 * 10,000 entries, at every keystroke).
 */
const scratch = new WeakMap<KeyColumns, Int8Array>();
function scratchScores(index: KeyColumns): Int8Array {
  let scores = scratch.get(index);
  if (!scores) scratch.set(index, (scores = new Int8Array(index.entries.length)));
  return scores;
}

/** `quickRanking` with its per-entry scores (all 0) and the list of entries it marks in them. */
function quickRankingWith(
  index: KeyColumns | SearchIndexData,
  query: Query,
  cited: ReadonlySet<string>,
  limit: number,
  keysOnly: boolean,
  scores: Int8Array,
  chosen: number[],
): RankedEntry[] | undefined {
  const add = (i: number, score: number) => {
    if (scores[i] !== 0) return false;
    scores[i] = score + 1;
    chosen.push(i);
    return true;
  };
  const needle = query.needle;
  const tiers: [number, Column, string][] = [
    [0, index.keys, `\n${needle}`],
    [1, index.keys, needle],
    [2, index.dois, `\n${needle}`],
  ];
  const full = !keysOnly && 'texts' in index;
  if (full && !multiWord(query)) tiers.push([4, index.families, `\n${needle}`]);
  for (const [score, column, text] of tiers)
    if (chosen.length < limit) tierInKeyOrder(index, column, text, cited, limit - chosen.length, (i) => add(i, score));
  if (full && chosen.length < limit && multiWord(query)) {
    const scoreIfClose = (rank: number) => {
      const i = index.byKeyRank[rank];
      if (scores[i] !== 0) return;
      const score = scoreOf(index.texts.text(i), index.ends, i * FIELD_ENDS, query);
      if (score >= 0 && score <= 4) add(i, score);
    };
    index.keys.find(`\n${query.words[0]}`, scoreIfClose);
    index.families.find(`\n${needle}`, scoreIfClose);
  }
  if (chosen.length < limit) return undefined;
  // Thousands may match a DOI prefix: the best few are picked as numbers, and only they become entries.
  return bestPacked(
    index,
    chosen.map((i) => packed(index, i, scores[i] - 1, cited)),
    limit,
  );
}

/**
 * The entries of one score found through a key-ordered column (`\n` + text: a prefix), given
 * to `add` (true when new). Past the first `wanted` of the user's own uncited entries in key order, no other
 * entry of this score ranks among the best except cited ones (they go first at equal scores):
 * the search stops there, and the cited entries are tested one by one.
 */
function tierInKeyOrder(
  index: KeyColumns,
  column: Column,
  text: string,
  cited: ReadonlySet<string>,
  wanted: number,
  add: (entry: number) => boolean,
): void {
  let own = 0;
  let stopped = false;
  column.find(text, (rank) => {
    const entry = index.entries[index.byKeyRank[rank]];
    if (add(index.byKeyRank[rank]) && entry.origin !== 'builtin' && !cited.has(entry.key)) own++;
    return (stopped = own >= wanted);
  });
  if (!stopped) return;
  for (const key of cited) {
    const i = index.place.get(key);
    if (i !== undefined && column.holds(index.keyRanks[i], text)) add(i);
  }
}

/**
 * The entries that may match, in index order, when fewer than all can be named without reading
 * the texts: the matches of a recent query this one narrows, and of them (or of all) those
 * whose trigram signature holds every word's trigrams (searchGrams.ts). `scoreOf` rejects the
 * others as it would have. Undefined when neither applies (no word is three characters long
 * and no recent query is narrowed): the texts are searched.
 */
function mayMatch(index: SearchIndexData, query: Query): ArrayLike<number> | undefined {
  const narrowed = narrowedMatches(index, query);
  const grams = index.grams;
  const bits = grams ? queryBits(query.words) : undefined;
  if (!grams || !bits?.length) return narrowed;
  if (narrowed) return narrowed.filter((i) => grams.mayHold(i, bits));
  const found: number[] = [];
  grams.find(bits, (i) => void found.push(i));
  return found;
}

/** Every entry the query matches, scored: the candidates (`mayMatch`), or else the entries holding the text. */
function rankIndexed(
  index: SearchIndexData,
  query: Query,
  cited: ReadonlySet<string>,
  limit: number,
  candidates: ArrayLike<number> | undefined,
): RankedEntry[] {
  const matched: number[] = [];
  const values: number[] = [];
  const entries = candidates ?? holdingEveryWord(index, query);
  withTieBreaks(index, cited, (ties) => {
    for (let k = 0; k < entries.length; k++) {
      const i = entries[k];
      const score = scoreOf(index.texts.text(i), index.ends, i * FIELD_ENDS, query);
      if (score < 0) continue;
      matched.push(i);
      values.push(packedWith(index, i, score, ties[i]));
    }
  });
  remember(index, query, matched);
  return bestPacked(index, values, limit);
}

/** The entries that may match: those holding the whole text or every word. */
function holdingEveryWord(index: SearchIndexData, query: Query): number[] {
  // The same rejection as `scoreOf`'s first test, in one pass over the texts: every word is
  // part of the whole text, so an entry holding the text holds every word, and the entries
  // holding every word are those holding the rarest one that hold the others too.
  const { words, needle } = query;
  const scanned = words.length === 0 ? needle : rarest(index, words);
  const others = words.filter((w) => w !== scanned);
  const result: number[] = [];
  index.texts.find(scanned, (i) => {
    if (others.length === 0) result.push(i);
    else {
      const text = index.texts.text(i);
      if (others.every((w) => text.includes(w))) result.push(i);
    }
  });
  return result;
}

/**
 * The word fewest entries hold, judged by the first chunk of texts: each hit of the scanned word
 * costs a visit and a test of the others (`10.44` scanned for `10`, which 8,086 of the
 * benchmark's 10,000 entries hold, where `44` is in 442). The longest among equals: a longer
 * word is rarer elsewhere.
 */
function rarest(index: SearchIndexData, words: readonly string[]): string {
  const longestFirst = [...new Set(words)].sort((a, b) => b.length - a.length);
  if (longestFirst.length === 1) return longestFirst[0];
  let best = longestFirst[0];
  let fewest = index.texts.sampleCount(best, SAMPLE_CAP);
  for (const word of longestFirst.slice(1)) {
    if (fewest === 0) break;
    const count = index.texts.sampleCount(word, fewest);
    if (count < fewest) [best, fewest] = [word, count];
  }
  return best;
}
/** Hits past this many in the sample tell nothing more. */
const SAMPLE_CAP = 256;

/** The first entries of a list in the order of an empty query (own library first, then by key), per list, as many as were asked. */
const defaultOrders = new WeakMap<readonly unknown[], readonly LibraryEntry[]>();
const defaultOrder = (a: LibraryEntry, b: LibraryEntry) =>
  (a.origin === 'builtin' ? 1 : 0) - (b.origin === 'builtin' ? 1 : 0) || byKey(a, b);

/**
 * Nothing typed yet (`[@`, the commonest moment): cited works first, then the rest in the
 * list's fixed order, without scoring or sorting 10,000 entries: the first few in that order
 * are found once per list (a bounded heap) and kept.
 */
function firstEntries(entries: readonly LibraryEntry[], cited: ReadonlySet<string>, limit: number): RankedEntry[] {
  const citedEntries = entries.length > cited.size * 4 ? citedAmong(entries, cited) : entries.filter((e) => cited.has(e.key));
  const wanted = Math.min(entries.length, limit + citedEntries.length);
  let first = defaultOrders.get(entries);
  if (!first || first.length < wanted) {
    first = wanted < entries.length ? topK(entries, wanted, defaultOrder) : [...entries].sort(defaultOrder);
    defaultOrders.set(entries, first);
  }
  const result: RankedEntry[] = citedEntries
    .sort(defaultOrder)
    .slice(0, limit)
    .map((entry) => ({ entry, score: 0 }));
  for (const entry of first) {
    if (result.length >= limit) break;
    if (!cited.has(entry.key)) result.push({ entry, score: 0 });
  }
  return result;
}

/** The entries of a list with a cited key, found by key: through the index's places, or a scan of a list without one. */
function citedAmong(entries: readonly LibraryEntry[], cited: ReadonlySet<string>): LibraryEntry[] {
  // An index's list is its library's entries: found by key in the library, built or not.
  const byKey = byList.get(entries)?.byKey;
  if (!byKey) return entries.filter((e) => cited.has(e.key));
  const found: LibraryEntry[] = [];
  for (const key of cited) {
    const entry = byKey.get(key);
    if (entry) found.push(entry);
  }
  return found;
}
