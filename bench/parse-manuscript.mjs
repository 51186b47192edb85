// Times scanMarkdown + parseCitations on the deep-review manuscript and on a synthetic
// 1 MB manuscript built from it. Run after `npx tsc -b test`: node bench/parse-manuscript.mjs
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { scanMarkdown } = require(path.join(root, 'out/server/src/core/markdown/scan.js'));
const { parseCitations } = require(path.join(root, 'out/server/src/core/citations/parse.js'));

const manuscriptPath = path.resolve(root, 'test/fixtures/deep-review/manuscript.md');
const real = readFileSync(manuscriptPath, 'utf8');

/** A 1 MB manuscript: the real body repeated, with Chinese paragraphs and numeric citations mixed in. */
function synthetic(targetBytes) {
  const body = real.replace(/^---[\s\S]*?\n---\n/, '');
  const zh =
    '\n\n研究表明，IL-6 通过 JAK/STAT3 通路促进结直肠癌进展[@smith2020; @li2021, 第 3 页]。' +
    '多项研究[1]-[6]、[8, 10-12] 证实了这一点，详见 `code @x` 与 $x_1$。\n\n';
  let out = real;
  while (Buffer.byteLength(out) < targetBytes) out += zh + body;
  return out;
}

function measure(label, text, runs = 7) {
  const times = { scan: [], cite: [] };
  let citations = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const scan = scanMarkdown(text);
    const t1 = performance.now();
    citations = parseCitations(text, scan);
    const t2 = performance.now();
    times.scan.push(t1 - t0);
    times.cite.push(t2 - t1);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const first = (xs) => xs[0];
  console.log(
    `${label}: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, ${citations.length} citations; ` +
      `scanMarkdown median ${median(times.scan).toFixed(1)} ms (first ${first(times.scan).toFixed(1)}), ` +
      `parseCitations median ${median(times.cite).toFixed(1)} ms (first ${first(times.cite).toFixed(1)}), ` +
      `total median ${(median(times.scan) + median(times.cite)).toFixed(1)} ms`,
  );
}

measure('deep-review', real);
measure('synthetic', synthetic(1024 * 1024));
