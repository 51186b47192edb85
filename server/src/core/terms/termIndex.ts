/**
 * The term index of a manuscript: every place a glossary term is written, in English or
 * Chinese, and how it is written (the canonical form, an accepted alias, a full name, or a
 * spelling to flag), found by the glossary's matcher (matcher.ts) in one pass.
 *
 * Nothing is found inside `scan.excluded` (code, HTML comments, math, URLs, link
 * destinations, front matter) or inside citations.
 */
import type { Glossary, GlossaryTerm } from './glossary';
import { editOf, keepForReuse, type ParagraphEdit } from '../markdown/incremental';
import type { Manuscript } from '../markdown/manuscript';
import { lowerBound, rangeContaining, upperBound, type OffsetRange } from '../text/textRange';
import { termMatcher, type RawMatch, type TermFormKind } from './matcher';
import { findScopes, keywordLines, type TermScope } from './scopes';

/** Where in the document an occurrence stands; checks treat these differently. */
export type OccurrenceContext = 'body' | 'heading' | 'keywords' | 'references';

/** One place where a glossary term is written. */
export interface TermOccurrence {
  readonly term: GlossaryTerm;
  /** The written text, including a plural `s` the form took. */
  readonly range: OffsetRange;
  readonly kind: TermFormKind;
  /** The glossary form (or the form derived from one) that the text was matched against. */
  readonly form: string;
  /** For a variant: the accepted spelling to write instead (plural `s` included when written). */
  readonly suggestion?: string;
  /** The text took a plural `s` that the form does not have. */
  readonly plural: boolean;
  /** An abbreviation use: the term is an abbreviation and this is its short form (any spelling). */
  readonly short: boolean;
  /** A full name of the term (`interleukin-6`, `白细胞介素6`), not a symbol. */
  readonly long: boolean;
  readonly context: OccurrenceContext;
}

/** A manuscript's terms, for one glossary. Built once per document version and glossary. */
export interface TermIndex {
  readonly glossary: Glossary;
  /** Sorted by start offset, never overlapping. */
  readonly occurrences: readonly TermOccurrence[];
  /** How many characters the matcher read to build it: the text's searchable parts, or one paragraph's when an earlier version's index was reused. */
  readonly searched: number;
  readonly scopes: readonly TermScope[];
  /** The occurrence under the cursor (its end counts as on it), if any. */
  occurrenceAt(offset: number): TermOccurrence | undefined;
  /** The scope an offset belongs to. */
  scopeAt(offset: number): TermScope;
}

const indexes = new WeakMap<Manuscript, { glossary: Glossary; index: TermIndex; raw: readonly RawMatch[] }>();

/** The term index of a manuscript for a glossary; cached per manuscript version and glossary. */
export function indexTerms(manuscript: Manuscript, glossary: Glossary): TermIndex {
  const cached = indexes.get(manuscript);
  if (cached && cached.glossary === glossary) return cached.index;
  const { raw, searched } = rawMatches(manuscript, glossary);
  const index = buildIndex(manuscript, glossary, raw, searched);
  indexes.set(manuscript, { glossary, index, raw });
  keepForReuse(manuscript);
  return index;
}

/**
 * The matcher's matches, sorted. After an incremental parse (incremental.ts) only the edited
 * paragraph is searched again and the previous version's other matches are shifted (or the
 * last indexed version's, when the versions between changed only that paragraph): a match
 * never crosses a blank line, so a paragraph's matches depend on its own text alone.
 */
function rawMatches(manuscript: Manuscript, glossary: Glossary): { raw: readonly RawMatch[]; searched: number } {
  const last = editOf(manuscript);
  // The version before, else (fast typing skips versions) the last indexed one if only this paragraph changed since.
  for (const edit of [last, last?.base]) {
    const before = edit && indexes.get(edit.previous);
    if (!edit || !before || before.glossary !== glossary) continue;
    const inside = search(manuscript, glossary, { start: edit.start, end: edit.newEnd });
    const spliced = spliceMatches(before.raw, edit, inside.raw);
    if (spliced) return { raw: spliced, searched: inside.searched };
  }
  return search(manuscript, glossary);
}

/** The matcher's matches in the searchable parts of `within` (the whole text by default), and how many characters it read. */
function search(manuscript: Manuscript, glossary: Glossary, within?: OffsetRange): { raw: RawMatch[]; searched: number } {
  const matcher = termMatcher(glossary);
  const raw: RawMatch[] = [];
  let searched = 0;
  for (const segment of searchableSegments(manuscript, within)) {
    matcher.find(manuscript.text, segment.start, segment.end, raw);
    searched += segment.end - segment.start;
  }
  return { raw, searched };
}

/** The previous matches around the edited paragraph with `inside` in its place; undefined if one crosses its edges. */
function spliceMatches(raw: readonly RawMatch[], edit: ParagraphEdit, inside: readonly RawMatch[]): RawMatch[] | undefined {
  const from = lowerBound(raw, edit.start, (m) => m.start);
  const to = lowerBound(raw, edit.oldEnd, (m) => m.start);
  if ((from > 0 && raw[from - 1].end > edit.start) || (to > from && raw[to - 1].end > edit.oldEnd)) return undefined;
  const delta = edit.newEnd - edit.oldEnd;
  const after = raw.slice(to);
  return [
    ...raw.slice(0, from),
    ...inside,
    ...(delta === 0
      ? after
      : after.map((m) => ({
          start: m.start + delta,
          end: m.end + delta,
          entry: m.entry,
          kind: m.kind,
          suggestion: m.suggestion,
          plural: m.plural,
        }))),
  ];
}

function buildIndex(manuscript: Manuscript, glossary: Glossary, raw: readonly RawMatch[], searched: number): TermIndex {
  const headings = manuscript.scan.headings.map((h) => h.range);
  const keywords = keywordLines(manuscript);
  const referenceRange = manuscript.scan.referenceSection?.range;
  const occurrences: TermOccurrence[] = raw.map((m) => ({
    term: m.entry.term,
    range: { start: m.start, end: m.end },
    kind: m.kind,
    form: m.entry.form,
    ...(m.suggestion !== undefined ? { suggestion: m.suggestion } : {}),
    plural: m.plural,
    short: m.entry.short,
    long: m.entry.long,
    context:
      referenceRange && m.start >= referenceRange.start && m.start < referenceRange.end
        ? 'references'
        : inAny(headings, m.start)
          ? 'heading'
          : inAny(keywords, m.start)
            ? 'keywords'
            : 'body',
  }));

  const scopes = findScopes(manuscript);
  const main = scopes.find((s) => s.kind === 'main')!;
  const abstracts = scopes.filter((s) => s.kind === 'abstract');
  return Object.freeze({
    glossary,
    occurrences: Object.freeze(occurrences),
    searched,
    scopes,
    occurrenceAt(offset: number) {
      // The last occurrence starting at or before the offset: one starting there wins over one ending there.
      const o = occurrences[upperBound(occurrences, offset, (x) => x.range.start) - 1];
      return o && o.range.end >= offset ? o : undefined;
    },
    scopeAt(offset: number) {
      return abstracts.find((s) => s.range && offset >= s.range.start && offset < s.range.end) ?? main;
    },
  });
}

/**
 * The text where terms may be found: everything outside `scan.excluded` (which already
 * holds the front matter) and outside citations, in order; `within`: only that part of it.
 */
export function searchableSegments(manuscript: Manuscript, within: OffsetRange = { start: 0, end: manuscript.text.length }): OffsetRange[] {
  const citations = overlapping(manuscript.citations, within, (c) => c.range).map((c) => c.range);
  const blocked = [...overlapping(manuscript.scan.excluded, within, (r) => r), ...citations].sort((a, b) => a.start - b.start);
  const segments: OffsetRange[] = [];
  let at = within.start;
  for (const span of blocked) {
    if (span.start > at) segments.push({ start: at, end: Math.min(span.start, within.end) });
    at = Math.max(at, span.end);
  }
  if (at < within.end) segments.push({ start: at, end: within.end });
  return segments;
}

/** The items of a list sorted by range, ranges not overlapping, whose range overlaps `within`. */
function overlapping<T>(sorted: readonly T[], within: OffsetRange, rangeOf: (item: T) => OffsetRange): T[] {
  return sorted.slice(
    lowerBound(sorted, within.start + 1, (x) => rangeOf(x).end),
    lowerBound(sorted, within.end, (x) => rangeOf(x).start),
  );
}

function inAny(ranges: readonly OffsetRange[], offset: number): boolean {
  return rangeContaining(ranges, offset) !== undefined;
}
