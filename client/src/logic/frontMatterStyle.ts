/**
 * Writing a style into a manuscript's front matter: the `csl:` line only, replaced when it
 * is there, added to the front matter when not, and a front matter added when there is none.
 */
import type { TextInsertion } from './insertion';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** A YAML scalar for a style name or path: quoted when YAML would read it as something else. */
function yamlScalar(value: string): string {
  return /^[\w./-]+$/.test(value) && !/^(true|false|null|yes|no|~)$/i.test(value) ? value : JSON.stringify(value);
}

/** The edit that makes the front matter say `csl: <style>`, changing nothing else. */
export function cslFrontMatterEdit(text: string, style: string): TextInsertion {
  const line = `csl: ${yamlScalar(style)}`;
  const match = FRONT_MATTER.exec(text);
  if (!match) return { start: 0, end: 0, text: `---\n${line}\n---\n` };
  const bodyStart = match[0].indexOf('\n') + 1;
  const body = match[1];
  const existing = /^csl[ \t]*:.*$/m.exec(body);
  if (existing) return { start: bodyStart + existing.index, end: bodyStart + existing.index + existing[0].length, text: line };
  const end = bodyStart + body.length;
  return body.length === 0 ? { start: bodyStart, end: bodyStart, text: `${line}\n` } : { start: end, end, text: `\n${line}` };
}
