/**
 * The order of ranked entries as numbers: an entry's score, tie-break and key order packed in
 * one number (`packed`), so that ranking compares numbers rather than keys and entries, and the
 * best few of many picked with a bounded heap (`topK`) rather than a sort.
 */
import type { LibraryEntry } from './library';
import type { KeyColumns } from './searchIndex';

/** An entry and its rank: lower scores first. */
export interface RankedEntry {
  readonly entry: LibraryEntry;
  readonly score: number;
}

/** The tie-break at equal scores: keys the document cites first, then the user's own library before the built-in corpus. */
export const tieBreak = (cited: boolean, builtin: boolean): number => (cited ? 0 : 2) + (builtin ? 1 : 0);

/**
 * An entry's score, tie-break (cited first, then the user's library before the built-in corpus)
 * and key order in one number, so that ranking compares numbers rather than keys. Exact: at
 * most about 10⁸ entries times scores in the hundreds stays far below 2⁵³.
 */
export function packed(index: KeyColumns, i: number, score: number, cited: ReadonlySet<string>): number {
  const entry = index.entries[i];
  return packedWith(index, i, score, tieBreak(cited.has(entry.key), index.builtin[i] === 1));
}

/** `packed` with the tie-break given (`withTieBreaks`). */
export const packedWith = (index: KeyColumns, i: number, score: number, tie: number) =>
  (score * 4 + tie) * index.entries.length + index.keyRanks[i];

/** Each entry's tie-break when nothing is cited (2, 3 when built-in), per index; cited entries are marked in it for the length of one search (`withTieBreaks`). */
const uncitedTies = new WeakMap<KeyColumns, Uint8Array>();

/**
 * Runs `rank` with every entry's tie-break for these cited keys, as `packed` makes it, read
 * off an array rather than off each entry and the set: a search that scores thousands of
 * entries no longer visits their objects. The index's array is marked and then restored, so
 * that no search allocates 50,000 bytes (large allocations bring on collections).
 */
export function withTieBreaks<T>(index: KeyColumns, cited: ReadonlySet<string>, rank: (ties: Uint8Array) => T): T {
  let ties = uncitedTies.get(index);
  if (!ties) {
    ties = new Uint8Array(index.builtin.length);
    for (let i = 0; i < ties.length; i++) ties[i] = tieBreak(false, index.builtin[i] === 1);
    uncitedTies.set(index, ties);
  }
  const marked: number[] = [];
  // Cited keys are found by place, when no key repeats (a library's list); else each entry is asked.
  if (index.place.size === index.entries.length) {
    for (const key of cited) {
      const i = index.place.get(key);
      if (i !== undefined) marked.push(i);
    }
  } else index.entries.forEach((entry, i) => cited.has(entry.key) && marked.push(i));
  for (const i of marked) ties[i] = tieBreak(true, index.builtin[i] === 1);
  try {
    return rank(ties);
  } finally {
    for (const i of marked) ties[i] = tieBreak(false, index.builtin[i] === 1);
  }
}

/** The best `limit` of packed numbers (`packed`) as ranked entries, in order. */
export function bestPacked(index: KeyColumns, values: number[], limit: number): RankedEntry[] {
  const n = index.entries.length;
  const chosen = limit < values.length ? topK(values, limit, (a, b) => a - b) : Float64Array.from(values).sort();
  return Array.from(chosen, (value) => {
    const group = Math.floor(value / n);
    return { entry: index.entries[index.byKeyRank[value - group * n]], score: group >> 2 };
  });
}

/** The `k` smallest items in order, in O(n log k): a bounded max-heap, then one sort. */
export function topK<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  const heap: T[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(heap[i], heap[parent]) <= 0) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let largest = i;
      if (l < heap.length && compare(heap[l], heap[largest]) > 0) largest = l;
      if (r < heap.length && compare(heap[r], heap[largest]) > 0) largest = r;
      if (largest === i) return;
      [heap[i], heap[largest]] = [heap[largest], heap[i]];
      i = largest;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      up(heap.length - 1);
    } else if (k > 0 && compare(item, heap[0]) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(compare);
}
