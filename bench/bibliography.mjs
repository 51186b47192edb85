// Prints how long parsing a large bibliography takes: 1,000 and 10,000 generated BibTeX
// entries (clean, and with one broken entry in the middle), the same as CSL-JSON, and the
// real 615-work deep-review CSL-JSON library. Run after `npx tsc -b`: node bench/bibliography.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { parseBibliography } = require('../out/server/src/core/bibliography/parse.js');

function bibtex(n, broken = false) {
  const parts = [];
  for (let i = 0; i < n; i++) {
    if (broken && i === Math.floor(n / 2)) {
      parts.push(`@article{broken${i},\n  title = ,\n  year = {2000}\n}`);
      continue;
    }
    parts.push(`@article{author${i}_${2000 + (i % 25)},
  author = {Family${i}, Given and Other${i % 97}, A. B. and 王, 小明},
  title = {Interleukin-6 signalling study number ${i} in colorectal tumours},
  journal = {Journal of Example Studies ${i % 50}},
  year = {${2000 + (i % 25)}},
  volume = {${i % 40}},
  number = {${i % 12}},
  pages = {${i}--${i + 9}},
  doi = {10.5555/example.${i}}
}`);
  }
  return parts.join('\n\n');
}

function cslJson(n) {
  return JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      id: `author${i}`,
      type: 'article-journal',
      title: `Study ${i}`,
      author: [{ family: `Family${i}`, given: 'G' }],
      issued: { 'date-parts': [[2000 + (i % 25)]] },
      'container-title': 'J Ex',
      DOI: `10.5555/example.${i}`,
    })),
    null,
    2,
  );
}

function time(label, text, format) {
  const start = performance.now();
  const parsed = parseBibliography(text, 'file:///bench', format);
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(44)} ${String(parsed.entries.length).padStart(6)} entries ${String(parsed.errors.length).padStart(2)} errors ${ms.toFixed(0).padStart(7)} ms`,
  );
}

time('warm-up (citation-js first call)', bibtex(10), 'bibtex');
for (const n of [1000, 10000]) {
  time(`BibTeX ${n}`, bibtex(n), 'bibtex');
  time(`BibTeX ${n}, one broken entry`, bibtex(n, true), 'bibtex');
  time(`CSL-JSON ${n}`, cslJson(n), 'csl-json');
}
const deep = new URL('../test/fixtures/deep-review/references.json', import.meta.url);
time('deep-review references.json (615 works)', readFileSync(deep, 'utf8'), 'csl-json');
const mem = process.memoryUsage();
console.log(`heap used ${(mem.heapUsed / 1e6).toFixed(0)} MB, rss ${(mem.rss / 1e6).toFixed(0)} MB`);
