/**
 * Range markers for parser fixtures: the expected ranges are written into the text itself,
 * `«key»` for the narrow ranges (keys, numbers, excluded spans) and `⟦...⟧` for whole
 * citations; `stripMarkers` removes them and reports where they were, in the clean text.
 */
import type { OffsetRange } from '../../server/src/core/text/textRange';

export interface MarkedText {
  /** The text without markers: what the parser sees. */
  readonly text: string;
  /** `«...»` ranges, in order of their opening marker. */
  readonly inner: OffsetRange[];
  /** `⟦...⟧` ranges, in order of their opening marker. */
  readonly outer: OffsetRange[];
}

const MARKERS: Record<string, ['inner' | 'outer', boolean]> = {
  '«': ['inner', true],
  '»': ['inner', false],
  '⟦': ['outer', true],
  '⟧': ['outer', false],
};

export function stripMarkers(marked: string): MarkedText {
  let text = '';
  const found = { inner: [] as Array<{ start: number; end: number }>, outer: [] as Array<{ start: number; end: number }> };
  const open = { inner: [] as number[], outer: [] as number[] };
  for (const ch of marked) {
    const marker = MARKERS[ch];
    if (!marker) {
      text += ch;
      continue;
    }
    const [kind, opening] = marker;
    if (opening) {
      open[kind].push(found[kind].length);
      found[kind].push({ start: text.length, end: -1 });
    } else {
      const index = open[kind].pop();
      if (index === undefined) throw new Error(`unbalanced ${ch} in fixture: ${marked}`);
      found[kind][index].end = text.length;
    }
  }
  if (open.inner.length || open.outer.length) throw new Error(`unclosed marker in fixture: ${marked}`);
  return { text, inner: found.inner, outer: found.outer };
}

/** Shows ranges as the text they cover, so a failing assertion reads like the fixture. */
export function showRanges(text: string, ranges: readonly OffsetRange[]): string[] {
  return ranges.map((r) => `${r.start}:${JSON.stringify(text.slice(r.start, r.end))}`);
}
