/**
 * Scans a Markdown manuscript with markdown-it and reports where citations and terms may
 * NOT be looked for (code, HTML, math, URLs, link destinations...), plus headings and the
 * document's own numbered reference list. Offsets are UTF-16 offsets into the original text.
 *
 * The parts: `frontMatterBlock.ts` finds the YAML block, `parser.ts` (with `math.ts`) parses
 * and records inline spans, `excludedSpans.ts` (with `contentMap.ts`) places them in the
 * document, `autolinks.ts` finds bare URLs and e-mail addresses, `ownReferenceList.ts` reads
 * the own list under the heading that `sections.ts` names.
 */
import type Token from 'markdown-it/lib/token.mjs';
import { findAttributes } from './attributes';
import { findBareUrls, findEmails } from './autolinks';
import { collectTokenSpans, mergeRanges, type TokenSpans } from './excludedSpans';
import { findFrontMatter } from './frontMatterBlock';
import { findGridTableCode } from './gridTables';
import { findOwnReferenceList, type TokenHeading } from './ownReferenceList';
import { parser, type ScanEnv } from './parser';
import { blockLineEnd, buildLineIndex, lineStart, lineText, normalizeLineBreaks, type LineIndex } from './sourceLines';
import type { FrontMatterBlock, Heading, MarkdownScan } from './syntax';
import type { OffsetRange } from '../text/textRange';

function headingFromTokens(tokens: readonly Token[], i: number, lines: LineIndex): Heading | undefined {
  const open = tokens[i];
  const inline = tokens[i + 1];
  if (!open.map) return undefined;
  const level = Number(open.tag.slice(1)) || 1;
  const start = lineStart(lines, open.map[0]);
  const text = lineText(lines, open.map[0]);
  const indent = text.length - text.trimStart().length;
  return {
    level,
    text: inline && inline.type === 'inline' ? inline.content : '',
    range: { start: start + indent, end: blockLineEnd(lines, open.map[1] - 1) },
  };
}

function collectHeadings(tokens: readonly Token[], lines: LineIndex): TokenHeading[] {
  const headings: TokenHeading[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'heading_open') continue;
    const heading = headingFromTokens(tokens, i, lines);
    if (heading) headings.push({ heading, tokenIndex: i });
  }
  return headings;
}

/** Every metadata block the parser found, in document order. */
function metadataBlocks(tokens: readonly Token[]): FrontMatterBlock[] {
  return tokens.filter((t) => t.type === 'metadata_block' && t.meta).map((t) => t.meta as FrontMatterBlock);
}

/** A top-level block of a scanned document: its token type and its lines, as offsets (`end`: start of the line after it). */
export interface TopBlock {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/** What a later edit's incremental re-scan (incremental.ts) needs from a scan: its top-level blocks and link reference definitions. */
export interface ScanMemo {
  readonly blocks: readonly TopBlock[];
  readonly references: Record<string, unknown> | undefined;
}

const memos = new WeakMap<MarkdownScan, ScanMemo>();

/** The memo of a scan made by `scanMarkdown` or recorded by `rememberScan`; undefined after a fallback scan. */
export function scanMemo(scan: MarkdownScan): ScanMemo | undefined {
  return memos.get(scan);
}

/** Records the memo of a scan built incrementally. */
export function rememberScan(scan: MarkdownScan, memo: ScanMemo): void {
  memos.set(scan, memo);
}

function topBlocks(tokens: readonly Token[], lines: LineIndex): TopBlock[] {
  const blocks: TopBlock[] = [];
  for (const token of tokens) {
    if (token.level !== 0 || token.nesting < 0 || !token.map) continue;
    blocks.push({ type: token.type, start: lineStart(lines, token.map[0]), end: lineStart(lines, token.map[1]) });
  }
  return blocks;
}

/**
 * The top-level blocks an edit's lines may be re-scanned as on their own (incremental.ts):
 * paragraphs, pipe tables and headings, which end at a blank line (a heading at its own line)
 * and leave the blocks around them as they were; and lists (`LIST_BLOCKS`). A quote may take in
 * a blank line after it.
 */
export const SELF_CONTAINED_BLOCKS: ReadonlySet<string> = new Set(['paragraph_open', 'table_open', 'heading_open']);

/** Lists, which run on over the blank lines after them (to the next line that is not blank), and may join a list beside them. */
export const LIST_BLOCKS: ReadonlySet<string> = new Set(['bullet_list_open', 'ordered_list_open']);

/**
 * The excluded spans, link labels and headings of a text of `SELF_CONTAINED_BLOCKS` and
 * `LIST_BLOCKS` parsed alone (offsets into it), with the document's link reference
 * definitions, and its top-level blocks (`end`: the start of the line after it, or the text's
 * end); undefined unless markdown-it reads the whole text as such blocks only, the first on
 * its first line and only blank lines after the last, so that the caller falls back to a full scan.
 */
export function scanBlocks(
  text: string,
  references: Record<string, unknown> | undefined,
): (TokenSpans & { readonly blocks: readonly TopBlock[]; readonly headings: readonly Heading[] }) | undefined {
  const lines = buildLineIndex(text);
  const env: ScanEnv = { spans: [], referenceLines: [], spansByToken: new Map(), references: { ...references } };
  const tokens = parser().parse(text, env);
  if (env.referenceLines.length > 0) return undefined;
  const blocks: TopBlock[] = [];
  let lastLine = 0;
  for (const token of tokens) {
    if (token.level !== 0 || token.nesting < 0) continue;
    if (!(SELF_CONTAINED_BLOCKS.has(token.type) || LIST_BLOCKS.has(token.type)) || !token.map) return undefined;
    if (blocks.length === 0 && token.map[0] !== 0) return undefined;
    blocks.push({ type: token.type, start: lineStart(lines, token.map[0]), end: lineStart(lines, token.map[1]) });
    lastLine = token.map[1];
  }
  if (blocks.length === 0 || !/^\s*$/.test(text.slice(lineStart(lines, lastLine)))) return undefined;
  const { excluded, links } = collectTokenSpans(tokens, env, lines);
  findBareUrls(text, excluded);
  findEmails(text, excluded);
  findGridTableCode(text, excluded);
  const headings = collectHeadings(tokens, lines).map((h) => h.heading);
  findAttributes(text, headings, excluded);
  return { excluded: mergeRanges(excluded), links: links.sort((a, b) => a.start - b.start), blocks, headings };
}

function scanWithMarkdownIt(text: string): MarkdownScan {
  const normalized = normalizeLineBreaks(text);
  const lines = buildLineIndex(normalized);
  const env: ScanEnv = { spans: [], referenceLines: [], spansByToken: new Map() };
  const tokens = parser().parse(normalized, env);
  const metadata = metadataBlocks(tokens);
  const frontMatter = metadata[0] && metadata[0].range.start <= 1 ? metadata[0] : undefined;

  const { excluded, links } = collectTokenSpans(tokens, env, lines);
  findBareUrls(normalized, excluded);
  findEmails(normalized, excluded);
  findGridTableCode(normalized, excluded);

  const headings = collectHeadings(tokens, lines);
  findAttributes(
    normalized,
    headings.map((h) => h.heading),
    excluded,
  );
  const scan: MarkdownScan = {
    frontMatter,
    metadata,
    excluded: mergeRanges(excluded),
    headings: headings.map((h) => h.heading),
    referenceSection: findOwnReferenceList(tokens, lines, headings),
    links: links.sort((a, b) => a.start - b.start),
  };
  memos.set(scan, { blocks: topBlocks(tokens, lines), references: env.references });
  return scan;
}

/** Line-based fallback used only if markdown-it throws: fenced code, front matter, URLs. */
function conservativeScan(text: string, frontMatter: FrontMatterBlock | undefined): MarkdownScan {
  const lines = buildLineIndex(normalizeLineBreaks(text));
  const excluded: OffsetRange[] = [];
  if (frontMatter) excluded.push(frontMatter.range);
  const headings: Heading[] = [];
  let fenceStart = -1;
  let fence = '';
  for (let line = 0; line < lines.starts.length; line++) {
    const ls = lineStart(lines, line);
    const lt = lineText(lines, line);
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(lt);
    if (fenceStart < 0 && f) {
      fenceStart = ls;
      fence = f[1];
    } else if (fenceStart >= 0 && f && f[1][0] === fence[0] && f[1].length >= fence.length) {
      excluded.push({ start: fenceStart, end: ls + lt.length });
      fenceStart = -1;
    } else if (fenceStart < 0) {
      const h = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/.exec(lt);
      if (h) headings.push({ level: h[1].length, text: h[2], range: { start: ls, end: ls + lt.length } });
    }
  }
  if (fenceStart >= 0) excluded.push({ start: fenceStart, end: text.length });
  findBareUrls(lines.text, excluded);
  findEmails(lines.text, excluded);
  return {
    frontMatter,
    metadata: frontMatter ? [frontMatter] : [],
    excluded: mergeRanges(excluded),
    headings,
    referenceSection: undefined,
    links: [],
  };
}

/**
 * Scans a Markdown document: front matter, spans excluded from citation and term search,
 * headings, and the document's own numbered reference list. Never throws.
 */
export function scanMarkdown(text: string): MarkdownScan {
  try {
    return scanWithMarkdownIt(text);
  } catch {
    let frontMatter: FrontMatterBlock | undefined;
    try {
      frontMatter = findFrontMatter(text);
      return conservativeScan(text, frontMatter);
    } catch {
      return {
        frontMatter,
        metadata: frontMatter ? [frontMatter] : [],
        excluded: frontMatter ? [frontMatter.range] : [],
        headings: [],
        referenceSection: undefined,
      };
    }
  }
}
