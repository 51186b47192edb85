/**
 * The one citation-key grammar: Pandoc's. The citation parser reads keys with it, completion
 * finds the key being typed with it, rename checks a new key with it, and edits write a key
 * after `@` with it.
 *
 * A key starts with a letter, digit or `_`, then holds letters, digits, `_`, and the
 * punctuation `:.#$%&-+?<>~/` only when a letter/digit/`_` follows (`:` and `/` may also be
 * followed by `/`, for `url:http://`). "Letter" is Unicode, so `@smith2020发现` has the key
 * `smith2020发现` as in Pandoc, while `。`, `，` end a key. `@{...}` holds any key without
 * white space, in balanced braces. `@` right after a letter, digit, `.`, `_`, `%` or `+` is
 * not a citation (`研究表明@smith` and e-mail addresses).
 */

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Punctuation a key holds only between regular key characters. */
const INTERNAL_PUNCTUATION = ':.#$%&-+?<>~/';
/**
 * Cross-reference labels look like keys but are not citations: Quarto's (`fig-`, `tbl-`,
 * `thm-`, ..., `cau-`) and pandoc-crossref's (`fig:`, `tbl:`, `sec:`, `eq:`, `lst:`), each
 * also capitalised (`@Fig-x`, `@Tbl:y`), which both tools use to start a sentence.
 */
const CROSS_REFERENCE =
  /^(?:(?:fig|tbl|sec|eq|lst)[:-]|(?:thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|nte|tip|wrn|imp|cau)-|(?:Fig|Tbl|Sec|Eq|Lst)[:-]|(?:Thm|Lem|Cor|Prp|Cnj|Def|Exm|Exr|Sol|Rem|Nte|Tip|Wrn|Imp|Cau)-)/;
/** Longest braced key read, and longest key a rename accepts. */
const MAX_BRACED_KEY = 200;
const MAX_KEY = 500;

/** A letter, digit or `_` (by code point): what starts a key and may end it. */
export function isRegularKeyChar(cp: number): boolean {
  if (cp === 0x5f) return true;
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

/** True for `:.#$%&-+?<>~/`, which a key holds only between regular characters. */
export function isKeyPunctuation(ch: string): boolean {
  return ch.length === 1 && INTERNAL_PUNCTUATION.includes(ch);
}

/** Any character a bare key can hold somewhere (one UTF-16 unit or a surrogate pair). */
export function isKeyCharacter(ch: string): boolean {
  return isKeyPunctuation(ch) || isRegularKeyChar(ch.codePointAt(0) ?? -1);
}

/**
 * Cross-reference labels (`fig:x`, `tbl-y`, `Thm-z`, ...): key-shaped, never citations.
 * `customPrefixes` are the ones a document declares (Quarto's `crossref: custom:` keys), used
 * with `-` like Quarto's own.
 */
export function isCrossReference(key: string, customPrefixes: readonly string[] = []): boolean {
  if (CROSS_REFERENCE.test(key)) return true;
  for (const prefix of customPrefixes) {
    if (key.length > prefix.length + 1 && key[prefix.length] === '-' && key.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase())
      return true;
  }
  return false;
}

function codePointWidth(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** Code point ending just before `offset` (handles surrogate pairs). */
function codePointBefore(text: string, offset: number): number {
  if (offset <= 0) return -1;
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(offset - 2) ?? low;
  }
  return low;
}

/**
 * Pandoc's "not right after a word": what may precede `@` (or `-@`) of a citation at
 * `offset`. A `-` directly before `@` is looked through, so `x-@a` stays an e-mail-like
 * fragment. Pandoc does accept `x_@a`, `x+@a`, `x-@a`; they are skipped here as e-mail fragments.
 */
export function mayPrecedeCitation(text: string, offset: number): boolean {
  let cp = codePointBefore(text, offset);
  if (cp === 0x2d && text.charCodeAt(offset) === 0x40) {
    const before = codePointBefore(text, offset - 1);
    if (before !== 0x2d) cp = before;
  }
  if (cp < 0) return true;
  // `\@` is an escaped at-sign; `.`, `_`, `%`, `+` belong to e-mail local parts.
  if (cp === 0x2e || cp === 0x5f || cp === 0x25 || cp === 0x2b || cp === 0x40 || cp === 0x5c) return false;
  if (isRegularKeyChar(cp)) return false;
  return !(cp >= 128 && /\p{M}/u.test(String.fromCodePoint(cp)));
}

/** Where a key read after `@` lies: the key itself, and the end of what was read (closing brace included). */
export interface KeySpan {
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly end: number;
}

/** Reads `@key` or `@{key}` at `at` (the `@`); undefined when no key follows. */
export function readKey(text: string, at: number): KeySpan | undefined {
  const first = text.codePointAt(at + 1);
  if (first === undefined) return undefined;
  if (first === 0x7b) return readBracedKey(text, at);
  if (!isRegularKeyChar(first)) return undefined;
  let i = at + 1 + codePointWidth(first);
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    if (isRegularKeyChar(cp)) {
      i += codePointWidth(cp);
      continue;
    }
    if (cp < 128 && INTERNAL_PUNCTUATION.includes(String.fromCharCode(cp))) {
      const next = text.codePointAt(i + 1);
      if (next !== undefined && isRegularKeyChar(next)) {
        i++;
        continue;
      }
      if ((cp === 0x3a || cp === 0x2f) && next === 0x2f) {
        i++;
        continue;
      }
    }
    break;
  }
  return { keyStart: at + 1, keyEnd: i, end: i };
}

/** `@{...}`: Pandoc allows balanced braces and no white space inside. */
function readBracedKey(text: string, at: number): KeySpan | undefined {
  let depth = 0;
  for (let i = at + 1; i < text.length && i - at < MAX_BRACED_KEY; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c === 0x3000) return undefined;
    if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) return i > at + 2 ? { keyStart: at + 2, keyEnd: i, end: i + 1 } : undefined;
  }
  return undefined;
}

/** True when Pandoc reads `@key` as exactly this key, without braces. */
export function isBareKey(key: string): boolean {
  if (!key) return false;
  const read = readKey(`@${key}`, 0);
  return read !== undefined && read.keyStart === 1 && read.keyEnd === key.length + 1;
}

/** `@key`, or `@{key}` when the key has characters a bare key cannot hold. */
export function keyReference(key: string): string {
  return isBareKey(key) ? `@${key}` : `@{${key}}`;
}

/**
 * True when `key` is a citation key an author may rename to: a bare key (what `[@key]`
 * reads back as exactly this key), not a cross-reference label, of reasonable length.
 */
export function isValidCitationKey(key: string): boolean {
  return key.length <= MAX_KEY && !isCrossReference(key) && isBareKey(key);
}
