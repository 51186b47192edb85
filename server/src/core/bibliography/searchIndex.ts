/**
 * A library's search index, built once per merged library: every entry's search text
 * (searchFields.ts) in a few large strings, and columns of keys, family names and DOIs. A
 * column is searched with the engine's own `indexOf` rather than a test per entry, so the
 * first characters typed find the keys, names and DOIs they start without touching the other
 * 49,000 entries, and a rare text (`王`, `zhang c`) finds the few entries holding it.
 */
import type { LibraryEntry } from './library';
import { doiField, FIELD_ENDS, fieldRange, keyField, type SearchedEntry } from './searchFields';
import { TextWriter, writeEntryText } from './searchTexts';
import { GramSignatures } from './searchGrams';

/** Entries per chunk of a column: small enough that a chunk of Latin text stays one byte a character. */
const CHUNK = 1024;
const NEWLINE = 10;

/**
 * Per entry one segment, `\n` + text, joined in chunks. Finding every entry whose segment
 * holds a text is one `indexOf` pass over the chunks, skipping to the next entry after a hit.
 */
export class Column {
  private chunks: string[] = [];
  /** Where each entry's segment starts in its chunk (at its `\n`); one more slot, so its length is the entry count plus one. */
  private starts: Int32Array = new Int32Array(1);

  constructor(segments: readonly string[] = []) {
    this.append(segments);
  }

  /**
   * A column of chunks already joined (`CHUNK` segments each, the last one fewer), with where
   * each segment starts in its chunk (the entry count plus one slots).
   */
  static of(chunks: string[], starts: Int32Array): Column {
    const column = new Column();
    column.chunks = chunks;
    column.starts = starts;
    return column;
  }

  /**
   * This column with more segments after its own, sharing its full chunks: only a last chunk
   * that is not full is joined again (a library's index extended by the built-in corpus).
   */
  appended(segments: readonly string[]): Column {
    const column = new Column();
    column.chunks = [...this.chunks];
    column.starts = this.starts;
    column.append(segments);
    return column;
  }

  private append(segments: readonly string[]): void {
    const count = this.starts.length - 1;
    const total = count + segments.length;
    const starts = new Int32Array(total + 1);
    starts.set(this.starts.subarray(0, count));
    // Each chunk is joined with a leading empty segment: one flat string, which `indexOf` reads
    // without flattening it first. A chunk that is not full is joined again with the new ones.
    let parts = count % CHUNK !== 0 ? [this.chunks.pop()!] : [''];
    let at = parts[0].length;
    for (let i = count; i < total; i++) {
      if (i % CHUNK === 0 && i > count) {
        this.chunks.push(parts.join('\n'));
        parts = [''];
        at = 0;
      }
      const segment = segments[i - count];
      starts[i] = at;
      at += 1 + segment.length;
      parts.push(segment);
    }
    if (total > count) this.chunks.push(parts.join('\n'));
    else if (count % CHUNK !== 0) this.chunks.push(parts[0]);
    this.starts = starts;
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

  /** `text(i).slice(start, end)` (0 <= start), cut from the chunk at once: no string for the whole segment first. */
  part(i: number, start: number, end: number): string {
    const from = this.starts[i] + 1;
    const to = this.end(i);
    return this.chunks[Math.floor(i / CHUNK)].slice(Math.min(from + start, to), Math.min(from + Math.max(start, end), to));
  }

  /** Whether entry `i`'s segment (with its leading `\n`) holds `text`: what `find` would visit it for. */
  holds(i: number, text: string): boolean {
    const chunk = this.chunks[Math.floor(i / CHUNK)];
    const start = this.starts[i];
    const end = this.end(i);
    // Read in the chunk, where the segment stands after its `\n`, rather than copied out: a
    // search asks this of every cited key for each of three columns at each keystroke.
    if (text.indexOf('\n', 1) >= 0) return `\n${this.text(i)}`.includes(text);
    if (text.charCodeAt(0) !== NEWLINE) return chunk.slice(start + 1, end).includes(text);
    // A text starting with `\n` starts at the segment's `\n` or at one inside it (between family names).
    for (let at = start; at >= 0 && at + text.length <= end; at = chunk.indexOf('\n', at + 1)) if (chunk.startsWith(text, at)) return true;
    return false;
  }

  /** How often `text` stands in the first chunk's segments, counted up to `cap`: a sample of how common it is. */
  sampleCount(text: string, cap: number): number {
    const chunk = this.chunks[0] ?? '';
    let count = 0;
    for (let at = chunk.indexOf(text); at >= 0 && count < cap; at = chunk.indexOf(text, at + text.length)) count++;
    return count;
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
export interface KeyColumns<E extends SearchedEntry = LibraryEntry> {
  readonly entries: readonly E[];
  /** The keys in key order (`byKeyRank`): a search for the first few in key order stops early. */
  readonly keys: Column;
  /** The DOIs in key order, as the keys. */
  readonly dois: Column;
  /** Each entry's place in `entries` by key. */
  readonly place: ReadonlyMap<string, number>;
  /**
   * Each entry's rank in key order, and the entry of each rank: ranking then compares
   * numbers, not strings. Key order is `<` on the keys (the ranking's last tie-break) among
   * the user's own entries, then among the built-in corpus's: a built-in entry never ties
   * with an own one (search.ts ranks it after at equal scores), so a library's index can be
   * extended by the corpus (`extendedIndex`) without sorting again.
   */
  readonly keyRanks: Int32Array;
  readonly byKeyRank: Int32Array;
  /** 1 for each built-in entry (`origin` 'builtin'), else 0: ranking reads the tie-break off it rather than off the entries. */
  readonly builtin: Uint8Array;
}

/** What ranking needs of a library: the key columns, every entry's search text and field ends, and the family names. */
export interface SearchIndexData<E extends SearchedEntry = LibraryEntry> extends KeyColumns<E> {
  /** Every entry's search text, whole: for rejecting entries that hold no typed word. */
  readonly texts: Column;
  /** `FIELD_ENDS` numbers per entry. */
  readonly ends: Int32Array;
  /** An entry's family names, each after a `\n`, in key order as the keys. */
  readonly families: Column;
  /**
   * Every entry's trigram signature (searchGrams.ts), which a full search tests before the
   * text; only in a large library (`signatures`), where a pass over the texts costs more
   * than a keystroke can spend.
   */
  readonly grams?: GramSignatures;
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

const builtin = (entry: SearchedEntry) => (entry as { origin?: unknown }).origin === 'builtin';

/** The order of `KeyColumns`: own entries by key, then built-in ones (`late`) by key (then by place, for a repeated key). */
function keyOrder(entries: readonly SearchedEntry[], late: Uint8Array): Int32Array {
  const keys = entries.map((e) => e.key);
  return Int32Array.from(entries.keys()).sort((a, b) => late[a] - late[b] || (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : a - b));
}

/** The key columns: keys and DOIs only, no folding, so that they are ready soon after a library loads. */
function keyColumns<E extends SearchedEntry>(
  entries: readonly E[],
  field = (i: number, name: 'key' | 'doi') => (name === 'key' ? keyField : doiField)(entries[i]),
): KeyColumns<E> {
  const place = new Map<string, number>();
  entries.forEach((entry, i) => place.has(entry.key) || place.set(entry.key, i));
  const late = new Uint8Array(entries.length);
  for (let i = 0; i < entries.length; i++) if (builtin(entries[i])) late[i] = 1;
  const byKeyRank = keyOrder(entries, late);
  const keyRanks = new Int32Array(entries.length);
  byKeyRank.forEach((entry, rank) => (keyRanks[entry] = rank));
  return {
    entries,
    keys: new Column(Array.from(byKeyRank, (i) => field(i, 'key'))),
    dois: new Column(Array.from(byKeyRank, (i) => field(i, 'doi'))),
    place,
    keyRanks,
    byKeyRank,
    builtin: late,
  };
}

/**
 * The fewest entries whose index gets trigram signatures (`SearchIndexData.grams`). A pass over
 * the texts of 10,000 entries costs 1.5 ms, with a visit per entry holding the word: the first
 * keystroke of a key that the quick ranking cannot answer took 4-6 ms at 10,000 entries in
 * process (at 50,000, 7-8 ms), against under 1 ms through the signatures, which cost about
 * 1.6 µs an entry to build (16 ms at 10,000, part of the load). Tests lower it, to search small
 * libraries through signatures.
 */
export const signatures = { fewestEntries: 5_000 };

/**
 * Every entry's search text (`entrySearch`), written a chunk at a time (searchTexts.ts: no
 * string per entry or field), field ends and, in a large library, signatures.
 */
function* entryTexts(
  entries: readonly SearchedEntry[],
): Generator<undefined, { texts: Column; ends: Int32Array; grams?: GramSignatures }, void> {
  const out = new TextWriter();
  const chunks: string[] = [];
  const starts = new Int32Array(entries.length + 1);
  const ends = new Int32Array(entries.length * FIELD_ENDS);
  const grams = entries.length >= signatures.fewestEntries ? new GramSignatures() : undefined;
  const finish = (first: number, last: number) => {
    const chunk = out.take();
    chunks.push(chunk);
    for (let j = first; grams && j < last; j++) grams.add(chunk.slice(starts[j] + 1, j + 1 < last ? starts[j + 1] : chunk.length));
  };
  for (let i = 0; i < entries.length; i++) {
    if (i > 0 && i % BUILD_STEP === 0) yield;
    if (i > 0 && i % CHUNK === 0) finish(i - CHUNK, i);
    starts[i] = out.length;
    writeEntryText(out, entries[i], ends, i * FIELD_ENDS);
  }
  if (entries.length > 0) finish(entries.length - 1 - ((entries.length - 1) % CHUNK), entries.length);
  return { texts: Column.of(chunks, starts), ends, grams };
}

/** A field of entry `i` as it stands in its text (`fieldRange`): a slice of the text column's chunk, no copy. */
function fieldOf(texts: Column, ends: Int32Array, i: number, name: 'key' | 'families' | 'doi'): string {
  const range = fieldRange(ends, i * FIELD_ENDS, name);
  return texts.part(i, range[0], range[1]);
}

/**
 * The same build, pausing every few dozen entries so that a host can build it in the
 * background. Its first pause gives the key columns, which rank the first characters typed
 * while the rest is built.
 */
export function* searchIndexBuilder<E extends SearchedEntry>(
  entries: readonly E[],
): Generator<KeyColumns<E> | undefined, SearchIndexData<E>, void> {
  const columns = keyColumns(entries);
  yield columns;
  return indexData(columns, yield* entryTexts(entries));
}

/** The index of the key columns and the entry texts: the family-name column is read off the texts in key order. */
function indexData<E extends SearchedEntry>(
  columns: KeyColumns<E>,
  { texts, ends, grams }: { texts: Column; ends: Int32Array; grams?: GramSignatures },
): SearchIndexData<E> {
  return {
    ...columns,
    texts,
    ends,
    grams,
    families: new Column(Array.from(columns.byKeyRank, (i) => fieldOf(texts, ends, i, 'families'))),
  };
}

/**
 * The build of a large file's index as part of its load (searchLoading.ts): the texts first,
 * then the key columns read off them rather than made again (no request ranks from the key
 * columns alone meanwhile).
 */
export function* loadedFileIndexBuilder<E extends SearchedEntry>(entries: readonly E[]): Generator<undefined, SearchIndexData<E>, void> {
  const made = yield* entryTexts(entries);
  yield;
  const columns = keyColumns(entries, (i, name) => fieldOf(made.texts, made.ends, i, name));
  yield;
  return indexData(columns, made);
}

/**
 * The built-in entries that follow a file's entries in a library's list, when the list is
 * that file's entries (the same key and item at each place) and built-in ones only: the
 * library's index is then the file's extended by them (`extendedIndex`). Undefined otherwise.
 */
export function builtinAfter(file: readonly SearchedEntry[], entries: readonly LibraryEntry[]): LibraryEntry[] | undefined {
  const count = file.length;
  if (entries.length < count) return undefined;
  for (let i = 0; i < count; i++) if (entries[i].item !== file[i].item || entries[i].key !== file[i].key) return undefined;
  const extra = entries.slice(count);
  return extra.every(builtin) ? extra : undefined;
}

/**
 * A file's key columns extended by the built-in entries after it (`builtinAfter`, indexed in
 * `added`): those go after the file's in key order (see `KeyColumns`), so nothing of the
 * file's columns is sorted or joined again.
 */
function extendedKeyColumns(file: KeyColumns<SearchedEntry>, entries: readonly LibraryEntry[], added: KeyColumns): KeyColumns {
  const count = file.entries.length;
  const keyRanks = new Int32Array(entries.length);
  keyRanks.set(file.keyRanks);
  const byKeyRank = new Int32Array(entries.length);
  byKeyRank.set(file.byKeyRank);
  for (let i = 0; i < added.entries.length; i++) {
    keyRanks[count + i] = count + added.keyRanks[i];
    byKeyRank[count + i] = count + added.byKeyRank[i];
  }
  const late = new Uint8Array(entries.length);
  late.set(file.builtin);
  late.set(added.builtin, count);
  return {
    entries,
    builtin: late,
    keys: file.keys.appended(all(added.keys, added.entries.length)),
    dois: file.dois.appended(all(added.dois, added.entries.length)),
    place: placesOf(file.place, count, added),
    keyRanks,
    byKeyRank,
  };
}

/** A file's index extended by the built-in entries after it, as `extendedKeyColumns`. */
export function extendedIndex(
  file: SearchIndexData<SearchedEntry>,
  entries: readonly LibraryEntry[],
  added: SearchIndexData,
): SearchIndexData {
  const count = file.entries.length;
  const ends = new Int32Array(entries.length * FIELD_ENDS);
  ends.set(file.ends);
  ends.set(added.ends, count * FIELD_ENDS);
  const texts = all(added.texts, added.entries.length);
  return {
    ...extendedKeyColumns(file, entries, added),
    texts: file.texts.appended(texts),
    ends,
    grams: file.grams?.appended(texts),
    families: file.families.appended(all(added.families, added.entries.length)),
  };
}

/** A column's segments in its order. */
const all = (column: Column, count: number) => Array.from({ length: count }, (_, i) => column.text(i));

/** A file's places and those of the built-in entries after it, in one map (a request looks up every cited key). */
function placesOf(file: ReadonlyMap<string, number>, count: number, added: KeyColumns): ReadonlyMap<string, number> {
  const places = new Map(file);
  added.entries.forEach((entry, i) => places.has(entry.key) || places.set(entry.key, count + i));
  return places;
}
