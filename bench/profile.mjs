// Summarises a V8 CPU profile (node --cpu-prof) of the bundled server or CLI: the functions
// with the most self time, the source modules they come from, and Citokine's own functions
// by total time (with what they call). The bundle (dist/*.js) is not minified and esbuild
// marks each module with a `// path` comment, so a bundle line maps back to its file.
//
//   node bench/profile.mjs FILE.cpuprofile... [--phase NAME[,NAME]] [--top N]
//
// Several files are added up (the cold sessions of one scenario, for instance). `--phase`
// keeps the samples of the phases bench/run.mjs recorded in each file's .phases.json, in µs
// of the monotonic clock that the profile's own timestamps use.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const option = (name) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const files = argv.filter((a) => a.endsWith('.cpuprofile'));
if (files.length === 0) {
  console.error('usage: node bench/profile.mjs FILE.cpuprofile... [--phase NAME[,NAME]] [--top N]');
  process.exit(2);
}
const TOP = Number(option('--top') ?? 15);

/** Sample windows of `file` (monotonic µs, as the profile's timestamps) to keep, or undefined for all. */
function windows(file) {
  const names = option('--phase')?.split(',');
  if (!names) return undefined;
  const phasesFile = file.replace(/\.cpuprofile$/, '.phases.json');
  if (!existsSync(phasesFile)) throw new Error(`--phase needs ${phasesFile}`);
  const phases = JSON.parse(readFileSync(phasesFile, 'utf8')).filter((p) => names.includes(p.name));
  if (phases.length === 0) throw new Error(`no phase named ${names.join(' or ')} in ${phasesFile}`);
  return phases.map((p) => [p.start, p.end]);
}

/** For a bundle, its module start lines: `// server/src/core/x.ts` or `// node_modules/pkg/...`. */
const bundles = new Map();
function moduleOf(url, line) {
  if (!url) return '';
  if (!url.startsWith('file://') || !/\/dist\/[^/]+\.js$/.test(url)) return url.replace(/^file:\/\//, '').replace(/^node:/, 'node:');
  let starts = bundles.get(url);
  if (!starts) {
    starts = [];
    readFileSync(fileURLToPath(url), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (/^\/\/ (server|client|node_modules|scripts|styles)\//.test(text)) starts.push([i, text.slice(3)]);
      });
    bundles.set(url, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  let found = '(bundle prelude)';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid][0] <= line) {
      found = starts[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Group a package's files under the package: node_modules/citeproc/citeproc_commonjs.js -> citeproc.
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(found);
  return pkg ? `${pkg[1]} (${found.slice(pkg[0].length + 1)})` : found;
}

const self = new Map();
const inclusive = new Map();
const modules = new Map();
let busy = 0;
let idle = 0;

const label = (n) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const name = functionName || '(anonymous)';
  if (!url) return { name, where: '' };
  return {
    name,
    where: `${moduleOf(url, lineNumber)}${url.includes('/dist/') ? ` @${url.split('/').pop()}:${lineNumber + 1}` : `:${lineNumber + 1}`}`,
  };
};
/**
 * Functions whose total time is worth listing: Citokine's own, and loading the bundle
 * (esbuild names each package module's wrapper after its path, so its total is that
 * module's start-up cost, with the modules it requires).
 */
const listed = (l) =>
  l.where.startsWith('server/src/') ||
  l.where.startsWith('(bundle prelude)') ||
  l.name === 'wrapSafe' ||
  l.name.startsWith('node_modules/');

/** Adds one profile's samples (within its phases, when asked) to the tables. */
function addProfile(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const keep = windows(file);
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    // A sample stands for the time until the next one.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (keep && !keep.some(([a, b]) => time >= a && time <= b)) continue;
    const node = nodes.get(profile.samples[i]);
    if (node.callFrame.functionName === '(idle)') {
      idle += dt;
      continue;
    }
    busy += dt;
    const { name, where } = label(node);
    const key = `${name}\t${where}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const module = where ? where.replace(/ @.*$|:\d+$/, '').replace(/ \(.*\)$/, '') : name;
    modules.set(module, (modules.get(module) ?? 0) + dt);
    // Total time: each function once per sample, however deep it recurses.
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const l = label(nodes.get(id));
      if (!listed(l)) continue;
      const k = `${l.name}\t${l.where}`;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  }
}
files.forEach(addProfile);

const ms = (us) => (us / 1000).toFixed(1).padStart(8);
const pct = (us) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
const top = (map) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP);

console.log(
  `${files.join(' + ')}${option('--phase') ? ` (phases ${option('--phase')})` : ''}: ${(busy / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle`,
);
console.log('\nSelf time by function:');
for (const [key, us] of top(self)) {
  const [name, where] = key.split('\t');
  console.log(`${ms(us)} ms ${pct(us)}  ${name}  ${where}`);
}
console.log('\nSelf time by module:');
for (const [module, us] of top(modules)) console.log(`${ms(us)} ms ${pct(us)}  ${module}`);
console.log('\nTotal time (with callees) of server/src functions and module loading:');
for (const [key, us] of top(inclusive)) {
  const [name, where] = key.split('\t');
  console.log(`${ms(us)} ms ${pct(us)}  ${name}  ${where}`);
}
