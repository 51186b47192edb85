/**
 * Real-world oracle across sources nobody here wrote (test/fixtures/realworld-oracle/, each
 * source with its README and licence): pandoc's own citeproc tests, Quarto documents, JOSS
 * papers, Manubot manuscripts, an R Markdown (bookdown) book, JabRef's test libraries and RIS
 * exports. For every document, the citation keys Citokine reads (each, as often, in order)
 * are pandoc 2.17's `Cite` ids (`pandoc -f markdown -t json`) less the cross-references the
 * source's own tool removes; for every BibTeX file, the entries and fields Citokine reads are
 * pandoc's (`pandoc -f biblatex -t csljson`); for every RIS file (pandoc 2.17 reads none), the
 * records, titles and DOIs are the file's own. Every disagreement is listed in KNOWN with the
 * reason and whose error it is; a new one, or a listed one that no longer happens, fails.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBibliography } from '../server/src/core/bibliography/parse';
import { parseManuscript } from '../server/src/core/markdown/manuscript';
import { compareWithPandoc, fieldTotals, pandocItems, type OracleItem } from './util/bibtexOracle';
import { citationFixturesRoot, citationIdsOfPandocJson, pandocCommandCases, REMOVED_BY_TOOL } from './util/citationOracle';

const ROOT = path.join(citationFixturesRoot(), 'realworld-oracle');

/**
 * Every disagreement, with the reason and whose error it is. Keys: `document` (file, and
 * `#n` for a pandoc test case) or `bib file` / `ris file`.
 */
const KNOWN: Record<string, { reason: string; wrong: 'pandoc' | 'citokine' }> = {};

/** Every difference `found` is in KNOWN, and every KNOWN entry of these files (`kind`) still happens. */
function assertKnownDifferences(found: Record<string, string>, kind: RegExp): void {
  assert.deepEqual(
    Object.keys(found)
      .filter((name) => !KNOWN[name])
      .map((name) => `${name}: ${found[name]}`),
    [],
    'disagreements not in KNOWN',
  );
  assert.deepEqual(
    Object.keys(KNOWN).filter((name) => kind.test(name) && !found[name]),
    [],
    'KNOWN lists disagreements that no longer happen',
  );
}

interface Document {
  readonly name: string;
  readonly source: string;
  readonly markdown: string;
}

/** The source folders (each with its README). */
function sources(): string[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

function documents(): Document[] {
  const docs: Document[] = [];
  for (const source of sources()) {
    const dir = path.join(ROOT, source);
    for (const file of listFiles(dir)) {
      if (!/\.(md|qmd|Rmd)$/.test(file) || path.basename(file) === 'README.md') continue;
      const text = readFileSync(path.join(dir, file), 'utf8');
      const name = `${source}/${file}`;
      if (source === 'pandoc-command')
        pandocCommandCases(text).forEach((markdown, i) => docs.push({ name: `${name}#${i + 1}`, source, markdown }));
      else docs.push({ name, source, markdown: text });
    }
  }
  return docs;
}

/** Files under `dir`, relative to it, sorted. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
}

function citokineKeys(markdown: string): string[] {
  const m = parseManuscript('file:///ws/main.md', markdown);
  return m.citations.filter((c) => c.kind === 'key').flatMap((c) => c.items.map((i) => i.key));
}

/** `pandoc -f markdown -t json` on `markdown`, without blocking, so several run at once. */
function pandocJson(markdown: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('pandoc', ['-f', 'markdown', '-t', 'json']);
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', (e) => reject(new Error(`pandoc could not run (the oracle needs it: apt-get install pandoc): ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`pandoc failed (${code}): ${err}`))));
    child.stdin.end(markdown);
  });
}

async function compareDocument(doc: Document): Promise<string | undefined> {
  const removed = REMOVED_BY_TOOL[doc.source];
  const expected = citationIdsOfPandocJson(await pandocJson(doc.markdown)).filter((id) => !removed?.test(id));
  const actual = citokineKeys(doc.markdown);
  if (JSON.stringify(actual) === JSON.stringify(expected)) return undefined;
  const sorted = (list: string[]) => JSON.stringify([...list].sort());
  const what = sorted(actual) === sorted(expected) ? 'same keys, other order' : 'different keys';
  return `${what}: citokine [${actual.join(', ')}] | oracle [${expected.join(', ')}]`;
}

/** The RIS file's own records: one per `TY  -` line, its first TI/T1 title and its DO. */
function risRecords(text: string): Array<{ title?: string; doi?: string }> {
  const records: Array<{ title?: string; doi?: string }> = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const m = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/.exec(line);
    if (!m) continue;
    const value = (m[2] ?? '').trim();
    if (m[1] === 'TY') records.push({});
    const record = records[records.length - 1];
    if (!record || !value) continue;
    if ((m[1] === 'TI' || m[1] === 'T1') && record.title === undefined) record.title = value;
    if (m[1] === 'DO' && record.doi === undefined) record.doi = value;
  }
  return records;
}

const normalTitle = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim().toLowerCase() : undefined);
const normalDoi = (s: unknown) =>
  typeof s === 'string' && s.trim()
    ? s
        .trim()
        .replace(/^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)/i, '')
        .toLowerCase()
    : undefined;

test('real-world oracle: documents from five sources read the same citations as their tool', async (t) => {
  const docs = documents();
  const found: Record<string, string> = {};
  for (let i = 0; i < docs.length; i += 4) {
    const batch = docs.slice(i, i + 4);
    const differences = await Promise.all(batch.map(compareDocument));
    batch.forEach((doc, j) => {
      if (differences[j]) found[doc.name] = differences[j];
    });
  }
  const bySource = new Map<string, number>();
  for (const doc of docs) bySource.set(doc.source, (bySource.get(doc.source) ?? 0) + 1);
  const agreeing = docs.filter((d) => !found[d.name]).length;
  t.diagnostic(`documents agreeing: ${agreeing}/${docs.length} (${[...bySource].map(([s, n]) => `${s} ${n}`).join(', ')})`);
  assert.ok(docs.length >= 30, `documents: ${docs.length}`);
  assertKnownDifferences(found, /\.(md|qmd|Rmd)(#\d+)?$/);
});

test('real-world oracle: BibTeX files read as pandoc reads them, RIS files as their own records', (t) => {
  let files = 0;
  let pandocEntries = 0;
  let readEntries = 0;
  let agree = 0;
  let total = 0;
  const found: Record<string, string> = {};
  for (const source of sources()) {
    for (const file of listFiles(path.join(ROOT, source))) {
      const full = path.join(ROOT, source, file);
      const name = `${source}/${file}`;
      const text = readFileSync(full, 'utf8');
      if (file.endsWith('.bib')) {
        files++;
        const parsed = parseBibliography(text, `file://${full}`, 'bibtex');
        const ours: OracleItem[] = parsed.entries.map((e) => ({ ...e.item, id: e.key }));
        const agreement = compareWithPandoc(pandocItems(full, 'biblatex'), ours);
        const fields = fieldTotals(agreement);
        pandocEntries += agreement.pandocEntries;
        readEntries += agreement.readEntries;
        agree += fields.agree;
        total += fields.total;
        if (agreement.differences.length > 0) found[name] = agreement.differences.join('; ');
      } else if (file.endsWith('.ris')) {
        files++;
        const own = risRecords(text);
        const parsed = parseBibliography(text, `file://${full}`, 'ris');
        pandocEntries += own.length;
        readEntries += Math.min(own.length, parsed.entries.length);
        const differences: string[] = [];
        if (parsed.entries.length !== own.length) differences.push(`${parsed.entries.length} records read, the file has ${own.length}`);
        own.forEach((record, i) => {
          const item = parsed.entries[i]?.item;
          for (const [field, want, got] of [
            ['title', normalTitle(record.title), normalTitle(item?.title)],
            ['DOI', normalDoi(record.doi), normalDoi(item?.DOI)],
          ] as const) {
            if (want === undefined && got === undefined) continue;
            total++;
            if (want === got) agree++;
            else differences.push(`record ${i + 1} ${field}: ${JSON.stringify(want)} ≠ ${JSON.stringify(got)}`);
          }
        });
        if (differences.length > 0) found[name] = differences.join('; ');
      }
    }
  }
  t.diagnostic(`bibliography files: ${files}; entries read ${readEntries}/${pandocEntries}; fields agreeing ${agree}/${total}`);
  assert.ok(files >= 10, `bibliography files: ${files}`);
  assertKnownDifferences(found, /\.(bib|ris)$/);
});
