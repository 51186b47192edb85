/**
 * Bibliography parsing: BibTeX/BibLaTeX, CSL-JSON, CSL-YAML and RIS into CSL-JSON items,
 * each with the place in its file where it is defined. citation-js does the field mapping;
 * this module finds entry boundaries and key positions itself so that one broken entry
 * gives one error at its own line and the other entries still load.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import { issuedYear } from '../citations/citationText';
import type { SourceError } from '../findings';
import type { OffsetRange } from '../text/textRange';

export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml' | 'ris';

/** A CSL-JSON item as citation-js and citeproc understand it. */
export interface CslItem {
  id: string;
  type: string;
  [field: string]: unknown;
}

export interface BibEntry {
  readonly key: string;
  readonly item: CslItem;
  /** The file (URI) that defines it, and where: the whole entry and the key itself. */
  readonly uri: string;
  readonly range: OffsetRange;
  readonly keyRange: OffsetRange;
}

export interface ParsedBibliography {
  readonly uri: string;
  readonly format: BibliographyFormat;
  readonly entries: readonly BibEntry[];
  readonly errors: readonly SourceError[];
}

const FORMAT_BY_EXTENSION: Readonly<Record<string, BibliographyFormat>> = {
  bib: 'bibtex',
  bibtex: 'bibtex',
  biblatex: 'bibtex',
  json: 'csl-json',
  yaml: 'csl-yaml',
  yml: 'csl-yaml',
  ris: 'ris',
};

/** The format a bibliography file is in, judged by its extension as pandoc does. */
export function formatFromPath(path: string): BibliographyFormat | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : FORMAT_BY_EXTENSION[path.slice(dot + 1).toLowerCase()];
}

/** Parses one bibliography file. Never throws: problems come back as `errors` with ranges. */
export function parseBibliography(file: string, uri: string, format: BibliographyFormat): ParsedBibliography {
  // A byte order mark (Windows editors write one) breaks JSON.parse and YAML; a newline in its place keeps every offset.
  const text = file.charCodeAt(0) === 0xfeff ? `\n${file.slice(1)}` : file;
  try {
    switch (format) {
      case 'bibtex':
        return { uri, format, ...parseBibtex(text, uri) };
      case 'csl-json':
        return { uri, format, ...parseCslJson(text, uri) };
      case 'csl-yaml':
        return { uri, format, ...parseCslYaml(text, uri) };
      case 'ris':
        return { uri, format, ...parseRis(text, uri) };
    }
  } catch (e) {
    // A bug in a parser must not take the server down; it becomes a diagnostic at the top.
    return { uri, format, entries: [], errors: [{ message: `Could not read this bibliography: ${errorMessage(e)}`, range: { start: 0, end: 0 }, severity: 'error' }] };
  }
}

/** CSL items given inline in a document's front matter `references:`, already parsed from YAML. */
export function entriesFromCslItems(items: readonly unknown[], uri: string, rangeOf: (index: number) => { range: OffsetRange; keyRange: OffsetRange }): { entries: BibEntry[]; errors: SourceError[] } {
  const entries: BibEntry[] = [];
  const errors: SourceError[] = [];
  items.forEach((raw, index) => {
    const where = rangeOf(index);
    const item = asCslItem(raw);
    if (!item) {
      errors.push({ message: 'This reference has no `id`: give it one so it can be cited as `@id`.', range: where.range, severity: 'error' });
      return;
    }
    entries.push({ key: item.id, item, uri, range: where.range, keyRange: where.keyRange });
  });
  return { entries, errors };
}

interface Parsed {
  entries: BibEntry[];
  errors: SourceError[];
}

// ---------------------------------------------------------------------------------------
// BibTeX

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

function parseBibtex(text: string, uri: string): Parsed {
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

// ---------------------------------------------------------------------------------------
// CSL-JSON

function parseCslJson(text: string, uri: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(errorMessage(e));
    const at = m ? Number(m[1]) : 0;
    return { entries: [], errors: [{ message: `Not valid JSON: ${firstSentence(errorMessage(e))}`, range: lineAround(text, at), severity: 'error' }] };
  }
  const list = Array.isArray(data) ? data : isObject(data) && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : isObject(data) ? [data] : undefined;
  if (!list) return { entries: [], errors: [{ message: 'A CSL-JSON bibliography is an array of items.', range: lineAround(text, 0), severity: 'error' }] };

  // Locate every `"id": "..."` once, in order, so each item knows its line without a second parser.
  const idPattern = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g;
  const idPlaces = new Map<string, OffsetRange[]>();
  for (let m = idPattern.exec(text); m; m = idPattern.exec(text)) {
    const raw = m[1];
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    const start = m.index + m[0].length - raw.length + (raw.startsWith('"') ? 1 : 0);
    const places = idPlaces.get(value) ?? [];
    places.push({ start, end: start + (raw.startsWith('"') ? raw.length - 2 : raw.length) });
    idPlaces.set(value, places);
  }
  const entries: BibEntry[] = [];
  const errors: SourceError[] = [];
  const used = new Map<string, number>();
  list.forEach((raw, index) => {
    const item = asCslItem(raw);
    if (!item) {
      errors.push({ message: `Item ${index + 1} has no "id": give it one so it can be cited.`, range: lineAround(text, 0), severity: 'error' });
      return;
    }
    const nth = used.get(item.id) ?? 0;
    used.set(item.id, nth + 1);
    const keyRange = idPlaces.get(item.id)?.[nth] ?? { start: 0, end: 0 };
    entries.push({ key: item.id, item, uri, range: lineAround(text, keyRange.start), keyRange });
  });
  return { entries, errors };
}

// ---------------------------------------------------------------------------------------
// CSL-YAML

function parseCslYaml(text: string, uri: string): Parsed {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const errors: SourceError[] = doc.errors.map((e) => ({ message: `Not valid YAML: ${firstSentence(e.message)}`, range: clampRange(text, e.pos), severity: 'error' as const }));
  let root: unknown = doc.contents;
  if (isMap(root)) root = root.get('references', true) ?? root;
  if (!isSeq(root)) {
    if (errors.length === 0) errors.push({ message: 'A CSL-YAML bibliography is a list of items (or a `references:` list).', range: lineAround(text, 0), severity: 'error' });
    return { entries: [], errors };
  }
  const seq = root;
  const { entries, errors: itemErrors } = entriesFromCslItems(
    seq.items.map((node) => (node as YamlNode | null)?.toJSON?.() ?? null),
    uri,
    (index) => yamlItemRanges(seq.items[index] as YamlNode | null),
  );
  return { entries, errors: [...errors, ...itemErrors] };
}

/** Ranges of a YAML list item and its `id` value. */
export function yamlItemRanges(node: YamlNode | null | undefined): { range: OffsetRange; keyRange: OffsetRange } {
  const range = node?.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
  let keyRange = range;
  if (isMap(node)) {
    const id = node.get('id', true);
    if (isScalar(id) && id.range) {
      const quoted = id.type === 'QUOTE_DOUBLE' || id.type === 'QUOTE_SINGLE' ? 1 : 0;
      keyRange = { start: id.range[0] + quoted, end: id.range[1] - quoted };
    }
  }
  return { range, keyRange };
}

// ---------------------------------------------------------------------------------------
// RIS

function parseRis(text: string, uri: string): Parsed {
  const entries: BibEntry[] = [];
  const errors: SourceError[] = [];
  const usedKeys = new Set<string>();
  const recordPattern = /^TY {2}- .*$/gm;
  const starts: number[] = [];
  for (let m = recordPattern.exec(text); m; m = recordPattern.exec(text)) starts.push(m.index);
  if (starts.length === 0 && text.trim()) {
    errors.push({ message: 'No RIS record found: each record starts with a line "TY  - <type>".', range: lineAround(text, 0), severity: 'error' });
  }
  starts.forEach((start, i) => {
    const next = i + 1 < starts.length ? starts[i + 1] : text.length;
    const endMatch = /^ER {2}-.*$/m.exec(text.slice(start, next));
    const end = endMatch ? start + endMatch.index + endMatch[0].length : next;
    const record = text.slice(start, end);
    if (!endMatch) {
      errors.push({ message: 'This RIS record has no closing "ER  - " line.', range: lineAround(text, start), severity: 'error' });
      return;
    }
    let item: CslItem | undefined;
    try {
      item = toCsl(record.endsWith('\n') ? record : `${record}\n`, '@ris/file')[0];
    } catch (e) {
      errors.push({ message: `RIS record: ${firstSentence(errorMessage(e))}`, range: lineAround(text, start), severity: 'error' });
      return;
    }
    if (!item) return;
    const fields = risFields(record);
    // citation-js 0.8 drops DO; the DOI is in the user's own record, so keep it.
    if (!item.DOI && fields.DO) item.DOI = fields.DO;
    const idLine = /^ID {2}- *(\S+)\s*$/m.exec(record);
    let key = idLine?.[1] ?? '';
    let keyRange: OffsetRange;
    if (key) {
      const keyStart = start + (idLine?.index ?? 0) + (idLine?.[0].indexOf(key, 5) ?? 0);
      keyRange = { start: keyStart, end: keyStart + key.length };
    } else {
      key = generatedKey(item, usedKeys);
      keyRange = lineAround(text, start);
    }
    usedKeys.add(key);
    item.id = key;
    entries.push({ key, item: cleanItem(item), uri, range: { start, end }, keyRange });
  });
  return { entries, errors };
}

function risFields(record: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of record.matchAll(/^([A-Z][A-Z0-9]) {2}- ?(.*?)\s*$/gm)) if (!(m[1] in fields)) fields[m[1]] = m[2];
  return fields;
}

/**
 * RIS records without an ID get a key from what the record itself says (first author's
 * family name and year, e.g. `doe2019`, then `doe2019b`), so they can be cited.
 */
function generatedKey(item: CslItem, used: ReadonlySet<string>): string {
  const authors = item.author as { family?: string; literal?: string }[] | undefined;
  const family = (authors?.[0]?.family ?? authors?.[0]?.literal ?? 'anon').normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase() || 'anon';
  const year = issuedYear(item) ?? 'nd';
  const base = `${family}${year}`;
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}${String.fromCharCode(96 + Math.min(i, 26))}${i > 26 ? i : ''}`;
    if (!used.has(candidate)) return candidate;
  }
}

// ---------------------------------------------------------------------------------------

function toCsl(source: string, forceType?: string): CslItem[] {
  const result = plugins.input.chain(source, { target: '@csl/list+object', generateGraph: false, ...(forceType ? { forceType } : {}) }) as unknown;
  return Array.isArray(result) ? (result.filter(isObject) as CslItem[]) : [];
}

/** Drops what citation-js adds that is not bibliographic data (its internal graph, a duplicated key). */
function cleanItem(item: CslItem): CslItem {
  const { _graph, ...rest } = item as CslItem & { _graph?: unknown };
  void _graph;
  return rest as CslItem;
}

function asCslItem(raw: unknown): CslItem | undefined {
  if (!isObject(raw)) return undefined;
  const id = (raw as { id?: unknown }).id;
  if (typeof id !== 'string' && typeof id !== 'number') return undefined;
  const type = (raw as { type?: unknown }).type;
  return { ...(raw as object), id: String(id), type: typeof type === 'string' ? type : 'document' } as CslItem;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(text: string, range: OffsetRange): OffsetRange {
  const nl = text.indexOf('\n', range.start);
  return { start: range.start, end: nl < 0 || nl > range.end ? range.end : nl };
}

function lineAround(text: string, offset: number): OffsetRange {
  const at = Math.max(0, Math.min(offset, text.length));
  // lastIndexOf treats a negative position as 0, which would find a newline at offset 0 itself.
  const start = at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
  const nl = text.indexOf('\n', at);
  return { start, end: nl < 0 ? text.length : nl };
}

/** A parser's [start, end] inside `text`: yaml reports an error at an unclosed `{` one past the end. */
function clampRange(text: string, [from, to]: readonly [number, number]): OffsetRange {
  const start = Math.min(Math.max(0, from), text.length);
  return { start, end: Math.min(Math.max(to, start), text.length) };
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function firstSentence(message: string): string {
  return message.split('\n')[0].trim();
}
