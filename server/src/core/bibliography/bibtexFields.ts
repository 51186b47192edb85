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

class Reader {
  at = 0;
  /** Set to collect the names `part` finds undefined (macroMisses); unset while parsing. */
  misses: MacroMiss[] | undefined;
  private fieldName = '';
  constructor(
    readonly text: string,
    readonly strings: Record<string, string | number>,
  ) {}
  /** The grammar's `_` (`(?:\s+|%.*)*`), scanned by hand: most calls find nothing to skip or one space. */
  space(): void {
    const text = this.text;
    let at = this.at;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === 0x25) {
        // `%.*`: to the line's end (`.` matches no line terminator).
        do at++;
        while (at < text.length && !isLineTerminator(text.charCodeAt(at)));
      } else if (isSpace(code)) at++;
      else break;
    }
    this.at = at;
  }
  /** The end of the identifier (`[a-zA-Z_][a-zA-Z0-9_:+-]*`) at `at`, or `at` when none starts there. */
  identifierEnd(): number {
    const text = this.text;
    let at = this.at;
    const first = text.charCodeAt(at);
    if (!(isLetter(first) || first === 0x5f)) return at;
    do at++;
    while (at < text.length && isIdentifierPart(text.charCodeAt(at)));
    return at;
  }
  match(rule: RegExp): string | undefined {
    rule.lastIndex = this.at;
    const m = rule.exec(this.text);
    if (!m) return undefined;
    this.at = rule.lastIndex;
    return m[0];
  }
  expect(char: string): void {
    if (this.text[this.at] !== char) throw new NotPlainBibtex();
    this.at++;
  }
  /** `Field`: a lower-cased name, `=`, an expression. */
  field(): [string, string | number] {
    const end = this.identifierEnd();
    const name = this.text.slice(this.at, end).toLowerCase();
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
    while (this.text[this.at] === '#') {
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
    if (this.text[this.at] === '"') return this.quoted();
    return this.braced();
  }
  /** A `"..."` value, raw: `\\` and `\{` are escapes, a `{` opens a braced group. */
  quoted(): string {
    const text = this.text;
    const start = ++this.at;
    let at = start;
    for (;;) {
      if (at >= text.length) throw new NotPlainBibtex();
      const c = text.charCodeAt(at);
      if (c === 0x22) break; // "
      if (c === 0x7b) {
        this.at = at;
        this.braced();
        at = this.at;
      } else if (c === 0x5c) {
        const next = text.charCodeAt(at + 1);
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
      if (at >= text.length) throw new NotPlainBibtex();
      const c = text.charCodeAt(at);
      if (c === 0x5c && isEscaped(text.charCodeAt(at + 1))) at += 2;
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
      if (this.text[this.at] !== ',') break;
      this.at++;
      this.space();
    }
    this.close();
    return annotations ? { properties, annotations } : { properties };
  }
  close(): void {
    this.space();
    const c = this.text[this.at];
    if (c !== '}' && c !== ')') throw new NotPlainBibtex();
    if (this.at + 1 !== this.text.length) throw new NotPlainBibtex();
  }
}

/**
 * The data entries of `sources` (one entry's source each, in file order, `@string` macros
 * among them) as citation-js's file reader gives them; throws NotPlainBibtex to hand them back.
 */
export function readEntries(sources: readonly string[]): BibtexEntry[] {
  const strings: Record<string, string | number> = { ...defaultStrings };
  const entries: BibtexEntry[] = [];
  for (const raw of sources) {
    const entry = readSource(new Reader(raw.trimEnd(), strings));
    if (entry) entries.push(entry);
  }
  return entries;
}

/**
 * One source: a data entry is returned; a `@string` macro is added to the reader's strings;
 * a comment, a preamble or nothing gives undefined. Throws NotPlainBibtex.
 */
function readSource(reader: Reader): BibtexEntry | undefined {
  const text = reader.text;
  if (text === '') return undefined;
  if (/^@comment/i.test(text)) {
    // citation-js skips the rest of the line, then anything up to the next `@`.
    if (!/^@comment./i.test(text) || text.indexOf('@', 1) >= 0) throw new NotPlainBibtex();
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
  DATA_HEAD.lastIndex = 0;
  const head = DATA_HEAD.exec(text);
  // citation-js's lexer takes `@stringx{` for `@string` and then fails.
  if (!head || /^(?:string|preamble)/i.test(head[1])) throw new NotPlainBibtex();
  reader.at = DATA_HEAD.lastIndex;
  reader.space();
  return { type: head[1].toLowerCase(), label: head[2], ...reader.body() };
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
