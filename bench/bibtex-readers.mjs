// Prints how BibTeX readers agree with pandoc (`pandoc -f biblatex -t csljson`, the reference)
// on the real .bib files vendored in test/fixtures/bibliographies/: entries read under
// pandoc's keys, and per field (title, author family names, year, DOI, container-title) the
// values equal to pandoc's, plus the time each reader takes. Readers: Citokine as it ships,
// citation-js's BibTeX reader on the whole file, and @retorquere/bibtex-parser (the parser
// Zotero's Better BibTeX uses) when it can be imported (set BBT_PARSER to its folder, e.g.
// a scratch `npm install @retorquere/bibtex-parser tslib`).
// Run after `npx tsc -b`: node bench/bibtex-readers.mjs [--diff]
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { parseBibliography } = require(path.join(root, 'out/server/src/core/bibliography/parse.js'));
const { pandocItems, compareWithPandoc, fieldTotals, COMPARED_FIELDS } = require(path.join(root, 'out/test/util/bibtexOracle.js'));
const { plugins } = require('@citation-js/core');
require('@citation-js/plugin-bibtex');

const folder = path.join(root, 'test/fixtures/bibliographies');
const files = readdirSync(folder)
  .filter((f) => f.endsWith('.bib'))
  .sort();

let bbt;
try {
  const where = process.env.BBT_PARSER
    ? pathToFileURL(path.join(process.env.BBT_PARSER, 'node_modules/@retorquere/bibtex-parser/dist/esm/index.js')).href
    : '@retorquere/bibtex-parser';
  bbt = await import(where);
} catch {
  bbt = undefined;
}

/** Better BibTeX's fields as the few CSL fields compared. */
function bbtToCsl(entry) {
  const f = entry.fields;
  const names = f.author ?? f.editor;
  const year = /\d{4}/.exec(f.date ?? f.year ?? '')?.[0];
  const title = [f.title, f.subtitle].filter(Boolean).join(': ');
  return {
    id: entry.key,
    title: title || undefined,
    author: names?.map((n) => ({ family: n.lastName ?? n.name })),
    issued: year ? { 'date-parts': [[Number(year)]] } : undefined,
    DOI: f.doi,
    'container-title': f.journaltitle ?? f.journal ?? f.booktitle,
  };
}

const readers = {
  citokine: (text, file) => parseBibliography(text, pathToFileURL(file).href, 'bibtex').entries.map((e) => ({ ...e.item, id: e.key })),
  'citation-js': (text) => {
    try {
      return plugins.input.chain(text, { target: '@csl/list+object', generateGraph: false });
    } catch {
      return [];
    }
  },
  ...(bbt ? { 'bibtex-parser (sentence case off)': (text) => bbt.parse(text, { sentenceCase: false }).entries.map(bbtToCsl) } : {}),
};

const rows = [];
const totals = {};
for (const file of files) {
  const full = path.join(folder, file);
  const text = readFileSync(full, 'utf8');
  const expected = pandocItems(full, 'biblatex');
  for (const [name, read] of Object.entries(readers)) {
    const start = performance.now();
    const items = read(text, full);
    const ms = performance.now() - start;
    const agreement = compareWithPandoc(expected, items);
    const sum = fieldTotals(agreement);
    const t = (totals[name] ??= { entries: 0, read: 0, agree: 0, total: 0, ms: 0, fields: {} });
    t.entries += agreement.pandocEntries;
    t.read += agreement.readEntries;
    t.agree += sum.agree;
    t.total += sum.total;
    t.ms += ms;
    for (const f of COMPARED_FIELDS) {
      const tf = (t.fields[f] ??= { agree: 0, total: 0 });
      tf.agree += agreement.fields[f].agree;
      tf.total += agreement.fields[f].total;
    }
    rows.push([
      file,
      name,
      `${agreement.readEntries}/${agreement.pandocEntries}`,
      ...COMPARED_FIELDS.map((f) => `${agreement.fields[f].agree}/${agreement.fields[f].total}`),
      `${sum.agree}/${sum.total}`,
      `${Math.round(ms)} ms`,
    ]);
    if (process.argv.includes('--diff') && name === 'citokine') for (const d of agreement.differences) console.log(`  ${file} ${d}`);
  }
}
for (const [name, t] of Object.entries(totals)) {
  rows.push([
    'ALL',
    name,
    `${t.read}/${t.entries}`,
    ...COMPARED_FIELDS.map((f) => `${t.fields[f].agree}/${t.fields[f].total}`),
    `${t.agree}/${t.total} (${((100 * t.agree) / t.total).toFixed(1)}%)`,
    `${Math.round(t.ms)} ms`,
  ]);
}
const header = ['file', 'reader', 'entries', ...COMPARED_FIELDS, 'fields', 'time'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
if (!bbt) console.log('\n(@retorquere/bibtex-parser not found: set BBT_PARSER to measure it)');
