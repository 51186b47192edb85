/**
 * The parts of a manuscript that the term checks treat apart: the abstracts (each a scope of
 * its own for abbreviation definitions, separate from the main text) and the keyword lines
 * (a list of terms, not prose).
 */
import type { Manuscript } from '../markdown/manuscript';
import { headingName, sectionRange } from '../markdown/sections';
import { lineAround, type OffsetRange } from '../text/textRange';

/** The abstract (each one, when a manuscript has two) and the main text are separate scopes for definitions. */
export interface TermScope {
  readonly kind: 'abstract' | 'main';
  /** For an abstract: its section. The main text is everything outside the abstracts. */
  readonly range?: OffsetRange;
}

const ABSTRACT_HEADING = /^(?:abstract|summary|摘\s*要|中文摘要|英文摘要)$/i;
/** "Keywords: ...", "**关键词**：...": a list of terms, not prose, so abbreviations need no definition there. */
const KEYWORDS_LINE = /^[ \t>]*[*_]{0,2}(?:key ?words?|关键词|关键字)[*_]{0,2}\s*(?:[:：]|$)/i;
/** A paragraph opening "**Abstract**", "Abstract:" or "摘要：" starts an abstract without a heading. */
const ABSTRACT_LINE = /^[ \t]*(?:[*_]{1,2}(?:abstract|摘\s*要)\s*[:：]?[*_]{1,2}|(?:abstract|摘\s*要)\s*[:：])/i;

/** Abstract sections (a heading "Abstract"/"摘要", or a paragraph opening with "**Abstract**"), then the main text. */
export function findScopes(manuscript: Manuscript): TermScope[] {
  const headings = manuscript.scan.headings;
  const scopes: TermScope[] = [];
  headings.forEach((heading, index) => {
    if (ABSTRACT_HEADING.test(headingName(heading)))
      scopes.push({ kind: 'abstract', range: sectionRange(headings, index, manuscript.text) });
  });
  for (const line of findLines(manuscript.text, ABSTRACT_LINE)) {
    if (scopes.some((s) => s.range && line.start >= s.range.start && line.start < s.range.end)) continue;
    if (manuscript.scan.frontMatter && line.start < manuscript.scan.frontMatter.range.end) continue;
    scopes.push({
      kind: 'abstract',
      range: { start: line.start, end: headings.find((h) => h.range.start > line.start)?.range.start ?? manuscript.text.length },
    });
  }
  scopes.sort((a, b) => a.range!.start - b.range!.start);
  scopes.push({ kind: 'main' });
  return scopes;
}

/**
 * The ranges of the lines matching `pattern` at their start. With `continueBare`, a line
 * that holds nothing after the match ("Keywords" alone) runs on to the next non-blank line.
 */
function findLines(text: string, pattern: RegExp, continueBare = false): OffsetRange[] {
  const out: OffsetRange[] = [];
  const global = new RegExp(pattern.source, `${pattern.flags.replace(/[gm]/g, '')}gm`);
  const lineEndAt = (from: number) => lineAround(text, from).end;
  for (let m = global.exec(text); m; m = global.exec(text)) {
    let end = lineEndAt(m.index);
    if (continueBare && !/[^\s*_]/.test(text.slice(m.index + m[0].length, end))) {
      const next = /\S/g;
      next.lastIndex = end;
      const found = next.exec(text);
      if (found) end = lineEndAt(found.index);
    }
    out.push({ start: m.index, end });
    if (global.lastIndex === m.index) global.lastIndex++;
  }
  return out;
}

/** The "Keywords: ..." lines of a text (a bare "Keywords" line runs on to the next non-blank line), in order. */
export function keywordLines(text: string): OffsetRange[] {
  return findLines(text, KEYWORDS_LINE, true);
}
