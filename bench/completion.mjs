// Completion latency on a 10,000-entry BibTeX library (synthetic entries) and a manuscript
// that cites some of them, through the language service as the server calls it.
// Run after `npx tsc -b`: node bench/completion.mjs [entries]
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createLanguageService } = require(path.join(root, 'out/server/src/core/languageService.js'));
const { DEFAULT_SETTINGS } = require(path.join(root, 'out/server/src/core/workspace.js'));
const { URI } = require('vscode-uri');

const COUNT = Number(process.argv[2] ?? 10000);
const FAMILIES = ['Smith', 'Wang', 'Zhang', 'Müller', 'García', 'Li', 'Nguyen', 'Kim', 'Pérez', 'Johnson', '王', '李', '张'];
const WORDS = [
  'interleukin',
  'signalling',
  'colorectal',
  'cancer',
  'tumour',
  'STAT3',
  'macrophage',
  'inflammation',
  'cohort',
  'prognosis',
  'receptor',
  'therapy',
  '细胞因子',
  '结直肠癌',
  '预后',
];
const JOURNALS = ['Nature Communications', 'Cell Reports', 'Journal of Immunology', 'Gut', 'Oncogene', '中华肿瘤杂志'];

/** A deterministic pseudo-random sequence, so every run measures the same library. */
function random(seed) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function library(count) {
  const next = random(7);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const entries = [];
  for (let i = 0; i < count; i++) {
    const family = pick(FAMILIES);
    const year = 1990 + Math.floor(next() * 35);
    const title = Array.from({ length: 6 }, () => pick(WORDS)).join(' ');
    const authors = Array.from(
      { length: 1 + Math.floor(next() * 5) },
      (_, k) => `${k === 0 ? family : pick(FAMILIES)}, ${String.fromCharCode(65 + Math.floor(next() * 26))}.`,
    ).join(' and ');
    entries.push(
      `@article{${family.toLowerCase().replace(/[^a-z]/g, 'x')}${year}k${i},\n  author = {${authors}},\n  title = {${title}},\n  journal = {${pick(JOURNALS)}},\n  year = {${year}},\n  volume = {${1 + (i % 40)}},\n  pages = {${i}--${i + 9}},\n  doi = {10.5555/bench.${i}}\n}\n`,
    );
  }
  return entries.join('');
}

const bibUri = URI.file('/bench/library.bib').toString();
const paperUri = URI.file('/bench/paper.md').toString();
const files = new Map([[bibUri, library(COUNT)]]);
const workspace = { readFile: async (uri) => files.get(uri) };
const service = createLanguageService({
  workspace,
  builtinCorpusUri: URI.file(path.join(root, 'references')).toString(),
  settings: DEFAULT_SETTINGS,
});

const body = Array.from(
  { length: 200 },
  (_, i) => `Paragraph ${i} cites [@smith${1990 + (i % 35)}k${i * 7}; @wang2001k${i}] and more text about IL-6.`,
).join('\n\n');
const queries = [
  '',
  'smi',
  'smith2001',
  'colorectal',
  'wang',
  '王',
  '细胞因子',
  'nature',
  '10.5555/bench.42',
  'zhang_prognosis',
  'interleukin_stat3',
  'gar',
];

function paper(query, edit = '') {
  const text = `---\nbibliography: library.bib\n---\n${body}\n\nNew citation${edit} [@${query}`;
  const lines = text.split('\n');
  return { document: { uri: paperUri, text }, position: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

const cold = performance.now();
const first = paper('smi');
const list = await service.completion(first.document, first.position);
console.log(`library: ${COUNT} entries, ${(files.get(bibUri).length / 1024 / 1024).toFixed(1)} MB BibTeX`);
console.log(`first completion (parses the library): ${(performance.now() - cold).toFixed(0)} ms, ${list.items.length} items`);

// Each query's first request follows an edit, so the manuscript is parsed again (what typing
// costs); the repeats find the parse cached and measure completion's own work.
const afterEdit = [];
const ownWork = [];
const perQuery = new Map();
for (let round = 0; round < 20; round++) {
  for (const query of queries) {
    const { document, position } = paper(query, ` ${round}`);
    for (let repeat = 0; repeat < 4; repeat++) {
      const started = performance.now();
      const list = await service.completion(document, position);
      if (!list || list.items.length === 0) throw new Error(`no completion for ${JSON.stringify(query)}`);
      const elapsed = performance.now() - started;
      if (round === 0) continue;
      if (repeat === 0) afterEdit.push(elapsed);
      else {
        ownWork.push(elapsed);
        perQuery.set(query, [...(perQuery.get(query) ?? []), elapsed]);
      }
    }
  }
}
const summary = (xs) =>
  `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
console.log(
  `completion after an edit (re-parses the ${(body.length / 1024).toFixed(0)} KB manuscript), ${afterEdit.length} requests: ${summary(afterEdit)}`,
);
console.log(`completion, manuscript parse cached (ranking and items), ${ownWork.length} requests: ${summary(ownWork)}`);
for (const [query, xs] of perQuery) console.log(`  ${JSON.stringify(query).padEnd(22)} p50 ${quantile(xs, 0.5).toFixed(1)} ms`);

const resolveTimes = [];
const { document } = paper('smi');
const items = (await service.completion(document, paper('smi').position)).items.slice(0, 30);
for (const item of items) {
  const started = performance.now();
  await service.resolveCompletion(document, item);
  resolveTimes.push(performance.now() - started);
}
console.log(
  `completionItem/resolve (formats the reference): first ${resolveTimes[0].toFixed(1)} ms, p50 ${quantile(resolveTimes, 0.5).toFixed(1)} ms`,
);
