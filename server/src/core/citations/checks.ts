/**
 * The checks of how a manuscript cites, beyond "does this key or number exist": order of
 * first appearance, uncited entries, duplicates inside a group, mixed styles, ranges that
 * could be compressed, and the library problems a manuscript runs into (a cited key defined
 * by two files, one work cited under two keys, inline references that lack fields).
 *
 * Decisions (also in the README's table of checks):
 * - `citation.out-of-order` applies to documents with their own numbered References section
 *   only: the built-in corpus's numbers are the review's and cannot be renumbered.
 * - `citation.unused-reference` reports entries of the own numbered section (only when the
 *   document cites by number at all) and of front matter `references:` (less `nocite:`), at
 *   the entry. Never for the built-in corpus: citing a few of the review's references does
 *   not oblige one to cite the rest. Files named by `bibliography:` only with the setting
 *   `citokine.unusedReferences.bibliographyFiles`, as one finding per file.
 * - `citation.mixed-styles` is reported on each citation of the less used style, so every
 *   place to change is listed; on a tie, the style that appears second.
 */
import type { BibEntry } from '../bibliography/parse';
import { formatNumbers, isBracketRange, numericStyleOf } from './numbers';
import type { OffsetEdit } from '../text/edits';
import type { Library } from '../bibliography/library';
import { numbersOf, type Manuscript } from '../markdown/manuscript';
import { RULES } from '../rules';
import type { Citation, KeyCitation, NumericCitation, NumericItem } from '../markdown/syntax';
import type { OffsetRange } from '../text/textRange';
import type { CitokineSettings } from '../workspace';
import { duplicateWorks, entryFindings } from '../bibliography/checks';

/** Where findings go: the diagnostics sink of diagnostics.ts, or a collector in tests. */
export interface FindingSink {
  add(code: string, range: OffsetRange, message: string, data?: unknown): void;
}

/** Runs every check of this module over one manuscript. */
export function citationChecks(manuscript: Manuscript, library: Library, settings: CitokineSettings, sink: FindingSink): void {
  const numeric = manuscript.citations.filter((c): c is NumericCitation => c.kind === 'numeric');
  const keyed = manuscript.citations.filter((c): c is KeyCitation => c.kind === 'key');
  checkOrder(manuscript, library, numeric, sink);
  checkUnused(manuscript, library, settings, numeric, keyed, sink);
  for (const citation of [...numeric, ...keyed]) {
    for (const duplicate of duplicatesInGroup(manuscript.text, citation)) {
      sink.add(RULES.duplicateInGroup.code, duplicate.range, duplicate.message);
    }
  }
  checkMixedStyles(manuscript, numeric, keyed, sink);
  for (const run of compressibleRuns(manuscript)) {
    sink.add(RULES.compressibleRange.code, run.range, `${manuscript.text.slice(run.range.start, run.range.end)} could be written ${run.replacement}.`, { replacement: run.replacement });
  }
  const lineOf = (offset: number) => manuscript.lines.positionAt(offset).line + 1;
  for (const finding of entryFindings(manuscript.frontMatter.references, lineOf)) sink.add(finding.code, finding.range, finding.message, finding.data);
  checkLibraryDuplicates(library, keyed, manuscript, sink);
}

// ---------------------------------------------------------------------------------------
// Order of first appearance

/**
 * The first appearance of each number, group by group. Numbers of one group appear
 * together, so `[2,1]` at the start is in order; a number is out of order when some smaller
 * number of the list is first cited in a later group.
 */
function checkOrder(manuscript: Manuscript, library: Library, numeric: readonly NumericCitation[], sink: FindingSink): void {
  const list = library.numbered;
  if (list.kind !== 'own-section') return;
  const firstGroup = new Map<number, number>();
  numeric.forEach((citation, g) => {
    for (const item of citation.items) for (const n of numbersOf(item)) if (list.entries.has(n) && !firstGroup.has(n)) firstGroup.set(n, g);
  });
  const ascending = [...firstGroup.keys()].sort((a, b) => a - b);
  const cited = new Set<number>();
  let pending = 0; // index in `ascending` of the smallest number not yet cited
  numeric.forEach((citation, g) => {
    const fresh: { item: NumericItem; n: number }[] = [];
    for (const item of citation.items) for (const n of numbersOf(item)) if (firstGroup.get(n) === g && !cited.has(n)) fresh.push({ item, n });
    for (const { n } of fresh) cited.add(n);
    while (pending < ascending.length && cited.has(ascending[pending])) pending++;
    if (pending >= ascending.length) return;
    const smallest = ascending[pending];
    const reported = new Set<NumericItem>();
    for (const { item, n } of fresh) {
      if (n <= smallest || reported.has(item)) continue;
      reported.add(item);
      const line = manuscript.lines.positionAt(numeric[firstGroup.get(smallest) ?? g].range.start).line + 1;
      const range = item.kind === 'single' ? item.range : n === item.from ? item.fromRange : n === item.to ? item.toRange : item.range;
      sink.add(RULES.outOfOrder.code, range, `[${n}] is cited before [${smallest}] (first cited on line ${line}): numbered references should first appear in order. Renumber Citations puts them in order.`, { n, before: smallest });
    }
  });
}

// ---------------------------------------------------------------------------------------
// Uncited entries

function checkUnused(manuscript: Manuscript, library: Library, settings: CitokineSettings, numeric: readonly NumericCitation[], keyed: readonly KeyCitation[], sink: FindingSink): void {
  const list = library.numbered;
  if (list.kind === 'own-section' && numeric.length > 0) {
    const cited = new Set<number>();
    for (const citation of numeric) for (const item of citation.items) for (const n of numbersOf(item)) cited.add(n);
    for (const entry of list.entries.values()) {
      if (cited.has(entry.n)) continue;
      const lineEnd = manuscript.lines.lineEnd(manuscript.lines.positionAt(entry.range.start).line);
      sink.add(RULES.unusedReference.code, { start: entry.range.start, end: Math.min(entry.range.end, lineEnd) }, `Reference [${entry.n}] is never cited in the text.`, { n: entry.n });
    }
  }
  const citedKeys = new Set<string>();
  for (const citation of keyed) for (const item of citation.items) citedKeys.add(item.key);
  const nocite = nociteKeys(manuscript);
  if (nocite === '*') return;
  const seen = new Set<string>();
  for (const entry of manuscript.frontMatter.references) {
    if (citedKeys.has(entry.key) || nocite.has(entry.key) || seen.has(entry.key)) continue;
    seen.add(entry.key);
    sink.add(RULES.unusedReference.code, entry.keyRange, `Reference '${entry.key}' of the front matter is never cited.`, { key: entry.key });
  }
  if (!settings.unusedReferencesInBibliographyFiles) return;
  for (const source of library.sources) {
    if (source.origin !== 'front-matter-file' || !source.parsed || !source.declaredAt) continue;
    const unused = [...new Set(source.parsed.entries.map((e) => e.key))].filter((key) => !citedKeys.has(key) && !nocite.has(key));
    if (unused.length === 0) continue;
    const shown = unused.slice(0, 10).map((k) => `'${k}'`).join(', ') + (unused.length > 10 ? `, and ${unused.length - 10} more` : '');
    sink.add(RULES.unusedReference.code, source.declaredAt, `${unused.length} ${unused.length === 1 ? 'entry' : 'entries'} of '${source.declaredAs}' ${unused.length === 1 ? 'is' : 'are'} never cited: ${shown}.`, { keys: unused });
  }
}

/** Keys the front matter's `nocite:` includes without citing them; `'*'` for all. */
function nociteKeys(manuscript: Manuscript): Set<string> | '*' {
  const yaml = manuscript.scan.frontMatter?.yaml;
  if (!yaml || !/^nocite\s*:/m.test(yaml)) return new Set();
  const value = /^nocite\s*:([^\n]*(?:\n[ \t-][^\n]*)*)/m.exec(yaml)?.[1] ?? '';
  if (/@\*/.test(value)) return '*';
  return new Set([...value.matchAll(/@\{?([^\s,;{}\]'"|]+)\}?/g)].map((m) => m[1]));
}

// ---------------------------------------------------------------------------------------
// Duplicates inside one group

/** A work cited twice in one group, and the edit that removes it when one is safe. */
export interface GroupDuplicate {
  readonly range: OffsetRange;
  readonly message: string;
  /** Title of the fix, e.g. "Remove the duplicate [3]". */
  readonly fixTitle?: string;
  readonly fix?: OffsetEdit;
}

/** Duplicates in one numeric or key citation group, each at the later occurrence. */
export function duplicatesInGroup(text: string, citation: NumericCitation | KeyCitation): GroupDuplicate[] {
  return citation.kind === 'numeric' ? numericDuplicates(text, citation) : keyDuplicates(text, citation);
}

function numericDuplicates(text: string, citation: NumericCitation): GroupDuplicate[] {
  const out: GroupDuplicate[] = [];
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
      out.push({ range: item.range, message, fixTitle: `Remove the duplicate ${label}`, fix: { range: { start: citation.items[i - 1].range.end, end: item.range.end }, newText: '' } });
    } else {
      // A range that overlaps others: write the group's numbers once each, in order.
      const all = [...new Set(citation.items.flatMap(numbersOf))].sort((a, b) => a - b);
      const inner = formatNumbers(all, numericStyleOf(text, citation));
      const first = citation.items[0].range.start;
      const last = citation.items[citation.items.length - 1].range.end;
      out.push({ range: item.range, message, fixTitle: `Write each number once: [${inner}]`, fix: { range: { start: first, end: last }, newText: inner } });
    }
  });
  return out;
}

function keyDuplicates(text: string, citation: KeyCitation): GroupDuplicate[] {
  const out: GroupDuplicate[] = [];
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
      out.push({ range: item.range, message: `${message} It carries its own prefix or locator: merge the two by hand.` });
      return;
    }
    // `@a [@a]`: removing the key would leave an empty bracket behind; the author decides.
    if (semicolon < 0 && !citation.bracketed) {
      out.push({ range: item.range, message });
      return;
    }
    const start = semicolon >= 0 ? previous.range.end + semicolon : previous.range.end;
    out.push({ range: item.range, message, fixTitle: `Remove the duplicate @${item.key}`, fix: { range: { start, end: item.range.end }, newText: '' } });
  });
  return out;
}

// ---------------------------------------------------------------------------------------
// Mixed styles

function checkMixedStyles(manuscript: Manuscript, numeric: readonly NumericCitation[], keyed: readonly KeyCitation[], sink: FindingSink): void {
  if (numeric.length === 0 || keyed.length === 0) return;
  let minority: readonly Citation[];
  if (numeric.length !== keyed.length) minority = numeric.length < keyed.length ? numeric : keyed;
  else minority = numeric[0].range.start < keyed[0].range.start ? keyed : numeric;
  const plural = (n: number, what: string) => `${n} ${what} citation${n === 1 ? '' : 's'}`;
  const counts = `${plural(keyed.length, 'key')}, ${plural(numeric.length, 'numeric')}`;
  const which = numeric.length === keyed.length ? 'the style that appears second' : 'the less used style';
  for (const citation of minority) {
    const label = manuscript.text.slice(citation.range.start, citation.range.end);
    sink.add(RULES.mixedStyles.code, citation.range, `This document mixes numeric and key citations (${counts}); ${label} is of ${which}. Use one style (Convert Citations rewrites them).`);
  }
}

// ---------------------------------------------------------------------------------------
// Compressible ranges

/** Consecutive numbers written one by one, and the range that could replace them. */
export interface CompressibleRun {
  readonly range: OffsetRange;
  /** The text that replaces `range`: `1-3` inside a group, `[22]-[24]` across groups. */
  readonly replacement: string;
}

/** Every place where three or more consecutive numbers could be one range. */
export function compressibleRuns(manuscript: Manuscript): CompressibleRun[] {
  const text = manuscript.text;
  const numeric = manuscript.citations.filter((c): c is NumericCitation => c.kind === 'numeric');
  const runs: CompressibleRun[] = [];
  for (const citation of numeric) {
    const items = citation.items;
    for (let i = 0; i < items.length; ) {
      let j = i;
      while (j + 1 < items.length && first(items[j + 1]) === last(items[j]) + 1) j++;
      if (j > i && last(items[j]) - first(items[i]) >= 2) {
        const dash = numericStyleOf(text, citation).dash;
        runs.push({ range: { start: items[i].range.start, end: items[j].range.end }, replacement: `${first(items[i])}${dash}${last(items[j])}` });
      }
      i = j + 1;
    }
  }
  for (let i = 0; i < numeric.length; ) {
    let j = i;
    while (j + 1 < numeric.length && numeric[j].items.length === 1 && numeric[j + 1].items.length === 1 && adjacent(text, numeric[j].range.end, numeric[j + 1].range.start) && first(numeric[j + 1].items[0]) === last(numeric[j].items[0]) + 1) j++;
    if (j > i && last(numeric[j].items[0]) - first(numeric[i].items[0]) >= 2) {
      const dashed = numeric.slice(i, j + 1).find((c) => isBracketRange(text, c.items[0]));
      const dash = dashed ? numericStyleOf(text, dashed).dash : '-';
      runs.push({ range: { start: numeric[i].range.start, end: numeric[j].range.end }, replacement: `[${first(numeric[i].items[0])}]${dash}[${last(numeric[j].items[0])}]` });
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

// ---------------------------------------------------------------------------------------
// Library problems met by the citations

function checkLibraryDuplicates(library: Library, keyed: readonly KeyCitation[], manuscript: Manuscript, sink: FindingSink): void {
  const firstCitation = new Map<string, OffsetRange>();
  for (const citation of keyed) for (const item of citation.items) if (!firstCitation.has(item.key)) firstCitation.set(item.key, item.range);
  if (firstCitation.size === 0) return;

  // A cited key defined by two of the files (or the front matter) this document uses.
  const definitions = new Map<string, string[]>();
  const note = (key: string, where: string) => {
    if (!firstCitation.has(key)) return;
    const list = definitions.get(key) ?? [];
    if (!list.includes(where)) list.push(where);
    definitions.set(key, list);
  };
  for (const source of library.sources.filter((s) => s.origin === 'front-matter-file')) for (const e of source.parsed?.entries ?? []) note(e.key, `'${source.declaredAs}'`);
  for (const e of manuscript.frontMatter.references) note(e.key, 'the front matter references');
  for (const source of library.sources.filter((s) => s.origin === 'setting')) for (const e of source.parsed?.entries ?? []) note(e.key, `'${source.declaredAs}' (setting)`);
  for (const [key, places] of definitions) {
    if (places.length < 2) continue;
    sink.add(RULES.duplicateKey.code, firstCitation.get(key)!, `'@${key}' is defined in ${places.join(' and in ')}; the first definition is used.`, { key });
  }

  // One work cited under two keys.
  const cited: BibEntry[] = [];
  for (const key of firstCitation.keys()) {
    const entry = library.byKey.get(key);
    if (entry) cited.push(entry);
  }
  for (const { entry, first: other, reason } of duplicateWorks(cited)) {
    sink.add(RULES.duplicateEntry.code, firstCitation.get(entry.key)!, `'@${entry.key}' and '@${other.key}', both cited here, are the same work (${reason}): cite one key.`, { key: entry.key, sameAs: other.key });
  }
}
