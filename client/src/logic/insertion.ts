/**
 * The text Insert Citation puts into the document: `[@a; @b]` in a key document, the list's
 * numbers (`[3,5]`, runs of three or more as `3-5`) in a numeric one; with the cursor inside
 * an existing citation group, that group grows instead of a new one starting.
 */
import type { CitationStyle } from './protocol';

/** One picked reference: its key, and its number in the numbered list in use, when it has one. */
export interface CitationPick {
  readonly key: string;
  readonly number?: number;
}

/** Replace `start..end` (offsets) with `text`; `start === end` is a plain insertion. */
export interface TextInsertion {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A bracketed group around the cursor, on one line, without brackets inside it. */
interface Group {
  readonly open: number;
  readonly close: number;
  readonly content: string;
}

function groupAround(text: string, offset: number): Group | undefined {
  let open = offset - 1;
  while (open >= 0 && text[open] !== '[' && text[open] !== ']' && text[open] !== '\n') open--;
  if (open < 0 || text[open] !== '[') return undefined;
  let close = offset;
  while (close < text.length && text[close] !== ']' && text[close] !== '[' && text[close] !== '\n') close++;
  if (close >= text.length || text[close] !== ']') return undefined;
  return { open, close, content: text.slice(open + 1, close) };
}

const KEY_IN_GROUP = /-?@\{?([^\s;,\]}]+)/gu;
const NUMERIC_GROUP = /^\s*\d+(\s*[-–—]\s*\d+)?(\s*[,，]\s*\d+(\s*[-–—]\s*\d+)?)*\s*$/u;

/** Numbers in ascending order, runs of three or more written as ranges: 3,4,5,8 -> "3-5,8". */
export function formatNumbers(numbers: Iterable<number>, separator = ','): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}-${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(separator);
}

/** The numbers a numeric group's text cites: "3-5, 8" -> 3,4,5,8. */
function numbersIn(content: string): number[] {
  const out: number[] = [];
  for (const part of content.split(/[,，]/)) {
    const [from, to] = part.split(/[-–—]/).map((s) => Number(s.trim()));
    if (!Number.isInteger(from)) continue;
    const last = Number.isInteger(to) && to >= from && to - from < 1000 ? to : from;
    for (let n = from; n <= last; n++) out.push(n);
  }
  return out;
}

/**
 * The insertion for `picks` at `offset` of `text`, or undefined when it would add nothing
 * (every pick already in the group, or no pick has a number in a numeric document).
 */
export function citationInsertion(
  text: string,
  offset: number,
  style: CitationStyle,
  picks: readonly CitationPick[],
): TextInsertion | undefined {
  const group = groupAround(text, offset);
  if (group && group.content.includes('@')) {
    const present = new Set([...group.content.matchAll(KEY_IN_GROUP)].map((m) => m[1]));
    const keys = [...new Set(picks.map((p) => p.key))].filter((k) => !present.has(k));
    if (keys.length === 0) return undefined;
    const lead = group.content.trim() === '' ? '' : '; ';
    return { start: group.close, end: group.close, text: lead + keys.map((k) => `@${k}`).join('; ') };
  }
  if (group && NUMERIC_GROUP.test(group.content)) {
    const existing = numbersIn(group.content);
    const added = picks.map((p) => p.number).filter((n): n is number => n !== undefined && !existing.includes(n));
    if (added.length === 0) return undefined;
    const separator = /[,，]\s/.test(group.content) ? ', ' : ',';
    return { start: group.open + 1, end: group.close, text: formatNumbers([...existing, ...added], separator) };
  }
  if (style === 'numeric') {
    const numbers = picks.map((p) => p.number).filter((n): n is number => n !== undefined);
    return numbers.length ? { start: offset, end: offset, text: `[${formatNumbers(numbers)}]` } : undefined;
  }
  const keys = [...new Set(picks.map((p) => p.key))];
  return keys.length ? { start: offset, end: offset, text: `[${keys.map((k) => `@${k}`).join('; ')}]` } : undefined;
}
