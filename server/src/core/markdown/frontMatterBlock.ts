/**
 * Pandoc's YAML metadata blocks: where each one is, before any YAML is read. Pandoc reads
 * them anywhere in the document, not only at the top: a `---` line (not followed by a blank
 * line, which makes it a rule) at the start of a block, closed by `---` or `...`, whose YAML
 * is a mapping. The scan's block rule (parser.ts) finds them in the document's flow, so a
 * `---` inside code or after a paragraph line (a setext heading) is never one. Inside a block
 * quote pandoc reads them too (and merges them like any other): there each line's quote
 * markers are blanked, so the YAML keeps its offsets in the document.
 */
import type { FrontMatterBlock } from './syntax';

/** `---` alone on a line (trailing blanks allowed): what opens a metadata block. */
const OPENER = /^---[ \t]*(?:\r?\n|$)/;
const BLANK_LINE = /^[ \t]*(?:\r?\n|$)/;
/** A line of block-quote markers only (`> `, `> > `), what stands before a quoted block's `---`. */
const QUOTE_MARKERS = /^(?: {0,3}> ?)+$/;
/**
 * The first line of YAML that holds content must start a mapping (`key:`, `"key":`, `? key`);
 * pandoc reads a block whose YAML is a scalar or a list as ordinary Markdown (a table, rules).
 */
const MAPPING_START =
  /^(?:\?(?:[ \t]|$)|"[^"\n]*"[ \t]*:(?:[ \t]|$)|'[^'\n]*'[ \t]*:(?:[ \t]|$)|[^\s#\-?:'"[\]{},&*!|>%@`][^\n]*?:(?:[ \t]|$))/;

/**
 * True when the YAML starting at `offset` is a mapping, or holds only comments and blank
 * lines before its closer (pandoc reads both). Checked before looking for the closer, so a
 * document of rules followed by text never searches to its end for each of them.
 */
function opensMapping(text: string, offset: number, indent: number): boolean {
  const line = /^.*$/gm;
  line.lastIndex = offset;
  for (let m = line.exec(text), n = 0; m && n < 1000; m = line.exec(text), n++) {
    const content = m[0].replace(/\r$/, '').slice(indent);
    if (/^(?:---|\.\.\.)[ \t]*$/.test(content)) return true;
    if (!/^[ \t]*(?:#.*)?$/.test(content)) return MAPPING_START.test(content);
    if (m[0].length === 0) line.lastIndex++;
  }
  return false;
}

/**
 * The metadata block whose `---` line starts at `start` (a line start, or just after the
 * block-quote markers of its line; a byte order mark before it is skipped), or undefined.
 * The block must be closed: pandoc reads an unclosed `---` as a rule.
 */
export function metadataBlockAt(text: string, start: number): FrontMatterBlock | undefined {
  const at = start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (lineStart === at || at === 1) return blockIn(text, at, 0);
  const markers = text.slice(lineStart, at);
  return QUOTE_MARKERS.test(markers) ? blockIn(unquoted(text, lineStart, markers), at, markers.length) : undefined;
}

/**
 * `text` up to the end of the block quote whose first line starts at `lineStart` with
 * `markers`, each of its lines' markers replaced by spaces (same length, so offsets hold).
 */
function unquoted(text: string, lineStart: number, markers: string): string {
  const depth = (markers.match(/>/g) ?? []).length;
  const prefix = new RegExp(`^(?: {0,3}> ?){${depth}}`);
  const lines: string[] = [];
  let end = lineStart;
  while (end < text.length) {
    const next = text.indexOf('\n', end);
    const lineEnd = next < 0 ? text.length : next;
    const line = text.slice(end, lineEnd);
    const m = prefix.exec(line);
    if (!m) break;
    lines.push(' '.repeat(m[0].length) + line.slice(m[0].length));
    end = lineEnd + 1;
  }
  return text.slice(0, lineStart) + lines.join('\n');
}

/** The block at `at` in `text`, whose lines are indented by `indent` (blanked quote markers). */
function blockIn(text: string, at: number, indent: number): FrontMatterBlock | undefined {
  const first = OPENER.exec(text.slice(at, at + 64));
  if (!first) return undefined;
  const yamlOffset = at + first[0].length;
  if (yamlOffset >= text.length || BLANK_LINE.test(text.slice(yamlOffset, yamlOffset + 64))) return undefined;
  if (!opensMapping(text, yamlOffset, indent)) return undefined;
  const closer = new RegExp(`^ {${indent}}(?:---|\\.\\.\\.)[ \\t]*$`, 'gm');
  closer.lastIndex = yamlOffset;
  const m = closer.exec(text);
  if (!m) return undefined;
  let yamlEnd = m.index;
  if (yamlEnd > yamlOffset && text.charCodeAt(yamlEnd - 1) === 10) yamlEnd--;
  if (yamlEnd > yamlOffset && text.charCodeAt(yamlEnd - 1) === 13) yamlEnd--;
  const yaml = text.slice(yamlOffset, Math.max(yamlOffset, yamlEnd));
  return { range: { start: at, end: m.index + m[0].length }, yaml, yamlOffset };
}

/** The metadata block at the very first line (the front matter), if any. */
export function findFrontMatter(text: string): FrontMatterBlock | undefined {
  return metadataBlockAt(text, 0);
}
