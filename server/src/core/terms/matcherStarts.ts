/**
 * Where the term matcher's `find` (matcher.ts) tries a match: one native regular expression
 * that jumps to the next character a form can start with, so that the loop steps through
 * candidates only, never through the prose between them.
 */
import { foldChar, isSpace } from './folding';

/** The part of a matcher's trie this pattern reads: a node's children by folded character, and whether a form ends there. */
export interface StartNode {
  readonly next: ReadonlyMap<number, StartNode> | undefined;
  readonly entries: readonly unknown[] | undefined;
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Blocks of characters that `foldChar` leaves as they are (CJK punctuation, ideographs): one
 * of them can start a term only if it is itself the first character of a form.
 */
const UNFOLDED_BLOCKS: readonly (readonly [number, number])[] = [
  [0x3001, 0x303f],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
];

/** Full-width ASCII, which folds to ASCII (`foldChar`). */
const FULL_WIDTH: readonly [number, number] = [0xff01, 0xff5e];

const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;

/**
 * A pattern that finds, natively, the next place a term may start, so that `find` tries
 * only those: an ASCII character that folds to a form's first character (a letter, digit or
 * `_` only where no ASCII word character precedes it, as no term starts inside an ASCII
 * word, and only before characters that can follow it, see `following`), a
 * full-width or CJK character that does, and any other non-ASCII character (what it folds to
 * is not known without folding it; `find` folds it). Chinese prose and the spaces,
 * punctuation and most words of English are skipped without a step of the loop each.
 */
export function startPattern(root: StartNode): RegExp {
  const firsts = root.next ?? new Map<number, StartNode>();
  const wordStarts = new Map<number, number[]>();
  const others: number[] = [];
  for (let c = 0; c < 128; c++) {
    const first = foldChar(c);
    if (!firsts.has(first)) continue;
    if (!isAsciiWordChar(c)) others.push(c);
    else wordStarts.set(first, [...(wordStarts.get(first) ?? []), c]);
  }
  for (let c = FULL_WIDTH[0]; c <= FULL_WIDTH[1]; c++) if (firsts.has(foldChar(c))) others.push(c);
  for (const first of firsts.keys()) if (UNFOLDED_BLOCKS.some(([lo, hi]) => first >= lo && first <= hi)) others.push(first);
  // Every other non-ASCII character: the gaps between the blocks above.
  const skipped = [...UNFOLDED_BLOCKS, FULL_WIDTH].sort((a, b) => a[0] - b[0]);
  let rest = '';
  let from = 0x80;
  for (const [lo, hi] of skipped) {
    if (lo > from) rest += `${hex(from)}-${hex(lo - 1)}`;
    from = hi + 1;
  }
  rest += `${hex(from)}-\\uffff`;
  const ascii = asciiByFold();
  const branches = [...wordStarts].map(([first, chars]) => `[${chars.map(hex).join('')}]${lookAhead(firsts.get(first)!, ascii)}`);
  const words = branches.length > 0 ? `(?<![A-Za-z0-9_])(?:${branches.join('|')})|` : '';
  // The look-ahead of a word start is not part of the match: every match is one character long.
  return new RegExp(`${words}[${others.map(hex).join('')}${rest}]`, 'g');
}

/** How many characters after an ASCII first character the pattern looks at. */
const LOOK_AHEAD = 2;

/**
 * What must follow a character that took `find` to `node`, looking `depth` characters ahead,
 * for `find` to find a form there: nothing (the empty pattern) when a form ends at `node`;
 * otherwise an ASCII character that folds to a child of `node` (followed by what that child
 * needs), a space of any kind (a space inside a form, or one skipped at a Chinese boundary),
 * or any non-ASCII character (folded only by `find`). Before anything else, and at the end of
 * the searched range, `find` stops without reaching the end of a form.
 */
function following(node: StartNode, depth: number, ascii: AsciiByFold): string {
  if (depth === 0 || node.entries || !node.next) return '';
  const branches: string[] = [];
  for (const [folded, child] of node.next) {
    const chars = ascii.get(folded);
    if (chars) branches.push(`[${chars}]${following(child, depth - 1, ascii)}`);
  }
  branches.push(ANY_SPACE_OR_NON_ASCII);
  return `(?:${branches.join('|')})`;
}

/** The ASCII characters other than spaces by what they fold to, as the inside of a character class. */
type AsciiByFold = ReadonlyMap<number, string>;

function asciiByFold(): AsciiByFold {
  const chars = new Map<number, string>();
  for (let c = 0; c < 128; c++) if (!isSpace(c)) chars.set(foldChar(c), (chars.get(foldChar(c)) ?? '') + hex(c));
  return chars;
}

const ASCII_SPACES = Array.from({ length: 128 }, (_, c) => c).filter(isSpace);
const ANY_SPACE_OR_NON_ASCII = `[${ASCII_SPACES.map(hex).join('')}\\u0080-\\uffff]`;

/** The look-ahead after an ASCII first character that took `find` to `node`. */
function lookAhead(node: StartNode, ascii: AsciiByFold): string {
  const next = following(node, LOOK_AHEAD, ascii);
  return next === '' ? '' : `(?=${next})`;
}
