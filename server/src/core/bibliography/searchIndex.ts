/**
 * A library's search index, built once per merged library: every entry's search text
 * (searchFields.ts) in a few large strings, and columns of keys, family names and DOIs. A
 * column is searched with the engine's own `indexOf` rather than a test per entry, so the
 * first characters typed find the keys, names and DOIs they start without touching the other
 * 49,000 entries, and a rare text (`王`, `zhang c`) finds the few entries holding it.
 */
import type { LibraryEntry } from './library';
import { doiField, entryParts, entryText, FIELD_ENDS, keyField } from './searchFields';

/** Entries per chunk of a column: small enough that a chunk of Latin text stays one byte a character. */
const CHUNK = 1024;
const NEWLINE = 10;

/**
 * Per entry one segment, `\n` + text, joined in chunks. Finding every entry whose segment
 * holds a text is one `indexOf` pass over the chunks, skipping to the next entry after a hit.
 */
export class Column {
  private readonly chunks: string[] = [];
  /** Where each entry's segment starts in its chunk (at its `\n`); one more slot, so its length is the entry count plus one. */
  private readonly starts: Int32Array;

  constructor(segments: readonly string[]) {
    this.starts = new Int32Array(segments.length + 1);
    for (let first = 0; first < segments.length; first += CHUNK) {
      const last = Math.min(segments.length, first + CHUNK);
      let at = 0;
      for (let i = first; i < last; i++) {
        this.starts[i] = at;
        at += 1 + segments[i].length;
      }
      // Joined with a leading empty segment: one flat string, which `indexOf` reads without flattening it first.
      this.chunks.push(['', ...segments.slice(first, last)].join('\n'));
    }
  }

  /** Where entry `i`'s segment ends in its chunk (one past its last character). */
  private end(i: number): number {
    const next = i + 1;
    return next % CHUNK === 0 || next === this.starts.length - 1 ? this.chunks[Math.floor(i / CHUNK)].length : this.starts[next];
  }

  /** Entry `i`'s text (without its `\n`): a slice of its chunk, which costs no copy. */
  text(i: number): string {
    return this.chunks[Math.floor(i / CHUNK)].slice(this.starts[i] + 1, this.end(i));
  }

  /** Whether entry `i`'s segment (with its leading `\n`) holds `text`: what `find` would visit it for. */
  holds(i: number, text: string): boolean {
    return `\n${this.text(i)}`.includes(text);
  }

  /**
   * Calls `visit` once for each entry, in order, whose segment (with its leading `\n`) holds
   * `text`, which holds no `\n` past its first character; stops when `visit` returns true.
   */
  find(text: string, visit: (entry: number) => unknown): void {
    // `\n` starts every segment (and every name of a family column): a text that starts with
    // it is found faster as the rest, checking the character before.
    const lead = text.length > 1 && text[0] === '\n' ? 1 : 0;
    const rest = lead ? text.slice(1) : text;
    const count = this.starts.length - 1;
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c];
      const first = c * CHUNK;
      const last = Math.min(count, first + CHUNK) - 1;
      let low = first;
      let at = chunk.indexOf(rest, lead);
      while (at >= 0) {
        if (lead && chunk.charCodeAt(at - 1) !== NEWLINE) {
          at = chunk.indexOf(rest, at + 1);
          continue;
        }
        // The entry whose segment holds the text: the last start at or before where it starts.
        let high = last;
        while (low < high) {
          const mid = (low + high + 1) >> 1;
          if (this.starts[mid] <= at - lead) low = mid;
          else high = mid - 1;
        }
        if (visit(low) === true) return;
        if (low === last) break;
        low++;
        at = chunk.indexOf(rest, this.starts[low] + lead);
      }
    }
  }
}

/** The columns the first characters typed are ranked from (key prefix, part of a key, DOI prefix), built first. */
export interface KeyColumns {
  readonly entries: readonly LibraryEntry[];
  /** The keys in key order (`byKeyRank`): a search for the first few in key order stops early. */
  readonly keys: Column;
  /** The DOIs in key order, as the keys. */
  readonly dois: Column;
  /** Each entry's place in `entries` by key. */
  readonly place: ReadonlyMap<string, number>;
  /**
   * Each entry's rank in key order (`<` on the keys, the ranking's last tie-break), and the
   * entry of each rank: ranking then compares numbers, not strings.
   */
  readonly keyRanks: Int32Array;
  readonly byKeyRank: Int32Array;
}

/** What ranking needs of a library: the key columns, every entry's search text and field ends, and the family names. */
export interface SearchIndexData extends KeyColumns {
  /** Every entry's search text, whole: for rejecting entries that hold no typed word. */
  readonly texts: Column;
  /** `FIELD_ENDS` numbers per entry. */
  readonly ends: Int32Array;
  /** An entry's family names, each after a `\n`, in key order as the keys. */
  readonly families: Column;
}

/** Entries indexed between two pauses of a background build (search.ts runs as many as fit in a timer turn). */
const BUILD_STEP = 50;

/** Builds the index of a list of entries (one pass; the texts are joined per chunk). */
export function buildSearchIndex(entries: readonly LibraryEntry[]): SearchIndexData {
  const building = searchIndexBuilder(entries);
  for (;;) {
    const step = building.next();
    if (step.done) return step.value;
  }
}

/** The key columns: keys and DOIs only, no folding, so that they are ready soon after a library loads. */
function keyColumns(entries: readonly LibraryEntry[]): KeyColumns {
  const keys = entries.map(keyField);
  const place = new Map<string, number>();
  entries.forEach((entry, i) => place.has(entry.key) || place.set(entry.key, i));
  const byKeyRank = Int32Array.from(entries.keys()).sort((a, b) =>
    entries[a].key < entries[b].key ? -1 : entries[a].key > entries[b].key ? 1 : a - b,
  );
  const keyRanks = new Int32Array(entries.length);
  byKeyRank.forEach((entry, rank) => (keyRanks[entry] = rank));
  return {
    entries,
    keys: new Column(Array.from(byKeyRank, (i) => keys[i])),
    dois: new Column(Array.from(byKeyRank, (i) => doiField(entries[i]))),
    place,
    keyRanks,
    byKeyRank,
  };
}

/**
 * The same build, pausing every few hundred entries so that a host can build it in the
 * background. Its first pause gives the key columns, which rank the first characters typed
 * while the rest is built.
 */
export function* searchIndexBuilder(entries: readonly LibraryEntry[]): Generator<KeyColumns | undefined, SearchIndexData, void> {
  const columns = keyColumns(entries);
  yield columns;
  const texts: string[] = [];
  const families: string[] = [];
  const ends = new Int32Array(entries.length * FIELD_ENDS);
  for (let i = 0; i < entries.length; i++) {
    if (i > 0 && i % BUILD_STEP === 0) yield;
    const parts = entryParts(entries[i]);
    const { text, ends: fieldEnds } = entryText(parts);
    texts.push(text);
    ends.set(fieldEnds, i * FIELD_ENDS);
    families.push(parts.families.join('\n'));
  }
  return {
    ...columns,
    texts: new Column(texts),
    ends,
    families: new Column(Array.from(columns.byKeyRank, (i) => families[i])),
  };
}
