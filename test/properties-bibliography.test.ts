/**
 * Property tests of the bibliography parser (BibTeX, CSL-JSON, CSL-YAML, RIS): it never throws on mutated real files
 * (truncation at random offsets, unbalanced braces, deep nesting, invalid UTF-8 decoded as
 * text, huge fields, CRLF, a BOM), and every error and entry it reports lies inside the
 * text. Seeded and bounded in runs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseBibliography, type BibliographyFormat } from '../server/src/core/bibliography/parse';
import { assertRangesInside, mutated, SEED } from './util/arbitraries';
import { FIXTURES_ROOT, REPO_ROOT } from './util/fixture';

const read = (...parts: string[]) => readFileSync(path.join(REPO_ROOT, ...parts), 'utf8');

const CSL_JSON = read('e2e', 'fixtures', 'workspace', 'refs.json');
const CSL_ITEMS = JSON.parse(CSL_JSON) as Record<string, unknown>[];

/** The same works as RIS, written as a reference manager exports them. */
function toRis(items: readonly Record<string, unknown>[]): string {
  const lines: string[] = [];
  for (const item of items) {
    lines.push('TY  - JOUR', `ID  - ${String(item.id)}`);
    for (const a of (item.author as { family?: string; given?: string }[] | undefined) ?? [])
      lines.push(`AU  - ${a.family ?? ''}, ${a.given ?? ''}`);
    if (item.title) lines.push(`TI  - ${String(item.title)}`);
    if (item['container-title']) lines.push(`JO  - ${String(item['container-title'])}`);
    const year = (item.issued as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0]?.[0];
    if (year) lines.push(`PY  - ${year}`);
    if (item.DOI) lines.push(`DO  - ${String(item.DOI)}`);
    lines.push('ER  - ', '');
  }
  return lines.join('\n');
}

const BIBLIOGRAPHIES: { name: string; format: BibliographyFormat; text: string }[] = [
  { name: 'deep-review-sample.bib', format: 'bibtex', text: readFileSync(path.join(FIXTURES_ROOT, 'deep-review-sample.bib'), 'utf8') },
  { name: 'refs.bib', format: 'bibtex', text: read('e2e', 'fixtures', 'workspace', 'refs.bib') },
  { name: 'refs.json', format: 'csl-json', text: CSL_JSON },
  { name: 'refs.yaml (refs.json as YAML)', format: 'csl-yaml', text: stringify(CSL_ITEMS) },
  { name: 'refs.ris (refs.json as RIS)', format: 'ris', text: toRis(CSL_ITEMS) },
];

for (const { name, format, text } of BIBLIOGRAPHIES) {
  test(`bibliography ${name} (${format}), mutated: never throws, errors and entries inside the text`, () => {
    const original = parseBibliography(text, 'file:///ws/refs', format);
    if (original.entries.length === 0 || original.errors.length > 0)
      throw new Error(`the unmutated ${name} should parse cleanly: ${JSON.stringify(original.errors)}`);
    fc.assert(
      fc.property(mutated(text), (broken) => {
        const parsed = parseBibliography(broken, 'file:///ws/refs', format);
        assertRangesInside(
          parsed.errors.map((e) => e.range),
          broken.length,
          `${format} error`,
        );
        assertRangesInside(
          parsed.entries.flatMap((e) => [e.range, e.keyRange]),
          broken.length,
          `${format} entry`,
        );
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
}

test('errors found by the properties above: at a leading blank line, and at an unclosed YAML `{` at the very end', () => {
  for (const [text, format] of [
    ['\n]\n', 'csl-json'],
    ['\n---\n', 'ris'],
    ['{', 'csl-yaml'],
  ] as const) {
    const { errors } = parseBibliography(text, 'file:///ws/refs', format);
    if (errors.length === 0) throw new Error(`${JSON.stringify(text)} as ${format} should report an error`);
    assertRangesInside(
      errors.map((e) => e.range),
      text.length,
      `${format} error`,
    );
  }
});

test('a byte order mark (as some editors save files) changes nothing: same entries, no error, in every format', () => {
  for (const { name, format, text } of BIBLIOGRAPHIES) {
    const plain = parseBibliography(text, 'file:///ws/refs', format);
    const marked = parseBibliography(`\ufeff${text}`, 'file:///ws/refs', format);
    assert.deepEqual(
      marked.errors.map((e) => e.message),
      [],
      `${name} with a BOM`,
    );
    assert.deepEqual(
      marked.entries.map((e) => [e.key, e.range.start - 1, e.keyRange.start - 1]),
      plain.entries.map((e) => [e.key, e.range.start, e.keyRange.start]),
      `${name} with a BOM: the same entries, one code unit later`,
    );
  }
});
