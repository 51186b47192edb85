// Times a full check (every diagnostic, through the language service) of the deep-review
// manuscript, cold (first request: bibliography parse, first citeproc use) and warm (the
// document edited, bibliography cached), and renumbering a synthetic 1 MB manuscript with its
// own numbered References section. Run after `npx tsc -b`: node bench/check-deep-review.mjs
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = (p) => require(path.join(root, 'out', p));
const { createLanguageService } = out('server/src/core/languageService.js');
const { MemoryWorkspace, BUILTIN_CORPUS_URI } = out('test/util/fixture.js');

const manuscriptPath = path.resolve(root, 'test/fixtures/deep-review/manuscript.md');
const real = readFileSync(manuscriptPath, 'utf8');
const uri = pathToFileURL(manuscriptPath).toString();
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x) => `${x.toFixed(1)} ms`;

// Full check of deep-review.
{
  const service = createLanguageService({ workspace: new MemoryWorkspace(), builtinCorpusUri: BUILTIN_CORPUS_URI });
  let t = performance.now();
  const diagnostics = await service.diagnostics({ uri, text: real, version: 1 });
  const cold = performance.now() - t;
  const warm = [];
  for (let i = 0; i < 9; i++) {
    // An edit at the end: the manuscript is parsed again, the bibliography comes from the cache.
    const text = `${real}\nEdit ${i} [@doi:10.1038/nature14539].\n`;
    t = performance.now();
    await service.diagnostics({ uri, text, version: i + 2 });
    warm.push(performance.now() - t);
  }
  const same = [];
  for (let i = 0; i < 9; i++) {
    t = performance.now();
    await service.diagnostics({ uri, text: real, version: 1 });
    same.push(performance.now() - t);
  }
  const counts = {};
  for (const d of diagnostics) counts[d.code] = (counts[d.code] ?? 0) + 1;
  console.log(`deep-review (${(Buffer.byteLength(real) / 1024).toFixed(0)} KB, ${diagnostics.length} findings: ${JSON.stringify(counts)})`);
  console.log(`  full check, cold:                       ${ms(cold)}`);
  console.log(`  full check, warm after an edit (median): ${ms(median(warm))}`);
  console.log(`  full check, unchanged text (median):    ${ms(median(same))}`);
}

/** A 1 MB manuscript citing 300 own references by number, out of order, with a References section. */
function synthetic(targetBytes) {
  const size = 300;
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const n = () => 1 + Math.floor(random() * size);
  const paragraphs = [];
  let bytes = 0;
  while (bytes < targetBytes - size * 90) {
    const a = 1 + Math.floor(random() * (size - 5));
    const b = a + 2 + Math.floor(random() * 3);
    const p =
      `IL-6 signalling promotes tumour growth [${n()}], invasion [${n()}, ${n()}] and resistance [${a}]-[${b}]; ` +
      `研究表明白细胞介素6与结直肠癌预后相关[${n()}，${n()}]，见 \`[3]\` 与 [链接](https://example.org)。 More text follows here to make a realistic paragraph of prose [${a}-${b}].`;
    paragraphs.push(p);
    bytes += Buffer.byteLength(p) + 2;
  }
  const entries = Array.from(
    { length: size },
    (_, i) => `${i + 1}. Author${i + 1} A, Other B. A title of reference number ${i + 1}. J Example. ${1990 + (i % 30)};${i}:1-10.`,
  );
  return `# A large manuscript\n\n${paragraphs.join('\n\n')}\n\n## References\n\n${entries.join('\n')}\n`;
}

// Renumbering 1 MB.
{
  const text = synthetic(1024 * 1024);
  const service = createLanguageService({ workspace: new MemoryWorkspace(), builtinCorpusUri: BUILTIN_CORPUS_URI });
  const bigUri = 'file:///ws/large.md';
  const times = [];
  let result;
  for (let i = 0; i < 5; i++) {
    // A new version each time, so that each run parses the text too, as after an edit.
    const t = performance.now();
    result = await service.documentCommand('citokine.renumber', { uri: bigUri, text: `${text}${' '.repeat(i)}`, version: i + 1 });
    times.push(performance.now() - t);
  }
  const edits = result.edit?.changes?.[bigUri]?.length ?? 0;
  console.log(
    `renumber, synthetic manuscript (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, 300 references, ${edits} edits: ${result.message})`,
  );
  console.log(`  first run:                 ${ms(times[0])}`);
  console.log(`  later runs (median):       ${ms(median(times.slice(1)))}`);
}
