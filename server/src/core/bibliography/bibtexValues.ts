/**
 * citation-js's BibTeX reader, made fast. citation-js reads a file in three stages: the file
 * into entries of raw values (`file.js`), each raw value into text or names (`value.js`, a moo
 * lexer and a grammar per value: most of the time and garbage of a large library), and
 * entries into CSL (`mapping/`). Each stage is done here by the same rules where that is
 * exact: the file by bibtexFields.ts, the values by this module (words, braces, commands,
 * accents, markup and ties; math, and `=` in names, go to citation-js's own `value.js`), the
 * common fields' mapping by bibtexMapping.ts. A reading that meets anything unexpected throws
 * NotPlainBibtex and citation-js reads it instead. test/bibtex-fast-path.test.ts checks that
 * every fixture reads deep-equal both ways.
 */
import { util } from '@citation-js/core';
import { parse as parseFile } from '@citation-js/plugin-bibtex/lib/input/file.js';
import {
  argumentCommands,
  commands,
  diacritics,
  fieldTypes,
  formatting,
  formattingCommands,
  formattingEnvs,
  ligaturePattern,
  ligatures,
  mathCommands,
} from '@citation-js/plugin-bibtex/lib/input/constants.js';
import { getStringCase, orderNamePieces, type NamePart } from '@citation-js/plugin-bibtex/lib/input/name.js';
import { parse as parseValue, parseAnnotation } from '@citation-js/plugin-bibtex/lib/input/value.js';
import type { BibtexEntry } from '@citation-js/plugin-bibtex/lib/mapping/index.js';
import { mapEntries } from './bibtexMapping';
import { isLetter, isSpace, NotPlainBibtex, readEntries } from './bibtexFields';
import { isObject, type CslItem } from './cslItem';

/**
 * citation-js's tables used per value, read once: in the bundle each import is a getter into
 * the lazily loaded citation-js (scripts/citation-js-lazy.cjs), too slow to call per value.
 */
const readTables = () => ({
  fieldTypes,
  ligaturePattern,
  ligatures,
  formattingEnvs,
  formattingCommands,
  commands,
  mathCommands,
  diacritics,
  argumentCommands,
  getStringCase,
  orderNamePieces,
});
let tables: ReturnType<typeof readTables> | undefined;
const table = () => (tables ??= readTables());
/** citation-js's ligature pattern without its `g` flag: a test of a word, most of which have none. */
let anyLigature: RegExp | undefined;
/** A TeX ligature's character (`--`, `''`). */
function ligature(text: string): string {
  const { ligaturePattern, ligatures } = table();
  if (!(anyLigature ??= new RegExp(ligaturePattern.source)).test(text)) return text;
  return text.replace(ligaturePattern, (found) => ligatures[found]);
}

/** Math: such a value goes to citation-js. */
const NOT_PLAIN = /[$]/;
/** Braces, commands and ties: a value without them is words and spaces. */
const NOT_WORDS = /[{}\\~]/;
/** In names `=` also starts a part label (`given=Jean`). */
const NOT_PLAIN_NAME = /[$=]/;

/** Token types, as numbers: a value's tokens are kept in typed arrays, not objects (a large library has millions). */
const AND = 0;
const COMMA = 1;
const HYPHEN = 2;
/** A run of spaces, or one tie (`~`, a token of its own). */
const WHITESPACE = 3;
const TEXT = 4;
const COMMAND = 5;
const LBRACE = 6;
const RBRACE = 7;
type TokenType = number;

/**
 * The lexer states of value.js, cut down to the tokens a plain value can hold, each rule in
 * the order moo tries them (the first that matches at a place wins): `stringLiteral` is
 * `(\s+)|([^{$}\s~\\]+)`, `namesLiteral` `(\s+[aA][nN][dD]\s+)|(,)|(-)|(\s+)|([^{$}\s~\\,=-]+)`,
 * `listLiteral` `(\s+and\s+)|(\s+)|([^{$}\s~\\]+)`, `separatedLiteral` `(,)|(\s+)|([^{$}\s~\\,]+)`.
 * They are scanned by hand here, character by character. Commands and braces, the same in
 * every state, are told by their first character.
 */
const STRING_LITERAL = 0;
const NAMES_LITERAL = 1;
const LIST_LITERAL = 2;
const SEPARATED_LITERAL = 3;

/** The end of the run of `\s` characters starting at `at`. */
function spaceEnd(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** True when `and` (any case when `anyCase`) followed by a space starts at `at`. */
function andAt(text: string, at: number, anyCase: boolean): boolean {
  if (at + 3 >= text.length || !isSpace(text.charCodeAt(at + 3))) return false;
  const [a, n, d] = [text.charCodeAt(at), text.charCodeAt(at + 1), text.charCodeAt(at + 2)];
  // `| 0x20` makes A, N and D lower case (and changes no other character into a, n or d).
  return anyCase ? (a | 0x20) === 0x61 && (n | 0x20) === 0x6e && (d | 0x20) === 0x64 : a === 0x61 && n === 0x6e && d === 0x64;
}

/** A character no literal rule's text run holds (`{`, `$`, `}`, `~`, `\`; and `,` or `=`/`-` in some states). */
function endsText(code: number, state: number): boolean {
  switch (code) {
    case 0x7b: // {
    case 0x24: // $
    case 0x7d: // }
    case 0x7e: // ~
    case 0x5c: // \
      return true;
    case 0x2c: // ,
      return state === NAMES_LITERAL || state === SEPARATED_LITERAL;
    case 0x3d: // =
    case 0x2d: // -
      return state === NAMES_LITERAL;
    default:
      return isSpace(code);
  }
}

/** value.js's `command` token: a backslash, a word or one character (not a line break), and the spaces after it. */
function commandEnd(text: string, at: number): number {
  let end = at + 1;
  const code = text.charCodeAt(end);
  if (isLetter(code)) {
    do end++;
    while (end < text.length && isLetter(text.charCodeAt(end)));
  } else if (end >= text.length || code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) throw new NotPlainBibtex();
  else end++;
  while (text.charCodeAt(end) === 0x20) end++;
  return end;
}

/** Typed arrays of token types and ranges, kept between values (a large library has millions of tokens). */
class TokenArrays {
  types = new Uint8Array(256);
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  /** Room for at least `count + 1` tokens. */
  grow(count: number): void {
    if (count < this.types.length) return;
    const types = new Uint8Array(count * 2);
    const starts = new Int32Array(count * 2);
    const ends = new Int32Array(count * 2);
    types.set(this.types);
    starts.set(this.starts);
    ends.set(this.ends);
    [this.types, this.starts, this.ends] = [types, starts, ends];
  }
}
/** The arrays no value is being read with (undefined while one is: a reader never reads two values at once, but if it did each would have its own). */
let spareArrays: TokenArrays | undefined = new TokenArrays();

/** A value's tokens: type and source range of each. `release` when done, so that the next value reuses the arrays. */
class Tokens {
  private at = 0;
  private count = 0;
  private readonly arrays: TokenArrays;

  /** The tokens of `text` as value.js's lexer gives them, in `state` (braced groups read as `stringLiteral`). */
  constructor(
    private readonly value: string,
    state: number,
  ) {
    this.arrays = spareArrays ?? new TokenArrays();
    spareArrays = undefined;
    const text = value;
    let depth = 0;
    let at = 0;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x5c) {
        if (text.startsWith('\\begin', at)) throw new NotPlainBibtex();
        at = this.push(COMMAND, at, commandEnd(text, at));
      } else if (c === 0x7e) at = this.push(WHITESPACE, at, at + 1);
      else if (c === 0x7b) {
        depth++;
        at = this.push(LBRACE, at, at + 1);
      } else if (c === 0x7d) {
        if (--depth < 0) throw new NotPlainBibtex();
        at = this.push(RBRACE, at, at + 1);
      } else at = this.literal(depth > 0 ? STRING_LITERAL : state, at);
    }
  }

  /** The literal token at `at` (`at` holds no command, brace or tie); its end. */
  private literal(state: number, at: number): number {
    const text = this.value;
    const c = text.charCodeAt(at);
    if (isSpace(c)) {
      const end = spaceEnd(text, at);
      if ((state === NAMES_LITERAL || state === LIST_LITERAL) && andAt(text, end, state === NAMES_LITERAL))
        return this.push(AND, at, spaceEnd(text, end + 3));
      return this.push(WHITESPACE, at, end);
    }
    if (c === 0x2c && (state === NAMES_LITERAL || state === SEPARATED_LITERAL)) return this.push(COMMA, at, at + 1);
    if (c === 0x2d && state === NAMES_LITERAL) return this.push(HYPHEN, at, at + 1);
    let end = at;
    while (end < text.length && !endsText(text.charCodeAt(end), state)) end++;
    if (end === at) throw new NotPlainBibtex(); // `$`, or `=` in a name
    return this.push(TEXT, at, end);
  }

  private push(type: TokenType, start: number, end: number): number {
    const arrays = this.arrays;
    arrays.grow(this.count);
    arrays.types[this.count] = type;
    arrays.starts[this.count] = start;
    arrays.ends[this.count++] = end;
    return end;
  }

  /** Gives the arrays back for the next value. */
  release(): void {
    spareArrays = this.arrays;
  }

  eof(): boolean {
    return this.at >= this.count;
  }
  is(type: TokenType): boolean {
    return this.at < this.count && this.arrays.types[this.at] === type;
  }
  /** Takes a token of `type` (index), or throws; -1 when it is `optional` and not there. */
  take(type: TokenType, optional = false): number {
    if (this.is(type)) return this.at++;
    if (optional) return -1;
    throw new NotPlainBibtex();
  }
  /** The source of token `index`. */
  source(index: number): string {
    return this.value.slice(this.arrays.starts[index], this.arrays.ends[index]);
  }
  /** value.js's `Text` rule: a group's text, a space for any whitespace, a command's text, a word with its ligatures (`--`, `''`). */
  text(): string {
    if (this.eof()) throw new NotPlainBibtex();
    const index = this.at++;
    switch (this.arrays.types[index]) {
      case WHITESPACE:
        return this.value.charCodeAt(this.arrays.starts[index]) === 0x7e ? '\u00a0' : ' ';
      case LBRACE:
        this.at--;
        return this.group();
      case COMMAND:
        return this.command(index);
      case TEXT:
        return ligature(this.source(index));
      default:
        throw new NotPlainBibtex();
    }
  }
  /** value.js's `BracketString`: a braced group's text. */
  private group(): string {
    this.take(LBRACE);
    let output = '';
    while (!this.is(RBRACE)) output += this.text();
    this.take(RBRACE);
    return output;
  }
  /** value.js's `Command` rule: markup, symbols, accents, `\url`-like commands and escapes. */
  private command(index: number): string {
    const source = this.source(index);
    const command = source.slice(1).trim();
    const { formattingEnvs, formattingCommands, commands, mathCommands, diacritics, argumentCommands } = table();
    if (command in formattingEnvs) {
      // `Env`: the text up to the group's end, formatted.
      let output = '';
      while (!this.eof() && !this.is(RBRACE)) output += this.text();
      return applyFormatting(output, formattingEnvs[command]);
    }
    if (command in formattingCommands) return applyFormatting(this.group(), formattingCommands[command]);
    if (command in commands) return commands[command];
    if (command in mathCommands) return mathCommands[command];
    if (command in diacritics && !this.eof()) {
      const text = this.text();
      const diacritic = text[0] + diacritics[command];
      return diacritic.normalize('NFC') + text.slice(1);
    }
    if (command in argumentCommands) {
      const func = argumentCommands[command];
      const args: string[] = [];
      for (let arity = func.length; arity-- > 0;) {
        this.take(WHITESPACE, true);
        args.push(this.group());
      }
      return func(...args);
    }
    if (/^[&%$#_{}]$/.test(command)) return source.slice(1);
    return source;
  }
}

/** value.js's `applyFormatting`: `text` in the HTML-like markup citation-js gives `format`. */
function applyFormatting(text: string, format: string): string {
  return format in formatting ? text && formatting[format].join(text) : text;
}

/**
 * citation-js's `getStringCase` (the case of the first character whose upper and lower case
 * differ; null when none does), read directly while the word is ASCII: there each character's
 * cases are one character at the same place. A word with any other character before its first
 * letter goes to citation-js's own.
 */
function stringCase(text: string): boolean | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return table().getStringCase(text);
    if (code >= 0x41 && code <= 0x5a) return true;
    if (code >= 0x61 && code <= 0x7a) return false;
  }
  return null;
}

/** value.js's `StringNames`, `Name`, `NamePiece` and `NameToken` on a plain value. */
function readNames(t: Tokens): Record<string, string>[] {
  const list: Record<string, string>[] = [];
  for (;;) {
    t.take(WHITESPACE, true);
    const pieces: NamePart[][] = [];
    for (;;) {
      const parts: NamePart[] = [];
      for (;;) {
        parts.push(nameToken(t));
        if (t.eof() || t.is(AND) || t.is(COMMA)) break;
        while (t.is(HYPHEN) || t.is(WHITESPACE)) t.take(t.is(HYPHEN) ? HYPHEN : WHITESPACE);
      }
      pieces.push(parts);
      if (t.eof() || t.is(AND)) break;
      t.take(COMMA);
      t.take(WHITESPACE, true);
    }
    list.push(table().orderNamePieces(pieces));
    t.take(WHITESPACE, true);
    if (t.eof()) return list;
    t.take(AND);
  }
}

function nameToken(t: Tokens): NamePart {
  let upperCase: boolean | null = null;
  let value = '';
  for (;;) {
    if (upperCase === null && t.is(TEXT)) {
      const text = t.source(t.take(TEXT));
      value += text;
      upperCase = stringCase(text);
    } else if (t.eof() || t.is(AND) || t.is(COMMA) || t.is(WHITESPACE)) {
      return { value, upperCase };
    } else if (t.is(HYPHEN)) {
      return { value, upperCase, hyphenated: true };
    } else {
      value += t.text();
    }
  }
}

/** value.js's `StringList` (split at `and`) or `StringSeparated` (split at commas, trimmed). */
function readList(t: Tokens, separator: typeof AND | typeof COMMA): string | string[] {
  const list: string[] = [];
  while (!t.eof()) {
    let output = '';
    while (!t.eof() && !t.is(separator)) output += t.text();
    list.push(separator === COMMA ? output.trim() : output);
    t.take(separator, true);
    if (separator === COMMA) t.take(WHITESPACE, true);
  }
  return separator === AND && list.length === 1 ? list[0] : list;
}

function readText(t: Tokens): string {
  let output = '';
  while (!t.eof()) output += t.text();
  return output;
}

/** value.js's `StringUri` on a plain value. */
function readUri(uri: string): string {
  try {
    return decodeURI(uri) === uri ? encodeURI(uri) : uri;
  } catch {
    return encodeURI(uri);
  }
}

/** True when every run of `\s` in `text` is one plain space already (most values): replacing runs would change nothing. */
function oneSpaceRuns(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code) && (code !== 0x20 || isSpace(text.charCodeAt(i + 1)))) return false;
  }
  return true;
}

/** A plain value read as value.js's `parse` reads it (titles never sentence-cased: the plugin's default). */
function readPlain(text: string, field: string): unknown {
  const [kind, type] = table().fieldTypes[field] ?? [];
  const rule = type !== 'title' && kind === 'field' ? type : kind;
  if (type !== 'name' && rule !== 'list' && rule !== 'separated' && !NOT_WORDS.test(text)) {
    // Words and spaces only: the tokens would be runs of each, read as the words and one space a run.
    if (rule === 'verbatim') return text;
    if (rule === 'uri') return readUri(text);
    return ligature(oneSpaceRuns(text) ? text : text.replace(/\s+/g, ' '));
  }
  // As value.js: names, lists and separated values in their own state, any other by the field's kind.
  const listed = type === 'name' ? 'name' : rule === 'list' || rule === 'separated' ? rule : kind;
  const state =
    listed === 'name' ? NAMES_LITERAL : listed === 'list' ? LIST_LITERAL : listed === 'separated' ? SEPARATED_LITERAL : STRING_LITERAL;
  const tokens = new Tokens(text, state);
  try {
    if (type === 'name') return readNames(tokens);
    if (rule === 'list') return readList(tokens, AND);
    if (rule === 'separated') return readList(tokens, COMMA);
    // The tokens cover the whole value: a verbatim value, once it lexes, is its own text.
    if (rule === 'verbatim') return text;
    if (rule === 'uri') return readUri(text);
    return readText(tokens);
  } finally {
    tokens.release();
  }
}

/** One field value as citation-js reads it: plain ones here, the others by citation-js. */
export function readBibtexValue(text: string, field: string, languages?: unknown): unknown {
  if (!(table().fieldTypes[field]?.[1] === 'name' ? NOT_PLAIN_NAME : NOT_PLAIN).test(text)) {
    try {
      return readPlain(text, field);
    } catch (e) {
      if (!(e instanceof NotPlainBibtex)) throw e;
    }
  }
  return parseValue(text, field, languages as string[] | undefined);
}

/** plugin-bibtex's `parseEntryValues` with the fast value reader. */
function withValues(entry: BibtexEntry): BibtexEntry {
  const output: Record<string, unknown> = {};
  const properties = entry.properties as Record<string, unknown>;
  if ('language' in properties) output.language = readBibtexValue(String(properties.language), 'language');
  for (const property in properties) {
    const value = properties[property];
    if (value === '') continue;
    output[property] = readBibtexValue(String(value), property, output.language);
  }
  for (const property in entry.annotations ?? {})
    for (const annotation in entry.annotations?.[property] ?? {})
      output[`${property}+an:${annotation}`] = parseAnnotation(entry.annotations?.[property][annotation] as string);
  return { ...entry, properties: output };
}

/**
 * BibLaTeX sources (one entry or `@string` macro each, in file order) into CSL items, as
 * citation-js's `@biblatex/text` input chain gives them for the sources joined by line
 * breaks; throws on bad input. Sources its file grammar is not sure of go to citation-js whole.
 */
export function biblatexToCsl(sources: readonly string[]): CslItem[] {
  let entries: BibtexEntry[];
  try {
    entries = readEntries(sources);
  } catch (e) {
    if (!(e instanceof NotPlainBibtex)) throw e;
    entries = parseFile(sources.join('\n'));
  }
  if (entries.length === 0) return [];
  const items: unknown = mapEntries(entries.map(withValues)).map((item) =>
    isObject(item) ? upgradeCsl(item) : util.upgradeCsl(item as never),
  );
  if (!Array.isArray(items)) return [];
  return items.filter(isObject).map((item) => {
    delete (item as { _graph?: unknown })._graph;
    return item as CslItem;
  });
}

/**
 * citation-js's `util.upgradeCsl` on an item, in place: it copies the item first (with a
 * property descriptor per field), but the mapping's items are this reading's own.
 */
function upgradeCsl(item: Record<string, unknown>): Record<string, unknown> {
  if ('event' in item) {
    item['event-title'] = item.event;
    delete item.event;
  }
  if (item.type === 'book' && 'version' in item) item.type = 'software';
  return item;
}
