/**
 * Characters as the term matcher sees them. Folding makes case, full-width forms, dashes and
 * spacing at Chinese/Latin boundaries irrelevant to *finding* a term; `loose` and
 * `foldKeepCase` keep enough of the written text to decide afterwards whether what was found
 * is the accepted spelling.
 */

import { HAN, hasHan, isHan } from '../text/script';

/** The folded space: every whitespace character, a line break included. */
export const SPACE = 32;
/** The folded hyphen: every dash and minus sign. */
export const HYPHEN = 45;

/** Folded code of every BMP character seen so far (-2 = not computed yet). */
let lowerTable: Int32Array | undefined;

/**
 * One character as matching sees it: lower case, half-width, every dash a hyphen, every
 * space a space, typographic apostrophes straight, the micro sign as Greek mu.
 */
export function foldChar(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c === 9 || c === 10 || c === 13 ? SPACE : c;
  if (c >= 0xff01 && c <= 0xff5e) return foldChar(c - 0xfee0);
  if (c === 0x3000 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f) return SPACE;
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe63) return HYPHEN;
  if (c === 0x2018 || c === 0x2019 || c === 0x2032) return 39;
  if (c === 0xb5) return 0x3bc;
  if (c >= 0xd800 && c <= 0xdfff) return c;
  lowerTable ??= new Int32Array(65536).fill(-2);
  let folded = lowerTable[c];
  if (folded === -2) {
    const lower = String.fromCharCode(c).toLowerCase();
    folded = lower.length === 1 ? lower.charCodeAt(0) : c;
    lowerTable[c] = folded;
  }
  return folded;
}

/** Spaces as matching sees them (after folding a line break is a space too). */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f;
}

/** Chinese (and Japanese) ideographs: text with no spaces between words. */
export function isCjk(c: number): boolean {
  return isHan(c);
}

/** Characters that continue a Latin word or identifier, on folded codes. */
export function isWordChar(f: number): boolean {
  return (
    (f >= 97 && f <= 122) ||
    (f >= 48 && f <= 57) ||
    f === 95 ||
    (f >= 0xc0 && f <= 0x24f && f !== 0xd7 && f !== 0xf7) ||
    (f >= 0x370 && f <= 0x3ff)
  );
}

/** An ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A form as the trie stores it: folded characters, whitespace runs as one space, and no
 * space at a Chinese/non-Chinese boundary (it is optional there in the text).
 */
export function foldForm(form: string): number[] {
  const out: number[] = [];
  let pendingSpace = false;
  let previousRaw = -1;
  for (let i = 0; i < form.length; i++) {
    const c = form.charCodeAt(i);
    if (isSpace(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace && !isCjk(previousRaw) && !isCjk(c)) out.push(SPACE);
    pendingSpace = false;
    out.push(foldChar(c));
    previousRaw = c;
  }
  return out;
}

/** A space before or after a Han ideograph: Chinese text has none between words. */
const SPACE_BESIDE_HAN = new RegExp(` (?=[${HAN}])|(?<=[${HAN}]) `, 'g');

/** Text compared for exactness: spacing normalized the way matching ignores it, nothing else. */
export function loose(text: string): string {
  return text.replace(/\s+/g, ' ').replace(SPACE_BESIDE_HAN, '').trim();
}

/** Width, dashes, spaces and apostrophes folded, case kept: to tell a case change from the rest. */
export function foldKeepCase(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe63) c = HYPHEN;
    else if (c === 0x2018 || c === 0x2019 || c === 0x2032) c = 39;
    else if (isSpace(c)) c = SPACE;
    out += String.fromCharCode(c);
  }
  return loose(out);
}

/**
 * A symbol (`IL-6`, `STAT3`, `gp130`, `miR-204-5p`) rather than a word: no spaces, no Chinese,
 * a capital or a digit, and no run of four lower-case letters (`interleukin-6` is a word).
 * For symbols, case, width and dash differences are spelling variants; for words they are not.
 */
export function isSymbolLike(form: string): boolean {
  return !/\s/.test(form) && !hasHan(form) && /[A-Z0-9]/.test(form) && !/[a-z]{4}/.test(form);
}

/** Compares abbreviations across spellings: `IL6`, `IL-6`, `Il-6`; `CAF`, `CAFs`, `CAF's`; `TGF-β`, `TGF beta`. */
export function abbreviationKey(form: string): string {
  return form
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-‐‑‒–—―−.'’]/g, '')
    .replace(/alpha|α/g, 'a')
    .replace(/beta|β|ß/g, 'b')
    .replace(/gamma|γ/g, 'g')
    .replace(/kappa|κ/g, 'k')
    .replace(/s$/, '');
}
