import type { Position, Range } from 'vscode-languageserver-types';

/** A half-open span of UTF-16 code unit offsets into a document's text: [start, end). */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Converts between offsets and LSP line/character positions for one text.
 * Built once per document version; lookups are a binary search over line starts.
 */
export class LineMap {
  private readonly lineStarts: number[];

  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    this.lineStarts = text.indexOf('\r') < 0 ? newlineStarts(text) : mixedBreakStarts(text);
  }

  /**
   * The map of `text`, this map's text with [start, oldEnd) replaced by `text`'s [start, newEnd)
   * (`\n` line breaks only, as an incremental parse has): the line starts before the edit stay,
   * those inside it are found again in the new text, and those after it move by the edit's
   * length (a line starting at an insertion point stays). Costs far less than finding every
   * line break of a large text again.
   */
  edited(text: string, start: number, oldEnd: number, newEnd: number): LineMap {
    const old = this.lineStarts;
    const from = upperBound(old, start);
    const to = upperBound(old, oldEnd);
    const delta = newEnd - oldEnd;
    const starts = old.slice(0, from);
    for (let i = text.indexOf('\n', start); i >= 0 && i < newEnd; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    for (let i = to; i < old.length; i++) starts.push(old[i] + delta);
    return new LineMap(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The offset at which 0-based `line` starts (clamped to the text). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.lineStarts.length) return this.text.length;
    return this.lineStarts[line];
  }

  /** The offset just past the last character of `line`, before its line break. */
  lineEnd(line: number): number {
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    while (end > this.lineStart(line) && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    // The last line starting at or before the offset; line 0 starts at 0, so there is one.
    const line = upperBound(this.lineStarts, clamped) - 1;
    return { line, character: clamped - this.lineStarts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStart(position.line);
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(range: OffsetRange): Range {
    return { start: this.positionAt(range.start), end: this.positionAt(range.end) };
  }
}

/**
 * The first index of `sorted` whose key is at least `key` (`sorted.length` when there is
 * none), where `sorted` is in ascending order of `keyOf`: the one binary search of the core.
 */
export function lowerBound<T>(sorted: readonly T[], key: number, keyOf: (item: T) => number = identity as (item: T) => number): number {
  return partitionPoint(sorted, (item) => keyOf(item) < key);
}

/** The first index of `sorted` whose key is greater than `key` (`sorted.length` when there is none); see `lowerBound`. */
export function upperBound<T>(sorted: readonly T[], key: number, keyOf: (item: T) => number = identity as (item: T) => number): number {
  return partitionPoint(sorted, (item) => keyOf(item) <= key);
}

/** The first index at which `before` turns false; `before` holds for a prefix of `sorted` only. */
function partitionPoint<T>(sorted: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(sorted[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function identity(value: unknown): unknown {
  return value;
}

/**
 * The range of `ranges` (sorted by start, non-overlapping) that holds `offset` in
 * [start, end), found by binary search.
 */
export function rangeContaining<R extends OffsetRange>(ranges: readonly R[], offset: number): R | undefined {
  // Non-overlapping ranges sorted by start are sorted by end too: the first ending after the offset is the only candidate.
  const candidate = ranges[upperBound(ranges, offset, (r) => r.end)];
  return candidate && candidate.start <= offset ? candidate : undefined;
}

/**
 * The whole line around `offset` in `text` (from after the previous `\n` to before the next),
 * for a diagnostic that has no better range or a look at the words around a place.
 */
export function lineAround(text: string, offset: number): OffsetRange {
  const at = Math.max(0, Math.min(offset, text.length));
  // lastIndexOf treats a negative position as 0, which would find a newline at offset 0 itself.
  const start = at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  return { start, end: newline < 0 ? text.length : newline };
}

/** True when `offset` lies inside `range` or touches its end (a cursor right after a key is "on" it). */
export function containsOffset(range: OffsetRange, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}

/**
 * Line starts of a text whose only line break is `\n`: a native search for each, which a large
 * file (a 4.4 MB library, a 925 KB references.json) needs far less time for than a test of
 * every character (that loop ran interpreted for most of a cold check).
 */
export function newlineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line starts of a text with `\r\n`, `\r` or `\n` breaks. */
function mixedBreakStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}
