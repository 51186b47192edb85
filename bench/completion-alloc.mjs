// Bytes allocated and time per completion keystroke, in process, through the language service
// as the server calls it: the benchmark's 10k library and 40 KB manuscript (bench/generate.mjs),
// the benchmark's typed queries after `[@`, each keystroke an edit of the document (its text
// made as the server's text document makes it) and a completion whose answer is written as
// JSON (what the connection sends). Allocation is read off the heap's used size between
// keystrokes with a young generation large enough that no collection runs in a round.
//
// Run after `npx tsc -b`:
//   node --min-semi-space-size=256 --max-semi-space-size=256 bench/completion-alloc.mjs [entries] [--rounds N]
// `--typed`: the median time per text typed. `--heap-prof FILE`, `--cpu-prof FILE`: profiles of
// the measured rounds (with `--survivors`, the heap profile keeps only what outlived a young
// collection). `--only-parse`: the edits without completion (the manuscript's parse alone).
// `--no-check`, `--no-prepare`: skip the check and the request warm-up before typing. With
// `node --trace-gc-nvp`, each young collection's survivors (`new_space_survived`, `promoted`).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeInputs } from './generate.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createLanguageService } = require(path.join(root, 'out/server/src/core/languageService.js'));
const { URI } = require('vscode-uri');

const argv = process.argv.slice(2);
const COUNT = Number(argv.find((a, i) => /^\d+$/.test(a) && !argv[i - 1]?.startsWith('--')) ?? 10000);
const ROUNDS = Number(argv[argv.indexOf('--rounds') + 1] ?? 0) || 4;
const dir = mkdtempSync(path.join(os.tmpdir(), 'citokine-alloc-'));
const { libraries } = writeInputs(dir, { sizes: [COUNT] });
const library = libraries[COUNT];
const workspace = { readFile: async (uri) => readFileSync(URI.parse(uri).fsPath, 'utf8') };
const service = createLanguageService({ workspace, builtinCorpusUri: URI.file(path.join(root, 'references')).toString() });

const uri = URI.file(library.paper).toString();
let text = readFileSync(library.paper, 'utf8');
let version = 1;
if (!argv.includes('--no-check')) await service.diagnostics({ uri, text, version });
if (!argv.includes('--no-prepare')) await service.prepareRequests({ uri, text, version });
await new Promise((resolve) => setTimeout(resolve, 3000));

const keys = library.keys;
const queries = [
  '',
  keys[Math.floor(keys.length / 2)],
  'muller',
  'pérez2019',
  '王小明',
  '结直肠癌',
  'interleukin',
  'zhang cohort',
  '10.44',
  'gut2011',
];
// Where the benchmark types: the end of a prose line 60% into the manuscript.
let at = text.indexOf('\n', Math.floor(text.length * 0.6));
for (;;) {
  const end = text.indexOf('\n', at + 1);
  const line = text.slice(at + 1, end);
  at = end;
  if (line.length > 80 && /^[\p{L}]/u.test(line) && !line.includes('|')) break;
}
// Typing stays on that line, which holds no line break: its position is counted once.
const atLine = text.slice(0, at).split('\n').length - 1;
const atCharacter = at - text.lastIndexOf('\n', at - 1) - 1;
const positionAt = (offset) => ({ line: atLine, character: atCharacter + offset - at });

const heap = () => process.memoryUsage().heapUsed;
const bytes = [];
const times = [];
const perQuery = new Map();
const samples = [];
let collections = 0;
// `--heap-prof FILE`: a sampling heap profile of the measured rounds (every 4 KB allocated).
const HEAP_PROF = argv.includes('--heap-prof') ? argv[argv.indexOf('--heap-prof') + 1] : undefined;
// `--cpu-prof FILE`: a CPU profile of the measured rounds (sampled every 100 µs).
const CPU_PROF = argv.includes('--cpu-prof') ? argv[argv.indexOf('--cpu-prof') + 1] : undefined;
const inspector = HEAP_PROF || CPU_PROF ? new (await import('node:inspector')).Session() : undefined;
const post = (method, params) => new Promise((resolve, reject) => inspector.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
if (inspector) inspector.connect();
for (let round = 0; round < ROUNDS; round++) {
  if (!inspector) globalThis.gc?.();
  if (CPU_PROF && round === 1) {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 100 });
    await post('Profiler.start');
  }
  if (HEAP_PROF && round === 1)
    await post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: !argv.includes('--survivors'),
    });
  for (const query of queries) {
    let cursor = at;
    for (const typed of [' [@', ...query]) {
      const before = heap();
      const started = performance.now();
      text = text.slice(0, cursor) + typed + text.slice(cursor);
      cursor += typed.length;
      version++;
      const list = argv.includes('--only-parse')
        ? await service.documentLinks({ uri, text, version })
        : await service.completion({ uri, text, version }, positionAt(cursor));
      JSON.stringify({ jsonrpc: '2.0', id: version, result: list });
      const elapsed = performance.now() - started;
      const used = heap() - before;
      if (used < 0) collections++;
      if (round === 0) continue;
      // Every keystroke's time (collections included); bytes only of those without a collection.
      times.push(elapsed);
      samples.push({ elapsed, used, typed: `${query.slice(0, cursor - at - 3)}`, round });
      if (used >= 0) {
        bytes.push(used);
        perQuery.set(query, [...(perQuery.get(query) ?? []), used]);
      }
    }
    text = text.slice(0, at) + text.slice(cursor);
    version++;
  }
}
if (HEAP_PROF) (await import('node:fs')).writeFileSync(HEAP_PROF, JSON.stringify((await post('HeapProfiler.stopSampling')).profile));
if (CPU_PROF) (await import('node:fs')).writeFileSync(CPU_PROF, JSON.stringify((await post('Profiler.stop')).profile));
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const kb = (x) => `${(x / 1024).toFixed(0)} KB`;
console.log(`${COUNT} entries, ${bytes.length} keystrokes measured (${collections} with a collection left out)`);
console.log(
  `allocated per keystroke: median ${kb(quantile(bytes, 0.5))}, mean ${kb(bytes.reduce((a, b) => a + b, 0) / bytes.length)}, p90 ${kb(quantile(bytes, 0.9))}`,
);
console.log(
  `time per keystroke (collections included): median ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms`,
);
for (const [query, xs] of perQuery)
  console.log(`  ${JSON.stringify(query).padEnd(28)} median ${kb(quantile(xs, 0.5))}, max ${kb(Math.max(...xs))}`);
const slowest = samples.sort((a, b) => b.elapsed - a.elapsed).slice(0, 12);
console.log(`slowest: ${slowest.map((s) => `${s.elapsed.toFixed(1)} ms "${s.typed}" (${kb(s.used)}, round ${s.round})`).join(', ')}`);
if (argv.includes('--typed')) {
  const byTyped = new Map();
  for (const s of samples) byTyped.set(s.typed, [...(byTyped.get(s.typed) ?? []), s.elapsed]);
  const rows = [...byTyped].map(([typed, xs]) => [typed, quantile(xs, 0.5)]).sort((a, b) => b[1] - a[1]);
  console.log(
    `median per text typed, slowest: ${rows
      .slice(0, 25)
      .map(([t, ms]) => `"${t}" ${ms.toFixed(2)}`)
      .join(', ')}`,
  );
}
rmSync(dir, { recursive: true, force: true });
