// Completion latency on a 10,000-entry BibTeX library (the benchmark's seeded works) and a manuscript
// that cites some of them, through the language service as the server calls it.
// Run after `npx tsc -b`: node bench/completion.mjs [entries]
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { generateWorks, toBibtex } from './generate.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createLanguageService } = require(path.join(root, 'out/server/src/core/languageService.js'));
const { URI } = require('vscode-uri');

const COUNT = Number(process.argv[2] ?? 10000);
// The benchmark's seeded library (bench/generate.mjs): the same works `npm run bench` loads.
const works = generateWorks(COUNT);
const withDoi = works.find((w, i) => i >= 42 && w.doi);

const bibUri = URI.file('/bench/library.bib').toString();
const paperUri = URI.file('/bench/paper.md').toString();
const files = new Map([[bibUri, toBibtex(works)]]);
const workspace = { readFile: async (uri) => files.get(uri) };
const service = createLanguageService({ workspace, builtinCorpusUri: URI.file(path.join(root, 'references')).toString() });

const body = Array.from(
  { length: 200 },
  (_, i) =>
    `Paragraph ${i} cites [@${works[(i * 7) % works.length].key}; @${works[(i * 13 + 1) % works.length].key}] and more text about IL-6.`,
).join('\n\n');
const queries = [
  '',
  'smi',
  works[COUNT >> 1].key,
  'colorectal',
  'wang',
  '王',
  '结直肠癌',
  'nature',
  withDoi.doi.slice(0, 12),
  'zhang_cohort',
  'interleukin_colorectal',
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
