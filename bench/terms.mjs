// Times term indexing (indexTerms over the built-in glossary) on the deep-review manuscript
// (English, few of the glossary's terms), on the IL-6 review's own text and on a synthetic
// 1 MB bilingual manuscript, plus the term checks over the same index.
// Run after `npx tsc -b`: node bench/terms.mjs
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const core = (name) => require(path.join(root, 'out/server/src/core', name));
const { parseManuscript } = core('markdown/manuscript.js');
const { parseGlossary } = core('terms/glossary.js');
const { indexTerms } = core('terms/termIndex.js');
const { termMatcher } = core('terms/matcher.js');
const { termFindings } = core('terms/checks.js');

const glossaryText = readFileSync(path.join(root, 'references/glossary.json'), 'utf8');
const real = readFileSync(path.resolve(root, 'test/fixtures/deep-review/manuscript.md'), 'utf8');
// The review the built-in glossary comes from (plain text, Chinese with English abstract): a manuscript dense in its terms.
const review = readFileSync(path.resolve(root, 'references/sources/review-text.zh.txt'), 'utf8');

/** About 1 MB: Chinese and English paragraphs about IL-6 with definitions, variants, values and citations. */
function synthetic(targetBytes) {
  const zh =
    '白细胞介素6（IL-6）是一种多效细胞因子，通过 gp130 激活 JAK2/STAT3 信号通路[1]-[6]。血清IL-6水平为12 ng/L，' +
    'C反应蛋白（CRP）为5 mg/L。上皮间充质转化（EMT）与癌症相关成纤维细胞（CAFs）有关，TGF-β 和 IL6 亦参与其中[@smith2020]。\n\n';
  const en =
    'Interleukin-6 (IL-6) signals through gp130 and STAT3 in colorectal cancer (CRC) [7]. Serum IL-6 was 12 pg/mL and ' +
    'CEA 4.1 ng/mL; Stat3 and TGF-beta drive EMT in CAFs, and `IL-6 in code` is not a term (see https://example.org/IL-6).\n\n';
  let out = '---\ntitle: synthetic\n---\n\n# Abstract\n\n';
  let i = 0;
  while (Buffer.byteLength(out) < targetBytes) out += (i++ % 10 === 0 ? '## Section\n\n' : '') + zh + en;
  return out;
}

function measure(label, text, runs = 7) {
  const { glossary } = parseGlossary(glossaryText, 'file:///references/glossary.json');
  const t0 = performance.now();
  termMatcher(glossary);
  const compileMs = performance.now() - t0;
  const index = [];
  const checks = [];
  let occurrences = 0;
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    // A fresh manuscript each run so the per-version cache does not answer.
    const manuscript = parseManuscript('file:///bench.md', text, i);
    const a = performance.now();
    const terms = indexTerms(manuscript, glossary);
    const b = performance.now();
    findings = termFindings(manuscript, terms, {}).length;
    const c = performance.now();
    index.push(b - a);
    checks.push(c - b);
    occurrences = terms.occurrences.length;
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  console.log(
    `${label}: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, ${occurrences} term occurrences, ${findings} findings; ` +
      `indexTerms median ${median(index).toFixed(1)} ms (first ${index[0].toFixed(1)}), ` +
      `checks median ${median(checks).toFixed(1)} ms; matcher compiled once in ${compileMs.toFixed(1)} ms`,
  );
}

measure('deep-review', real);
measure('IL-6 review text', review);
measure('synthetic bilingual', synthetic(1024 * 1024));
