/**
 * The checks inside citation groups that come with a fix: the same work twice in one group
 * (`[3,3]`, `[1-3, 2]`, `[@a; @a]`) and consecutive numbers written one by one (`[1,2,3]`,
 * `[22] [23] [24]`).
 */
import type { Finding } from '../findings';
import { numbersOf, type Manuscript } from '../markdown/manuscript';
import type { KeyCitation, NumericCitation, NumericItem } from '../markdown/syntax';
import { RULES } from '../rules';
import type { OffsetRange } from '../text/textRange';
import { formatNumbers, isBracketRange, numericStyleOf } from './numbers';

// ---------------------------------------------------------------------------------------
// Duplicates inside one group

const DUPLICATE = RULES.duplicateInGroup.code;

/** A work cited twice in one group, at the later occurrence, with the edit that removes it when one is safe. */
export function groupDuplicateFindings(text: string, citations: readonly (NumericCitation | KeyCitation)[]): Finding[] {
  return citations.flatMap((citation) => (citation.kind === 'numeric' ? numericDuplicates(text, citation) : keyDuplicates(text, citation)));
}

function numericDuplicates(text: string, citation: NumericCitation): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<number>();
  citation.items.forEach((item, i) => {
    const numbers = numbersOf(item);
    const repeated = numbers.filter((n) => seen.has(n));
    numbers.forEach((n) => seen.add(n));
    if (repeated.length === 0 || i === 0) return;
    const label = text.slice(item.range.start, item.range.end);
    const what = repeated.length === 1 ? `[${repeated[0]}]` : `[${formatNumbers(repeated, { separator: ',', dash: '-' })}]`;
    const message = `${what} is cited twice in this group.`;
    if (repeated.length === numbers.length) {
      out.push({
        code: DUPLICATE,
        range: item.range,
        message,
        fix: {
          title: `Remove the duplicate ${label}`,
          edits: [{ range: { start: citation.items[i - 1].range.end, end: item.range.end }, newText: '' }],
        },
      });
    } else {
      // A range that overlaps others: write the group's numbers once each, in order.
      const all = [...new Set(citation.items.flatMap(numbersOf))].sort((a, b) => a - b);
      const inner = formatNumbers(all, numericStyleOf(text, citation));
      const first = citation.items[0].range.start;
      const last = citation.items[citation.items.length - 1].range.end;
      out.push({
        code: DUPLICATE,
        range: item.range,
        message,
        fix: { title: `Write each number once: [${inner}]`, edits: [{ range: { start: first, end: last }, newText: inner }] },
      });
    }
  });
  return out;
}

function keyDuplicates(text: string, citation: KeyCitation): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  citation.items.forEach((item, i) => {
    if (!seen.has(item.key)) {
      seen.add(item.key);
      return;
    }
    const message = `'@${item.key}' is cited twice in this group.`;
    const previous = citation.items[i - 1];
    const between = text.slice(previous.range.end, item.range.start);
    const semicolon = between.lastIndexOf(';');
    // A locator or prefix on the repeated item would be lost: leave that to the author.
    if (item.prefix || item.suffix) {
      out.push({ code: DUPLICATE, range: item.range, message: `${message} It carries its own prefix or locator: merge the two by hand.` });
      return;
    }
    // `@a [@a]`: removing the key would leave an empty bracket behind; the author decides.
    if (semicolon < 0 && !citation.bracketed) {
      out.push({ code: DUPLICATE, range: item.range, message });
      return;
    }
    const start = semicolon >= 0 ? previous.range.end + semicolon : previous.range.end;
    out.push({
      code: DUPLICATE,
      range: item.range,
      message,
      fix: { title: `Remove the duplicate @${item.key}`, edits: [{ range: { start, end: item.range.end }, newText: '' }] },
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// Compressible ranges

/** Consecutive numbers written one by one, and the range that could replace them. */
interface CompressibleRun {
  readonly range: OffsetRange;
  /** The text that replaces `range`: `1-3` inside a group, `[22]-[24]` across groups. */
  readonly replacement: string;
}

/** `citation.compressible-range`: each run with its compression as the fix. */
export function compressibleRangeFindings(manuscript: Manuscript): Finding[] {
  const text = manuscript.text;
  return compressibleRuns(manuscript).map((run) => ({
    code: RULES.compressibleRange.code,
    range: run.range,
    message: `${text.slice(run.range.start, run.range.end)} could be written ${run.replacement}.`,
    data: { replacement: run.replacement },
    fix: {
      title: `Compress to ${run.replacement.startsWith('[') ? run.replacement : `[${run.replacement}]`}`,
      edits: [{ range: run.range, newText: run.replacement }],
    },
  }));
}

/** Every place where three or more consecutive numbers could be one range. */
function compressibleRuns(manuscript: Manuscript): CompressibleRun[] {
  const text = manuscript.text;
  const numeric = manuscript.citations.filter((c): c is NumericCitation => c.kind === 'numeric');
  const runs: CompressibleRun[] = [];
  for (const citation of numeric) {
    const items = citation.items;
    for (let i = 0; i < items.length;) {
      let j = i;
      while (j + 1 < items.length && first(items[j + 1]) === last(items[j]) + 1) j++;
      if (j > i && last(items[j]) - first(items[i]) >= 2) {
        const dash = numericStyleOf(text, citation).dash;
        runs.push({
          range: { start: items[i].range.start, end: items[j].range.end },
          replacement: `${first(items[i])}${dash}${last(items[j])}`,
        });
      }
      i = j + 1;
    }
  }
  for (let i = 0; i < numeric.length;) {
    let j = i;
    while (
      j + 1 < numeric.length &&
      numeric[j].items.length === 1 &&
      numeric[j + 1].items.length === 1 &&
      adjacent(text, numeric[j].range.end, numeric[j + 1].range.start) &&
      first(numeric[j + 1].items[0]) === last(numeric[j].items[0]) + 1
    )
      j++;
    if (j > i && last(numeric[j].items[0]) - first(numeric[i].items[0]) >= 2) {
      const dashed = numeric.slice(i, j + 1).find((c) => isBracketRange(text, c.items[0]));
      const dash = dashed ? numericStyleOf(text, dashed).dash : '-';
      runs.push({
        range: { start: numeric[i].range.start, end: numeric[j].range.end },
        replacement: `[${first(numeric[i].items[0])}]${dash}[${last(numeric[j].items[0])}]`,
      });
    }
    i = j + 1;
  }
  return runs.sort((a, b) => a.range.start - b.range.start);
}

function first(item: NumericItem): number {
  return item.kind === 'single' ? item.n : item.from;
}

function last(item: NumericItem): number {
  return item.kind === 'single' ? item.n : item.to;
}

/** Two groups side by side: nothing between them but spaces and at most one comma. */
function adjacent(text: string, end: number, start: number): boolean {
  return start - end <= 4 && /^[ \t]*(?:[,，、][ \t]*)?$/.test(text.slice(end, start));
}
