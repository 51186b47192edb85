/**
 * Typing in a pipe table (a cell's text, a citation in a cell, a row added or removed) is
 * parsed incrementally, as typing in a paragraph is: only the table's lines are scanned
 * again, and the result equals a full parse (top-level blocks, line starts and term index
 * included). And a `...` or `---` line typed in a paragraph, which can close a metadata block
 * opened further up, is left to a full parse. Seeded where random.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { editOf, reparseManuscript } from '../server/src/core/markdown/incremental';
import { parseManuscript, type Manuscript } from '../server/src/core/markdown/manuscript';
import { scanMemo } from '../server/src/core/markdown/scan';
import { indexTerms } from '../server/src/core/terms/termIndex';
import { FIXTURES_ROOT, builtinGlossary, fixture, wsUri } from './util/fixture';

const DEEP_REVIEW = readFileSync(path.join(FIXTURES_ROOT, 'deep-review', 'manuscript.md'), 'utf8');
const BUILTIN = builtinGlossary();

/** What every feature reads of a parse, with its top-level blocks, line starts and term index. */
function parts(m: Manuscript): unknown {
  const terms = indexTerms(m, BUILTIN);
  return {
    text: m.text,
    lines: Array.from({ length: m.lines.lineCount }, (_, i) => m.lines.lineStart(i)),
    scan: m.scan,
    blocks: scanMemo(m.scan)?.blocks,
    citations: m.citations,
    frontMatter: m.frontMatter,
    terms: { occurrences: terms.occurrences, scopes: terms.scopes },
  };
}

/** Tables of the shapes writers use, with citations and terms in cells, and the blocks tables meet. */
const TABLES = [
  '---',
  'title: Tables',
  '---',
  '',
  'Interleukin-6 (IL-6) signals through gp130 [@a].',
  '',
  '| Term | Definition | Cited |',
  '|------|:----------:|------:|',
  '| IL-6 | A cytokine `a|b` | [@b; @c] |',
  '| STAT3 | Escaped \\| pipe | [1] |',
  '',
  'Table: Caption of the first table [@d].',
  '',
  'a | b',
  '--|--',
  '1 | [@e]',
  'Paragraph right under a table.',
  '',
  '- a list item',
  '',
  '| x | y |',
  '|---|---|',
  '| 1 | 2 |',
  '# A heading right under a table',
  '',
  '| only | header |',
  '|------|--------|',
  '',
  '> | quoted | table |',
  '> |---|---|',
  '',
  'Last paragraph [@f].',
  '',
].join('\n');

/** Where each table line of a document starts and ends. */
function tableLines(text: string): [number, number][] {
  return [...text.matchAll(/^(?:\||[a-z0-9]+ \||--\|).*$/gm)].map((m) => [m.index, m.index + m[0].length]);
}

test('every edit in and around tables parses as a full parse does, and typing in a table is incremental', () => {
  const inserts = ['x', '|', '-', ':', ' ', '`', '\\', '[@k]', 'IL-6', '\n', '\n\n', '\n| 3 | 4 |', '---', '...', '# ', '> ', '    '];
  const inTable = new Set(tableLines(TABLES).flatMap(([start, end]) => Array.from({ length: end - start + 1 }, (_, i) => start + i)));
  const previous = parseManuscript('file:///tables.md', TABLES, 1);
  indexTerms(previous, BUILTIN);
  let incrementalInTables = 0;
  let editsInTables = 0;
  const check = (before: Manuscript, text: string, version: number, what: string): Manuscript => {
    const updated = reparseManuscript(before, text, version);
    assert.deepEqual(parts(updated), parts(parseManuscript(before.uri, text, version)), what);
    return updated;
  };
  for (let at = 0; at <= TABLES.length; at++) {
    for (const [insert, remove] of [...inserts.map((s) => [s, 0] as const), ['', 1] as const, ['', 2] as const]) {
      const text = TABLES.slice(0, at) + insert + TABLES.slice(at + remove);
      const what = `${JSON.stringify(insert)} at ${at}, ${remove} removed`;
      const updated = check(previous, text, 2, what);
      if (inTable.has(at) && (insert === 'x' || insert === '[@k]')) {
        editsInTables++;
        if (editOf(updated)) incrementalInTables++;
      }
      const next = at + insert.length;
      check(updated, text.slice(0, next) + 'z' + text.slice(next), 3, `${what}, then z`);
    }
  }
  // 380 of 440. Not incremental: the tables next to a paragraph or a heading without a blank
  // line between, and the quoted one (a block quote is not re-scanned alone).
  assert.ok(editsInTables > 300, `${editsInTables} edits in tables`);
  assert.ok(incrementalInTables > editsInTables / 2, `${incrementalInTables} of ${editsInTables} edits in tables were incremental`);
});

test('typing in deep-review tables is parsed incrementally, as a full parse', () => {
  const rows = [...DEEP_REVIEW.matchAll(/^\| [A-Z][^\n]{20,}\|$/gm)].slice(0, 20);
  assert.ok(rows.length >= 15, `${rows.length} table rows found`);
  let previous = parseManuscript('file:///deep-review.md', DEEP_REVIEW, 1);
  indexTerms(previous, BUILTIN);
  let version = 1;
  let incremental = 0;
  for (const row of rows) {
    const at = previous.text.indexOf(row[0]) + 5;
    const texts = [
      previous.text.slice(0, at) + 'x' + previous.text.slice(at),
      previous.text.slice(0, at) + ' [@x2020]' + previous.text.slice(at),
      previous.text,
    ];
    for (const text of texts) {
      const updated = reparseManuscript(previous, text, ++version);
      if (editOf(updated)) incremental++;
      assert.deepEqual(parts(updated), parts(parseManuscript(previous.uri, text, version)), `at ${at}`);
      previous = updated;
    }
  }
  assert.equal(incremental, rows.length * 3);
});

test('a language service fed edits in a table publishes what a fresh one does', async () => {
  const bib = readFileSync(path.join(FIXTURES_ROOT, 'deep-review-sample.bib'), 'utf8');
  const name = 'manuscript.md';
  const uri = wsUri(name);
  const source = TABLES.replace('title: Tables', 'title: Tables\nbibliography: refs.bib');
  const live = fixture(`%! ${name}\n${source}\n%! refs.bib\n${bib}`);
  let text = source;
  await live.service.diagnostics({ uri, text, version: 1 });
  // A cell's citation changed to a known key and back, a term typed, a row added and removed.
  const edits: [string, string][] = [
    ['[@b; @c]', '[@LeCun2015Deep; @c]'],
    ['A cytokine', 'A cytokine, interleukin 6,'],
    ['| STAT3 |', '| gp130 | signal transducer | [@Goh2017Deep] |\n| STAT3 |'],
    ['[@LeCun2015Deep; @c]', '[@b; @c]'],
  ];
  let version = 1;
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), from);
    text = text.replace(from, to);
    version++;
    const got = await live.service.diagnostics({ uri, text, version });
    const fresh = fixture(`%! ${name}\n${text}\n%! refs.bib\n${bib}`);
    assert.deepEqual(got, await fresh.service.diagnostics({ uri, text, version }), `${from} → ${to}`);
  }
});

test('a `...` or `---` line typed in a paragraph closes a metadata block opened above it, as a full parse finds', () => {
  // `---` followed by a mapping's first line and no closer is a rule and a paragraph; a closer
  // typed further down, past blank lines, makes the lines between a metadata block.
  const source = 'Intro.\n\n---\ntitle: x\n\nA paragraph [@a] here.\nmore text\n\nEnd [@b].\n';
  const previous = parseManuscript('file:///meta.md', source, 1);
  assert.equal(previous.scan.metadata?.length, 0);
  for (const closer of ['...', '---']) {
    const text = source.replace('more text', closer);
    const updated = reparseManuscript(previous, text, 2);
    const full = parseManuscript(previous.uri, text, 2);
    assert.equal(full.scan.metadata?.length, 1, `${closer}: a metadata block`);
    assert.deepEqual(parts(updated), parts(full), closer);
  }
});
