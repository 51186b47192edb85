/**
 * A title is normalised without the Unicode passes when it is ASCII and Han, and the
 * duplicate-work check collects its candidates without copying a list per entry: both must
 * give what the general code gives (kept here as the oracle), on the generated library, the
 * bibliography fixtures and random titles and entries.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { differentParts, duplicateWorks, normalizeTitle, sameWorkReason, workKeys } from '../server/src/core/bibliography/checks';
import type { BibEntry } from '../server/src/core/bibliography/cslItem';
import { SEED } from './util/arbitraries';
import { generatedItems } from './util/libraryEntries';

/** The general normalisation, as it was. */
function normalizeTitleOracle(title: unknown): string | undefined {
  if (typeof title !== 'string') return undefined;
  const normal = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/<[^>]+>/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return normal || undefined;
}

/** The duplicate-work check as it was: candidates copied into one list per entry. */
function duplicateWorksOracle(entries: readonly BibEntry[]): { entry: BibEntry; first: BibEntry; reason: string }[] {
  const byDoi = new Map<string, BibEntry[]>();
  const byTitle = new Map<string, BibEntry[]>();
  const seenKeys = new Set<string>();
  const out: { entry: BibEntry; first: BibEntry; reason: string }[] = [];
  const add = (map: Map<string, BibEntry[]>, key: string | undefined, entry: BibEntry): void => {
    if (key) map.set(key, [...(map.get(key) ?? []), entry]);
  };
  for (const entry of entries) {
    if (seenKeys.has(entry.key)) continue;
    seenKeys.add(entry.key);
    const { doi, titleYear } = workKeys(entry.item);
    const candidates = [...(doi ? (byDoi.get(doi) ?? []) : []), ...(titleYear ? (byTitle.get(titleYear) ?? []) : [])];
    const first = candidates.find((c) => !differentParts(c.item, entry.item));
    if (first) out.push({ entry, first, reason: sameWorkReason(first.item, entry.item) ?? 'same work' });
    add(byDoi, doi, entry);
    add(byTitle, titleYear, entry);
  }
  return out;
}

const pieces = [
  'a',
  'Z',
  ' ',
  '-',
  '1',
  '<i>',
  '</i>',
  '<',
  '>',
  '王',
  '肿瘤',
  'é',
  'e\u0301',
  'ﬁ',
  'Ａ',
  '，',
  'İ',
  'ß',
  'Σ',
  '\u0000',
  '\n',
  '\t',
  '㐀',
  '𠀀',
  '\ud800',
  '—',
  '½',
];
const title = fc.array(fc.constantFrom(...pieces), { maxLength: 10 }).map((p) => p.join(''));

test('a title normalises as the general code does (generated library and random titles)', () => {
  for (const item of generatedItems(1000)) assert.equal(normalizeTitle(item.title), normalizeTitleOracle(item.title));
  fc.assert(
    fc.property(fc.oneof(title, fc.anything()), (t) => assert.equal(normalizeTitle(t), normalizeTitleOracle(t))),
    { seed: SEED, numRuns: 5000 },
  );
});

const at = { start: 0, end: 0 };
const entry = fc
  .record({
    key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
    doi: fc.option(fc.constantFrom('10.1/x', '10.1/X', '10.2/y'), { nil: undefined }),
    title: fc.option(fc.constantFrom('A long enough title of a work', 'a LONG enough title, of a work!', 'Short', '结直肠癌的免疫治疗'), {
      nil: undefined,
    }),
    year: fc.option(fc.constantFrom(2001, 2002), { nil: undefined }),
    page: fc.option(fc.constantFrom('1-10', '11-20'), { nil: undefined }),
    family: fc.option(fc.constantFrom('Smith', 'Jones'), { nil: undefined }),
  })
  .map((e): BibEntry => ({
    key: e.key,
    // A fresh item per entry: work keys are cached per item.
    item: {
      id: e.key,
      type: 'article-journal',
      DOI: e.doi,
      title: e.title,
      issued: e.year ? { 'date-parts': [[e.year]] } : undefined,
      page: e.page,
      author: e.family ? [{ family: e.family }] : undefined,
    } as unknown as BibEntry['item'],
    uri: 'file:///x.bib',
    range: at,
    keyRange: at,
  }));

test('duplicate works are found as the general code finds them', () => {
  const generated = generatedItems(2000).map((item): BibEntry => ({
    key: String(item.id),
    item: item as unknown as BibEntry['item'],
    uri: 'file:///x.bib',
    range: at,
    keyRange: at,
  }));
  assert.deepEqual(duplicateWorks(generated), duplicateWorksOracle(generated));
  fc.assert(
    fc.property(fc.array(entry, { maxLength: 12 }), (entries) => assert.deepEqual(duplicateWorks(entries), duplicateWorksOracle(entries))),
    { seed: SEED, numRuns: 3000 },
  );
});
