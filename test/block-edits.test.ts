/**
 * Typing in a pipe table (a cell's text, a citation in a cell, a row added or removed), in a
 * heading or in a list item is parsed incrementally, as typing in a paragraph is: only those lines are scanned
 * again, and the result equals a full parse (top-level blocks, headings, line starts and term
 * index included). What may change the document elsewhere is left to a full parse: a heading
 * below one that names the reference list, anything typed in that list's section, and a line
 * that may close a metadata block or open or close a LaTeX environment across blank lines.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { editOf, reparseManuscript } from '../server/src/core/markdown/incremental';
import { parseManuscript, type Manuscript } from '../server/src/core/markdown/manuscript';
import { scanMemo } from '../server/src/core/markdown/scan';
import { indexTerms } from '../server/src/core/terms/termIndex';
import { FIXTURES_ROOT, builtinGlossary, publishesAsFresh } from './util/fixture';

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

/** Places in `text`: every offset of each match of `pattern` and the one after it. */
function placesOf(text: string, pattern: RegExp): Set<number> {
  return new Set([...text.matchAll(pattern)].flatMap((m) => Array.from({ length: m[0].length + 1 }, (_, i) => m.index + i)));
}

/**
 * Every insert of `inserts` (and one or two characters deleted) at every place of `source`,
 * then a `z` typed where it ended, each parsed from the version before and compared with a full
 * parse. For each name of `counted`, how many edits typed one of its `typed` at its places, and
 * how many of those were parsed incrementally.
 */
function everyEdit(
  source: string,
  inserts: readonly string[],
  counted: Record<string, { readonly places: ReadonlySet<number>; readonly typed: readonly string[] }>,
): Record<string, { edits: number; incremental: number }> {
  const previous = parseManuscript('file:///blocks.md', source, 1);
  indexTerms(previous, BUILTIN);
  const counts = Object.fromEntries(Object.keys(counted).map((name) => [name, { edits: 0, incremental: 0 }]));
  const check = (before: Manuscript, text: string, version: number, what: string): Manuscript => {
    const updated = reparseManuscript(before, text, version);
    assert.deepEqual(parts(updated), parts(parseManuscript(before.uri, text, version)), what);
    return updated;
  };
  for (let at = 0; at <= source.length; at++) {
    for (const [insert, remove] of [...inserts.map((s) => [s, 0] as const), ['', 1] as const, ['', 2] as const]) {
      const text = source.slice(0, at) + insert + source.slice(at + remove);
      const what = `${JSON.stringify(insert)} at ${at}, ${remove} removed`;
      const updated = check(previous, text, 2, what);
      for (const [name, { places, typed }] of Object.entries(counted)) {
        if (!places.has(at) || !typed.includes(insert)) continue;
        counts[name].edits++;
        if (editOf(updated)) counts[name].incremental++;
      }
      const next = at + insert.length;
      check(updated, text.slice(0, next) + 'z' + text.slice(next), 3, `${what}, then z`);
    }
  }
  return counts;
}

/** Tables and headings of the shapes writers use, with citations and terms in them, and the blocks they meet. */
const TABLES = [
  '---',
  'title: Tables',
  '---',
  '',
  '## Abstract',
  '',
  'Interleukin-6 (IL-6) signals through gp130 [@a].',
  '',
  '# Results {#sec-results}',
  '',
  'IL-6 rose [@g].',
  '',
  'Setext heading with IL-6 [@h]',
  '-----------------------------',
  '',
  'Another setext heading',
  '======================',
  'Paragraph right under it.',
  '',
  '### Closed heading ###',
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

test('every edit in and around tables and headings parses as a full parse does, and typing in them is incremental', () => {
  const inserts = ['x', '|', '-', ':', ' ', '`', '\\', '[@k]', 'IL-6', '\n', '\n\n', '\n| 3 | 4 |', '---', '...', '# ', '> ', '    '];
  const { tables, headings } = everyEdit(TABLES, inserts, {
    tables: { places: placesOf(TABLES, /^(?:\||[a-z0-9]+ \||--\|).*$/gm), typed: ['x', '[@k]'] },
    headings: { places: placesOf(TABLES, /^#+ .*$/gm), typed: ['x', 'IL-6'] },
  });
  // Tables: 380 of 440. Not incremental: the tables next to a paragraph or a heading without
  // a blank line between, and the quoted one (a block quote is not re-scanned alone).
  assert.ok(tables.edits > 300, `${tables.edits} edits in tables`);
  assert.ok(tables.incremental > tables.edits / 2, `${tables.incremental} of ${tables.edits} edits in tables were incremental`);
  // Headings: 120 of 184. Not incremental: the one right under a table, and `#` typed before a heading's first `#`.
  assert.ok(headings.edits > 150, `${headings.edits} edits in headings`);
  assert.ok(headings.incremental > headings.edits / 2, `${headings.incremental} of ${headings.edits} edits in headings were incremental`);
});

/**
 * Each text `variants` makes of deep-review at each line of `lines` (its text, and where in
 * it), parsed from the version before it and compared with a full parse; how many were incremental.
 */
function typedInDeepReview(lines: readonly string[], variants: (text: string, at: number) => string[]): number {
  let previous = parseManuscript('file:///deep-review.md', DEEP_REVIEW, 1);
  indexTerms(previous, BUILTIN);
  let version = 1;
  let incremental = 0;
  for (const line of lines) {
    const at = previous.text.indexOf(line);
    for (const text of variants(previous.text, at)) {
      const updated = reparseManuscript(previous, text, ++version);
      if (editOf(updated)) incremental++;
      assert.deepEqual(parts(updated), parts(parseManuscript(previous.uri, text, version)), `at ${at}`);
      previous = updated;
    }
  }
  return incremental;
}

/** Lists of the shapes writers use (tight and loose, nested, ordered, with code and a second paragraph), beside the blocks they may join. */
const LISTS = [
  '---',
  'title: Lists',
  '---',
  '',
  'Interleukin-6 (IL-6) signals through gp130 [@a].',
  '',
  '- item one [@b]',
  '- item two with interleukin 6',
  '  continued line',
  '',
  '  second paragraph of item two [@c]',
  '',
  '- item three',
  '    - nested item [@d]',
  '',
  'After the list.',
  '',
  '1. first [@e]',
  '2. second',
  '',
  '   ```',
  '   code in an item [@f]',
  '   ```',
  '',
  '3. third',
  '',
  '* star list',
  '* another',
  '',
  '- dash list right after a star list',
  '',
  '',
  'Paragraph.',
  '',
  '  indented two spaces [@g]',
  '',
  '+ last list [@h]',
  '',
  '',
].join('\n');

test('every edit in and around lists parses as a full parse does, and typing in a list item is incremental', () => {
  const inserts = ['x', '[@k]', ' ', '- ', '* ', '1. ', '\n', '\n\n', '  ', '    ', '```', '\n- new item', '\n\nNew paragraph.'];
  const { lists } = everyEdit(LISTS, inserts, { lists: { places: placesOf(LISTS, /^ *(?:[-*+]|\d\.) .*$/gm), typed: ['x', '[@k]'] } });
  // 202 of 380: every edit in the first and last lists; none in the ordered, star and dash
  // lists, each beside another list (a list of the same kind would join it).
  assert.ok(lists.edits > 300, `${lists.edits} edits in list items`);
  assert.ok(lists.incremental > lists.edits / 2, `${lists.incremental} of ${lists.edits} edits in list items were incremental`);
});

test('typing in deep-review headings is parsed incrementally, as a full parse', () => {
  const lines = [...DEEP_REVIEW.matchAll(/^#{2,3} [A-Z][^\n]{10,}$/gm)].slice(0, 20).map((m) => m[0]);
  assert.ok(lines.length >= 15, `${lines.length} headings found`);
  const incremental = typedInDeepReview(lines, (text, at) => [
    text.slice(0, at + 5) + 'x' + text.slice(at + 5),
    // One level down, then the text back.
    text.slice(0, at) + '#' + text.slice(at),
    text,
  ]);
  assert.equal(incremental, lines.length * 3);
});

test('a heading typed below a References heading is parsed in full, as the section of the document’s own list may change', () => {
  // `## Notes` one level down puts the list under it into the References section.
  const source = '# Introduction\n\nText [1].\n\n## References\n\n1. First.\n2. Second.\n\n## Notes\n\nSee these.\n\n3. Third.\n';
  const previous = parseManuscript('file:///own.md', source, 1);
  assert.equal(previous.scan.referenceSection?.entries.length, 2);
  const edited = (from: string, to: string) => {
    const text = source.replace(from, to);
    const updated = reparseManuscript(previous, text, 2);
    assert.deepEqual(parts(updated), parts(parseManuscript(previous.uri, text, 2)), `${from} → ${to}`);
    return updated;
  };
  assert.equal(editOf(edited('## Notes', '### Notes')), undefined);
  assert.equal(parseManuscript('file:///own.md', source.replace('## Notes', '### Notes'), 2).scan.referenceSection?.entries.length, 3);
  // A heading above the References heading cannot change its section.
  assert.ok(editOf(edited('# Introduction', '# Introductions')));
  // With no own list, a heading typed that names one is parsed in full too.
  const plain = source.slice(0, source.indexOf('## References'));
  const text = plain.replace('# Introduction', '# References');
  assert.equal(editOf(reparseManuscript(parseManuscript('file:///plain.md', plain, 1), text, 2)), undefined);
});

test('the first entry typed under a References heading makes the document’s own list, as a full parse finds', () => {
  // A References section without entries yet: a `[1] ...` paragraph, one typed below the
  // heading at the document's end, or a heading one level down (which puts a numbered list
  // into the section) makes the list.
  const source = '# Introduction\n\nText [1] and [2].\n\n## References\n\nTo do.\n\n## Notes\n\n1. A note.\n';
  const atEnd = '# Introduction\n\nText [1].\n\n# References\n\n';
  for (const [before, text] of [
    [source, source.replace('To do.', '[1] Smith J. A study. 2020.')],
    [source, source.replace('## Notes', '### Notes')],
    [atEnd, `${atEnd}[1] Lee K. Another. 2021.\n`],
  ]) {
    const previous = parseManuscript('file:///refs.md', before, 1);
    assert.equal(previous.scan.referenceSection, undefined);
    const updated = reparseManuscript(previous, text, 2);
    const full = parseManuscript(previous.uri, text, 2);
    assert.ok(full.scan.referenceSection, text);
    assert.deepEqual(parts(updated), parts(full), text);
  }
});

test('typing in deep-review tables is parsed incrementally, as a full parse', () => {
  const rows = [...DEEP_REVIEW.matchAll(/^\| [A-Z][^\n]{20,}\|$/gm)].slice(0, 20).map((m) => m[0]);
  assert.ok(rows.length >= 15, `${rows.length} table rows found`);
  const incremental = typedInDeepReview(rows, (text, at) => [
    text.slice(0, at + 5) + 'x' + text.slice(at + 5),
    text.slice(0, at + 5) + ' [@x2020]' + text.slice(at + 5),
    text,
  ]);
  assert.equal(incremental, rows.length * 3);
});

test('a language service fed edits in tables, headings and lists publishes what a fresh one does', async () => {
  const bib = readFileSync(path.join(FIXTURES_ROOT, 'deep-review-sample.bib'), 'utf8');
  const source = TABLES.replace('title: Tables', 'title: Tables\nbibliography: refs.bib');
  // A cell's citation changed to a known key and back, a term typed, a row added; the
  // abstract's heading renamed (its definitions become the main text's) and back; a list item
  // added with citations and terms, and one of its keys mistyped.
  const edits: [string, string][] = [
    ['[@b; @c]', '[@LeCun2015Deep; @c]'],
    ['A cytokine', 'A cytokine, interleukin 6,'],
    ['| STAT3 |', '| gp130 | signal transducer | [@Goh2017Deep] |\n| STAT3 |'],
    ['[@LeCun2015Deep; @c]', '[@b; @c]'],
    ['## Abstract', '## Background'],
    ['# Results {#sec-results}', '## Results [@Goh2017Deep] {#sec-results}'],
    ['## Background', '## Abstract'],
    ['- a list item', '- a list item naming interleukin 6 [@LeCun2015Deep]\n- and IL-6 [@Goh2017Deep]'],
    ['- and IL-6 [@Goh2017Deep]', '- and IL-6 [@nobody]'],
  ];
  let text = source;
  const steps = edits.map(([from, to]) => {
    assert.ok(text.includes(from), from);
    text = text.replace(from, to);
    return { text, what: `${from} → ${to}` };
  });
  await publishesAsFresh('manuscript.md', source, `\n%! refs.bib\n${bib}`, steps);
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

test('`\\end{env}` or `\\begin{env}` typed in a paragraph makes a LaTeX environment with lines past blank lines, as a full parse finds', () => {
  // The environment holds its citations out of the manuscript's (latex.ts), blank lines and all.
  const opened = 'Intro.\n\n\\begin{figure}\nA figure [@a].\n\nA paragraph [@b] here.\n\nEnd [@c].\n';
  const closed = 'Intro [@x].\n\nA paragraph [@b] here.\n\nMiddle [@c].\n\n\\end{figure}\n\nEnd [@d].\n';
  for (const [source, typed] of [
    [opened, '\\end{figure}'],
    [closed, '\\begin{figure}'],
  ]) {
    const previous = parseManuscript('file:///latex.md', source, 1);
    const text = source.replace('A paragraph [@b] here.', typed);
    const updated = reparseManuscript(previous, text, 2);
    const full = parseManuscript(previous.uri, text, 2);
    assert.equal(full.citations.length, previous.citations.length - 2, `${typed}: one citation fewer than the edit alone removes`);
    assert.deepEqual(parts(updated), parts(full), typed);
  }
});
