/**
 * The checks of how a manuscript cites, beyond "does this key or number exist": order of
 * first appearance, uncited entries, duplicates inside a group, mixed styles, ranges that
 * could be compressed, and the library problems a manuscript runs into (a cited key defined
 * by two files, one work cited under two keys, inline references that lack fields).
 *
 * Decisions (also in the README's table of checks):
 * - The built-in corpus is the review's own list, numbered in its order of first citation: a
 *   document that cites by those numbers is the review or a draft of it, so the numeric
 *   checks apply to it as to a document with its own numbered References section. Only
 *   renumbering is refused (renumber.ts): the numbers are the review's.
 * - `citation.out-of-order` applies to both; for the built-in corpus a number out of order is
 *   more likely mistyped (`[9]` for `[7]`), and the message says so.
 * - `citation.unused-reference` reports entries of the own numbered section (only when the
 *   document cites by number at all) and of front matter `references:` (less `nocite:`), at
 *   the entry; for the built-in corpus, one finding listing the review's references never
 *   cited (by number or by key), at the first numeric citation, at level information
 *   (diagnostics.ts). Files named by `bibliography:` only with the setting
 *   `citokine.unusedReferences.bibliographyFiles`, as one finding per file.
 * - `citation.mixed-styles` is reported on each citation of the less used style, so every
 *   place to change is listed; on a tie, the style that appears second.
 */
import type { BibEntry } from '../bibliography/cslItem';
import { duplicateWorks, entryFindings } from '../bibliography/checks';
import type { Library, NumberedList } from '../bibliography/library';
import type { Finding, Fix } from '../findings';
import { numbersOf, type Manuscript } from '../markdown/manuscript';
import type { Citation, CitationKeyItem, KeyCitation, NumericCitation, NumericItem } from '../markdown/syntax';
import { RULES, type RuleCode } from '../rules';
import type { OffsetRange } from '../text/textRange';
import type { CitokineSettings } from '../settings';
import { compressibleRangeFindings, groupDuplicateFindings } from './groupChecks';
import { formatNumbers } from './numbers';
import { keyReference, readKey } from './keys';

/** Every finding of this module and of groupChecks.ts over one manuscript, in the order the checks run. */
export function citationChecks(manuscript: Manuscript, library: Library, settings: CitokineSettings): Finding[] {
  const out: Finding[] = [];
  const numeric = manuscript.citations.filter((c): c is NumericCitation => c.kind === 'numeric');
  const keyed = manuscript.citations.filter((c): c is KeyCitation => c.kind === 'key');
  checkOrder(manuscript, library, numeric, out);
  checkUnused(manuscript, library, settings, numeric, keyed, out);
  out.push(...groupDuplicateFindings(manuscript.text, [...numeric, ...keyed]));
  checkMixedStyles(manuscript, numeric, keyed, out);
  out.push(...compressibleRangeFindings(manuscript));
  const lineOf = (offset: number) => manuscript.lines.positionAt(offset).line + 1;
  out.push(...entryFindings(manuscript.frontMatter.references, lineOf));
  checkLibraryDuplicates(library, keyed, manuscript, out);
  return out;
}

function finding(code: RuleCode, range: OffsetRange, message: string, data?: unknown, fix?: Fix): Finding {
  return { code, range, message, ...(data === undefined ? {} : { data }), ...(fix ? { fix } : {}) };
}

// ---------------------------------------------------------------------------------------
// Order of first appearance

/**
 * The first appearance of each number, group by group. Numbers of one group appear
 * together, so `[2,1]` at the start is in order; a number is out of order when some smaller
 * number of the list is first cited in a later group.
 */
function checkOrder(manuscript: Manuscript, library: Library, numeric: readonly NumericCitation[], out: Finding[]): void {
  const list = library.numbered;
  if (list.kind === 'none') return;
  const firstGroup = new Map<number, number>();
  numeric.forEach((citation, g) => {
    for (const item of citation.items) for (const n of numbersOf(item)) if (list.entries.has(n) && !firstGroup.has(n)) firstGroup.set(n, g);
  });
  const ascending = [...firstGroup.keys()].sort((a, b) => a - b);
  const cited = new Set<number>();
  let pending = 0; // index in `ascending` of the smallest number not yet cited
  let highest = 0; // the largest number cited before the current group
  numeric.forEach((citation, g) => {
    const fresh: { item: NumericItem; n: number }[] = [];
    for (const item of citation.items)
      for (const n of numbersOf(item)) if (firstGroup.get(n) === g && !cited.has(n)) fresh.push({ item, n });
    for (const { n } of fresh) cited.add(n);
    const highestBefore = highest;
    for (const { n } of fresh) highest = Math.max(highest, n);
    while (pending < ascending.length && cited.has(ascending[pending])) pending++;
    if (pending >= ascending.length) return;
    const smallest = ascending[pending];
    const reported = new Set<NumericItem>();
    for (const { item, n } of fresh) {
      if (n <= smallest || reported.has(item)) continue;
      reported.add(item);
      const line = manuscript.lines.positionAt(numeric[firstGroup.get(smallest) ?? g].range.start).line + 1;
      const range = item.kind === 'single' ? item.range : n === item.from ? item.fromRange : n === item.to ? item.toRange : item.range;
      out.push(
        finding(
          RULES.outOfOrder.code,
          range,
          `[${n}] is cited before [${smallest}] (first cited on line ${line}): ${orderAdvice(list, firstGroup, highestBefore, n)}`,
          { n, before: smallest },
        ),
      );
    }
  });
}

/**
 * What to do about a number out of order. In the review's own list a number out of order is
 * more likely mistyped; the number it most likely stands for is the smallest one between the
 * numbers cited so far and it that the document never cites (`[9]` after `[6]`, `[7]` never).
 */
function orderAdvice(
  list: Exclude<NumberedList, { kind: 'none' }>,
  firstGroup: ReadonlyMap<number, number>,
  highestBefore: number,
  n: number,
): string {
  if (list.kind === 'own-section') return 'numbered references should first appear in order. Renumber Citations puts them in order.';
  let meant: number | undefined;
  for (let m = highestBefore + 1; m < n && meant === undefined; m++) if (list.entries.has(m) && !firstGroup.has(m)) meant = m;
  const hint = meant === undefined ? '.' : `; [${meant}] is never cited: was it meant?`;
  return `the review numbers its references in order of first citation, so check this number${hint}`;
}

// ---------------------------------------------------------------------------------------
// Uncited entries

function checkUnused(
  manuscript: Manuscript,
  library: Library,
  settings: CitokineSettings,
  numeric: readonly NumericCitation[],
  keyed: readonly KeyCitation[],
  out: Finding[],
): void {
  const list = library.numbered;
  if (list.kind === 'own-section' && numeric.length > 0) {
    const cited = new Set<number>();
    for (const citation of numeric) for (const item of citation.items) for (const n of numbersOf(item)) cited.add(n);
    for (const entry of list.entries.values()) {
      if (cited.has(entry.n)) continue;
      const lineEnd = manuscript.lines.lineEnd(manuscript.lines.positionAt(entry.range.start).line);
      out.push(
        finding(
          RULES.unusedReference.code,
          { start: entry.range.start, end: Math.min(entry.range.end, lineEnd) },
          `Reference [${entry.n}] is never cited in the text.`,
          { n: entry.n },
        ),
      );
    }
  }
  if (list.kind === 'builtin') checkUnusedBuiltin(library, list.entries, numeric, keyed, out);
  const citedKeys = new Set<string>();
  for (const citation of keyed) for (const item of citation.items) citedKeys.add(item.key);
  const nocite = nociteKeys(manuscript);
  if (nocite === '*') return;
  const seen = new Set<string>();
  for (const entry of manuscript.frontMatter.references) {
    if (citedKeys.has(entry.key) || nocite.has(entry.key) || seen.has(entry.key)) continue;
    seen.add(entry.key);
    out.push(
      finding(RULES.unusedReference.code, entry.keyRange, `Reference '${entry.key}' of the front matter is never cited.`, {
        key: entry.key,
      }),
    );
  }
  if (!settings.unusedReferencesInBibliographyFiles) return;
  for (const source of library.sources) {
    if (source.origin !== 'front-matter-file' || !source.parsed || !source.declaredAt) continue;
    const unused = [...new Set(source.parsed.entries.map((e) => e.key))].filter((key) => !citedKeys.has(key) && !nocite.has(key));
    if (unused.length === 0) continue;
    const shown =
      unused
        .slice(0, 10)
        .map((k) => `'${k}'`)
        .join(', ') + (unused.length > 10 ? `, and ${unused.length - 10} more` : '');
    out.push(
      finding(
        RULES.unusedReference.code,
        source.declaredAt,
        `${unused.length} ${unused.length === 1 ? 'entry' : 'entries'} of '${source.declaredAs}' ${unused.length === 1 ? 'is' : 'are'} never cited: ${shown}.`,
        { keys: unused },
      ),
    );
  }
}

/**
 * The review's references a document citing it by number never cites, as one finding at
 * its first numeric citation of the corpus. A built-in work cited by key counts as cited.
 */
function checkUnusedBuiltin(
  library: Library,
  entries: ReadonlyMap<number, unknown>,
  numeric: readonly NumericCitation[],
  keyed: readonly KeyCitation[],
  out: Finding[],
): void {
  const cited = new Set<number>();
  let first: NumericCitation | undefined;
  for (const citation of numeric) {
    for (const item of citation.items) {
      for (const n of numbersOf(item)) {
        if (!entries.has(n)) continue;
        cited.add(n);
        first ??= citation;
      }
    }
  }
  if (!first) return;
  for (const citation of keyed)
    for (const item of citation.items)
      if (library.byKey.get(item.key)?.origin === 'builtin') cited.add(library.builtinNumbers.get(item.key) ?? 0);
  const unused = [...entries.keys()].filter((n) => !cited.has(n)).sort((a, b) => a - b);
  if (unused.length === 0) return;
  const shown = formatNumbers(unused, { separator: ', ', dash: '-' });
  const message = `This document cites the review's references by number (the built-in corpus) and never cites ${unused.length} of its ${entries.size}: [${shown}].`;
  out.push(finding(RULES.unusedReference.code, first.range, message, { builtin: true, numbers: unused }));
}

/** Keys the front matter's `nocite:` includes without citing them; `'*'` for all. */
function nociteKeys(manuscript: Manuscript): Set<string> | '*' {
  // Pandoc merges metadata blocks and a later `nocite:` wins, wherever its block is.
  const blocks = manuscript.scan.metadata ?? (manuscript.scan.frontMatter ? [manuscript.scan.frontMatter] : []);
  const yaml = [...blocks].reverse().find((block) => /^nocite\s*:/m.test(block.yaml))?.yaml;
  if (!yaml || !/^nocite\s*:/m.test(yaml)) return new Set();
  const value = /^nocite\s*:([^\n]*(?:\n[ \t-][^\n]*)*)/m.exec(yaml)?.[1] ?? '';
  if (/@\*/.test(value)) return '*';
  const keys = new Set<string>();
  for (let at = value.indexOf('@'); at >= 0; at = value.indexOf('@', at + 1)) {
    const read = readKey(value, at);
    if (read) keys.add(value.slice(read.keyStart, read.keyEnd));
  }
  return keys;
}

// ---------------------------------------------------------------------------------------
// Mixed styles

function checkMixedStyles(
  manuscript: Manuscript,
  numeric: readonly NumericCitation[],
  keyed: readonly KeyCitation[],
  out: Finding[],
): void {
  if (numeric.length === 0 || keyed.length === 0) return;
  let minority: readonly Citation[];
  if (numeric.length !== keyed.length) minority = numeric.length < keyed.length ? numeric : keyed;
  else minority = numeric[0].range.start < keyed[0].range.start ? keyed : numeric;
  const plural = (n: number, what: string) => `${n} ${what} citation${n === 1 ? '' : 's'}`;
  const counts = `${plural(keyed.length, 'key')}, ${plural(numeric.length, 'numeric')}`;
  const which = numeric.length === keyed.length ? 'the style that appears second' : 'the less used style';
  for (const citation of minority) {
    const label = manuscript.text.slice(citation.range.start, citation.range.end);
    out.push(
      finding(
        RULES.mixedStyles.code,
        citation.range,
        `This document mixes numeric and key citations (${counts}); ${label} is of ${which}. Use one style (Convert Citations rewrites them).`,
      ),
    );
  }
}

// ---------------------------------------------------------------------------------------
// Library problems met by the citations

function checkLibraryDuplicates(library: Library, keyed: readonly KeyCitation[], manuscript: Manuscript, out: Finding[]): void {
  const firstCitation = new Map<string, CitationKeyItem>();
  for (const citation of keyed) for (const item of citation.items) if (!firstCitation.has(item.key)) firstCitation.set(item.key, item);
  if (firstCitation.size === 0) return;

  // A cited key defined by two of the files (or the front matter) this document uses.
  const definitions = new Map<string, string[]>();
  const note = (key: string, where: string) => {
    if (!firstCitation.has(key)) return;
    const list = definitions.get(key) ?? [];
    if (!list.includes(where)) list.push(where);
    definitions.set(key, list);
  };
  for (const source of library.sources.filter((s) => s.origin === 'front-matter-file'))
    for (const e of source.parsed?.entries ?? []) note(e.key, `'${source.declaredAs}'`);
  for (const e of manuscript.frontMatter.references) note(e.key, 'the front matter references');
  for (const source of library.sources.filter((s) => s.origin === 'setting'))
    for (const e of source.parsed?.entries ?? []) note(e.key, `'${source.declaredAs}' (setting)`);
  for (const [key, places] of definitions) {
    if (places.length < 2) continue;
    out.push(
      finding(
        RULES.duplicateKey.code,
        firstCitation.get(key)!.range,
        `'@${key}' is defined in ${places.join(' and in ')}; the first definition is used.`,
        { key },
      ),
    );
  }

  // One work cited under two keys.
  const cited: BibEntry[] = [];
  for (const key of firstCitation.keys()) {
    const entry = library.byKey.get(key);
    if (entry) cited.push(entry);
  }
  for (const { entry, first: other, reason } of duplicateWorks(cited)) {
    const item = firstCitation.get(entry.key)!;
    const message = `'@${entry.key}' and '@${other.key}', both cited here, are the same work (${reason}): cite one key.`;
    out.push(
      finding(
        RULES.duplicateEntry.code,
        item.range,
        message,
        { key: entry.key, sameAs: other.key },
        citeInstead(manuscript.text, item, other.key),
      ),
    );
  }
}

/** Replaces `@key` (or `@{key}`) of one cited item by the other key; a `-` before it stays. */
function citeInstead(text: string, item: CitationKeyItem, key: string): Fix {
  const braced = text.charCodeAt(item.keyRange.start - 1) === 0x7b;
  const range = {
    start: item.keyRange.start - (braced ? 2 : 1),
    end: item.keyRange.end + (braced && text.charCodeAt(item.keyRange.end) === 0x7d ? 1 : 0),
  };
  // Not preferred: which of the two keys to keep is the author's choice.
  return { title: `Cite @${key} here instead of @${item.key}`, edits: [{ range, newText: keyReference(key) }], preferred: false };
}
