/**
 * citation-js's BibTeX file grammar (plugin-bibtex `input/file.js`: a moo lexer and a grammar
 * over the whole text) for the entries bibtex.ts has already split: each entry's fields and
 * raw values, `@string` macros expanded and `#` joined, by the same token rules. What it does
 * not expect (annotations, a comment that hides an entry, a syntax error) makes it give up, and
 * the caller reads the same sources with citation-js, which then reports the error as before.
 */
import { defaultStrings } from '@citation-js/plugin-bibtex/lib/input/constants.js';
import type { BibtexEntry } from '@citation-js/plugin-bibtex/lib/mapping/index.js';

/** Thrown when a source or value is not one the fast readers (this module, bibtexValues.ts) read exactly as citation-js does. */
export class NotPlainBibtex extends Error {}

/** JavaScript's `\s`. */
export function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The characters `.` does not match. */
const isLineTerminator = (code: number): boolean => code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
/** `[a-zA-Z]`. */
export const isLetter = (code: number): boolean => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
/** `[a-zA-Z0-9_:+-]`. */
const isIdentifierPart = (code: number): boolean =>
  isLetter(code) || (code >= 0x30 && code <= 0x3a) || code === 0x5f || code === 0x2b || code === 0x2d;
/** `\\`, `\{` and `\}` are escapes in a braced value. */
const isEscaped = (code: number): boolean => code === 0x5c || code === 0x7b || code === 0x7d;
const NUMBER = /-?\d+/y;
const DATA_HEAD = /@(?:\s+|%.*)*([a-zA-Z_][a-zA-Z0-9_:+-]*)(?:\s+|%.*)*[{(](?:\s+|%.*)*([^,\s]+)(?:\s+|%.*)*,/y;
const OTHER_HEAD = /@(?:\s+|%.*)*([sS][tT][rR][iI][nN][gG]|[pP][rR][eE][aA][mM][bB][lL][eE])(?:\s+|%.*)*[{(]/y;

/** A name in a value that no `@string` before it defines: `at` is its offset in the source read. */
export interface MacroMiss {
  readonly name: string;
  /** The field (or the `@string` macro) whose value names it, lower case. */
  readonly field: string;
  readonly at: number;
}

/**
 * A data entry read where it stands in the file's text, without a copy: the source from
 * `start` to `end` (its trailing spaces trimmed), read as if its key (from `keyStart` to
 * `keyEnd`) were `label`. Its values are then slices of the file's one string, not of a
 * source made per entry (which each value would keep alive, and every young collection copy).
 */
export interface EntrySpan {
  readonly text: string;
  readonly start: number;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly end: number;
  readonly label: string;
}

/** One source given to the readers: a source of its own (a macro, a prepared entry) or an entry in place. */
export type EntrySource = string | EntrySpan;

/** The source as a string of its own: what the reader reads and citation-js is given. */
export function sourceString(source: EntrySource): string {
  if (typeof source === 'string') return source;
  const { text, start, keyStart, keyEnd, end, label } = source;
  return `${text.slice(start, keyStart)}${label}${text.slice(keyEnd, end)}`;
}

/** The end of `text` before `end` with the trailing `\s` characters passed over (what `trimEnd` keeps). */
function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * Field names met so far, lower case, by a hash of their characters read as lower case: a
 * library repeats a dozen names ninety thousand times, and each was a slice, its lower-case
 * copy and a look-up to make it a property key. Bounded.
 */
const NAMES_BY_HASH = new Map<number, string>();
const NAMES_KEPT = 512;

/** `text.slice(start, end).toLowerCase()` for an identifier (ASCII: `[a-zA-Z0-9_:+-]`), without a new string when it was met before. */
export function lowerName(text: string, start: number, end: number): string {
  let hash = end - start;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    hash = (Math.imul(hash, 31) + (code >= 0x41 && code <= 0x5a ? code + 0x20 : code)) | 0;
  }
  const known = NAMES_BY_HASH.get(hash);
  if (known !== undefined && known.length === end - start) {
    let same = true;
    for (let i = 0; same && i < known.length; i++) {
      const code = text.charCodeAt(start + i);
      same = (code >= 0x41 && code <= 0x5a ? code + 0x20 : code) === known.charCodeAt(i);
    }
    if (same) return known;
  }
  const name = text.slice(start, end).toLowerCase();
  if (NAMES_BY_HASH.size >= NAMES_KEPT) NAMES_BY_HASH.clear();
  NAMES_BY_HASH.set(hash, name);
  return name;
}

class Reader {
  at: number;
  /** Set to collect the names `part` finds undefined (macroMisses); unset while parsing. */
  misses: MacroMiss[] | undefined;
  private fieldName = '';
  /** The source is `text` from `start` (where `at` begins) to `end`. */
  constructor(
    readonly text: string,
    readonly strings: Record<string, string | number>,
    readonly start = 0,
    readonly end = text.length,
  ) {
    this.at = start;
  }
  /** The character at `at` as a one-character string, or undefined at the source's end. */
  char(): string | undefined {
    return this.at < this.end ? this.text[this.at] : undefined;
  }
  /** The grammar's `_` (`(?:\s+|%.*)*`), scanned by hand: most calls find nothing to skip or one space. */
  space(): void {
    const text = this.text;
    let at = this.at;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === 0x25 && at < this.end) {
        // `%.*`: to the line's end (`.` matches no line terminator).
        do at++;
        while (at < this.end && !isLineTerminator(text.charCodeAt(at)));
      } else if (at < this.end && isSpace(code)) at++;
      else break;
    }
    this.at = at;
  }
  /** The end of the identifier (`[a-zA-Z_][a-zA-Z0-9_:+-]*`) at `at`, or `at` when none starts there. */
  identifierEnd(): number {
    const text = this.text;
    let at = this.at;
    const first = text.charCodeAt(at);
    if (at >= this.end || !(isLetter(first) || first === 0x5f)) return at;
    do at++;
    while (at < this.end && isIdentifierPart(text.charCodeAt(at)));
    return at;
  }
  match(rule: RegExp): string | undefined {
    rule.lastIndex = this.at;
    const m = rule.exec(this.text);
    if (!m) return undefined;
    // A match running past the source's end would have been cut there: not read here.
    if (rule.lastIndex > this.end) throw new NotPlainBibtex();
    this.at = rule.lastIndex;
    return m[0];
  }
  expect(char: string): void {
    if (this.char() !== char) throw new NotPlainBibtex();
    this.at++;
  }
  /** `Field`: a lower-cased name, `=`, an expression. */
  field(): [string, string | number] {
    const end = this.identifierEnd();
    const name = lowerName(this.text, this.at, end);
    this.at = end;
    this.space();
    this.expect('=');
    this.space();
    this.fieldName = name;
    return [name, this.expression()];
  }
  /** `Expression`: parts joined by `#` as the grammar joins them (a leading number stays a number). */
  expression(): string | number {
    let output = this.part();
    this.space();
    while (this.char() === '#') {
      this.at++;
      this.space();
      output += this.part().toString();
      this.space();
    }
    return output;
  }
  part(): string | number {
    const end = this.identifierEnd();
    if (end > this.at) {
      const name = this.text.slice(this.at, end);
      const lower = name.toLowerCase();
      if (this.misses && !Object.hasOwn(this.strings, lower)) this.misses.push({ name, field: this.fieldName, at: this.at });
      this.at = end;
      return this.strings[lower] || '';
    }
    const number = this.match(NUMBER);
    if (number !== undefined) return parseInt(number);
    if (this.char() === '"') return this.quoted();
    return this.braced();
  }
  /** A `"..."` value, raw: `\\` and `\{` are escapes, a `{` opens a braced group. */
  quoted(): string {
    const text = this.text;
    const start = ++this.at;
    let at = start;
    for (;;) {
      if (at >= this.end) throw new NotPlainBibtex();
      const c = text.charCodeAt(at);
      if (c === 0x22) break; // "
      if (c === 0x7b) {
        this.at = at;
        this.braced();
        at = this.at;
      } else if (c === 0x5c) {
        const next = at + 1 < this.end ? text.charCodeAt(at + 1) : NaN;
        at += next === 0x5c || next === 0x7b ? 2 : 1;
      } else at++;
    }
    this.at = at + 1;
    return text.slice(start, at);
  }
  /** A `{...}` value, raw, braces matched past `\\`, `\{` and `\}`. */
  braced(): string {
    this.expect('{');
    const text = this.text;
    const start = this.at;
    let at = start;
    let depth = 1;
    for (;;) {
      if (at >= this.end) throw new NotPlainBibtex();
      const c = text.charCodeAt(at);
      if (c === 0x5c && at + 1 < this.end && isEscaped(text.charCodeAt(at + 1))) at += 2;
      else {
        at++;
        if (c === 0x7b) depth++;
        else if (c === 0x7d && --depth === 0) {
          this.at = at;
          return text.slice(start, at - 1);
        }
      }
    }
  }
  /** `EntryBody` and the closing delimiter, which must end the source. */
  body(): Pick<BibtexEntry, 'properties' | 'annotations'> {
    const properties: Record<string, string | number> = {};
    let annotations: Record<string, Record<string, unknown>> | undefined;
    for (;;) {
      if (this.identifierEnd() === this.at) break;
      const [name, value] = this.field();
      // biber's annotations (`author+an = {1=...}`, `author+an:role = ...`), as the grammar files them.
      let annotated: string | undefined;
      let annotation = 'default';
      if (name.endsWith('+an')) annotated = name.slice(0, -'+an'.length);
      else if (name.includes('+an:')) [annotated, annotation] = name.split('+an:');
      if (annotated) {
        annotations ??= {};
        annotations[annotated] ??= {};
        annotations[annotated][annotation] = value;
      } else properties[name] = value;
      this.space();
      if (this.char() !== ',') break;
      this.at++;
      this.space();
    }
    this.close();
    return annotations ? { properties, annotations } : { properties };
  }
  close(): void {
    this.space();
    const c = this.char();
    if (c !== '}' && c !== ')') throw new NotPlainBibtex();
    if (this.at + 1 !== this.end) throw new NotPlainBibtex();
  }
}

/**
 * The data entries of `sources` (one entry's source each, in file order, `@string` macros
 * among them) as citation-js's file reader gives them; throws NotPlainBibtex to hand them back.
 */
export function readEntries(sources: readonly EntrySource[]): BibtexEntry[] {
  const strings: Record<string, string | number> = { ...defaultStrings };
  const entries: BibtexEntry[] = [];
  for (const source of sources) {
    const entry = typeof source === 'string' ? readSource(new Reader(source.trimEnd(), strings)) : readSpan(source, strings);
    if (entry) entries.push(entry);
  }
  return entries;
}

const COMMENT = /@comment/iy;
const COMMENT_REST = /@comment./iy;
const SPECIAL_TYPE = /^(?:string|preamble)/i;

/** True when sticky `rule` matches at `at` and ends by `end`. */
function matchesAt(rule: RegExp, text: string, at: number, end: number): boolean {
  rule.lastIndex = at;
  return rule.test(text) && rule.lastIndex <= end;
}

/**
 * One source: a data entry is returned; a `@string` macro is added to the reader's strings;
 * a comment, a preamble or nothing gives undefined. Throws NotPlainBibtex.
 */
function readSource(reader: Reader, span?: EntrySpan): BibtexEntry | undefined {
  const { text, start, end } = reader;
  if (start === end) return undefined;
  if (matchesAt(COMMENT, text, start, end)) {
    // An entry in place (`@commentary{...}`) holds its own key where citation-js would read the label: given back.
    if (span) throw new NotPlainBibtex();
    // citation-js skips the rest of the line, then anything up to the next `@`.
    const at = text.indexOf('@', start + 1);
    if (!matchesAt(COMMENT_REST, text, start, end) || (at >= 0 && at < end)) throw new NotPlainBibtex();
    return undefined;
  }
  const other = reader.match(OTHER_HEAD);
  if (other !== undefined) {
    reader.space();
    if (/^@\s*s/i.test(other)) {
      if (reader.identifierEnd() === reader.at) throw new NotPlainBibtex();
      const [name, value] = reader.field();
      reader.strings[name] = value;
    } else reader.expression();
    reader.close();
    return undefined;
  }
  return readData(reader, span);
}

/**
 * A data entry's head and body. For an entry in place (`span`), the head's key must be the
 * span's key (it is, for every span bibtex.ts makes: the key is followed by spaces and a comma,
 * as the label would be), and the entry is given the span's label.
 */
function readData(reader: Reader, span?: EntrySpan): BibtexEntry {
  DATA_HEAD.lastIndex = reader.start;
  const head = DATA_HEAD.exec(reader.text);
  // citation-js's lexer takes `@stringx{` for `@string` and then fails.
  if (!head || DATA_HEAD.lastIndex > reader.end || SPECIAL_TYPE.test(head[1])) throw new NotPlainBibtex();
  if (span && (head[2].length !== span.keyEnd - span.keyStart || DATA_HEAD.lastIndex <= span.keyEnd)) throw new NotPlainBibtex();
  reader.at = DATA_HEAD.lastIndex;
  reader.space();
  return { type: head[1].toLowerCase(), label: span ? span.label : head[2], ...reader.body() };
}

/** An entry in place, read as its source with the key `label` would be read (`sourceString`). */
function readSpan(span: EntrySpan, strings: Record<string, string | number>): BibtexEntry | undefined {
  return readSource(new Reader(span.text, strings, span.start, trimmedEnd(span.text, span.keyEnd, span.end)), span);
}

/** The macros citation-js knows before any `@string`: month names and plain.bst's journals. */
export const predefinedMacros = (): Record<string, string | number> => ({ ...defaultStrings });

/**
 * The names `source` (a `@string` macro or a data entry, as the file has it) uses in its values
 * that `strings` lacks, in order; a macro is then added to `strings`. Undefined when this
 * reader does not read the source exactly as citation-js does: it is then not checked.
 */
export function macroMisses(source: string, strings: Record<string, string | number>): MacroMiss[] | undefined {
  const reader = new Reader(source.trimEnd(), strings);
  reader.misses = [];
  try {
    readSource(reader);
  } catch (e) {
    if (e instanceof NotPlainBibtex) return undefined;
    throw e;
  }
  return reader.misses;
}
