// Lines up each slow keystroke of a `bench/run.mjs --trace DIR [--cpu-prof DIR]` run with what
// the server's main thread did between the request's send and its answer being read: garbage
// collections (DIR/<name>.gc.json) and, with a CPU profile of the main thread, its self time
// by function in that window and in the window before it (since the previous answer).
//
//   node bench/stalls.mjs DIR/library-10k.trace.json [MAIN.cpuprofile] [--top N] [--all]
import { existsSync, readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const option = (name) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const traceFile = argv.find((a) => a.endsWith('.trace.json'));
const profileFile = argv.find((a) => a.endsWith('.cpuprofile'));
const TOP = Number(option('--top') ?? 12);
const trace = JSON.parse(readFileSync(traceFile, 'utf8'));
const gcFile = traceFile.replace(/\.trace\.json$/, '.gc.json');
const gcs = existsSync(gcFile) ? JSON.parse(readFileSync(gcFile, 'utf8')).gc : [];

/** Samples of the profile as [time µs, duration µs, node]. */
let samples = [];
let nodes;
let parent;
if (profileFile) {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
  nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i];
    samples.push([time, profile.timeDeltas[i + 1] ?? 0, nodes.get(profile.samples[i])]);
  }
}
const name = (n) => `${n.callFrame.functionName || '(anonymous)'}:${n.callFrame.lineNumber + 1}`;
/** The innermost frame of a sample that is Citokine's or a package's, not a builtin. */
function owner(n) {
  for (let id = n.id; id !== undefined; id = parent.get(id)) {
    const f = nodes.get(id).callFrame;
    if (f.url.includes('/dist/')) return name(nodes.get(id));
  }
  return '-';
}
function busyIn(a, b) {
  const self = new Map();
  const by = new Map();
  let busy = 0;
  let gaps = 0;
  for (const [t, dt, n] of samples) {
    if (t < a || t > b || n.callFrame.functionName === '(idle)') continue;
    busy += dt;
    // The profiler samples every 250 µs: a longer gap is time the thread did not run (descheduled) or a sample missed.
    if (dt > 2000) gaps += dt;
    const k = name(n);
    self.set(k, (self.get(k) ?? 0) + dt);
    const o = owner(n);
    by.set(o, (by.get(o) ?? 0) + dt);
  }
  const top = (m) =>
    [...m]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 6)
      .map(([k, us]) => `${k} ${(us / 1000).toFixed(1)}`)
      .join(', ');
  return { busy, gaps, self: top(self), by: top(by) };
}
function gcIn(a, b) {
  let total = 0;
  const kinds = [];
  for (const g of gcs) {
    const overlap = Math.min(b, g.end) - Math.max(a, g.start);
    if (overlap > 0) {
      total += overlap;
      kinds.push(`${g.kind} ${((g.end - g.start) / 1000).toFixed(1)}`);
    }
  }
  return { total, kinds };
}

const strokes = trace.keystrokes.map((k, i) => ({ ...k, i, before: i > 0 ? trace.keystrokes[i - 1].read : k.sent - 50_000 }));
const all = argv.includes('--all');
const chosen = all ? strokes : [...strokes].sort((a, b) => b.ms - a.ms).slice(0, TOP);
const ms = (us) => (us / 1000).toFixed(1);
let gcTotal = 0;
for (const g of gcs) gcTotal += g.end - g.start;
const first = strokes[0]?.sent ?? 0;
const last = strokes.at(-1)?.read ?? 0;
const typingGc = gcIn(first, last);
console.log(
  `${strokes.length} keystrokes; GC in typing ${ms(typingGc.total)} ms over ${typingGc.kinds.length} collections; all GC ${ms(gcTotal)} ms`,
);
for (const k of chosen) {
  const gc = gcIn(k.sent, k.read);
  let line = `#${k.i} ${k.ms.toFixed(1)} ms "${k.query}" +"${k.typed}" @${ms(k.sent - first)}: GC ${ms(gc.total)} [${gc.kinds.join(', ')}]`;
  if (profileFile) {
    const during = busyIn(k.sent, k.read);
    const before = busyIn(k.before, k.sent);
    line += `\n    busy ${ms(during.busy)} (in samples > 2 ms: ${ms(during.gaps)}): ${during.by}\n    self: ${during.self}\n    before (${ms(k.sent - k.before)} ms idle gap) busy ${ms(before.busy)}: ${before.by}`;
  }
  console.log(line);
}
