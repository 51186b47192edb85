/**
 * Which language a manuscript, or a stretch of it, is written in: for the language of a term
 * card and for writing a definition the way the surrounding sentence needs it.
 */
import type { Manuscript } from '../markdown/manuscript';
import { declaredLanguage, dominantLanguage, HAN } from '../text/script';
import { lineAround } from '../text/textRange';

/** The language a reader of this document reads first. */
export type DisplayLanguage = 'en' | 'zh';

const languages = new WeakMap<Manuscript, DisplayLanguage | undefined>();

/**
 * Front matter `lang:` (zh*, en*); else the document's dominant script (Chinese characters
 * against Latin words); else the client's locale; else English.
 */
export function displayLanguage(manuscript: Manuscript, locale?: string): DisplayLanguage {
  const declared = declaredLanguage(manuscript.frontMatter.lang);
  if (declared) return declared;
  let dominant = languages.get(manuscript);
  if (!languages.has(manuscript)) {
    dominant = dominantLanguage(manuscript.text);
    languages.set(manuscript, dominant);
  }
  if (dominant) return dominant;
  if (locale && /^zh/i.test(locale)) return 'zh';
  return 'en';
}

/** A Han ideograph, CJK punctuation (、。「」) or a full-width sign (，：！): marks of Chinese text. */
const CHINESE_CHARACTER = new RegExp(`[${HAN}\\u3000-\\u303f\\uff01-\\uff20]`, 'g');

/**
 * Whether the text around text[from, to) is Chinese: Chinese characters and full-width
 * punctuation within 20 characters on either side (same line) against English words (runs
 * of two or more lower-case letters). Symbols such as IL-6 or STAT3 count for neither.
 */
export function isChineseContext(text: string, from: number, to: number = from): boolean {
  const lineStart = lineAround(text, from).start;
  const lineEnd = lineAround(text, to).end;
  const before = text.slice(Math.max(lineStart, from - 20), from);
  const after = text.slice(to, Math.min(lineEnd, to + 20));
  const window = `${before} ${after}`;
  const chinese = (window.match(CHINESE_CHARACTER) ?? []).length;
  const english = (window.match(/(?<![A-Za-z])[a-z]{2,}/g) ?? []).length;
  return chinese > 0 && chinese >= english;
}
