/**
 * What the citation parser knows about a whole manuscript before it reads any citation: the
 * excluded spans (code, math, HTML...), every bracket's match within its paragraph, where
 * the `@`s are, link labels and the markers of the document's own reference list.
 */
import type { Citation, MarkdownScan } from '../markdown/syntax';
import { lowerBound, rangeContaining, upperBound, type OffsetRange } from '../text/textRange';

/** Longest bracket content considered a citation group; keeps `[[[[...` input linear. */
const MAX_GROUP_LENGTH = 2000;

/** Binary-search lookups into the sorted, merged excluded spans. */
export class ExcludedSpans {
  constructor(private readonly spans: readonly OffsetRange[]) {}

  /** The end of the excluded span containing `offset`, or -1. */
  endAt(offset: number): number {
    return rangeContaining(this.spans, offset)?.end ?? -1;
  }

  /** True when some excluded span starts inside [start, end). */
  startsWithin(start: number, end: number): boolean {
    const first = this.spans[lowerBound(this.spans, start, (s) => s.start)];
    return first !== undefined && first.start < end;
  }
}

/** The parser's view of one manuscript. */
export interface Context {
  readonly text: string;
  readonly excluded: ExcludedSpans;
  /** `[` offset -> offset of its matching `]`, within one paragraph. */
  readonly brackets: Map<number, number>;
  /** Sorted offsets of every `@`, to try only brackets that contain one. */
  readonly ats: number[];
  readonly linkStarts: Set<number>;
  readonly entryMarkers: Set<number>;
  /** Cross-reference prefixes the document declares (Quarto's `crossref: custom:` keys). */
  readonly crossrefPrefixes: readonly string[];
  /**
   * Labels of pandoc's example lists (`(@good)` at the start of a list item): `@good` and
   * `(@good)` in the text refer to the example's number, not to a work.
   */
  readonly exampleLabels: ReadonlySet<string>;
}

/** What the document's metadata tells the parser. */
export interface ParseOptions {
  readonly crossrefPrefixes?: readonly string[];
}

/** An example-list item marker `(@label)` at the start of a line (after any blockquote `>`). */
const EXAMPLE_MARKER = /^[ \t>]*\(@([\p{L}\p{N}_-]+)\)(?=[ \t]|$)/gmu;

/** The labels of the example lists of a text, skipping markers inside excluded spans (code). */
function exampleLabels(text: string, excluded: ExcludedSpans): Set<string> {
  const labels = new Set<string>();
  if (text.indexOf('(@') < 0) return labels;
  for (const m of text.matchAll(EXAMPLE_MARKER)) {
    const at = m.index + m[0].indexOf('(@');
    if (excluded.endAt(at) < 0) labels.add(m[1]);
  }
  return labels;
}

/** The result of trying to read a citation at one offset: the citation, if any, and where to go on; undefined when nothing was read. */
export type Attempt = { citation?: Citation; end: number } | undefined;

/** True when some `@` lies in [start, end). */
export function containsAt(ctx: Context, start: number, end: number): boolean {
  const first = ctx.ats[lowerBound(ctx.ats, start)];
  return first !== undefined && first < end;
}

/** The `]` closing a group at `open`, if it may be a citation group at all. */
export function groupClose(ctx: Context, open: number): number | undefined {
  const text = ctx.text;
  if (text.charCodeAt(open + 1) === 0x5e) return undefined; // `[^1]` footnote
  if (open > 0 && text.charCodeAt(open - 1) === 0x5e) return undefined; // `^[...]` inline note
  if (ctx.linkStarts.has(open)) return undefined;
  const close = ctx.brackets.get(open);
  if (close === undefined || close - open > MAX_GROUP_LENGTH) return undefined;
  return close;
}

/** What `matchBrackets` reacts to; everything else is skipped by the regular expression engine, not a JavaScript loop. */
const BRACKET_SYNTAX = /[[\]@\\\n]/g;

/** Only spaces, tabs and carriage returns from `lastIndex` on. */
const BLANK_RUN = /[ \t\r]*/y;

/**
 * Matches brackets in one linear pass; a blank line (paragraph break) forgets open ones, as a
 * citation never spans paragraphs. The pass jumps from one `[`, `]`, `@`, `\\` or line break
 * to the next with a native search and walks the sorted excluded spans with a cursor: the
 * first check of a document runs this cold, before V8 optimises it, where a loop over every
 * character with a binary search at each was 8% of a whole `citokine check`.
 */
function matchBrackets(text: string, spans: readonly OffsetRange[], ats: number[], within: OffsetRange): Map<number, number> {
  const matches = new Map<number, number>();
  const stack: number[] = [];
  const syntax = BRACKET_SYNTAX;
  // A line has text once it holds anything but spaces: an excluded span or an escape counts.
  let lineStart = within.start;
  let forcedText = false;
  let span = upperBound(spans, within.start, (s) => s.end);
  let i = within.start;
  while (i < within.end) {
    syntax.lastIndex = i;
    if (!syntax.test(text)) break;
    const at = syntax.lastIndex - 1;
    if (at >= within.end) break;
    // A span passed over ends on this line (the last line break seen was outside it).
    for (; span < spans.length && spans[span].end <= at; span++) if (spans[span].end > spans[span].start) forcedText = true;
    if (span < spans.length && spans[span].start <= at) {
      // Inside an excluded span: resume after it (it holds text).
      forcedText = true;
      i = spans[span].end;
      continue;
    }
    const c = text.charCodeAt(at);
    if (c === 0x0a) {
      if (!forcedText && !lineIsBlank(text, lineStart, at)) forcedText = true;
      if (!forcedText) stack.length = 0;
      forcedText = false;
      lineStart = at + 1;
    } else {
      forcedText = true;
      if (c === 0x5c) {
        i = at + 2;
        continue;
      }
      if (c === 0x5b) stack.push(at);
      else if (c === 0x5d) {
        const open = stack.pop();
        if (open !== undefined) matches.set(open, at);
      } else ats.push(at);
    }
    i = at + 1;
  }
  return matches;
}

/** True when text[from, to) is only spaces, tabs and carriage returns. */
function lineIsBlank(text: string, from: number, to: number): boolean {
  BLANK_RUN.lastIndex = from;
  BLANK_RUN.test(text);
  return BLANK_RUN.lastIndex >= to;
}

/**
 * The context of one manuscript's text and scan; `within`: only brackets and `@`s of that
 * self-contained part (a paragraph between blank lines) are matched.
 */
export function parseContext(text: string, scan: MarkdownScan, options: ParseOptions = {}, within?: OffsetRange): Context {
  const excluded = new ExcludedSpans(scan.excluded);
  const ats: number[] = [];
  const brackets = matchBrackets(text, scan.excluded, ats, within ?? { start: 0, end: text.length });
  return {
    text,
    excluded,
    brackets,
    ats,
    linkStarts: new Set((scan.links ?? []).map((l) => l.start)),
    entryMarkers: new Set((scan.referenceSection?.entries ?? []).map((e) => e.range.start)),
    crossrefPrefixes: options.crossrefPrefixes ?? [],
    exampleLabels: exampleLabels(text, excluded),
  };
}
