/**
 * citation-js's BibTeX reader, made fast. citation-js reads a file in three stages: the file
 * into entries of raw values (`file.js`), each raw value into text or names (`value.js`, a moo
 * lexer and a grammar per value: most of the time and garbage of a large library), and
 * entries into CSL (`mapping/`). Each stage is done here by the same rules where that is
 * exact: the file by bibtexFields.ts, the values by this module (words, braces, commands,
 * accents, markup, ties and math without scripts; other math, math or `=` in names, go to
 * citation-js's own `value.js`), the
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
  mathScriptFormatting,
} from '@citation-js/plugin-bibtex/lib/input/constants.js';
import { getStringCase, orderNamePieces, type NamePart } from '@citation-js/plugin-bibtex/lib/input/name.js';
import { parse as parseValue, parseAnnotation } from '@citation-js/plugin-bibtex/lib/input/value.js';
import type { BibtexEntry } from '@citation-js/plugin-bibtex/lib/mapping/index.js';
import { mapEntries } from './bibtexMapping';
import { NotPlainBibtex, readEntries, sourceString, type EntrySource } from './bibtexFields';
import {
  AND,
  COMMA,
  COMMAND,
  DOLLAR,
  EQUALS,
  HYPHEN,
  LBRACE,
  LIGATURE,
  LIST_LITERAL,
  MATH_SHIFT,
  NAMES_LITERAL,
  NOT_WORDS,
  RBRACE,
  scanValue,
  SEPARATED_LITERAL,
  SPACE_RUN,
  STRING_LITERAL,
  TEXT,
  ValueTokens,
  WHITESPACE,
} from './bibtexTokens';
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
  mathScriptFormatting,
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

/** A value's tokens read by value.js's grammar rules: `Text`, `BracketString`, `Command`. */
class Tokens extends ValueTokens {
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
      case MATH_SHIFT:
        return this.math();
      default:
        throw new NotPlainBibtex();
    }
  }
  /**
   * value.js's `MathString`, its opening `$` taken: the text up to the closing one. The lexer
   * lets no script or brace through; a command that formats a script's group is handed back too.
   */
  private math(): string {
    let output = '';
    for (;;) {
      if (this.eof()) throw new NotPlainBibtex();
      if (this.is(MATH_SHIFT)) {
        this.at++;
        return output;
      }
      if (this.is(COMMAND) && this.source(this.at).slice(1).trim() in table().mathScriptFormatting) throw new NotPlainBibtex();
      output += this.text();
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

/**
 * Names read so far, by their source (the tokens from a name's start to the `and` after it,
 * or to the end: `AT_END`'s or `BEFORE_AND`'s key): a library names the same people again and
 * again. A name's reading depends on its tokens and on whether an `and` or the end follows
 * (an accent command at its end takes the next token), nothing else. Bounded; the lists share
 * the cached (frozen) name.
 */
const AT_END = new Map<string, Record<string, string>>();
const BEFORE_AND = new Map<string, Record<string, string>>();
const NAMES_CACHED = 10000;

/** value.js's `StringNames`, `Name`, `NamePiece` and `NameToken` on a plain value. */
function readNames(t: Tokens): Record<string, string>[] {
  const list: Record<string, string>[] = [];
  for (;;) {
    t.take(WHITESPACE, true);
    const to = t.next(AND);
    const cache = to === t.length ? AT_END : BEFORE_AND;
    const key = t.span(to);
    const known = cache.get(key);
    if (known) {
      list.push(known);
      t.skip(to);
    } else {
      // Frozen, as it is shared by every list that names the same person: no reader of a value changes it
      // (the mapping makes each item's names anew), and one that tried would throw.
      const name = Object.freeze(readName(t));
      list.push(name);
      if (t.position === to) {
        if (cache.size >= NAMES_CACHED) cache.clear();
        cache.set(key, name);
      }
    }
    t.take(WHITESPACE, true);
    if (t.eof()) return list;
    t.take(AND);
  }
}

/** value.js's `Name`: the name's comma-separated pieces, each of name tokens, ordered into parts. */
function readName(t: Tokens): Record<string, string> {
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
  return table().orderNamePieces(pieces);
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

/**
 * A plain value read as value.js's `parse` reads it (titles never sentence-cased: the plugin's
 * default); `types` is the field's entry in citation-js's `fieldTypes`, `found` the value's `scanValue`.
 */
function readPlain(text: string, types: readonly string[] | undefined, found: number): unknown {
  const [kind, type] = types ?? [];
  const rule = type !== 'title' && kind === 'field' ? type : kind;
  if (type !== 'name' && rule !== 'list' && rule !== 'separated' && !(found & (NOT_WORDS | DOLLAR))) {
    // Words and spaces only: the tokens would be runs of each, read as the words and one space a run.
    if (rule === 'verbatim') return text;
    if (rule === 'uri') return readUri(text);
    // One space for a run changes no ligature, and a value without one is its own ligature reading.
    const spaced = found & SPACE_RUN ? text.replace(/\s+/g, ' ') : text;
    return found & LIGATURE ? ligature(spaced) : spaced;
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
  const types = table().fieldTypes[field];
  const found = scanValue(text);
  // Math is read here (bibtexTokens.ts), but not in a name.
  if (!(found & (types?.[1] === 'name' ? DOLLAR | EQUALS : 0))) {
    try {
      return readPlain(text, types, found);
    } catch (e) {
      if (!(e instanceof NotPlainBibtex)) throw e;
    }
  }
  return parseValue(text, field, languages as string[] | undefined);
}

/** plugin-bibtex's `parseEntryValues` with the fast value reader; the entry (this reading's own) gets the values in place of its raw ones. */
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
  entry.properties = output as BibtexEntry['properties'];
  return entry;
}

/**
 * BibLaTeX sources (one entry or `@string` macro each, in file order) into CSL items, as
 * citation-js's `@biblatex/text` input chain gives them for the sources joined by line
 * breaks; throws on bad input. Sources its file grammar is not sure of go to citation-js whole
 * (an entry in place as the source of its own it stands for, `sourceString`).
 */
export function biblatexToCsl(sources: readonly EntrySource[]): CslItem[] {
  let entries: BibtexEntry[];
  try {
    entries = readEntries(sources);
  } catch (e) {
    if (!(e instanceof NotPlainBibtex)) throw e;
    entries = parseFile(sources.map(sourceString).join('\n'));
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
