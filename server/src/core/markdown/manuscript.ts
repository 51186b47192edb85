/**
 * A manuscript parsed once per version: the Markdown scan, the citations and the front
 * matter. Every feature reads this; none re-parses the text.
 */
import { parseCitations } from '../citations/parse';
import { parseFrontMatter, type FrontMatter } from './frontMatter';
import { scanMarkdown } from './scan';
import type { Citation, CitationKeyItem, MarkdownScan, NumericItem } from './syntax';
import { LineMap, containsOffset, rangeContaining, upperBound, type OffsetRange } from '../text/textRange';

export interface Manuscript {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineMap;
  readonly scan: MarkdownScan;
  readonly citations: readonly Citation[];
  readonly frontMatter: FrontMatter;
}

export function parseManuscript(uri: string, text: string, version = 0): Manuscript {
  const scan = scanMarkdown(text);
  const frontMatter = parseFrontMatter(scan.metadata ?? scan.frontMatter, uri);
  return {
    uri,
    version,
    text,
    lines: new LineMap(text),
    scan,
    citations: parseCitations(text, scan, { crossrefPrefixes: frontMatter.crossrefPrefixes }),
    frontMatter,
  };
}

/** What sits under a cursor: a key of a Pandoc citation, or one number of a numeric citation. */
export type CitationTarget =
  | { readonly kind: 'key'; readonly item: CitationKeyItem; readonly range: OffsetRange }
  | { readonly kind: 'number'; readonly n: number; readonly range: OffsetRange; readonly item: NumericItem };

/**
 * The key or number at `offset`, only when the cursor is on it (not elsewhere in its group
 * or line). For a range such as `[8]-[13]`, the end the cursor is on; between the ends, the
 * whole range's first number.
 */
export function citationTargetAt(manuscript: Manuscript, offset: number): CitationTarget | undefined {
  const citation = findCitationAt(manuscript.citations, offset);
  if (!citation) return undefined;
  if (citation.kind === 'key') {
    const item = citation.items.find((i) => containsOffset(i.range, offset));
    return item ? { kind: 'key', item, range: item.range } : undefined;
  }
  if (citation.kind === 'numeric') {
    for (const item of citation.items) {
      if (item.kind === 'single' && containsOffset(item.range, offset)) return { kind: 'number', n: item.n, range: item.range, item };
      if (item.kind === 'range') {
        if (containsOffset(item.fromRange, offset)) return { kind: 'number', n: item.from, range: item.fromRange, item };
        if (containsOffset(item.toRange, offset)) return { kind: 'number', n: item.to, range: item.toRange, item };
      }
    }
  }
  return undefined;
}

/** Binary search over citations sorted by start offset. */
export function findCitationAt(citations: readonly Citation[], offset: number): Citation | undefined {
  const found = upperBound(citations, offset, (c) => c.range.start) - 1;
  for (let i = found; i >= 0 && i >= found - 1; i--) if (containsOffset(citations[i].range, offset)) return citations[i];
  return undefined;
}

/** True when `offset` falls inside a span where citations and terms are never found. */
export function isExcluded(scan: MarkdownScan, offset: number): boolean {
  return rangeContaining(scan.excluded, offset) !== undefined;
}

/** Every number a numeric item cites: `3-5` cites 3, 4 and 5. */
export function numbersOf(item: NumericItem): number[] {
  if (item.kind === 'single') return [item.n];
  const out: number[] = [];
  for (let n = item.from; n <= item.to && out.length < 1000; n++) out.push(n);
  return out;
}
