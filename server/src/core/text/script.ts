/**
 * Which language a text is written in, as far as Citokine needs to know: Chinese or English.
 * One rule for every place that asks "is this document Chinese" (the heading of an inserted
 * reference list, the language of term hovers).
 */

/**
 * The Han ideographs `isHan` accepts, as the inside of a regular expression character class
 * (`new RegExp(`[${HAN}]`)`), for patterns that need Han beside other characters.
 */
export const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';

const HAN_CHARACTER = new RegExp(`[${HAN}]`);

/** True when `text` holds at least one Han ideograph (see `isHan`). */
export function hasHan(text: string): boolean {
  return HAN_CHARACTER.test(text);
}

/** The languages Citokine writes and explains in. */
export type ScriptLanguage = 'zh' | 'en';

/** A Han ideograph (CJK Unified Ideographs, extension A, compatibility ideographs), as a UTF-16 code. */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

/** The language a `lang:` value declares (`zh-CN`, `en-GB`...), if it is one of ours. */
export function declaredLanguage(lang: string | undefined): ScriptLanguage | undefined {
  if (lang && /^zh/i.test(lang)) return 'zh';
  if (lang && /^en/i.test(lang)) return 'en';
  return undefined;
}

/** Chinese when its characters clearly outnumber Latin words, English the other way round, else undecided. */
export function dominantLanguage(text: string): ScriptLanguage | undefined {
  let han = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (letter && !inWord) words++;
    inWord = letter;
    if (isHan(c)) han++;
  }
  // About 1.5 Chinese characters make a word.
  const zhWords = han / 1.5;
  if (zhWords === 0 && words === 0) return undefined;
  if (zhWords > words * 1.2) return 'zh';
  if (words > zhWords * 1.2) return 'en';
  return undefined;
}

/**
 * The language of a document: its front matter's `lang:` when that is Chinese or English,
 * else its dominant script, else undecided.
 */
export function documentLanguage(text: string, lang: string | undefined): ScriptLanguage | undefined {
  return declaredLanguage(lang) ?? dominantLanguage(text);
}

/** True when a document is Chinese by `documentLanguage`; an undecided one is not. */
export function isChineseDocument(text: string, lang: string | undefined): boolean {
  return documentLanguage(text, lang) === 'zh';
}
