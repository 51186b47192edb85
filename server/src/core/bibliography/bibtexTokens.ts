/**
 * The lexer of citation-js's value grammar (plugin-bibtex `input/value.js`, moo states) for the
 * plain values bibtexValues.ts reads: the same tokens, scanned by hand, character by
 * character, and kept as types and ranges in typed arrays reused from value to value, not as
 * a match array and an object per token. Anything the plain states do not hold (math with
 * scripts or braces, math in a name, a `\\begin`, a brace closing nothing, a backslash at a
 * line end) throws NotPlainBibtex. `scanValue` tells, in one pass, whether a value needs the
 * tokens at all.
 */
import { isLetter, isSpace, NotPlainBibtex } from './bibtexFields';

/** Token types, as numbers: a value's tokens are kept in typed arrays, not objects (a large library has millions). */
export const AND = 0;
export const COMMA = 1;
export const HYPHEN = 2;
/** A run of spaces, or one tie (`~`, a token of its own). */
export const WHITESPACE = 3;
export const TEXT = 4;
export const COMMAND = 5;
export const LBRACE = 6;
export const RBRACE = 7;
/** A `$`, opening or closing math. */
export const MATH_SHIFT = 8;
export type TokenType = number;

/**
 * The lexer states of value.js, cut down to the tokens a plain value can hold, each rule in
 * the order moo tries them (the first that matches at a place wins): `stringLiteral` is
 * `(\s+)|([^{$}\s~\\]+)`, `namesLiteral` `(\s+[aA][nN][dD]\s+)|(,)|(-)|(\s+)|([^{$}\s~\\,=-]+)`,
 * `listLiteral` `(\s+and\s+)|(\s+)|([^{$}\s~\\]+)`, `separatedLiteral` `(,)|(\s+)|([^{$}\s~\\,]+)`.
 * They are scanned by hand here, character by character. Commands and braces, the same in
 * every state, are told by their first character.
 */
export const STRING_LITERAL = 0;
export const NAMES_LITERAL = 1;
export const LIST_LITERAL = 2;
export const SEPARATED_LITERAL = 3;
/**
 * value.js's `mathLiteral`: its text runs end at `^` and `_` too (scripts). Read here only
 * without scripts or braces between the dollars: those throw NotPlainBibtex.
 */
const MATH_LITERAL = 4;

/**
 * What one pass over a value finds (`scanValue`), as bits. `DOLLAR`: math, read by the tokens
 * (a name with math goes to citation-js). `EQUALS`: in names `=` also starts a part label
 * (`given=Jean`), so a name with one goes to citation-js too. `NOT_WORDS`: braces, commands and ties (a value without them is words
 * and spaces). `SPACE_RUN`: a run of `\s` that is not one plain space. `LIGATURE`: `--`, `''` or
 * two backquotes, which citation-js's ligature pattern replaces (its `~` is a tie, in NOT_WORDS).
 */
export const DOLLAR = 1;
export const EQUALS = 2;
export const NOT_WORDS = 4;
export const SPACE_RUN = 8;
export const LIGATURE = 16;

/** The bits of what `text` holds, in one pass (it was four: three patterns and a loop, over every value of a library). */
export function scanValue(text: string): number {
  let found = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7e) {
      if (isSpace(code)) found |= SPACE_RUN;
      continue;
    }
    switch (code) {
      case 0x24: // $
        found |= DOLLAR;
        break;
      case 0x3d: // =
        found |= EQUALS;
        break;
      case 0x7b: // {
      case 0x7d: // }
      case 0x5c: // \
      case 0x7e: // ~
        found |= NOT_WORDS;
        break;
      case 0x20:
        if (isSpace(text.charCodeAt(i + 1))) found |= SPACE_RUN;
        break;
      case 0x2d: // -
      case 0x27: // '
      case 0x60: // `
        if (text.charCodeAt(i + 1) === code) found |= LIGATURE;
        break;
      default:
        if (code <= 0x20 && isSpace(code)) found |= SPACE_RUN;
    }
  }
  return found;
}

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
    case 0x5e: // ^
    case 0x5f: // _
      return state === MATH_LITERAL;
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

/**
 * A value's tokens as value.js's lexer gives them: type and source range of each, and a place
 * in them. `release` when done, so that the next value reuses the arrays.
 */
export class ValueTokens {
  protected at = 0;
  private count = 0;
  protected readonly arrays: TokenArrays;

  /** The tokens of `text` as value.js's lexer gives them, in `state` (braced groups read as `stringLiteral`). */
  constructor(
    protected readonly value: string,
    state: number,
  ) {
    this.arrays = spareArrays ?? new TokenArrays();
    spareArrays = undefined;
    const text = value;
    let depth = 0;
    let at = 0;
    /** Between dollars (names never: a name with math goes to citation-js). */
    let math = false;
    while (at < text.length) {
      const c = text.charCodeAt(at);
      if (c === 0x5c) {
        if (text.startsWith('\\begin', at)) throw new NotPlainBibtex();
        at = this.push(COMMAND, at, commandEnd(text, at));
      } else if (c === 0x7e) at = this.push(WHITESPACE, at, at + 1);
      else if (c === 0x24 && state !== NAMES_LITERAL) {
        math = !math;
        at = this.push(MATH_SHIFT, at, at + 1);
      } else if (math && (c === 0x7b || c === 0x7d || c === 0x5e || c === 0x5f)) throw new NotPlainBibtex();
      else if (c === 0x7b) {
        depth++;
        at = this.push(LBRACE, at, at + 1);
      } else if (c === 0x7d) {
        if (--depth < 0) throw new NotPlainBibtex();
        at = this.push(RBRACE, at, at + 1);
      } else at = this.literal(math ? MATH_LITERAL : depth > 0 ? STRING_LITERAL : state, at);
    }
    if (math) throw new NotPlainBibtex();
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
  /** The index of the next token. */
  get position(): number {
    return this.at;
  }
  /** The number of tokens. */
  get length(): number {
    return this.count;
  }
  /** The index of the next token of `type` from here, or the number of tokens. */
  next(type: TokenType): number {
    let index = this.at;
    while (index < this.count && this.arrays.types[index] !== type) index++;
    return index;
  }
  /** The source of the tokens from here to token `to` (not included). */
  span(to: number): string {
    return to > this.at ? this.value.slice(this.arrays.starts[this.at], this.arrays.ends[to - 1]) : '';
  }
  /** Moves on to token `to`. */
  skip(to: number): void {
    this.at = to;
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
}
