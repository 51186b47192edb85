/**
 * Where a document's YAML front matter block is, before any Markdown parsing: Pandoc reads
 * metadata only at the very first line, and markdown-it must not see it as text.
 */
import type { FrontMatterBlock } from './syntax';
import type { OffsetRange } from '../text/textRange';

/** A YAML block only counts at the very first line, as Pandoc and most tools agree. */
export function findFrontMatter(text: string): FrontMatterBlock | undefined {
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
export function blankOut(text: string, range: OffsetRange): string {
  const blanked = text.slice(range.start, range.end).replace(/[^\n]/g, ' ');
  return text.slice(0, range.start) + blanked + text.slice(range.end);
}
