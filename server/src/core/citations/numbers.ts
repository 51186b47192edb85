/**
 * How a numeric citation group is written: its separator and dash, and numbers written back
 * as a group with runs compressed. The checks, renumbering and conversion rewrite groups with
 * these, so that a rewritten group keeps the author's habits.
 */
import type { NumericCitation, NumericItem } from '../markdown/syntax';

/** How one numeric group writes itself. */
export interface NumericStyle {
  /** Between items: `,`, `, `, `，`... */
  readonly separator: string;
  /** Inside a range: `-`, `–`... */
  readonly dash: string;
}

/** The separator and dash a group already uses; `,` and `-` when it shows none. */
export function numericStyleOf(text: string, citation: NumericCitation): NumericStyle {
  let separator = ',';
  if (citation.items.length > 1) separator = text.slice(citation.items[0].range.end, citation.items[1].range.start) || ',';
  let dash = '-';
  for (const item of citation.items) {
    if (item.kind !== 'range') continue;
    const between = text.slice(item.fromRange.end, item.toRange.start).replace(/[[\]\s]/g, '');
    if (between) {
      dash = between;
      break;
    }
  }
  return { separator, dash };
}

/** True for `[1]-[6]`: a range written across two brackets. */
export function isBracketRange(text: string, item: NumericItem): boolean {
  return item.kind === 'range' && text.charCodeAt(item.fromRange.end) === 0x5d;
}

/**
 * Numbers written as a list in the given order, with each ascending run of three or more
 * consecutive numbers as a range (the Vancouver habit): 1,2,3,5 -> `1-3,5`.
 */
export function formatNumbers(numbers: readonly number[], style: NumericStyle): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    if (j - i >= 2) {
      parts.push(`${numbers[i]}${style.dash}${numbers[j]}`);
      i = j + 1;
    } else {
      parts.push(String(numbers[i]));
      i++;
    }
  }
  return parts.join(style.separator);
}
