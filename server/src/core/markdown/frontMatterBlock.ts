/**
 * Pandoc's YAML metadata blocks: where each one is, before any YAML is read. Pandoc reads
 * them anywhere in the document, not only at the top: a `---` line (not followed by a blank
 * line, which makes it a rule) at the start of a block, closed by `---` or `...`, whose YAML
 * is a mapping. The scan's block rule (parser.ts) finds them in the document's flow, so a
 * `---` inside code or after a paragraph line (a setext heading) is never one.
 */
import type { FrontMatterBlock } from './syntax';

/** `---` alone on a line (trailing blanks allowed): what opens a metadata block. */
const OPENER = /^---[ \t]*(?:\r?\n|$)/;
const BLANK_LINE = /^[ \t]*(?:\r?\n|$)/;
const CLOSER = /^(?:---|\.\.\.)[ \t]*$/gm;
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
function opensMapping(text: string, offset: number): boolean {
  const line = /^.*$/gm;
  line.lastIndex = offset;
  for (let m = line.exec(text), n = 0; m && n < 1000; m = line.exec(text), n++) {
    const content = m[0].replace(/\r$/, '');
    if (/^(?:---|\.\.\.)[ \t]*$/.test(content)) return true;
    if (!/^[ \t]*(?:#.*)?$/.test(content)) return MAPPING_START.test(content);
    if (m[0].length === 0) line.lastIndex++;
  }
  return false;
}

/**
 * The metadata block whose `---` line starts at `start` (a line start; a byte order mark
 * before it is skipped), or undefined. The block must be closed: pandoc reads an unclosed
 * `---` as a rule.
 */
export function metadataBlockAt(text: string, start: number): FrontMatterBlock | undefined {
  const at = start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
  const first = OPENER.exec(text.slice(at, at + 64));
  if (!first) return undefined;
  const yamlOffset = at + first[0].length;
  if (yamlOffset >= text.length || BLANK_LINE.test(text.slice(yamlOffset, yamlOffset + 64))) return undefined;
  if (!opensMapping(text, yamlOffset)) return undefined;
  const closer = new RegExp(CLOSER.source, 'gm');
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
