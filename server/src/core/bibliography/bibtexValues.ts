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
import { NotPlainBibtex, readEntries } from './bibtexFields';
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
/** A TeX ligature's character (`--`, `''`). */
const ligature = (text: string): string => text.replace(table().ligaturePattern, (found) => table().ligatures[found]);

/** Math: such a value goes to citation-js. */
const NOT_PLAIN = /[$]/;
/** Braces, commands and ties: a value without them is words and spaces. */
const NOT_WORDS = /[{}\\~]/;
/** In names `=` also starts a part label (`given=Jean`). */
const NOT_PLAIN_NAME = /[$=]/;

interface Token {
  readonly type: 'and' | 'comma' | 'hyphen' | 'whitespace' | 'text' | 'command' | 'lbrace' | 'rbrace';
  /** The token's source. */
  readonly text: string;
}

/**
 * The lexer states of value.js, cut down to the tokens a plain value can hold, each rule in
 * the order moo tries them (the first that matches at a place wins). Commands and braces,
 * the same in every state, are told by their first character before these are tried.
 */
const STATES: Readonly<Record<string, RegExp>> = {
  stringLiteral: /(\s+)|([^{$}\s~\\]+)/y,
  namesLiteral: /(\s+[aA][nN][dD]\s+)|(,)|(-)|(\s+)|([^{$}\s~\\,=-]+)/y,
  listLiteral: /(\s+and\s+)|(\s+)|([^{$}\s~\\]+)/y,
  separatedLiteral: /(,)|(\s+)|([^{$}\s~\\,]+)/y,
};
const GROUPS: Readonly<Record<string, readonly Token['type'][]>> = {
  stringLiteral: ['whitespace', 'text'],
  namesLiteral: ['and', 'comma', 'hyphen', 'whitespace', 'text'],
  listLiteral: ['and', 'whitespace', 'text'],
  separatedLiteral: ['comma', 'whitespace', 'text'],
};
/** value.js's `command` token: a backslash, a word or one character, and the spaces after it. */
const COMMAND = /\\(?:[a-zA-Z]+|.) */y;

function tokenize(text: string, state: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let at = 0;
  while (at < text.length) {
    const c = text[at];
    if (c === '\\') {
      COMMAND.lastIndex = at;
      const m = COMMAND.exec(text);
      if (!m || text.startsWith('\\begin', at)) throw new NotPlainBibtex();
      tokens.push({ type: 'command', text: m[0] });
      at += m[0].length;
      continue;
    }
    if (c === '~') {
      // A tie is a whitespace token of its own.
      tokens.push({ type: 'whitespace', text: c });
      at++;
      continue;
    }
    if (c === '{' || c === '}') {
      depth += c === '{' ? 1 : -1;
      if (depth < 0) throw new NotPlainBibtex();
      tokens.push({ type: c === '{' ? 'lbrace' : 'rbrace', text: c });
      at++;
      continue;
    }
    // Inside braces every state reads as a plain string.
    const inState = depth > 0 ? 'stringLiteral' : state;
    const rule = STATES[inState];
    rule.lastIndex = at;
    const m = rule.exec(text);
    if (!m) throw new NotPlainBibtex();
    let group = 1;
    while (m[group] === undefined) group++;
    tokens.push({ type: GROUPS[inState][group - 1], text: m[0] });
    at += m[0].length;
  }
  return tokens;
}

/** A token stream read as value.js's grammar reads it. */
class Tokens {
  private at = 0;
  constructor(private readonly tokens: readonly Token[]) {}
  eof(): boolean {
    return this.at >= this.tokens.length;
  }
  is(type: Token['type']): boolean {
    return !this.eof() && this.tokens[this.at].type === type;
  }
  take(type: Token['type'], optional = false): Token | undefined {
    if (this.is(type)) return this.tokens[this.at++];
    if (optional) return undefined;
    throw new NotPlainBibtex();
  }
  /** value.js's `Text` rule: a group's text, a space for any whitespace, a command's text, a word with its ligatures (`--`, `''`). */
  text(): string {
    const token = this.take(this.eof() ? 'text' : this.tokens[this.at].type) as Token;
    switch (token.type) {
      case 'whitespace':
        return token.text === '~' ? '\u00a0' : ' ';
      case 'lbrace':
        this.at--;
        return this.group();
      case 'command':
        return this.command(token);
      case 'text':
        return ligature(token.text);
      default:
        throw new NotPlainBibtex();
    }
  }
  /** value.js's `BracketString`: a braced group's text. */
  private group(): string {
    this.take('lbrace');
    let output = '';
    while (!this.is('rbrace')) output += this.text();
    this.take('rbrace');
    return output;
  }
  /** value.js's `Command` rule: markup, symbols, accents, `\url`-like commands and escapes. */
  private command(token: Token): string {
    const command = token.text.slice(1).trim();
    const { formattingEnvs, formattingCommands, commands, mathCommands, diacritics, argumentCommands } = table();
    if (command in formattingEnvs) {
      // `Env`: the text up to the group's end, formatted.
      let output = '';
      while (!this.eof() && !this.is('rbrace')) output += this.text();
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
        this.take('whitespace', true);
        args.push(this.group());
      }
      return func(...args);
    }
    if (/^[&%$#_{}]$/.test(command)) return token.text.slice(1);
    return token.text;
  }
}

/** value.js's `applyFormatting`: `text` in the HTML-like markup citation-js gives `format`. */
function applyFormatting(text: string, format: string): string {
  return format in formatting ? text && formatting[format].join(text) : text;
}

/** value.js's `StringNames`, `Name`, `NamePiece` and `NameToken` on a plain value. */
function readNames(t: Tokens): Record<string, string>[] {
  const list: Record<string, string>[] = [];
  for (;;) {
    t.take('whitespace', true);
    const pieces: NamePart[][] = [];
    for (;;) {
      const parts: NamePart[] = [];
      for (;;) {
        parts.push(nameToken(t));
        if (t.eof() || t.is('and') || t.is('comma')) break;
        while (t.is('hyphen') || t.is('whitespace')) t.take(t.is('hyphen') ? 'hyphen' : 'whitespace');
      }
      pieces.push(parts);
      if (t.eof() || t.is('and')) break;
      t.take('comma');
      t.take('whitespace', true);
    }
    list.push(table().orderNamePieces(pieces));
    t.take('whitespace', true);
    if (t.eof()) return list;
    t.take('and');
  }
}

function nameToken(t: Tokens): NamePart {
  let upperCase: boolean | null = null;
  let value = '';
  for (;;) {
    if (upperCase === null && t.is('text')) {
      const text = (t.take('text') as Token).text;
      value += text;
      upperCase = table().getStringCase(text);
    } else if (t.eof() || t.is('and') || t.is('comma') || t.is('whitespace')) {
      return { value, upperCase };
    } else if (t.is('hyphen')) {
      return { value, upperCase, hyphenated: true };
    } else {
      value += t.text();
    }
  }
}

/** value.js's `StringList` (split at `and`) or `StringSeparated` (split at commas, trimmed). */
function readList(t: Tokens, separator: 'and' | 'comma'): string | string[] {
  const list: string[] = [];
  while (!t.eof()) {
    let output = '';
    while (!t.eof() && !t.is(separator)) output += t.text();
    list.push(separator === 'comma' ? output.trim() : output);
    t.take(separator, true);
    if (separator === 'comma') t.take('whitespace', true);
  }
  return separator === 'and' && list.length === 1 ? list[0] : list;
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

/** A plain value read as value.js's `parse` reads it (titles never sentence-cased: the plugin's default). */
function readPlain(text: string, field: string): unknown {
  const [kind, type] = table().fieldTypes[field] ?? [];
  if (type === 'name') return readNames(new Tokens(tokenize(text, 'namesLiteral')));
  const rule = type !== 'title' && kind === 'field' ? type : kind;
  if (rule === 'list') return readList(new Tokens(tokenize(text, 'listLiteral')), 'and');
  if (rule === 'separated') return readList(new Tokens(tokenize(text, 'separatedLiteral')), 'comma');
  if (!NOT_WORDS.test(text)) {
    // Words and spaces only: the tokens would be runs of each, read as the words and one space a run.
    if (rule === 'verbatim') return text;
    if (rule === 'uri') return readUri(text);
    return ligature(text.replace(/\s+/g, ' '));
  }
  const tokens = tokenize(text, kind === 'list' ? 'listLiteral' : kind === 'separated' ? 'separatedLiteral' : 'stringLiteral');
  if (rule === 'verbatim') return tokens.map((token) => token.text).join('');
  if (rule === 'uri') return readUri(tokens.map((token) => token.text).join(''));
  return readText(new Tokens(tokens));
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
  const items: unknown = util.upgradeCsl(mapEntries(entries.map(withValues)));
  if (!Array.isArray(items)) return [];
  return items.filter(isObject).map((item) => {
    delete (item as { _graph?: unknown })._graph;
    return item as CslItem;
  });
}
