/**
 * The search index's entry texts, written a chunk at a time into one buffer of character
 * codes: every field is folded as it is copied, in one pass, with no string per field or per
 * entry (a 10,000-entry library made about 15 strings an entry, and their garbage, in its
 * load). The texts are exactly those of `entrySearch` (searchFields.ts): characters whose
 * folding is known per character (ASCII, Han, Latin letters with accents, full-width forms,
 * Chinese punctuation) are folded through a table made from `fold` itself, and a field with
 * any other character is made by searchFields.ts's own functions and copied.
 */
import { issuedYear } from './cslItem';
import { builtinContext } from './referenceCard';
import { doiField, fold, foldName, spaced, type SearchedEntry } from './searchFields';
import { hasHan } from '../text/script';

const NEWLINE = 10;
const RETURN = 13;
const SPACE = 32;

/**
 * Per character code, what folding it gives (`fold` of the character alone) with, per output
 * code, whether it is a letter or digit (a word character of `spaced`), as pairs [code, word]
 * flattened; null for a code that is not folded per character here; undefined until first met
 * (only the few dozen a library holds are worked out: all of them took 15 ms). Folding is per
 * character for these: their decompositions hold only starters and the combining marks that
 * folding drops (U+0300-U+036F), and their lower case needs no context.
 */
let foldCache: (readonly number[] | null | undefined)[] | undefined;

const PER_CHARACTER: readonly (readonly [number, number])[] = [
  [0x00, 0x7f],
  [0xa0, 0x17f],
  [0x300, 0x36f],
  // Greek, but not capital sigma, whose lower case depends on the letter after it.
  [0x370, 0x3a2],
  [0x3a4, 0x3ff],
  [0x2010, 0x2027],
  [0x3000, 0x3003],
  [0x3008, 0x3011],
  [0xff01, 0xff5e],
];

const WORD = /^[\p{L}\p{N}]$/u;

/** The folding of code `c` as [code, word] pairs (`foldCache`), or null when it is not folded per character. */
function foldPairs(c: number): readonly number[] | null {
  const cache = (foldCache ??= new Array<readonly number[] | null | undefined>(0x10000).fill(undefined));
  let pairs = cache[c];
  if (pairs === undefined) cache[c] = pairs = PER_CHARACTER.some(([first, last]) => c >= first && c <= last) ? pairsOf(c) : null;
  return pairs;
}

function pairsOf(c: number): readonly number[] | null {
  const ch = String.fromCharCode(c);
  const folded = fold(ch);
  // Longer foldings, any that would hold a surrogate or a line break, and any that depends
  // on the letters around it (a character decomposing to a capital sigma) are left to `fold`.
  if (folded.length > MOST_FOLDED || /[\ud800-\udfff\n\r]/.test(folded)) return null;
  if (fold(`a${ch}`) !== `a${folded}` || fold(`${ch}a`) !== `${folded}a` || fold(`a${ch}a`) !== `a${folded}a`) return null;
  const pairs: number[] = [];
  for (const out of folded) pairs.push(out.charCodeAt(0), WORD.test(out) ? 1 : 0);
  return pairs;
}

const isHanCode = (c: number) => c >= 0x4e00 && c <= 0x9fff;

/** The most codes one character of `PER_CHARACTER` folds to (U+2026, an ellipsis: three full stops; ¼: 1⁄4). */
const MOST_FOLDED = 3;

/** A growing buffer of UTF-16 codes, taken as one string at a time (a chunk of the index's text column). */
export class TextWriter {
  private codes = new Uint16Array(1 << 16);
  length = 0;
  /** Set when a surrogate was written: such a chunk is decoded code by code (the UTF-16 decoder would replace a lone one). */
  private surrogates = false;
  private readonly decoder = new TextDecoder('utf-16le', { ignoreBOM: true });

  private room(n: number): void {
    if (this.length + n <= this.codes.length) return;
    const grown = new Uint16Array(Math.max(this.codes.length * 2, this.length + n));
    grown.set(this.codes.subarray(0, this.length));
    this.codes = grown;
  }

  code(c: number): void {
    this.room(1);
    this.codes[this.length++] = c;
  }

  /** `text` as it is, except that a line break becomes a space (`line`). */
  raw(text: string): void {
    this.room(text.length);
    const codes = this.codes;
    let at = this.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) this.surrogates = true;
      codes[at++] = c === NEWLINE || c === RETURN ? SPACE : c;
    }
    this.length = at;
  }

  /** `line(text.toLowerCase())`: ASCII and Han code by code, anything else through `toLowerCase`. */
  lower(text: string): void {
    const mark = this.length;
    this.room(text.length);
    const codes = this.codes;
    let at = mark;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 65 && c <= 90) c += 32;
        else if (c === NEWLINE || c === RETURN) c = SPACE;
      } else if (!isHanCode(c)) {
        this.length = mark;
        return this.raw(text.toLowerCase());
      }
      codes[at++] = c;
    }
    this.length = at;
  }

  /**
   * `line(fold(text))` per character (`foldTable`); false, with nothing written, when `text`
   * holds a character not folded per character. `han` is set to whether a Han ideograph was written.
   */
  folded(text: string, state: { han: boolean }): boolean {
    const mark = this.length;
    this.room(text.length * MOST_FOLDED);
    const codes = this.codes;
    let at = mark;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        codes[at++] = c >= 65 && c <= 90 ? c + 32 : c === NEWLINE || c === RETURN ? SPACE : c;
        continue;
      }
      if (isHanCode(c)) {
        state.han = true;
        codes[at++] = c;
        continue;
      }
      const pairs = foldPairs(c);
      if (!pairs) return false;
      for (let k = 0; k < pairs.length; k += 2) codes[at++] = pairs[k];
    }
    this.length = at;
    return true;
  }

  /**
   * Writes `spaced` of `parts` joined by spaces: a space, then the folded words (runs of
   * letters and digits) one space apart. Falls back to `spaced` itself when a part holds a
   * character not folded per character.
   */
  spaced(...parts: string[]): void {
    const mark = this.length;
    let size = 1;
    for (const part of parts) size += part.length * MOST_FOLDED + 1;
    this.room(size);
    const codes = this.codes;
    let at = mark;
    codes[at++] = SPACE;
    // `gap`: a separator was met since the last word character, so the next one starts a word.
    let gap = false;
    let words = false;
    for (let p = 0; p < parts.length; p++) {
      if (p > 0) gap = true;
      const text = parts[p];
      for (let i = 0; i < text.length; i++) {
        let c = text.charCodeAt(i);
        if (c < 0x80) {
          if (c >= 65 && c <= 90) c += 32;
          else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
            gap = true;
            continue;
          }
        } else if (!isHanCode(c)) {
          const pairs = foldPairs(c);
          if (!pairs) {
            this.length = mark;
            return this.raw(spaced(parts.join(' ')));
          }
          for (let k = 0; k < pairs.length; k += 2) {
            if (pairs[k + 1] === 0) gap = true;
            else {
              if (gap && words) codes[at++] = SPACE;
              codes[at++] = pairs[k];
              words = true;
              gap = false;
            }
          }
          continue;
        }
        if (gap && words) codes[at++] = SPACE;
        codes[at++] = c;
        words = true;
        gap = false;
      }
    }
    this.length = at;
  }

  /** The codes written, as a string, and an empty buffer. */
  take(): string {
    const codes = this.codes.subarray(0, this.length);
    let text: string;
    if (!this.surrogates) text = this.decoder.decode(codes);
    else {
      const parts: string[] = [];
      for (let i = 0; i < codes.length; i += 4096) parts.push(String.fromCharCode(...codes.subarray(i, i + 4096)));
      text = parts.join('');
    }
    this.length = 0;
    this.surrogates = false;
    return text;
  }

  /** Copies the codes from `start` to `end` (already written) to the end. */
  again(start: number, end: number): void {
    this.room(end - start);
    this.codes.copyWithin(this.length, start, end);
    this.length += end - start;
  }
}

type Name = { family?: unknown; given?: unknown; literal?: unknown };
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** A string of ASCII without line breaks: a plain name part, folded by its lower case (`plainText` in searchFields.ts). */
function plainText(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f || c === NEWLINE || c === RETURN) return false;
  }
  return true;
}

/** A name part (or literal) folded: per character, else through `foldName` (`fold` when not cached); `han` tells whether Han was written. */
function writeFolded(out: TextWriter, text: string, state: { han: boolean }, cached: boolean): void {
  if (out.folded(text, state)) return;
  const folded = cached ? foldName(text) : fold(text);
  if (hasHan(folded)) state.han = true;
  out.lower(folded);
}

/** The given names to write after the families, reused from entry to entry: the text, and whether it is folded (else lower-cased). */
const givens: { text: string; plain: boolean }[] = [];

/** Writes the families of an entry (each after a `\n`) and collects its given names in `givens`. */
function writeFamilies(out: TextWriter, item: Record<string, unknown>): void {
  givens.length = 0;
  const state = { han: false };
  for (let role = 0; role < 2; role++) {
    const names = item[role === 0 ? 'author' : 'editor'];
    if (!Array.isArray(names)) continue;
    for (const n of names as Name[]) {
      // Each part read once: the names of a library have many shapes, so every read is a slow (megamorphic) one.
      const { family, given, literal } = n;
      // A plain name: ASCII parts without line breaks (`plainText` in searchFields.ts), folded by their lower case.
      if (typeof literal !== 'string' && (family === undefined || plainText(family)) && (given === undefined || plainText(given))) {
        if (family) {
          out.code(NEWLINE);
          out.lower(family);
        }
        if (given) givens.push({ text: given, plain: true });
        continue;
      }
      if (typeof family === 'string') {
        const start = out.length;
        out.code(NEWLINE);
        state.han = false;
        writeFolded(out, family, state, true);
        const end = out.length;
        if (end === start + 1) out.length = start;
        else if (state.han && typeof given === 'string' && foldName(given)) {
          // Han names are also searched as family and given name written together.
          out.again(start, end);
          writeFolded(out, given, { han: false }, true);
        }
      }
      if (typeof given === 'string' && foldName(given)) givens.push({ text: given, plain: false });
      if (typeof literal === 'string') {
        out.code(NEWLINE);
        writeFolded(out, literal, { han: false }, false);
      }
    }
  }
}

/**
 * Writes entry `entry`'s search text (as `entrySearch`) after a `\n`, and its field ends into
 * `ends` at `e`, relative to the text's start.
 */
export function writeEntryText(out: TextWriter, entry: SearchedEntry, ends: Int32Array, e: number): void {
  const item = entry.item as Record<string, unknown>;
  out.code(NEWLINE);
  const base = out.length;
  const key = entry.key;
  out.lower(key);
  ends[e] = out.length - base;
  writeFamilies(out, item);
  ends[e + 1] = out.length - base;
  out.code(NEWLINE);
  for (let g = 0; g < givens.length; g++) {
    if (g > 0) out.code(SPACE);
    if (givens[g].plain) out.lower(givens[g].text);
    else writeFolded(out, givens[g].text, { han: false }, true);
  }
  ends[e + 2] = out.length - base;
  out.code(NEWLINE);
  out.spaced(str(item.title));
  ends[e + 3] = out.length - base;
  out.code(NEWLINE);
  out.raw(issuedYear(entry.item) ?? '');
  ends[e + 4] = out.length - base;
  out.code(NEWLINE);
  out.spaced(str(item['container-title']), str(item['container-title-short']), str(item.journalAbbreviation));
  ends[e + 5] = out.length - base;
  out.code(NEWLINE);
  const doi = item.DOI;
  if (typeof doi === 'string') out.lower(doi);
  else if (typeof doi === 'number') out.raw(doiField(entry));
  ends[e + 6] = out.length - base;
  out.code(NEWLINE);
  const context = builtinContext(entry.item);
  if (context) out.raw(fold([context.citedFor?.en, context.citedFor?.zh].filter(Boolean).join(' ')));
}
