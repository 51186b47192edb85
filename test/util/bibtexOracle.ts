/**
 * pandoc as the oracle for BibTeX/BibLaTeX reading: `pandoc -f biblatex -t csljson` gives
 * the CSL items pandoc builds from a file; `compareWithPandoc` counts how many entries and
 * fields another reader agrees on. Shared by test/bibtex-oracle.test.ts and
 * bench/bibtex-readers.mjs, so the test and the printed table measure the same thing.
 */
import { spawnSync } from 'node:child_process';

/** A CSL item as far as the comparison reads it. */
export interface OracleItem {
  id: string;
  [field: string]: unknown;
}

/** The fields compared, in the order the table prints them. */
export const COMPARED_FIELDS = ['title', 'author', 'year', 'DOI', 'container-title'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** What pandoc reads from `file` (`biblatex` or `bibtex`). Throws when pandoc is missing: the oracle must not pass by being absent. */
export function pandocItems(file: string, format: 'biblatex' | 'bibtex' = 'biblatex'): OracleItem[] {
  const run = spawnSync('pandoc', ['-f', format, '-t', 'csljson', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error('pandoc is not installed; the BibTeX oracle needs it: apt-get install pandoc');
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`pandoc failed on ${file} (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as OracleItem[];
}

/**
 * A field's value in a comparable form. Case is ignored (pandoc turns English titles into
 * sentence case, which a reference list's style decides anyway), and so are markup, quote
 * shapes, dashes and spacing; what remains is the text a reader must get right: a leaked
 * `\quad` or a lost word still differs.
 */
export function comparable(item: OracleItem | undefined, field: ComparedField): string | undefined {
  if (!item) return undefined;
  switch (field) {
    case 'author': {
      const names = (item.author ?? item.editor) as { family?: string; literal?: string }[] | undefined;
      if (!Array.isArray(names) || names.length === 0) return undefined;
      return names.map((n) => text(n.family ?? n.literal)).join('|') || undefined;
    }
    case 'year': {
      const issued = item.issued as { 'date-parts'?: unknown[][]; literal?: string } | undefined;
      const year = issued?.['date-parts']?.[0]?.[0] ?? /\d{4}/.exec(issued?.literal ?? '')?.[0];
      return year === undefined ? undefined : String(year);
    }
    case 'DOI':
      return typeof item.DOI === 'string' && item.DOI ? item.DOI.toLowerCase() : undefined;
    default:
      return text(item[field]);
  }
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const normal = String(value)
    .normalize('NFKC')
    .replace(/<\/?(?:i|b|sup|sub|span)[^>]*>/g, '')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
  return normal || undefined;
}

/** Agreement of one reader with pandoc on one file. */
export interface Agreement {
  /** Entries pandoc reads, and how many of them the reader reads under the same key. */
  readonly pandocEntries: number;
  readonly readEntries: number;
  /** Per field: values pandoc gives (over entries both read), and how many the reader gives equal. */
  readonly fields: Record<ComparedField, { agree: number; total: number }>;
  /** `key field: pandoc ≠ reader` for each disagreement, to show what differs. */
  readonly differences: string[];
}

/** Compares a reader's items with pandoc's, entry by entry (by key) and field by field. */
export function compareWithPandoc(pandoc: readonly OracleItem[], reader: readonly OracleItem[]): Agreement {
  const byKey = new Map(reader.map((item) => [String(item.id), item]));
  const fields = Object.fromEntries(COMPARED_FIELDS.map((f) => [f, { agree: 0, total: 0 }])) as Record<
    ComparedField,
    { agree: number; total: number }
  >;
  const differences: string[] = [];
  let readEntries = 0;
  for (const expected of pandoc) {
    const actual = byKey.get(String(expected.id));
    if (!actual) {
      differences.push(`${expected.id}: not read`);
      continue;
    }
    readEntries++;
    for (const field of COMPARED_FIELDS) {
      const want = comparable(expected, field);
      const got = comparable(actual, field);
      if (want === undefined && got === undefined) continue;
      fields[field].total++;
      if (want === got) fields[field].agree++;
      else differences.push(`${expected.id} ${field}: ${JSON.stringify(want)} ≠ ${JSON.stringify(got)}`);
    }
  }
  return { pandocEntries: pandoc.length, readEntries, fields, differences };
}

/** Sum of the agreed values over every compared field. */
export function fieldTotals(agreement: Agreement): { agree: number; total: number } {
  let agree = 0;
  let total = 0;
  for (const field of COMPARED_FIELDS) {
    agree += agreement.fields[field].agree;
    total += agreement.fields[field].total;
  }
  return { agree, total };
}
