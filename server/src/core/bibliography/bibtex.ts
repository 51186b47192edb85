/**
 * BibTeX and BibLaTeX. Entries are found by brace matching here, so that one broken entry
 * gives one error at its own line and the other entries still load; citation-js maps fields.
 * What citation-js cannot read but pandoc does is handled around it: keys with `'`, `(`, `)`
 * or `=` are given to it as placeholders, field values are prepared (latex.ts), LaTeX it
 * leaves becomes Unicode, and `crossref` children take their parent's fields.
 */
import type { SourceError } from '../findings';
import type { OffsetRange } from '../text/textRange';
import { describeBibtexError } from './bibtexErrors';
import type { BibEntry, CslItem } from './cslItem';
import { crossrefKey, inheritFrom } from './crossref';
import { biblatexToCsl } from './bibtexValues';
import { sourceString, type EntrySource } from './bibtexFields';
import { firstLine, type Parsed } from './formatSupport';
import { lineAround } from '../text/textRange';
import { preambleCommands, prepareEntrySource, untexItem } from './latex';
import { asPandocReads } from './pandocEntry';

export interface BibtexChunk {
  /** Entry type, lower case: article, string, comment, preamble... */
  readonly type: string;
  readonly key: string;
  readonly range: OffsetRange;
  readonly keyRange: OffsetRange;
  /** False when the entry's braces never close before the next entry or the end of file. */
  readonly closed: boolean;
}

const ENTRY_START = /@[ \t]*([A-Za-z]+)[ \t\r\n]*([{(])/g;
/** A key as pandoc reads it: anything up to the comma but spaces, braces, quotes, `#`, `%`, `~`, `\`. */
const BRACED_KEY = /[ \t\r\n]*([^,\s{}"#%~\\]+)[ \t\r\n]*,/y;
/** In `@type( ... )` a `(` or `)` cannot be part of the key. */
const PARENTHESISED_KEY = /[ \t\r\n]*([^,\s{}()"#%~\\]+)[ \t\r\n]*,/y;
const NOT_ENTRIES = new Set(['string', 'comment', 'preamble']);

/** True when a `%` earlier on the same line makes the `@` at `at` part of a comment. */
function commentedOut(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(lineStart, at).includes('%');
}

/**
 * The characters the brace matching of `splitBibtex` acts on: line breaks, escapes, braces,
 * parentheses and `@`. The engine finds the next one (`test` with `lastIndex`, no match array);
 * the characters between are passed over without a turn of the loop each.
 */
const MATTERS = /[\n\\{}()@]/g;
/** An entry's start at a line's start (the whole match within 40 characters). */
const ENTRY_AT_LINE_START = /@[ \t]*[A-Za-z]+[ \t]*[{(]/y;

/** True when `text` from `from` to `to` is spaces, tabs and carriage returns only. */
function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** The key of the entry whose head ends at `pos` (the match within 512 characters of it), or undefined. */
function keyAt(text: string, pos: number, parenthesised: boolean): { key: string; start: number } | undefined {
  const pattern = parenthesised ? PARENTHESISED_KEY : BRACED_KEY;
  pattern.lastIndex = pos;
  const m = pattern.exec(text);
  if (!m || pattern.lastIndex > pos + 512) return undefined;
  return { key: m[1], start: pos + m[0].indexOf(m[1]) };
}

/**
 * Splits BibTeX text into entries by brace matching. An entry whose braces are still open
 * when a new `@type{` starts a line is taken as unclosed, so one missing brace damages one
 * entry, not the rest of the file.
 */
export function splitBibtex(text: string): BibtexChunk[] {
  const chunks: BibtexChunk[] = [];
  ENTRY_START.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = ENTRY_START.exec(text))) {
    const start = match.index;
    if (commentedOut(text, start)) continue;
    const type = match[1].toLowerCase();
    const parenthesised = match[2] === '(';
    let pos = ENTRY_START.lastIndex;
    const found = NOT_ENTRIES.has(type) ? undefined : keyAt(text, pos, parenthesised);
    const key = found ? found.key : '';
    const keyRange: OffsetRange = found ? { start: found.start, end: found.start + found.key.length } : { start, end: start };
    const closeCode = parenthesised ? 0x29 : 0x7d;
    let depth = 1;
    let closed = false;
    /** Where the current line starts when a line break (not escaped) has been met since the last other character acted on. */
    let lineStart = -1;
    pos = text.length;
    MATTERS.lastIndex = ENTRY_START.lastIndex;
    while (MATTERS.test(text)) {
      const at = MATTERS.lastIndex - 1;
      const c = text.charCodeAt(at);
      if (c === 0x0a) {
        lineStart = at + 1;
        continue;
      }
      if (c === 0x40) {
        if (lineStart >= 0 && depth > 0 && blank(text, lineStart, at)) {
          ENTRY_AT_LINE_START.lastIndex = at;
          if (ENTRY_AT_LINE_START.test(text) && ENTRY_AT_LINE_START.lastIndex <= at + 40) {
            pos = at;
            break;
          }
        }
        lineStart = -1;
        continue;
      }
      lineStart = -1;
      if (c === 0x5c) {
        // The escaped character is passed over; an escape ending the text ends the entry one past it, as before.
        MATTERS.lastIndex = at + 2;
        if (at + 2 > text.length) {
          pos = at + 2;
          break;
        }
        continue;
      }
      if (c === 0x7b || (parenthesised && c === 0x28)) depth++;
      else if (c === 0x7d || (parenthesised && c === 0x29)) {
        depth--;
        if (depth === 0 && (c === closeCode || !parenthesised)) {
          pos = at + 1;
          closed = true;
          break;
        }
      }
    }
    chunks.push({ type, key, range: { start, end: pos }, keyRange, closed });
    ENTRY_START.lastIndex = pos;
  }
  return chunks;
}

/** The key citation-js is given for the entry at `index`: plain, so any key pandoc accepts reaches it. */
const placeholder = (index: number): string => `citokineentry${index}`;

/**
 * One entry's source as citation-js is given it: its key a placeholder, its values prepared.
 * An entry with a key whose values need no preparing (most: no backslash, no dollar) is given
 * in place (`inPlace`), as a span of the file's text, not a string joined of three pieces.
 */
function preparedSource(text: string, chunk: BibtexChunk, index: number, dropped: ReadonlySet<string>, inPlace: boolean): EntrySource {
  if (NOT_ENTRIES.has(chunk.type)) return text.slice(chunk.range.start, chunk.range.end);
  const { start, end } = chunk.range;
  const body = text.slice(chunk.keyRange.end, end);
  const prepared = prepareEntrySource(body, dropped);
  // `prepareEntrySource` gives back its argument itself when it changes nothing.
  if (inPlace && chunk.key !== '' && prepared === body)
    return { text, start, keyStart: chunk.keyRange.start, keyEnd: chunk.keyRange.end, end, label: placeholder(index) };
  return `${text.slice(start, chunk.keyRange.start)}${placeholder(index)}${prepared}`;
}

/**
 * Entries given to citation-js per call. A large file is read in slices, so that a host can
 * answer requests between them (`readBibtex`) and no one call holds the tokens of 50,000
 * entries at once; a slice that fails is read entry by entry, to place each failure.
 */
const SLICE = 500;

/** Reads BibLaTeX sources (entries and macros, in file order) into CSL items; throws on bad input. */
export type BibtexConverter = (sources: readonly string[]) => CslItem[];

/** The reader of a parse: the fast reader, given entries in place, or `convert` given each source as a string. */
type SourceReader = (sources: readonly EntrySource[]) => CslItem[];

/** Parses a BibTeX file; never throws. Read by citation-js's reader made fast, or by `convert` (a test gives the plain one). */
export function parseBibtex(text: string, uri: string, convert?: BibtexConverter): Parsed {
  const reading = readBibtex(text, uri, convert);
  for (;;) {
    const step = reading.next();
    if (step.done) return step.value;
  }
}

/** The same parse, a slice of entries at a time: it pauses (yields) between slices and returns the parse. */
export function* readBibtex(text: string, uri: string, convertStrings?: BibtexConverter): Generator<void, Parsed, void> {
  const convert: SourceReader = convertStrings ? (sources) => convertStrings(sources.map(sourceString)) : biblatexToCsl;
  const inPlace = convertStrings === undefined;
  const chunks = splitBibtex(text);
  const errors: SourceError[] = [];
  const dropped = preambleCommands(chunks.filter((c) => c.type === 'preamble').map((c) => text.slice(c.range.start, c.range.end)));
  // Macros are prepared at once (a broken entry is read with all of them), entries per slice.
  const sources: EntrySource[] = chunks.map((chunk, index) =>
    chunk.type === 'string' ? preparedSource(text, chunk, index, dropped, false) : '',
  );
  const items = new Map<number, CslItem>();
  /** The `@string` macros before the slice being read. */
  const before: EntrySource[] = [];
  for (let from = 0; from < chunks.length; from += SLICE) {
    yield;
    const to = Math.min(chunks.length, from + SLICE);
    for (let i = from; i < to; i++) if (chunks[i].type !== 'string') sources[i] = preparedSource(text, chunks[i], i, dropped, inPlace);
    if (!convertSlice(convert, chunks, sources, from, to, before, items))
      convertEntries(convert, text, chunks, sources, from, to, before, items, errors);
    for (let i = from; i < to; i++) {
      if (chunks[i].type === 'string') before.push(sources[i]);
      else {
        // Each entry made final now, and its prepared source dropped: what is not kept dies young,
        // instead of being copied by every collection until the end of the parse.
        sources[i] = '';
        const raw = items.get(i);
        if (raw) items.set(i, preparedEntry(text, chunks[i], raw));
      }
    }
  }
  return { entries: withCrossrefs(text, chunks, items, uri), errors };
}

/**
 * Entries `from` to `to` in one citation-js call, preceded by the `@string` macros defined
 * before them, as if the file were read whole. False when the call fails or reads nothing.
 */
function convertSlice(
  convert: SourceReader,
  chunks: readonly BibtexChunk[],
  sources: readonly EntrySource[],
  from: number,
  to: number,
  before: readonly EntrySource[],
  items: Map<number, CslItem>,
): boolean {
  for (let i = from; i < to; i++) if (!chunks[i].closed) return false;
  try {
    let read = false;
    for (const item of convert([...before, ...sources.slice(from, to)])) {
      const index = indexOfPlaceholder(item.id);
      if (index === undefined || index < from || index >= to) continue;
      items.set(index, item);
      read = true;
    }
    return read;
  } catch {
    for (let i = from; i < to; i++) items.delete(i);
    return false;
  }
}

/**
 * Entries `from` to `to` one by one, each with the macros defined before it (as a read of the
 * whole file, and pandoc, see them): one error per broken entry, at its line.
 */
function convertEntries(
  convert: SourceReader,
  text: string,
  chunks: readonly BibtexChunk[],
  sources: readonly EntrySource[],
  from: number,
  to: number,
  before: readonly EntrySource[],
  items: Map<number, CslItem>,
  errors: SourceError[],
): void {
  const macros = [...before];
  for (let index = from; index < to; index++) {
    const chunk = chunks[index];
    if (chunk.type === 'string') macros.push(sources[index]);
    if (NOT_ENTRIES.has(chunk.type)) continue;
    const error = entryProblem(text, chunk);
    if (error) {
      errors.push(error);
      continue;
    }
    try {
      const item = convert([...macros, sources[index]]).find((i) => i.id === placeholder(index));
      if (item) items.set(index, item);
    } catch (e) {
      errors.push(entryError(text, chunk, sourceString(sources[index]), macros.map(sourceString), e));
    }
  }
}

/** What citation-js threw reading an entry after `macros`, at the entry's line where it can tell. */
function entryError(text: string, chunk: BibtexChunk, source: string, macros: readonly string[], e: unknown): SourceError {
  const linesBefore = macros.length === 0 ? 0 : macros.join('\n').split('\n').length;
  const { message, line } = describeBibtexError(e, chunk.key, source, linesBefore);
  return { message, range: line === undefined ? firstLine(text, chunk.range) : entryLine(text, chunk.range, line), severity: 'error' };
}

function indexOfPlaceholder(id: string): number | undefined {
  const m = /^citokineentry(\d+)$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** An entry with no key or no closing brace: said once, in words, at its first line. */
function entryProblem(text: string, chunk: BibtexChunk): SourceError | undefined {
  if (!chunk.key)
    return {
      message: `This @${chunk.type} entry has no key: write it as @${chunk.type}{key, ...}.`,
      range: firstLine(text, chunk.range),
      severity: 'error',
    };
  if (!chunk.closed)
    return {
      message: `Entry '${chunk.key}' is not closed: a '}' is missing before the next entry.`,
      range: firstLine(text, chunk.range),
      severity: 'error',
    };
  return undefined;
}

/** An entry's item as the parse gives it: under its own key, LaTeX made Unicode, read as pandoc reads it. */
function preparedEntry(text: string, chunk: BibtexChunk, raw: CslItem): CslItem {
  // `raw` is this parse's own object: keyed, untexed and its names split in place, not copied.
  const owned = raw as CslItem & { _graph?: unknown };
  if ('_graph' in owned) delete owned._graph;
  owned.id = chunk.key;
  owned['citation-key'] = chunk.key;
  return asPandocReads(untexItem(owned, true), chunk.type, text.slice(chunk.range.start, chunk.range.end));
}

/** The entries (`prepared` by `preparedEntry`), in file order, crossref parents' fields inherited. */
function withCrossrefs(text: string, chunks: readonly BibtexChunk[], prepared: ReadonlyMap<number, CslItem>, uri: string): BibEntry[] {
  const byKey = new Map<string, CslItem>();
  const read: { chunk: BibtexChunk; item: CslItem }[] = [];
  chunks.forEach((chunk, index) => {
    const item = prepared.get(index);
    if (!item) return;
    if (!byKey.has(chunk.key)) byKey.set(chunk.key, item);
    read.push({ chunk, item });
  });
  // Most files name no parent: then no entry's source is searched for one.
  const hasCrossrefs = /crossref/i.test(text);
  return read.map(({ chunk, item }) => {
    const parentKey = hasCrossrefs ? crossrefKey(text.slice(chunk.range.start, chunk.range.end)) : undefined;
    const parent =
      parentKey === undefined
        ? undefined
        : (byKey.get(parentKey) ?? [...byKey.values()].find((i) => i.id.toLowerCase() === parentKey.toLowerCase()));
    return {
      key: chunk.key,
      item: parent && parent !== item ? inheritFrom(item, parent) : item,
      uri,
      range: chunk.range,
      keyRange: chunk.keyRange,
    };
  });
}

/** Line `line` (0-based) of the entry at `entry`, in file coordinates; its last line when it has fewer. */
function entryLine(text: string, entry: OffsetRange, line: number): OffsetRange {
  let offset = entry.start;
  for (let n = line; n > 0; n--) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0 || nl >= entry.end) break;
    offset = nl + 1;
  }
  return lineAround(text, offset);
}
