/**
 * The parts of a manuscript that the term checks treat apart: the abstracts (each a scope of
 * its own for abbreviation definitions, separate from the main text) and the keyword lines
 * (a list of terms, not prose).
 */
import type { Manuscript } from '../markdown/manuscript';
import { headingName, sectionRange } from '../markdown/sections';
import { editOf, type ManuscriptEdit } from '../markdown/incremental';
import { lineAround, lowerBound, type OffsetRange } from '../text/textRange';

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
  for (const line of linesOf(manuscript).abstract) {
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
function findLines(text: string, pattern: RegExp, continueBare = false, from = 0, to = text.length): OffsetRange[] {
  const out: OffsetRange[] = [];
  const global = new RegExp(pattern.source, `${pattern.flags.replace(/[gm]/g, '')}gm`);
  const lineEndAt = (at: number) => lineAround(text, at).end;
  // Matched in [from, to) (`from` a line start), each line's range read in the whole text.
  const searched = from === 0 && to === text.length ? text : text.slice(from, to);
  for (let m = global.exec(searched); m; m = global.exec(searched)) {
    const start = m.index + from;
    let end = lineEndAt(start);
    if (continueBare && !/[^\s*_]/.test(text.slice(start + m[0].length, end))) {
      const next = /\S/g;
      next.lastIndex = end;
      const found = next.exec(text);
      if (found) end = lineEndAt(found.index);
    }
    out.push({ start, end });
    if (global.lastIndex === m.index) global.lastIndex++;
  }
  return out;
}

/** The "Keywords: ..." lines of a manuscript (a bare "Keywords" line runs on to the next non-blank line), in order. */
export function keywordLines(manuscript: Manuscript): readonly OffsetRange[] {
  return linesOf(manuscript).keywords;
}

interface SpecialLines {
  readonly abstract: readonly OffsetRange[];
  readonly keywords: readonly OffsetRange[];
}

const specialLines = new WeakMap<Manuscript, SpecialLines>();

/**
 * The abstract-opening and keyword lines of a manuscript, once per version. After an edit
 * inside one paragraph only that paragraph is searched again: each line's match reads that
 * line, and its range at most the lines after it, so the others' are the previous ones, moved.
 */
function linesOf(manuscript: Manuscript): SpecialLines {
  const cached = specialLines.get(manuscript);
  if (cached) return cached;
  const edit = editOf(manuscript);
  const before = edit && specialLines.get(edit.previous);
  const text = manuscript.text;
  const lines = (before && edit && spliceLines(text, before, edit)) ?? {
    abstract: findLines(text, ABSTRACT_LINE),
    keywords: findLines(text, KEYWORDS_LINE, true),
  };
  specialLines.set(manuscript, lines);
  return lines;
}

function spliceLines(text: string, before: SpecialLines, edit: ManuscriptEdit): SpecialLines | undefined {
  const splice = (old: readonly OffsetRange[], inside: OffsetRange[]): OffsetRange[] | undefined => {
    const from = lowerBound(old, edit.start, (r) => r.start);
    // A bare "Keywords" line before the paragraph whose range runs into it: search again.
    if (from > 0 && old[from - 1].end >= edit.start) return undefined;
    const to = lowerBound(old, edit.oldEnd, (r) => r.start);
    const delta = edit.newEnd - edit.oldEnd;
    return [...old.slice(0, from), ...inside, ...old.slice(to).map((r) => ({ start: r.start + delta, end: r.end + delta }))];
  };
  const abstract = splice(before.abstract, findLines(text, ABSTRACT_LINE, false, edit.start, edit.newEnd));
  const keywords = splice(before.keywords, findLines(text, KEYWORDS_LINE, true, edit.start, edit.newEnd));
  return abstract && keywords ? { abstract, keywords } : undefined;
}
