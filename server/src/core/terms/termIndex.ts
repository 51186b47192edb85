/**
 * The term index of a manuscript: every place a glossary term is written, in English or
 * Chinese, and how it is written (the canonical form, an accepted alias, a full name, or a
 * spelling to flag), found by the glossary's matcher (matcher.ts) in one pass.
 *
 * Nothing is found inside `scan.excluded` (code, HTML comments, math, URLs, link
 * destinations, front matter) or inside citations.
 */
import type { Glossary, GlossaryTerm } from './glossary';
import type { Manuscript } from '../markdown/manuscript';
import { rangeContaining, upperBound, type OffsetRange } from '../text/textRange';
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
  readonly scopes: readonly TermScope[];
  /** The occurrence under the cursor (its end counts as on it), if any. */
  occurrenceAt(offset: number): TermOccurrence | undefined;
  /** The scope an offset belongs to. */
  scopeAt(offset: number): TermScope;
}

const indexes = new WeakMap<Manuscript, { glossary: Glossary; index: TermIndex }>();

/** The term index of a manuscript for a glossary; cached per manuscript version and glossary. */
export function indexTerms(manuscript: Manuscript, glossary: Glossary): TermIndex {
  const cached = indexes.get(manuscript);
  if (cached && cached.glossary === glossary) return cached.index;
  const index = buildIndex(manuscript, glossary);
  indexes.set(manuscript, { glossary, index });
  return index;
}

function buildIndex(manuscript: Manuscript, glossary: Glossary): TermIndex {
  const text = manuscript.text;
  const matcher = termMatcher(glossary);
  const raw: RawMatch[] = [];
  for (const segment of searchableSegments(manuscript)) matcher.find(text, segment.start, segment.end, raw);

  const headings = manuscript.scan.headings.map((h) => h.range);
  const keywords = keywordLines(text);
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
 * holds the front matter) and outside citations, in order.
 */
export function searchableSegments(manuscript: Manuscript): OffsetRange[] {
  const blocked = [...manuscript.scan.excluded, ...manuscript.citations.map((c) => c.range)].sort((a, b) => a.start - b.start);
  const segments: OffsetRange[] = [];
  let at = 0;
  for (const span of blocked) {
    if (span.start > at) segments.push({ start: at, end: span.start });
    at = Math.max(at, span.end);
  }
  if (at < manuscript.text.length) segments.push({ start: at, end: manuscript.text.length });
  return segments;
}

function inAny(ranges: readonly OffsetRange[], offset: number): boolean {
  return rangeContaining(ranges, offset) !== undefined;
}
