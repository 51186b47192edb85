/**
 * Headings as a reader names them, and the one rule for which heading names the document's
 * reference list. The own numbered list (numeric citations resolve to it) and the place where
 * Insert Reference List writes are both decided here, so they cannot disagree.
 */
import { isWhitespace } from './sourceLines';
import type { Heading, MarkdownScan } from './syntax';
import type { OffsetRange } from '../text/textRange';

/**
 * Heading text as a reader names it: without Pandoc attributes (`{#refs}`, `{.unnumbered}`,
 * `{-}`), closing `#`s, "6." / "IV." / "六、" numbering, emphasis markers, a final colon, or
 * runs of spaces.
 */
export function normalizeHeadingText(text: string): string {
  return text
    .replace(/\s*\{[^{}]*\}\s*$/, '')
    .replace(/\s+#+\s*$/, '')
    .replace(/[*_`]/g, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[IVXLCivxlc]+\.|[一二三四五六七八九十]+[、.．])\s*/, '')
    .replace(/\s*[:：]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The name of a heading as a reader names it (see `normalizeHeadingText`). */
export function headingName(heading: Heading): string {
  return normalizeHeadingText(heading.text);
}

/** Names (after normalisation, any case) of the section that holds the document's reference list. */
const REFERENCE_HEADING =
  /^(?:references?|references cited|reference list|list of references|bibliography|works cited|literature cited|cited literature|参考文献|参考资料|引用文献)$/i;

/** True when a heading's text (as written) names the document's reference list. */
export function isReferenceHeadingText(text: string): boolean {
  return REFERENCE_HEADING.test(normalizeHeadingText(text));
}

/** True when a heading names the document's reference list: References, Works Cited, 参考文献... */
export function isReferenceHeading(heading: Heading): boolean {
  return isReferenceHeadingText(heading.text);
}

/** Index of the heading that ends the section opened by `headings[index]` (same or higher level), or -1. */
export function nextSectionHeading(headings: readonly Heading[], index: number): number {
  const level = headings[index].level;
  for (let k = index + 1; k < headings.length; k++) {
    if (headings[k].level <= level) return k;
  }
  return -1;
}

/** From the heading's start to the last non-blank character before the next heading of its level or higher. */
export function sectionRange(headings: readonly Heading[], index: number, text: string): OffsetRange {
  const heading = headings[index];
  const next = nextSectionHeading(headings, index);
  let end = next < 0 ? text.length : headings[next].range.start;
  while (end > heading.range.start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return { start: heading.range.start, end };
}

/**
 * The section of the document's reference list: the one holding its own numbered list if
 * there is one, else the first section whose heading names the list (which may be empty).
 */
export function referenceListSection(scan: MarkdownScan, text: string): OffsetRange | undefined {
  if (scan.referenceSection) return scan.referenceSection.range;
  const index = scan.headings.findIndex(isReferenceHeading);
  return index < 0 ? undefined : sectionRange(scan.headings, index, text);
}
