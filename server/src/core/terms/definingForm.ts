/**
 * How an abbreviation is spelled out at its first use: "interleukin-6 (IL-6)" in English,
 * "白细胞介素6（IL-6）" in Chinese, for the undefined-abbreviation fix and for completion.
 */
import type { GlossaryTerm } from './glossary';
import { isChineseContext } from './language';
import type { TermOccurrence } from './termIndex';
import { lineAround } from '../text/textRange';

/**
 * The defining form for an abbreviation written at `occurrence`: "interleukin-6 (IL-6)" in
 * English text, "白细胞介素6（IL-6）" in Chinese text; capitalized at the start of an English
 * sentence; the singular name for a singular use of a plural abbreviation ("CAF").
 */
export function definingForm(text: string, occurrence: TermOccurrence): string | undefined {
  const written = text.slice(occurrence.range.start, occurrence.range.end);
  const short = occurrence.kind === 'variant' && occurrence.suggestion ? occurrence.suggestion : written;
  return definingFormFor(
    occurrence.term,
    short,
    isChineseContext(text, occurrence.range.start, occurrence.range.end),
    atSentenceStart(text, occurrence.range.start),
  );
}

/** The defining form of `term` with the abbreviation written as `short`. */
export function definingFormFor(term: GlossaryTerm, short: string, chinese: boolean, sentenceStart: boolean): string | undefined {
  if (chinese && term.name.zh) return `${term.name.zh}（${short}）`;
  let name = term.name.en;
  if (!name) return term.name.zh ? `${term.name.zh}（${short}）` : undefined;
  if (/[A-Z]s$/.test(term.canonical) && !/s$/.test(short) && /s$/.test(name)) name = name.slice(0, -1);
  if (sentenceStart && /^[a-z]/.test(name)) name = name[0].toUpperCase() + name.slice(1);
  return `${name} (${short})`;
}

/** At the start of a paragraph, a list item, a heading or after a full stop. */
export function atSentenceStart(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '*' || text[i] === '_')) i--;
  if (i < 0 || text[i] === '\n') return true;
  if (/[.!?]/.test(text[i])) return true;
  // "- ", "1. ", "# ", "> " at the start of a line.
  return /^\s*(?:[-+*>]|#{1,6}|\d+[.)])\s*$/.test(text.slice(lineAround(text, i).start, offset));
}
