/**
 * Scans a Markdown manuscript with markdown-it and reports where citations and terms may
 * NOT be looked for (code, HTML, math, URLs, link destinations...), plus headings and the
 * document's own numbered reference list. Offsets are UTF-16 offsets into the original text.
 *
 * markdown-it gives block tokens line numbers but inline tokens no positions, so inline
 * rules are wrapped to record `state.pos` before and after each match (offsets into the
 * inline token's `content`), and each content line is then aligned with its source line.
 */
import MarkdownIt from 'markdown-it';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import type {
  FrontMatterBlock,
  Heading,
  MarkdownScan,
  OwnReferenceEntry,
  OwnReferenceSection,
} from './syntax';
import type { OffsetRange } from '../text/textRange';

/** Heading texts (after numbering and markup are stripped) that open the own reference list. */
const REFERENCE_HEADING = /^(?:references?|reference list|bibliography|参考文献|参考资料)$/i;

type InlineSpanKind = 'code' | 'html' | 'math' | 'autolink' | 'link';

interface InlineSpan {
  readonly kind: InlineSpanKind;
  readonly start: number;
  readonly end: number;
  /** For links and images: offset of the `]` closing the label. */
  readonly labelEnd?: number;
}

/** What the wrapped markdown-it rules write while parsing one document. */
interface ScanEnv {
  spans: InlineSpan[];
  referenceLines: Array<[number, number]>;
  /** The spans of each inline token, filled by our replacement of the core 'inline' rule. */
  spansByToken: Map<Token, InlineSpan[]>;
  /** Required by markdown-it's reference rule. */
  references?: Record<string, unknown>;
}

interface LineIndex {
  readonly text: string;
  readonly starts: number[];
}

function buildLineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) starts.push(i + 1);
  }
  return { text, starts };
}

function lineStart(lines: LineIndex, line: number): number {
  if (line <= 0) return 0;
  if (line >= lines.starts.length) return lines.text.length;
  return lines.starts[line];
}

/** End of `line` before its line break (text is normalized to `\n` here). */
function lineEnd(lines: LineIndex, line: number): number {
  if (line + 1 < lines.starts.length) return lines.starts[line + 1] - 1;
  return lines.text.length;
}

/** End of `line` without trailing blanks (a CRLF's `\r` is a blank by then). */
function blockLineEnd(lines: LineIndex, line: number): number {
  const start = lineStart(lines, line);
  let end = lineEnd(lines, line);
  while (end > start && isWhitespace(lines.text.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * markdown-it turns `\r\n` into `\n`, which would shift every later offset. Replacing the
 * `\r` of a pair by a space (and a lone `\r` by `\n`) keeps lengths identical; a trailing
 * space changes nothing we look at.
 */
function normalizeLineBreaks(text: string): string {
  if (text.indexOf('\r') < 0) return text;
  return text.replace(/\r\n?/g, (m) => (m.length === 2 ? ' \n' : '\n'));
}

/** A YAML block only counts at the very first line, as Pandoc and most tools agree. */
function findFrontMatter(text: string): FrontMatterBlock | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = /^---[ \t]*\r?\n/.exec(text.slice(bom, bom + 64));
  if (!first) return undefined;
  const yamlOffset = bom + first[0].length;
  // Pandoc: a `---` followed by a blank line is a horizontal rule, not metadata.
  if (/^[ \t]*\r?\n/.test(text.slice(yamlOffset, yamlOffset + 64))) return undefined;
  const closer = /^(?:---|\.\.\.)[ \t]*$/gm;
  closer.lastIndex = yamlOffset;
  for (let m = closer.exec(text); m; m = closer.exec(text)) {
    if (m.index < yamlOffset) continue;
    let yamlEnd = m.index;
    if (yamlEnd > yamlOffset && text.charCodeAt(yamlEnd - 1) === 10) yamlEnd--;
    if (yamlEnd > yamlOffset && text.charCodeAt(yamlEnd - 1) === 13) yamlEnd--;
    return {
      range: { start: bom, end: m.index + m[0].length },
      yaml: text.slice(yamlOffset, Math.max(yamlOffset, yamlEnd)),
      yamlOffset,
    };
  }
  return undefined;
}

/** Blank the front matter out (keeping line breaks) so markdown-it sees empty lines, not an hr. */
function blankOut(text: string, range: OffsetRange): string {
  const blanked = text.slice(range.start, range.end).replace(/[^\n]/g, ' ');
  return text.slice(0, range.start) + blanked + text.slice(range.end);
}

type InlineRule = (state: StateInline, silent: boolean) => boolean;
type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

function isWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Pandoc's `tex_math_dollars`: `$$...$$`, or `$...$` where the opener is not followed by
 * whitespace and the closer is not preceded by whitespace nor followed by a digit (so
 * "US$5 and $6" is not math).
 */
const mathRule: InlineRule = (state, silent) => {
  const src = state.src;
  const start = state.pos;
  const max = state.posMax;
  if (src.charCodeAt(start) !== 0x24) return false;
  if (src.charCodeAt(start + 1) === 0x24) {
    let close = src.indexOf('$$', start + 2);
    while (close >= 0 && close < max && src.charCodeAt(close - 1) === 0x5c) close = src.indexOf('$$', close + 1);
    if (close < 0 || close + 2 > max || close === start + 2) return false;
    if (!silent) state.push('math_block_inline', 'math', 0).content = src.slice(start + 2, close);
    state.pos = close + 2;
    return true;
  }
  const next = src.charCodeAt(start + 1);
  if (start + 1 >= max || isWhitespace(next)) return false;
  const close = nextMathCloser(state, start + 2);
  if (close < 0) return false;
  if (!silent) state.push('math_inline', 'math', 0).content = src.slice(start + 1, close);
  state.pos = close + 1;
  return true;
};

/**
 * Whether a `$` can close inline math depends only on its neighbours, not on the opener, so
 * the next candidate is cached on the state: a paragraph full of lone `$` stays linear.
 */
function nextMathCloser(state: StateInline, from: number): number {
  const cache = state as unknown as { citokineMathCloser?: { from: number; at: number } };
  const known = cache.citokineMathCloser;
  if (known && known.from <= from && (known.at < 0 || known.at >= from)) return known.at;
  const src = state.src;
  const max = state.posMax;
  let at = -1;
  for (let i = src.indexOf('$', from); i >= 0 && i < max; i = src.indexOf('$', i + 1)) {
    if (src.charCodeAt(i - 1) === 0x5c) continue;
    if (isWhitespace(src.charCodeAt(i - 1))) continue;
    if (i + 1 < max && isDigit(src.charCodeAt(i + 1))) continue;
    at = i;
    break;
  }
  cache.citokineMathCloser = { from, at };
  return at;
}

const RECORDED_TOKENS: Record<string, InlineSpanKind | undefined> = {
  code_inline: 'code',
  html_inline: 'html',
  math_inline: 'math',
  math_block_inline: 'math',
};

/** Wraps an inline rule so that a successful, non-silent match records its source span. */
function recordingInlineRule(name: string, rule: InlineRule): InlineRule {
  return (state, silent) => {
    const start = state.pos;
    const tokenCount = state.tokens.length;
    const ok = rule(state, silent);
    if (!ok || silent) return ok;
    const env = state.env as ScanEnv;
    if (!env || !Array.isArray(env.spans)) return ok;
    if (name === 'link' || name === 'image') {
      const labelStart = name === 'image' ? start + 1 : start;
      const labelEnd = state.md.helpers.parseLinkLabel(state, labelStart, name === 'link');
      if (labelEnd >= 0) env.spans.push({ kind: 'link', start: labelStart, end: state.pos, labelEnd });
      return ok;
    }
    if (name === 'autolink') {
      env.spans.push({ kind: 'autolink', start, end: state.pos });
      return ok;
    }
    for (let i = tokenCount; i < state.tokens.length; i++) {
      const kind = RECORDED_TOKENS[state.tokens[i].type];
      if (kind) {
        env.spans.push({ kind, start, end: state.pos });
        break;
      }
    }
    return ok;
  };
}

/**
 * markdown-it knows no footnotes, so it would read Pandoc's `[^1]: note text` as a link
 * reference definition and swallow the note (citations included). Pandoc also reads
 * `[@tag:x]: doi:...` (Manubot's citation aliases) as a citation, not a definition. Refuse
 * both kinds of label.
 */
function recordingReferenceRule(rule: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    const pos = state.bMarks[startLine] + state.tShift[startLine];
    if (state.src.charCodeAt(pos) === 0x5b) {
      const next = state.src.charCodeAt(pos + 1);
      if (next === 0x5e || next === 0x40) return false;
      if (next === 0x2d && state.src.charCodeAt(pos + 2) === 0x40) return false;
    }
    const ok = rule(state, startLine, endLine, silent);
    if (ok && !silent) {
      const env = state.env as ScanEnv;
      if (env && Array.isArray(env.referenceLines)) env.referenceLines.push([startLine, state.line]);
    }
    return ok;
  };
}

interface RuleEntry<T> {
  name: string;
  fn: T;
}

function createParser(): MarkdownIt {
  const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
  md.inline.ruler.after('escape', 'math', mathRule);
  // The Ruler keeps its rules in a private array; wrapping in place keeps names and order.
  const inlineRules = (md.inline.ruler as unknown as { __rules__: RuleEntry<InlineRule>[] }).__rules__;
  for (const r of inlineRules) {
    if (['backticks', 'html_inline', 'math', 'link', 'image', 'autolink'].includes(r.name)) {
      r.fn = recordingInlineRule(r.name, r.fn);
    }
  }
  const blockRules = (md.block.ruler as unknown as { __rules__: RuleEntry<BlockRule>[] }).__rules__;
  for (const r of blockRules) {
    if (r.name === 'reference') r.fn = recordingReferenceRule(r.fn);
  }
  md.core.ruler.at('inline', (state) => {
    const env = state.env as ScanEnv;
    for (const token of state.tokens) {
      if (token.type !== 'inline') continue;
      env.spans = [];
      state.md.inline.parse(token.content, state.md, state.env, token.children ?? (token.children = []));
      env.spansByToken.set(token, env.spans);
    }
  });
  (md.inline.ruler as unknown as { __cache__: unknown }).__cache__ = null;
  (md.block.ruler as unknown as { __cache__: unknown }).__cache__ = null;
  return md;
}

let sharedParser: MarkdownIt | undefined;

function parser(): MarkdownIt {
  sharedParser ??= createParser();
  return sharedParser;
}

/** Maps offsets in an inline token's `content` back to the document. */
interface ContentMap {
  /** Offset in content where each content line starts. */
  readonly contentStarts: number[];
  /** Document offset of the same character; -1 when the line could not be aligned. */
  readonly sourceStarts: number[];
}

function mapContentOffset(map: ContentMap, offset: number): number {
  let lo = 0;
  let hi = map.contentStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map.contentStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const base = map.sourceStarts[lo];
  return base < 0 ? -1 : base + (offset - map.contentStarts[lo]);
}

function trimEndWhitespace(s: string): string {
  return s.replace(/\s+$/, '');
}

/**
 * Each line of a paragraph's content is its source line minus a container prefix (indent,
 * `>`, list marker) and, for the first/last line, trimmed. So a content line is aligned with
 * the END of its source line. Table cells and ATX headings sit mid-line and are searched for
 * from a per-line cursor instead.
 */
function buildContentMap(
  lines: LineIndex,
  content: string,
  firstLine: number,
  midLine: boolean,
  cursors: Map<number, number>,
): ContentMap {
  const parts = content.split('\n');
  const contentStarts: number[] = [];
  const sourceStarts: number[] = [];
  let c = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const line = firstLine + i;
    const ls = lineStart(lines, line);
    const le = lineEnd(lines, line);
    const src = lines.text.slice(ls, le);
    let at = -1;
    if (midLine) {
      const from = cursors.get(line) ?? 0;
      const found = src.indexOf(part, from);
      if (found >= 0) {
        at = ls + found;
        cursors.set(line, found + part.length);
      }
    } else if (src.endsWith(part)) {
      at = le - part.length;
    } else {
      const trimmed = trimEndWhitespace(src);
      // A tab partly used as indentation comes back as spaces; aligning at the end still
      // places every non-blank character correctly.
      at = ls + Math.max(0, trimmed.length - part.length);
    }
    contentStarts.push(c);
    sourceStarts.push(at);
    c += part.length + 1;
  }
  return { contentStarts, sourceStarts };
}

function mergeRanges(ranges: OffsetRange[]): OffsetRange[] {
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

function isKeyOrWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

const URL_START = /\b(?:https?:\/\/|ftp:\/\/|www\.)/g;
const URL_TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '*', '_', '~']);

/** True when the token around `at` began with `@`: a citation key like `@url:https://...`. */
function insideAtToken(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0 && at - i < 200; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x40) return true;
    if (isWhitespace(c) || c === 0x5b || c === 0x3b || c === 0x28) return false;
  }
  return false;
}

/** End of a bare URL starting at `start`: ASCII non-space, minus trailing punctuation and unbalanced brackets. */
function bareUrlEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c <= 32 || c >= 127 || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x60) break;
    end++;
  }
  for (;;) {
    const ch = text[end - 1];
    if (end > start && URL_TRAILING.has(ch)) {
      end--;
      continue;
    }
    const pair = ch === ')' ? '(' : ch === ']' ? '[' : ch === '}' ? '{' : undefined;
    if (pair) {
      const body = text.slice(start, end);
      const opens = body.split(pair).length - 1;
      const closes = body.split(ch).length - 1;
      if (closes > opens) {
        end--;
        continue;
      }
    }
    break;
  }
  return end;
}

function findBareUrls(text: string, out: OffsetRange[]): void {
  URL_START.lastIndex = 0;
  for (let m = URL_START.exec(text); m; m = URL_START.exec(text)) {
    const start = m.index;
    const prev = text.charCodeAt(start - 1);
    if (prev === 0x2e || prev === 0x2f) continue;
    const end = bareUrlEnd(text, start);
    URL_START.lastIndex = Math.max(end, start + m[0].length);
    if (insideAtToken(text, start)) continue;
    if (end > start + m[0].length) out.push({ start, end });
  }
}

function isEmailLocalChar(c: number): boolean {
  return isKeyOrWordChar(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d;
}

function isDomainChar(c: number): boolean {
  return isKeyOrWordChar(c) || c === 0x2d;
}

/**
 * `name@example.org`: found from each `@` outwards rather than with one regex, which would
 * backtrack over every long word of a 1 MB text.
 */
function findEmails(text: string, out: OffsetRange[]): void {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isEmailLocalChar(text.charCodeAt(start - 1))) start--;
    if (start === at) continue;
    let end = at + 1;
    let lastDot = -1;
    for (;;) {
      const labelStart = end;
      while (end < text.length && isDomainChar(text.charCodeAt(end))) end++;
      if (end === labelStart) {
        end = lastDot;
        break;
      }
      if (text.charCodeAt(end) === 0x2e && isDomainChar(text.charCodeAt(end + 1))) {
        lastDot = end;
        end++;
        continue;
      }
      if (lastDot < 0) end = -1;
      break;
    }
    if (end > at + 1) {
      out.push({ start, end });
      at = end - 1;
    }
  }
}

/** Heading text as a reader names it: without "6." numbering, emphasis markers or a colon. */
export function normalizeHeadingText(text: string): string {
  return text
    .replace(/[*_`]/g, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[IVXLCivxlc]+\.|[一二三四五六七八九十]+[、.．])\s*/, '')
    .replace(/[:：]\s*$/, '')
    .trim();
}

const BRACKET_ENTRY = /^([ \t]*)[[［](\d{1,4})[\]］][ \t]*/;

function collapseLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join(' ');
}

/** Shrinks a line range to its last non-blank line and returns the offsets. */
function blockExtent(lines: LineIndex, from: number, toLine: number, lastLineExclusive: number): OffsetRange {
  let last = lastLineExclusive - 1;
  while (last > toLine && lines.text.slice(lineStart(lines, last), lineEnd(lines, last)).trim() === '') last--;
  return { start: from, end: lineStart(lines, last) + trimEndWhitespace(lines.text.slice(lineStart(lines, last), lineEnd(lines, last))).length };
}

function findReferenceSection(
  tokens: Token[],
  lines: LineIndex,
  headings: Array<{ heading: Heading; tokenIndex: number }>,
  textLength: number,
): OwnReferenceSection | undefined {
  for (let h = 0; h < headings.length; h++) {
    const { heading, tokenIndex } = headings[h];
    if (!REFERENCE_HEADING.test(normalizeHeadingText(heading.text))) continue;
    let endToken = tokens.length;
    let sectionEnd = textLength;
    for (let k = h + 1; k < headings.length; k++) {
      if (headings[k].heading.level <= heading.level) {
        endToken = headings[k].tokenIndex;
        sectionEnd = headings[k].heading.range.start;
        break;
      }
    }
    const entries: OwnReferenceEntry[] = [];
    let orderedDepth = 0;
    const numberInList: number[] = [];
    // heading_open, inline, heading_close come first.
    for (let i = tokenIndex + 3; i < endToken; i++) {
      const token = tokens[i];
      if (token.type === 'ordered_list_open') {
        orderedDepth++;
        const start = Number(token.attrGet('start') ?? 1);
        numberInList.push(Number.isFinite(start) ? start : 1);
        continue;
      }
      if (token.type === 'ordered_list_close') {
        orderedDepth--;
        numberInList.pop();
        continue;
      }
      if (token.type === 'list_item_open' && orderedDepth === 1 && token.map) {
        const n = numberInList[numberInList.length - 1];
        numberInList[numberInList.length - 1] = n + 1;
        const ls = lineStart(lines, token.map[0]);
        const lineText = lines.text.slice(ls, lineEnd(lines, token.map[0]));
        const marker = /^[ \t>]*\d{1,9}[.)][ \t]*/.exec(lineText);
        const markerStart = ls + (lineText.length - lineText.trimStart().length);
        const range = blockExtent(lines, markerStart, token.map[0], token.map[1]);
        const textStart = ls + (marker ? marker[0].length : 0);
        entries.push({ n, text: collapseLines(lines.text.slice(textStart, range.end)), range });
        continue;
      }
      if (token.type === 'paragraph_open' && orderedDepth === 0 && token.map) {
        collectBracketEntries(lines, token.map[0], token.map[1], entries);
      }
    }
    if (entries.length === 0) continue;
    let end = sectionEnd;
    while (end > heading.range.start && isWhitespace(lines.text.charCodeAt(end - 1))) end--;
    return { heading, range: { start: heading.range.start, end }, entries };
  }
  return undefined;
}

/** `[1] Smith J. ...` lines, several of which markdown-it may have joined into one paragraph. */
function collectBracketEntries(lines: LineIndex, from: number, to: number, entries: OwnReferenceEntry[]): void {
  let current: { n: number; start: number; textStart: number; line: number } | undefined;
  const flush = (lastLineExclusive: number) => {
    if (!current) return;
    const range = blockExtent(lines, current.start, current.line, lastLineExclusive);
    entries.push({ n: current.n, text: collapseLines(lines.text.slice(current.textStart, range.end)), range });
    current = undefined;
  };
  for (let line = from; line < to; line++) {
    const ls = lineStart(lines, line);
    const m = BRACKET_ENTRY.exec(lines.text.slice(ls, lineEnd(lines, line)));
    if (!m) continue;
    flush(line);
    current = { n: Number(m[2]), start: ls + m[1].length, textStart: ls + m[0].length, line };
  }
  flush(to);
}

function headingFromTokens(tokens: Token[], i: number, lines: LineIndex): Heading | undefined {
  const open = tokens[i];
  const inline = tokens[i + 1];
  if (!open.map) return undefined;
  const level = Number(open.tag.slice(1)) || 1;
  const start = lineStart(lines, open.map[0]);
  const lineText = lines.text.slice(start, lineEnd(lines, open.map[0]));
  const indent = lineText.length - lineText.trimStart().length;
  return {
    level,
    text: inline && inline.type === 'inline' ? inline.content : '',
    range: { start: start + indent, end: blockLineEnd(lines, open.map[1] - 1) },
  };
}

function scanWithMarkdownIt(text: string, frontMatter: FrontMatterBlock | undefined): MarkdownScan {
  const normalized = normalizeLineBreaks(frontMatter ? blankOut(text, frontMatter.range) : text);
  const lines = buildLineIndex(normalized);
  const env: ScanEnv = { spans: [], referenceLines: [], spansByToken: new Map() };
  const md = parser();
  const tokens = md.parse(normalized, env);

  const excluded: OffsetRange[] = [];
  const links: OffsetRange[] = [];
  if (frontMatter) excluded.push(frontMatter.range);
  for (const [from, to] of env.referenceLines) {
    excluded.push({ start: lineStart(lines, from), end: blockLineEnd(lines, to - 1) });
  }

  const headings: Array<{ heading: Heading; tokenIndex: number }> = [];
  const cursors = new Map<number, number>();
  let lastMap: [number, number] | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if ((token.type === 'fence' || token.type === 'code_block' || token.type === 'html_block') && token.map) {
      excluded.push({ start: lineStart(lines, token.map[0]), end: blockLineEnd(lines, token.map[1] - 1) });
      continue;
    }
    if (token.type === 'heading_open') {
      const heading = headingFromTokens(tokens, i, lines);
      if (heading) headings.push({ heading, tokenIndex: i });
      continue;
    }
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
    for (const span of spans) {
      const start = mapContentOffset(map, span.start);
      const end = mapContentOffset(map, span.end);
      if (start < 0 || end < start) continue;
      if (span.kind === 'link' && span.labelEnd !== undefined) {
        const labelEnd = mapContentOffset(map, span.labelEnd);
        if (labelEnd < start) continue;
        links.push({ start, end: labelEnd + 1 });
        if (end > labelEnd + 1) excluded.push({ start: labelEnd + 1, end });
      } else {
        excluded.push({ start, end });
      }
    }
  }

  findBareUrls(normalized, excluded);
  findEmails(normalized, excluded);

  const referenceSection = findReferenceSection(tokens, lines, headings, normalized.length);
  return {
    frontMatter,
    excluded: mergeRanges(excluded),
    headings: headings.map((h) => h.heading),
    referenceSection,
    links: links.sort((a, b) => a.start - b.start),
  };
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
    const lt = lines.text.slice(ls, lineEnd(lines, line));
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
  return { frontMatter, excluded: mergeRanges(excluded), headings, referenceSection: undefined, links: [] };
}

/**
 * Scans a Markdown document: front matter, spans excluded from citation and term search,
 * headings, and the document's own numbered reference list. Never throws.
 */
export function scanMarkdown(text: string): MarkdownScan {
  let frontMatter: FrontMatterBlock | undefined;
  try {
    frontMatter = findFrontMatter(text);
  } catch {
    frontMatter = undefined;
  }
  try {
    return scanWithMarkdownIt(text, frontMatter);
  } catch {
    try {
      return conservativeScan(text, frontMatter);
    } catch {
      return { frontMatter, excluded: frontMatter ? [frontMatter.range] : [], headings: [], referenceSection: undefined };
    }
  }
}
