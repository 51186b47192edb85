/**
 * The parse of a manuscript after an edit, from the parse before it: when the edit stays
 * inside one top-level paragraph, pipe table, heading or list (between blank lines), or in the
 * blank lines between two blocks, and those lines become such blocks and blank lines only
 * (scan.ts `SELF_CONTAINED_BLOCKS` and `LIST_BLOCKS`), only they are scanned and searched for
 * citations again; every other block's excluded spans, link labels, headings and citations
 * are kept, shifted by the edit's length. So a line break typed in a sentence, a paragraph
 * split in two or joined to the next, a new paragraph typed between two blocks, and typing in
 * a table's cells or rows, a heading or a list item are incremental edits. Anything with
 * document-wide effect falls back to a full parse: the lines turning into other blocks (a
 * fence, a quote, a reference definition...), blank lines added after a list (which takes them
 * in), a list beside another list, a list item holding a reference definition, metadata after
 * the edit or a line that could close it, a LaTeX environment's ends, the reference list's
 * section (and a heading below the heading that names it), example-list labels, `\r` line breaks.
 *
 * The invariant: the result equals `parseManuscript` of the new text (test/incremental-parse.test.ts).
 */
import { parseCitationsWithin } from '../citations/parse';
import { parseManuscript, type Manuscript } from './manuscript';
import { LIST_BLOCKS, rememberScan, scanBlocks, scanMemo, SELF_CONTAINED_BLOCKS, type TopBlock } from './scan';
import type { Citation, Heading, MarkdownScan, NumericItem, OwnReferenceSection } from './syntax';
import { lowerBound, upperBound, type OffsetRange } from '../text/textRange';
import { isReferenceHeading, nextSectionHeading } from './sections';

/** Where two texts differ: [start, oldEnd) of the old text became [start, newEnd) of the new. */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** Compared a chunk at a time first: string equality of slices is a native memory compare, much faster than a character loop. */
const CHUNK = 4096;

/** The smallest change turning `before` into `after` (common prefix and suffix). */
export function diffTexts(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start + CHUNK <= max && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  const room = max - start;
  let tail = 0;
  while (
    tail + CHUNK <= room &&
    before.slice(before.length - tail - CHUNK, before.length - tail) === after.slice(after.length - tail - CHUNK, after.length - tail)
  ) {
    tail += CHUNK;
  }
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/**
 * How a manuscript parsed incrementally differs from the parse it was built from: the
 * paragraph (or paragraphs and blank lines) [start, oldEnd) of the previous text is
 * [start, newEnd) of this one, and every offset after it moved by `newEnd - oldEnd`.
 * Per-block results of the previous version (the term matches) are reused through it.
 */
export interface ManuscriptEdit extends ParagraphEdit {
  /** The exact change inside that paragraph (common prefix and suffix taken off): what the checks' caches map offsets through. */
  readonly change: TextChange;
  /**
   * Lines the edit added (removed, when negative). A finding whose message names a line
   * after the edit (a later definition, a first citation) is not the same when it is not 0.
   */
  readonly lineDelta: number;
  /**
   * The same paragraph's edit from an earlier version that a consumer kept results of
   * (`keepForReuse`), when every version since then changed only this paragraph: fast typing
   * makes versions nobody indexed, and their results can then come from the kept one.
   */
  readonly base?: ParagraphEdit;
}

/**
 * The paragraph (or paragraphs and blank lines) [start, oldEnd) of `previous` became
 * [start, newEnd); every offset after it moved by `newEnd - oldEnd`.
 */
export interface ParagraphEdit {
  readonly previous: Manuscript;
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

const edits = new WeakMap<Manuscript, ManuscriptEdit>();
/** Versions a consumer holds per-version results of (the term index): edits compose back to them. */
const reusable = new WeakSet<Manuscript>();

/** The edit `manuscript` was parsed from, if it was parsed incrementally. */
export function editOf(manuscript: Manuscript): ManuscriptEdit | undefined {
  return edits.get(manuscript);
}

/** Says that results of `manuscript` are kept, so that later versions' edits may compose back to it (`ManuscriptEdit.base`). */
export function keepForReuse(manuscript: Manuscript): void {
  reusable.add(manuscript);
}

/**
 * The edit from the nearest kept version before `previous` to the new version, when the edit
 * that made `previous` and this one changed the same paragraph: [start, newEnd) is that
 * paragraph now. Holds one earlier version, not the chain.
 */
function baseEdit(previous: Manuscript, start: number, oldEnd: number, newEnd: number): ParagraphEdit | undefined {
  const last = edits.get(previous);
  if (!last || last.start !== start || last.newEnd !== oldEnd) return undefined;
  const from = reusable.has(last.previous) ? last : last.base;
  return from && { previous: from.previous, start, oldEnd: from.oldEnd, newEnd };
}

/** The parse of `text`, from `previous` (a parse of the same document) when only a paragraph, table, heading or list changed. */
export function reparseManuscript(previous: Manuscript, text: string, version = 0): Manuscript {
  let updated: Manuscript | undefined;
  try {
    updated = incrementalParse(previous, text, version);
  } catch {
    updated = undefined;
  }
  return updated ?? parseManuscript(previous.uri, text, version);
}

/** True when [start, end) holds only spaces and tabs. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** True when the line before `start` (a line start) is blank or `start` is the first line. */
function blankBefore(text: string, start: number): boolean {
  if (start === 0) return true;
  const lineStart = text.lastIndexOf('\n', start - 2) + 1;
  return isBlank(text, lineStart, start - 1);
}

/** True when the line starting at `end` is blank, or the text ends there. */
function blankAt(text: string, end: number): boolean {
  if (end >= text.length) return true;
  const next = text.indexOf('\n', end);
  return isBlank(text, end, next < 0 ? text.length : next);
}

/** The end of a block's last line, before its line break (if it has one). */
function contentEnd(text: string, block: TopBlock): number {
  return block.end >= text.length && text.charCodeAt(text.length - 1) !== 10 ? text.length : block.end - 1;
}

/**
 * What an edit re-scans: the lines [start, end) of the previous text, which were the top-level
 * blocks `from` to `to` (exclusive) of its scan, `SELF_CONTAINED_BLOCKS` and lists only, and
 * blank lines. Whatever the edit makes of them must be such blocks and blank lines only.
 */
interface Region {
  readonly start: number;
  readonly end: number;
  readonly from: number;
  readonly to: number;
  /** It starts after a block that is not in it (its first line was blank): so must the new text's be. */
  readonly openStart: boolean;
  /** It ends before a block that is not in it (its last line was blank): so must the new text's be. */
  readonly openEnd: boolean;
  /** Its last block is a list, which took in the blank lines before `end`: the new text must keep one there. */
  readonly listEnd: boolean;
}

const isParagraph = (block: TopBlock | undefined): block is TopBlock => block?.type === 'paragraph_open';

/**
 * The lines the change touches, widened to the paragraphs beside the blank lines it touches
 * (deleting the blank line between two paragraphs joins them; typing right under one
 * continues it); undefined unless those are `SELF_CONTAINED_BLOCKS` or lists between blank lines, and blank lines.
 */
function editedRegion(old: string, blocks: readonly TopBlock[], change: TextChange): Region | undefined {
  // The block at or before each end of the change, and whether that end lies in its lines.
  const a = upperBound(blocks, change.start, (b) => b.start) - 1;
  const z = upperBound(blocks, change.oldEnd, (b) => b.start) - 1;
  // Its start: in a block's lines, or in the blank lines after a paragraph (taken in), after another block, or before the first.
  const startsInside = a >= 0 && change.start <= contentEnd(old, blocks[a]);
  const openStart = a >= 0 && !startsInside && !isParagraph(blocks[a]);
  const from = openStart ? a + 1 : Math.max(a, 0);
  const start = openStart ? blocks[a].end : a >= 0 ? blocks[a].start : 0;
  // Its end: in a block's lines, or in the blank lines before a paragraph (taken in), before another block, or after the last.
  const endsInside = z >= 0 && change.oldEnd <= contentEnd(old, blocks[z]);
  const after = endsInside ? z : isParagraph(blocks[z + 1]) ? z + 1 : undefined;
  const openEnd = after === undefined && z + 1 < blocks.length;
  const to = after === undefined ? z + 1 : after + 1;
  const end = after !== undefined ? blocks[after].end : openEnd ? blocks[z + 1].start : old.length;
  return checkedRegion(old, blocks, { start, end, from, to, openStart, openEnd, listEnd: isList(blocks[to - 1]) });
}

/** The region when its blocks are `SELF_CONTAINED_BLOCKS` or lists between blank lines and the lines between them blank; undefined otherwise. */
function checkedRegion(old: string, blocks: readonly TopBlock[], region: Region): Region | undefined {
  let at = region.start;
  for (let k = region.from; k < region.to; k++) {
    if (!(SELF_CONTAINED_BLOCKS.has(blocks[k].type) || isList(blocks[k])) || !/^\s*$/.test(old.slice(at, blocks[k].start)))
      return undefined;
    at = blocks[k].end;
  }
  // Lines no block holds may be link reference definitions: only blank ones may be re-scanned.
  if (!/^\s*$/.test(old.slice(at, region.end))) return undefined;
  // A list item may hold one too, which the document's links read.
  if (blocks.slice(region.from, region.to).some(isList) && old.slice(region.start, region.end).includes(']:')) return undefined;
  if (!region.openStart && !blankBefore(old, region.start)) return undefined;
  // A list ends at the next block, after the blank lines it takes in.
  const blankEnd = blankAt(old, region.end) || (region.listEnd && blankBefore(old, region.end));
  if (!region.openEnd && !blankEnd) return undefined;
  return region;
}

/** [start, end) less its blank lines at either end and the line break ending its last line: the blocks' text. */
function trimBlankLines(text: string, start: number, end: number): OffsetRange {
  let from = start;
  for (let next = text.indexOf('\n', from); next >= 0 && next < end && isBlank(text, from, next); next = text.indexOf('\n', from))
    from = next + 1;
  let to = end;
  while (to > from) {
    const lineEnd = text.charCodeAt(to - 1) === 10 ? to - 1 : to;
    const lineStart = Math.max(from, text.lastIndexOf('\n', lineEnd - 1) + 1);
    if (!isBlank(text, lineStart, lineEnd)) return { start: from, end: lineEnd };
    to = lineStart;
  }
  return { start: from, end: from };
}

/**
 * True when the new text keeps the blocks around the region apart: a blank line after the one
 * before it and before the one after it, where it had one (in a list, the last of its lines).
 */
function keepsApart(text: string, region: Region, newEnd: number): boolean {
  if (region.openStart && (newEnd === region.start || !blankAt(text, region.start))) return false;
  if (region.listEnd && newEnd < text.length && !blankBefore(text, newEnd)) return false;
  return !region.openEnd || (newEnd > region.start && blankBefore(text, newEnd));
}

function incrementalParse(previous: Manuscript, text: string, version: number): Manuscript | undefined {
  const old = previous.text;
  if (text.indexOf('\r') >= 0 || old.indexOf('\r') >= 0 || text.indexOf('(@') >= 0 || old.indexOf('(@') >= 0) return undefined;
  const memo = scanMemo(previous.scan);
  if (!memo) return undefined;
  const change = diffTexts(old, text);
  const region = editedRegion(old, memo.blocks, change);
  if (!region) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const oldScan = previous.scan;
  if ((oldScan.metadata ?? []).some((m) => m.range.end > region.start)) return undefined;
  const section = oldScan.referenceSection;
  if (inReferenceSection(oldScan.headings, old.length, region)) return undefined;

  // The new text of the region: paragraphs, tables, headings and lists between blank lines (a line
  // break typed in a paragraph, Enter at the end of the one before, a paragraph typed between two blocks, a cell typed in).
  const end = region.end + delta;
  const inner = trimBlankLines(text, region.start, end);
  if (!keepsApart(text, region, end)) return undefined;
  // A list's lines run on over the blank lines after it: only a paragraph, a table or a heading before
  // blank lines that the edit adds, or makes of the region, ends where it did.
  const before = memo.blocks[region.from - 1];
  const endsWhereItDid = !before || SELF_CONTAINED_BLOCKS.has(before.type);
  if ((region.openStart || inner.start > region.start || inner.end === inner.start) && !endsWhereItDid) return undefined;
  const first = text.charCodeAt(inner.start);
  if (inner.end > inner.start && (first === 32 || first === 9)) return undefined;
  const innerText = text.slice(inner.start, inner.end);
  if (REACHES_PAST_BLANK_LINES.test(innerText)) return undefined;
  // Scanned on to the next line that is not blank: a list there takes in the blank lines before it.
  const scanEnd = nextLineNotBlank(text, inner.end);
  const spans = innerText ? scanBlocks(text.slice(inner.start, scanEnd), memo.references) : NO_BLOCKS;
  if (!spans || !listsStayApart(spans.blocks, memo.blocks, region, text, scanEnd)) return undefined;

  const shift = (r: OffsetRange): OffsetRange => (r.start >= region.end ? { start: r.start + delta, end: r.end + delta } : r);
  const headings = splicedHeadings(oldScan.headings, region, spans.headings, inner.start, shift);
  if (!headings) return undefined;
  const inText = (r: OffsetRange) => ({ start: r.start + inner.start, end: r.end + inner.start });
  const around = (ranges: readonly OffsetRange[], inside: readonly OffsetRange[]) =>
    spliceRanges(ranges, region, inside.map(inText), shift);
  const excluded = around(oldScan.excluded, spans.excluded);
  const links = around(oldScan.links ?? [], spans.links);
  if (!excluded || !links) return undefined;
  const scan: MarkdownScan = {
    frontMatter: oldScan.frontMatter,
    metadata: oldScan.metadata,
    excluded,
    headings,
    referenceSection: section && shiftSection(section, shift),
    links,
  };
  // A block ends at the start of the line after it (a list's, after the blank lines it takes in).
  const rescanned = spans.blocks.map((b) => ({ type: b.type, start: b.start + inner.start, end: b.end + inner.start }));
  const blocks = [
    ...memo.blocks.slice(0, region.from),
    ...rescanned,
    ...memo.blocks.slice(region.to).map((b) => ({ type: b.type, start: b.start + delta, end: b.end + delta })),
  ];
  rememberScan(scan, { blocks, references: memo.references });

  const within = parseCitationsWithin(
    text,
    scan,
    { start: region.start, end },
    { crossrefPrefixes: previous.frontMatter.crossrefPrefixes },
  );
  if (!within) return undefined;
  const citations = spliceCitations(previous.citations, region, within, delta);
  if (!citations) return undefined;
  const manuscript: Manuscript = {
    uri: previous.uri,
    version,
    text,
    lines: previous.lines.edited(text, change.start, change.oldEnd, change.newEnd),
    scan,
    citations,
    frontMatter: previous.frontMatter,
  };
  // Only the last edit is kept (and at most one earlier version, its base), so that a chain of versions never stays in memory.
  const base = baseEdit(previous, region.start, region.end, end);
  edits.delete(previous);
  const lineDelta = manuscript.lines.lineCount - previous.lines.lineCount;
  edits.set(manuscript, { previous, start: region.start, oldEnd: region.end, newEnd: end, change, lineDelta, ...(base ? { base } : {}) });
  return manuscript;
}

/**
 * True when the region lies in a section whose heading names the document's reference list
 * (from the heading to the next one of its level or higher), with entries or not yet: what is
 * typed there may make or change the document's own numbered list (ownReferenceList.ts).
 */
function inReferenceSection(headings: readonly Heading[], length: number, region: OffsetRange): boolean {
  return headings.some((heading, i) => {
    if (!isReferenceHeading(heading)) return false;
    const next = nextSectionHeading(headings, i);
    const end = next < 0 ? length : headings[next].range.start;
    return heading.range.start < region.end && end >= region.start;
  });
}

/**
 * The headings after the edit: the previous ones, those in the region replaced by the ones its
 * new text holds (`inside`, offsets from `at`), those after it moved (`shift`). Undefined when
 * the region held or holds a heading and a heading above it names the document's reference list,
 * or this one does: a heading's name and level decide which section that list is (sections.ts).
 */
function splicedHeadings(
  old: readonly Heading[],
  region: OffsetRange,
  inside: readonly Heading[],
  at: number,
  shift: (r: OffsetRange) => OffsetRange,
): Heading[] | undefined {
  const from = lowerBound(old, region.start, (h) => h.range.start);
  const to = lowerBound(old, region.end, (h) => h.range.start);
  if (from === to && inside.length === 0) return old.map((h) => shiftHeading(h, shift));
  // A section runs on to the next heading of its level or higher: one above the region may now end elsewhere.
  if (old.some((h) => h.range.start < region.end && isReferenceHeading(h)) || inside.some(isReferenceHeading)) return undefined;
  return [
    ...old.slice(0, from),
    ...inside.map((h) => shiftHeading(h, (r) => moved(r, at))),
    ...old.slice(to).map((h) => shiftHeading(h, shift)),
  ];
}

/**
 * What a block rule that reads past blank lines reacts to, so that the edit may make or end a
 * block reaching outside its lines: a `---` or `...` line closes a metadata block that a `---`
 * line above opens (frontMatterBlock.ts), and `\begin{env}` or `\end{env}` opens or closes a
 * LaTeX environment with text above or below (latex.ts).
 */
const REACHES_PAST_BLANK_LINES = /^ *(?:---|\.\.\.)[ \t]*$|\\(?:begin|end)\{/m;

/** The start of the first line after the one holding `at` that is not blank, or the text's end. */
function nextLineNotBlank(text: string, at: number): number {
  for (let start = text.indexOf('\n', at) + 1; start > 0;) {
    const next = text.indexOf('\n', start);
    if (!isBlank(text, start, next < 0 ? text.length : next)) return start;
    start = next + 1;
  }
  return text.length;
}

const isList = (block: TopBlock | undefined): boolean => block !== undefined && LIST_BLOCKS.has(block.type);

/**
 * True when the region's new lists cannot join the blocks beside it: none is a list (a list
 * of the same kind would run on into it), and the line after a list that ends the region is
 * not indented (which a list item's new indent could take in). A blank line parts them: the
 * region's own, or one after it (checkedRegion).
 */
function listsStayApart(rescanned: readonly TopBlock[], blocks: readonly TopBlock[], region: Region, text: string, next: number): boolean {
  if (!rescanned.some(isList)) return true;
  if (isList(blocks[region.from - 1]) || isList(blocks[region.to])) return false;
  const c = text.charCodeAt(next);
  return !isList(rescanned[rescanned.length - 1]) || (c !== 32 && c !== 9);
}

/** A region left blank: no block, nothing excluded. */
const NO_BLOCKS = { excluded: [], links: [], blocks: [], headings: [] };

/**
 * Sorted ranges with those inside `region` replaced by `inside` (already in document
 * offsets) and those after it shifted; undefined when one crosses the region's edges.
 */
function spliceRanges(
  ranges: readonly OffsetRange[],
  block: OffsetRange,
  inside: readonly OffsetRange[],
  shift: (r: OffsetRange) => OffsetRange,
): OffsetRange[] | undefined {
  const from = upperBound(ranges, block.start - 1, (r) => r.start);
  const to = upperBound(ranges, block.end - 1, (r) => r.start);
  if (from > 0 && ranges[from - 1].end > block.start) return undefined;
  if (to > from && ranges[to - 1].end > block.end) return undefined;
  return [...ranges.slice(0, from), ...inside, ...ranges.slice(to).map(shift)];
}

function spliceCitations(
  citations: readonly Citation[],
  block: OffsetRange,
  inside: readonly Citation[],
  delta: number,
): Citation[] | undefined {
  const from = upperBound(citations, block.start - 1, (c) => c.range.start);
  const to = upperBound(citations, block.end - 1, (c) => c.range.start);
  if (from > 0 && citations[from - 1].range.end > block.start) return undefined;
  if (to > from && citations[to - 1].range.end > block.end) return undefined;
  const after = delta === 0 ? citations.slice(to) : citations.slice(to).map((c) => shiftCitation(c, delta));
  return [...citations.slice(0, from), ...inside, ...after];
}

function moved(r: OffsetRange, delta: number): OffsetRange {
  return { start: r.start + delta, end: r.end + delta };
}

/**
 * A citation moved by `delta`, every field copied by name: object spread is several times
 * slower here, and this runs for every citation after the edit. A field added to the citation
 * types must be added here too; the property test fails until it is.
 */
function shiftCitation(c: Citation, delta: number): Citation {
  const range = moved(c.range, delta);
  if (c.kind === 'malformed') return { kind: 'malformed', range, message: c.message };
  if (c.kind === 'key') {
    const items = c.items.map((i) => ({
      key: i.key,
      keyRange: moved(i.keyRange, delta),
      range: moved(i.range, delta),
      suppressAuthor: i.suppressAuthor,
      prefix: i.prefix,
      suffix: i.suffix,
    }));
    return { kind: 'key', bracketed: c.bracketed, range, items };
  }
  const items = c.items.map((i): NumericItem =>
    i.kind === 'single'
      ? { kind: 'single', n: i.n, range: moved(i.range, delta) }
      : {
          kind: 'range',
          from: i.from,
          to: i.to,
          range: moved(i.range, delta),
          fromRange: moved(i.fromRange, delta),
          toRange: moved(i.toRange, delta),
        },
  );
  return { kind: 'numeric', range, items };
}

function shiftHeading(heading: Heading, shift: (r: OffsetRange) => OffsetRange): Heading {
  const range = shift(heading.range);
  return range === heading.range ? heading : { ...heading, range };
}

function shiftSection(section: OwnReferenceSection, shift: (r: OffsetRange) => OffsetRange): OwnReferenceSection {
  const range = shift(section.range);
  if (range === section.range) return section;
  return {
    heading: shiftHeading(section.heading, shift),
    range,
    entries: section.entries.map((e) => ({ ...e, range: shift(e.range) })),
  };
}
