/**
 * Pandoc's attributes and fenced divs are markup, not prose: `![x](a.png){fig-alt="Artwork by
 * @allison_horst."}`, `` `code`{.r} ``, `[text]{.mark}`, `## Title {#sec-x}` and the
 * `::: {#fig-x .class key="@val"}` line of a fenced div hold no citations and no terms.
 * Pandoc reads `{...}` as attributes only in those places; elsewhere it is text, and so here.
 */
import type { Heading } from './syntax';
import type { OffsetRange } from '../text/textRange';

/** One attribute: `#id`, `.class`, `key=value` (value quoted or bare), or `-` (unnumbered). */
const ATTRIBUTE = String.raw`(?:#[^\s{}#.]+|\.[^\s{}#.=]+|[A-Za-z_][\w.:-]*=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+)|-)`;
const ATTRIBUTES = String.raw`\{[ \t]*${ATTRIBUTE}(?:[ \t]+${ATTRIBUTE})*[ \t]*\}`;
/** Attributes right after a link or image `)`, a span `]` or a code span's backtick. */
const AFTER_INLINE = new RegExp(String.raw`(?<=[)\]\x60])${ATTRIBUTES}`, 'g');
/** Attributes ending a heading line. */
const AT_HEADING_END = new RegExp(String.raw`[ \t](${ATTRIBUTES})[ \t#]*$`);
/** A fenced div's opening (`::: note`, `::: {#id .class}`) or closing (`:::`) line. */
const DIV_FENCE = new RegExp(String.raw`^ {0,3}:{3,}[ \t]*(?:${ATTRIBUTES}|[^\s{}:]+)?[ \t]*:*[ \t]*$`, 'gm');

/** Adds to `excluded` the attribute sets and fenced-div lines of a (line-normalised) document. */
export function findAttributes(text: string, headings: readonly Heading[], excluded: OffsetRange[]): void {
  for (const m of text.matchAll(AFTER_INLINE)) excluded.push({ start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(DIV_FENCE)) excluded.push({ start: m.index, end: m.index + m[0].length });
  for (const heading of headings) {
    const line = text.slice(heading.range.start, heading.range.end);
    const m = AT_HEADING_END.exec(line);
    if (m) {
      const start = heading.range.start + m.index + m[0].indexOf('{');
      excluded.push({ start, end: start + m[1].length });
    }
  }
}
