/**
 * Markdown inside HTML blocks, as pandoc's `markdown_in_html_blocks` reads it. markdown-it
 * keeps an HTML block (`<div>` ... up to a blank line) as one opaque token; pandoc reads the
 * tags as raw HTML and the text between them as Markdown. So inside an HTML block only the
 * tags, comments and the content of raw-text elements (`<pre>`, `<script>`, `<style>`,
 * `<textarea>`) are excluded, and the text between is parsed inline (code spans, math and
 * link destinations in it stay excluded).
 */
import { parser, type InlineSpan, type ScanEnv } from './parser';
import type { OffsetRange } from '../text/textRange';

const ATTRIBUTE = String.raw`(?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*(?:[^"'=<>\x60\s]+|'[^']*'|"[^"]*"))?)`;
/** A tag, a comment, a processing instruction, a declaration or CDATA. */
const HTML_PIECE = new RegExp(
  String.raw`<[A-Za-z][A-Za-z0-9-]*${ATTRIBUTE}*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>|<!--[\s\S]*?(?:-->|$(?![\s\S]))|<\?[\s\S]*?(?:\?>|$(?![\s\S]))|<![A-Za-z][^>]*>|<!\[CDATA\[[\s\S]*?(?:\]\]>|$(?![\s\S]))`,
  'g',
);
/** Elements whose content pandoc keeps as raw HTML, never as Markdown. */
const RAW_TEXT = /^<(pre|script|style|textarea)[\s/>]/i;

/** What an HTML block yields: spans excluded outright, and the inline spans of its Markdown text (document offsets). */
export interface HtmlBlockSpans {
  readonly excluded: OffsetRange[];
  readonly inline: InlineSpan[];
}

/** The excluded and inline spans of the HTML block `text.slice(start, end)`. */
export function htmlBlockSpans(text: string, start: number, end: number): HtmlBlockSpans {
  const out: HtmlBlockSpans = { excluded: [], inline: [] };
  const block = text.slice(start, end);
  let textStart = 0;
  HTML_PIECE.lastIndex = 0;
  for (let m = HTML_PIECE.exec(block); m; m = HTML_PIECE.exec(block)) {
    let pieceEnd = m.index + m[0].length;
    const raw = RAW_TEXT.exec(m[0]);
    if (raw) {
      const close = new RegExp(`</${raw[1]}\\s*>`, 'i').exec(block.slice(pieceEnd));
      pieceEnd = close ? pieceEnd + close.index + close[0].length : block.length;
      HTML_PIECE.lastIndex = pieceEnd;
    }
    markdownText(block, textStart, m.index, start, out);
    out.excluded.push({ start: start + m.index, end: start + pieceEnd });
    textStart = pieceEnd;
    if (m[0].length === 0) HTML_PIECE.lastIndex++;
  }
  markdownText(block, textStart, block.length, start, out);
  return out;
}

/** Parses the text between two pieces of HTML inline and records its spans. */
function markdownText(block: string, from: number, to: number, shift: number, out: HtmlBlockSpans): void {
  const segment = block.slice(from, to);
  if (!/[^\s]/.test(segment)) return;
  const env: ScanEnv = { spans: [], referenceLines: [], spansByToken: new Map() };
  const tokens = parser().parseInline(segment, env);
  for (const token of tokens) {
    for (const span of env.spansByToken.get(token) ?? []) {
      const at = shift + from;
      out.inline.push({
        ...span,
        start: span.start + at,
        end: span.end + at,
        labelEnd: span.labelEnd === undefined ? undefined : span.labelEnd + at,
      });
    }
  }
}
