/**
 * The spans of a parsed document where neither citations nor terms may be found (code, HTML,
 * math, autolinks, link destinations, link reference definitions), and the labels of resolved
 * links, placed in the document from markdown-it's tokens and the spans its rules recorded.
 */
import type Token from 'markdown-it/lib/token.mjs';
import { buildContentMap, mapContentOffset } from './contentMap';
import { htmlBlockSpans } from './htmlBlocks';
import type { InlineSpan, ScanEnv } from './parser';
import { blockLineEnd, lineStart, type LineIndex } from './sourceLines';
import type { OffsetRange } from '../text/textRange';

/** Excluded spans (unsorted, may overlap) and link labels `[...]`, brackets included. */
export interface TokenSpans {
  readonly excluded: OffsetRange[];
  readonly links: OffsetRange[];
}

/** Blocks that are not prose at all: code, metadata, raw LaTeX environments. */
const EXCLUDED_BLOCKS = new Set(['fence', 'code_block', 'metadata_block', 'latex_block']);

/** Collects the excluded spans and link labels of a document parsed with `env`. */
export function collectTokenSpans(tokens: readonly Token[], env: ScanEnv, lines: LineIndex): TokenSpans {
  const out: TokenSpans = { excluded: [], links: [] };
  for (const [from, to] of env.referenceLines) {
    out.excluded.push({ start: lineStart(lines, from), end: blockLineEnd(lines, to - 1) });
  }
  const cursors = new Map<number, number>();
  let lastMap: [number, number] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (EXCLUDED_BLOCKS.has(token.type) && token.map) {
      out.excluded.push({ start: lineStart(lines, token.map[0]), end: blockLineEnd(lines, token.map[1] - 1) });
      continue;
    }
    if (token.type === 'html_block' && token.map) {
      const html = htmlBlockSpans(lines.text, lineStart(lines, token.map[0]), blockLineEnd(lines, token.map[1] - 1));
      out.excluded.push(...html.excluded);
      placeSpans(html.inline, (offset) => offset, out);
      continue;
    }
    if (token.type === 'heading_open') continue;
    if (token.map && token.type !== 'inline') lastMap = token.map;
    if (token.type !== 'inline') continue;
    // Table cells carry no map of their own; their row's map is the line.
    const map0 = token.map ?? lastMap;
    const spans = env.spansByToken.get(token) ?? [];
    if (spans.length === 0 || !map0) continue;
    const opener = tokens[i - 1];
    const midLine =
      opener !== undefined &&
      (opener.type === 'th_open' || opener.type === 'td_open' || (opener.type === 'heading_open' && opener.markup.startsWith('#')));
    const map = buildContentMap(lines, token.content, map0[0], midLine, cursors);
    placeSpans(spans, (offset) => mapContentOffset(map, offset), out);
  }
  return out;
}

/** Places one inline token's spans: a link's label stays searchable, its destination does not. */
function placeSpans(spans: readonly InlineSpan[], place: (offset: number) => number, out: TokenSpans): void {
  for (const span of spans) {
    const start = place(span.start);
    const end = place(span.end);
    if (start < 0 || end < start) continue;
    if (span.kind === 'link' && span.labelEnd !== undefined) {
      const labelEnd = place(span.labelEnd);
      if (labelEnd < start) continue;
      out.links.push({ start, end: labelEnd + 1 });
      if (end > labelEnd + 1) out.excluded.push({ start: labelEnd + 1, end });
    } else {
      out.excluded.push({ start, end });
    }
  }
}

/** Sorted, non-overlapping ranges covering the non-empty ones given. */
export function mergeRanges(ranges: OffsetRange[]): OffsetRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: OffsetRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) {
      if (r.end > last.end) out[out.length - 1] = { start: last.start, end: r.end };
    } else {
      out.push({ start: r.start, end: r.end });
    }
  }
  return out;
}
