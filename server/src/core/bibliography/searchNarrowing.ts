/**
 * The matches of recent queries, per search index: completion lists are incomplete, so each
 * keystroke asks again with a longer text, whose matches are among the previous text's
 * (`narrows`). Scoring those few is cheaper than searching the whole library again.
 */
import type { Query } from './searchFields';
import type { SearchIndexData } from './searchIndex';

/**
 * The entries a recent query matched, per index, most recent first. Completion lists are
 * incomplete, so each keystroke asks again with a longer text: its matches are among the
 * previous text's (see `narrows`). A few queries are kept, for several documents or a backspace.
 */
const recentMatches = new WeakMap<SearchIndexData, { readonly query: Query; readonly matched: Int32Array }[]>();
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

/** Up to this many, the entries that may match (a recent query's matches, or those the signatures pass) are scored at once, without the columns' quick ranking. */
export const FEW_MATCHES = 1500;

/**
 * Up to this many, they are scored unless the key columns alone fill the list: scoring 4,000
 * entries costs about as much as the family-name column's pass (2-3 ms at 50,000 entries)
 * that the quick ranking makes when it finds too few.
 */
export const SOME_MATCHES = 4000;

/** The fewest matches of a recent query that this query narrows, if any. */
export function narrowedMatches(index: SearchIndexData, query: Query): Int32Array | undefined {
  let best: Int32Array | undefined;
  for (const { query: previous, matched } of recentMatches.get(index) ?? [])
    if ((!best || matched.length < best.length) && narrows(previous, query)) best = matched;
  return best;
}

/** Keeps a query's matches (entry numbers of the index) for the next keystrokes. */
export function remember(index: SearchIndexData, query: Query, matched: readonly number[]): void {
  const recent = (recentMatches.get(index) ?? []).filter(
    (r) => r.query.needle !== query.needle || r.query.words.join(' ') !== query.words.join(' '),
  );
  recent.unshift({ query, matched: Int32Array.from(matched) });
  recentMatches.set(index, recent.slice(0, RECENT_QUERIES));
}
