/**
 * BibTeX and BibLaTeX. Entries are found by brace matching here, so that one broken entry
 * gives one error at its own line and the other entries still load; citation-js maps fields.
 */
import type { SourceError } from '../findings';
import type { OffsetRange } from '../text/textRange';
import type { BibEntry, CslItem } from './cslItem';
import { cleanItem, errorMessage, firstLine, firstSentence, toCsl, type Parsed } from './formatSupport';

interface BibtexChunk {
  /** Entry type, lower case: article, string, comment, preamble... */
  readonly type: string;
  readonly key: string;
  readonly range: OffsetRange;
  readonly keyRange: OffsetRange;
  /** False when the entry's braces never close before the next entry or the end of file. */
  readonly closed: boolean;
}

const ENTRY_START = /@[ \t]*([A-Za-z]+)[ \t\r\n]*([{(])/g;

/**
 * Splits BibTeX text into entries by brace matching. An entry whose braces are still open
 * when a new `@type{` starts a line is taken as unclosed, so one missing brace damages one
 * entry, not the rest of the file.
 */
function splitBibtex(text: string): BibtexChunk[] {
  const chunks: BibtexChunk[] = [];
  ENTRY_START.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = ENTRY_START.exec(text))) {
    const start = match.index;
    const type = match[1].toLowerCase();
    const open = match[2];
    const close = open === '{' ? '}' : ')';
    let pos = ENTRY_START.lastIndex;
    const keyMatch = /^[ \t\r\n]*([^,\s{}()"#%'=~\\]+)[ \t\r\n]*,/.exec(text.slice(pos, pos + 512));
    let key = '';
    let keyRange: OffsetRange = { start, end: start };
    if (keyMatch && type !== 'string' && type !== 'comment' && type !== 'preamble') {
      key = keyMatch[1];
      const keyStart = pos + keyMatch[0].indexOf(key);
      keyRange = { start: keyStart, end: keyStart + key.length };
    }
    let depth = 1;
    let closed = false;
    let lineStart = false;
    for (; pos < text.length; pos++) {
      const c = text[pos];
      if (c === '\n') {
        lineStart = true;
        continue;
      }
      if (lineStart && c === '@' && depth > 0 && /^@[ \t]*[A-Za-z]+[ \t]*[{(]/.test(text.slice(pos, pos + 40))) break;
      if (c !== ' ' && c !== '\t' && c !== '\r') lineStart = false;
      if (c === '\\') {
        pos++;
        continue;
      }
      if (c === '{' || (open === '(' && c === '(')) depth++;
      else if (c === '}' || (open === '(' && c === ')')) {
        depth--;
        if (depth === 0 && (c === close || open === '{')) {
          pos++;
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

/** Parses a BibTeX file; never throws. */
export function parseBibtex(text: string, uri: string): Parsed {
  const chunks = splitBibtex(text);
  const errors: SourceError[] = [];
  const entryChunks = chunks.filter((c) => c.type !== 'string' && c.type !== 'comment' && c.type !== 'preamble');
  const macros = chunks.filter((c) => c.type === 'string').map((c) => text.slice(c.range.start, c.range.end)).join('\n');

  let items: CslItem[] | undefined;
  if (chunks.every((c) => c.closed)) {
    try {
      items = toCsl(text);
    } catch {
      items = undefined; // fall through to entry-by-entry parsing, which locates the failure
    }
  }
  // A key defined twice gives two items in text order; each must keep its own place so
  // that a duplicate key is reported where it is, not at the first definition.
  const byKey = new Map<string, BibtexChunk[]>();
  for (const chunk of entryChunks) byKey.set(chunk.key, [...(byKey.get(chunk.key) ?? []), chunk]);

  const entries: BibEntry[] = [];
  if (items) {
    for (const item of items) {
      const chunks = byKey.get(item.id);
      const chunk = chunks && chunks.length > 1 ? chunks.shift() : chunks?.[0];
      if (!chunk) continue;
      entries.push({ key: item.id, item: cleanItem(item), uri, range: chunk.range, keyRange: chunk.keyRange });
    }
    return { entries, errors };
  }

  for (const chunk of entryChunks) {
    const source = text.slice(chunk.range.start, chunk.range.end);
    if (!chunk.key) {
      errors.push({ message: `This @${chunk.type} entry has no key: write it as @${chunk.type}{key, ...}.`, range: firstLine(text, chunk.range), severity: 'error' });
      continue;
    }
    if (!chunk.closed) {
      errors.push({ message: `Entry '${chunk.key}' is not closed: a '}' is missing before the next entry.`, range: firstLine(text, chunk.range), severity: 'error' });
      continue;
    }
    try {
      const parsed = toCsl(macros ? `${macros}\n${source}` : source);
      const item = parsed.find((i) => i.id === chunk.key) ?? parsed[0];
      if (item) entries.push({ key: chunk.key, item: cleanItem(item), uri, range: chunk.range, keyRange: chunk.keyRange });
    } catch (e) {
      const macroLines = macros ? macros.split('\n').length : 0;
      errors.push({ message: `Entry '${chunk.key}': ${firstSentence(errorMessage(e))}`, range: errorRange(text, chunk.range, e, macroLines), severity: 'error' });
    }
  }
  return { entries, errors };
}

/** citation-js says "... at line L col C"; map that back into the entry's own lines. */
function errorRange(text: string, entry: OffsetRange, error: unknown, linesBefore: number): OffsetRange {
  const m = /at line (\d+) col (\d+)/.exec(errorMessage(error));
  if (!m) return firstLine(text, entry);
  let line = Number(m[1]) - 1 - linesBefore;
  let offset = entry.start;
  while (line > 0) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0 || nl >= entry.end) break;
    offset = nl + 1;
    line--;
  }
  const lineEnd = text.indexOf('\n', offset);
  return { start: offset, end: lineEnd < 0 ? text.length : lineEnd };
}

