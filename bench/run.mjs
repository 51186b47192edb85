// The benchmark: drives the real language server (dist/server.js --stdio) over LSP JSON-RPC
// as an editor does and times what a writer waits for, from request sent to response read.
// Inputs come from bench/generate.mjs (seeded) and the vendored deep-review manuscript.
//
//   npm run bench                  full run (1k, 10k and 50k libraries), a table on stdout
//   npm run bench -- --quick       fewer repetitions, no 50k library: a smoke run
//   npm run -s bench -- --json     one JSON object on stdout instead of the table
//   node bench/run.mjs --cpu-prof DIR [--only deep,libraries,large,csljson,pandoc] [--sizes 10000]
//                                  servers write CPU profiles (and their phases) into DIR,
//                                  for bench/profile.mjs; --only and --sizes pick scenarios
//   node bench/run.mjs --cpu-times ... the server's CPU time during each library load as well
//
// Progress goes to stderr. It prints numbers and asserts nothing about them: budgets are
// shown as met or not, and the exit code only says whether the run itself worked.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node.js';
import { sizeLabel, writeInputs } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--dist NAME` runs another bundle folder next to dist/ (a copy of an older build, to compare
// before and after in one session); it must sit in the repository root, where the bundle finds references/.
const DIST = process.argv.includes('--dist') ? process.argv[process.argv.indexOf('--dist') + 1] : 'dist';
const SERVER = path.join(ROOT, DIST, 'server.js');
const CLI = path.join(ROOT, DIST, 'cli.js');
const DEEP_REVIEW = path.join(ROOT, 'test', 'fixtures', 'deep-review');

/** Budgets of issue 12: `max` for times and memory, `min` for the speed-up over pandoc. */
const BUDGETS = {
  initialize_ms: { max: 300 },
  open_to_diagnostics_ms_deep_review: { max: 300 },
  first_hover_ms_deep_review: { max: 50 },
  rediagnose_ms_deep_review: { max: 20 },
  completion_p99_ms_10k: { max: 10 },
  completion_p99_ms_50k: { max: 20 },
  hover_p99_ms_10k: { max: 5 },
  load_ms_10k_bibtex: { max: 1000 },
  load_ms_50k_bibtex: { max: 5000 },
  diagnostics_ms_1mb: { max: 250 },
  rss_mb_10k: { max: 250 },
  rss_mb_50k: { max: 600 },
  pandoc_over_citokine: { min: 5 },
};

const argv = process.argv.slice(2);
const option = (name) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const QUICK = argv.includes('--quick');
const JSON_OUTPUT = argv.includes('--json');
const PROFILE_DIR = option('--cpu-prof') ? path.resolve(option('--cpu-prof')) : undefined;
/**
 * `--cpu-times`: also the server's CPU time during each library load (`load_cpu_ms_<n>`, all its
 * threads; `load_cpu_main_ms_<n>`, its main thread) and its main thread's per completion
 * keystroke while typing (`completion_cpu_main_ms_<n>`), from /proc, in 10 ms ticks: less at the
 * mercy of other work on a shared machine than the wall time, which stays the measure.
 */
const CPU_TIMES = argv.includes('--cpu-times');
/** `--per-query`: after each typing run, the slowest keystrokes (query and text typed) on stderr. */
const PER_QUERY = argv.includes('--per-query');
/**
 * `--trace DIR` (diagnostics): each server's keystrokes (sent and read, in the profiles'
 * monotonic µs) go to DIR/<name>.trace.json and its main thread's garbage collections (from
 * bench/gc-log.mjs, preloaded) to DIR/<name>.gc.json; with --cpu-prof, the profiles are named
 * by node per process and thread, so that the main thread's and the render worker's are both
 * kept. bench/stalls.mjs lines them up. What is timed is unchanged.
 */
const TRACE_DIR = option('--trace') ? path.resolve(option('--trace')) : undefined;
const ONLY = new Set((option('--only') ?? 'deep,libraries,large,csljson,pandoc').split(','));
if (TRACE_DIR) mkdirSync(TRACE_DIR, { recursive: true });
const SIZES = option('--sizes')?.split(',').map(Number) ?? (QUICK ? [1000, 10000] : [1000, 10000, 50000]);
/**
 * Repetitions, smaller with --quick. Typing and hovering also stop after a number of seconds
 * (after a whole query, and never before one round), so that a slow 50k library cannot make
 * the run take much longer than a few minutes; the sample counts are reported.
 */
const REPS = QUICK
  ? { coldSessions: 3, edits: 5, completionRounds: 2, typingSeconds: 8, hovers: 60, hoverSeconds: 4, largeEdits: 3, pandoc: 3 }
  : { coldSessions: 5, edits: 12, completionRounds: 4, typingSeconds: 20, hovers: 200, hoverSeconds: 8, largeEdits: 5, pandoc: 5 };

const log = (message) => process.stderr.write(`bench: ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Nearest-rank quantile: the value below which a fraction `q` of the samples lie. */
function quantile(samples, q) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
const median = (samples) => quantile(samples, 0.5);

/**
 * The server's re-check delay after an edit (`TYPING_PAUSE_MS` in lsp/publisher.ts): a
 * re-diagnosis timing less this is the server's own work. Read from the source so that a
 * changed delay is not silently counted as work.
 */
function debounceMs() {
  try {
    const source = readFileSync(path.join(ROOT, 'server', 'src', 'lsp', 'publisher.ts'), 'utf8');
    const match = /TYPING_PAUSE_MS\s*=\s*(\d+)/.exec(source);
    if (match) return Number(match[1]);
  } catch {
    // fall through to the value the server had when this script was written
  }
  log('could not find the re-check delay in server/src/lsp/publisher.ts; assuming 150 ms');
  return 150;
}
const DEBOUNCE_MS = debounceMs();

// ---------------------------------------------------------------------------------------
// A document the driver edits: its text, version, and LSP positions (UTF-16, as JS strings).

class Document {
  constructor(file, text) {
    this.uri = pathToFileURL(file).href;
    this.text = text;
    this.version = 1;
  }

  positionAt(offset) {
    const before = this.text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  }

  openParams() {
    return { textDocument: { uri: this.uri, languageId: 'markdown', version: this.version, text: this.text } };
  }

  /** Applies an edit here and returns the incremental didChange that tells the server. */
  change(start, end, insert) {
    const range = { start: this.positionAt(start), end: this.positionAt(end) };
    this.text = this.text.slice(0, start) + insert + this.text.slice(end);
    this.version++;
    return { textDocument: { uri: this.uri, version: this.version }, contentChanges: [{ range, text: insert }] };
  }
}

/**
 * A performance.now() time in µs of the monotonic clock (CLOCK_MONOTONIC), which the V8
 * profiles of the server processes also use on Linux: the two clocks differ by a constant.
 */
const CLOCK_OFFSET_US = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
const monotonicUs = (ms) => Math.round(ms * 1000 + CLOCK_OFFSET_US);

// ---------------------------------------------------------------------------------------
// One server process and its JSON-RPC connection.

/** Servers still running, killed if the benchmark stops early. */
const running = new Set();

class Server {
  /**
   * Spawns the server; its clock starts here, so that `initialize` is timed from process start.
   * @param {string} name names the CPU profile when profiling
   */
  constructor(name) {
    this.name = name;
    this.phases = [];
    this.keystrokes = [];
    const profiling = PROFILE_DIR
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${PROFILE_DIR}`,
          ...(TRACE_DIR ? [] : [`--cpu-prof-name=${name}.cpuprofile`]),
          '--cpu-prof-interval=250',
        ]
      : [];
    const tracing = TRACE_DIR ? ['--import', pathToFileURL(path.join(ROOT, 'bench', 'gc-log.mjs')).href] : [];
    const env = TRACE_DIR ? { ...process.env, CITOKINE_BENCH_GC_LOG: path.join(TRACE_DIR, `${name}.gc.json`) } : process.env;
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [...profiling, ...tracing, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    running.add(this.child);
    this.stderr = '';
    this.child.stderr.setEncoding('utf8').on('data', (chunk) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        running.delete(this.child);
        this.exitCode = code;
        resolve(code);
      }),
    );
    this.connection = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.child.stdout),
      new rpc.StreamMessageWriter(this.child.stdin),
    );
    /** Every diagnostics notification per URI, with the time it was read. */
    this.published = new Map();
    this.waiters = new Set();
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const at = performance.now();
      const list = this.published.get(params.uri) ?? [];
      list.push({ at, version: params.version, diagnostics: params.diagnostics });
      this.published.set(params.uri, list);
      for (const waiter of [...this.waiters]) waiter();
    });
    // Requests from the server, answered as VS Code does with default settings.
    this.connection.onRequest((method, params) => {
      if (method === 'workspace/configuration') return params.items.map(() => ({}));
      if (method === 'workspace/workspaceFolders') return this.folders ?? null;
      return null;
    });
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  /** Sends `initialize` (then `initialized`) with the workspace folder; records process start to answer. */
  async initialize(folder) {
    const uri = pathToFileURL(folder).href;
    this.folders = [{ uri, name: path.basename(folder) }];
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: this.folders,
      initializationOptions: { settings: {} },
      // What an editor declares for the features measured here; configuration support makes
      // the server pull settings after `initialized`, as it does under VS Code and Neovim.
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          completion: { contextSupport: true, completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
        },
      },
    });
    this.initializeMs = performance.now() - this.spawnedAt;
    await this.connection.sendNotification('initialized', {});
  }

  /** A request and how long its answer took, send to read. */
  async timed(method, params) {
    const start = performance.now();
    const result = await this.connection.sendRequest(method, params);
    const end = performance.now();
    return { result, ms: end - start, end };
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  /** How many diagnostics lists were published for `uri` so far: a mark for `nextDiagnostics`. */
  count(uri) {
    return this.published.get(uri)?.length ?? 0;
  }

  /** The first list published for `uri` after `mark` that satisfies `accept`, with the time it was read. */
  nextDiagnostics(uri, mark, accept = () => true, timeoutMs = 120_000) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = (this.published.get(uri) ?? []).slice(mark).find(accept);
        if (!found) return;
        done();
        resolve(found);
      };
      const fail = (error) => {
        done();
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error(`${this.name}: no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      const onExit = () => fail(new Error(`${this.name}: the server exited (${this.exitCode}); stderr: ${this.stderr}`));
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        this.child.off('exit', onExit);
      };
      this.waiters.add(check);
      this.child.once('exit', onExit);
      check();
    });
  }

  /** A request the server answers without work (hover in a document it does not know): it returns once the server's event loop is free. */
  async ping() {
    return (
      await this.timed('textDocument/hover', {
        textDocument: { uri: 'file:///citokine-bench-ping.md' },
        position: { line: 0, character: 0 },
      })
    ).ms;
  }

  /** Waits for re-checks still scheduled or running to finish, so they do not land in the next timing. */
  async settle(ms = DEBOUNCE_MS + 100) {
    await sleep(ms);
    await this.ping();
  }

  /** Resident and peak memory (MiB) from /proc. */
  memory() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  }

  /** CPU time (ms) the server has used so far: all threads, and its main thread (Linux /proc, 10 ms ticks). */
  cpuTimes() {
    const ticks = (file) => {
      const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    };
    return { all: ticks(`/proc/${this.child.pid}/stat`), main: ticks(`/proc/${this.child.pid}/task/${this.child.pid}/stat`) };
  }

  /** CPU time (ms, 10 ms ticks) of each live thread of the server, by thread id and name (`--cpu-times`, diagnostics). */
  threadTimes() {
    const times = {};
    for (const task of readdirSync(`/proc/${this.child.pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${this.child.pid}/task/${task}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
        times[`${task} ${name}`] = (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        // The thread ended between the listing and the read.
      }
    }
    return times;
  }

  /**
   * Records that a phase ran from `start` to `end` (performance.now() times), so that
   * bench/profile.mjs can cut the CPU profile to it; a phase may have many windows.
   */
  window(name, start, end) {
    this.phases.push({ name, start: monotonicUs(start), end: monotonicUs(end) });
  }

  /** Runs `work` as one window of phase `name`. */
  async phase(name, work) {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.window(name, start, performance.now());
    }
  }

  /** shutdown and exit, as an editor closes; killed if it does not exit (a CPU profile is written only on a clean exit). */
  async shutdown() {
    if (this.exitCode === undefined) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), sleep(5000)]);
        await this.connection.sendNotification('exit');
      } catch {
        // the process is going away anyway
      }
      await Promise.race([this.exited, sleep(PROFILE_DIR ? 30_000 : 5000)]);
      if (this.exitCode === undefined) this.child.kill('SIGKILL');
    }
    this.connection.dispose();
    if (PROFILE_DIR) writeFileSync(path.join(PROFILE_DIR, `${this.name}.phases.json`), `${JSON.stringify(this.phases, null, 1)}\n`);
    if (TRACE_DIR) {
      const trace = { pid: this.child.pid, phases: this.phases, keystrokes: this.keystrokes };
      writeFileSync(path.join(TRACE_DIR, `${this.name}.trace.json`), `${JSON.stringify(trace)}\n`);
    }
  }
}

/** Starts a server, initialises it on `folder`, runs `work` with it, and always shuts it down. */
async function withServer(name, folder, work) {
  const server = new Server(name);
  try {
    await server.phase('initialize', () => server.initialize(folder));
    return await work(server);
  } finally {
    await server.shutdown();
  }
}

// ---------------------------------------------------------------------------------------
// Where to point: citations to hover, a paragraph to edit, a place to type a citation.

const FRONT_MATTER = /^---\n[\s\S]*?\n---\n/;

/** Offsets of citation keys in the body (the character after `@`), as many as `limit`. */
function keyOffsets(text, limit) {
  const body = FRONT_MATTER.exec(text)?.[0].length ?? 0;
  const offsets = [];
  const pattern = /(?<=[[\s;-])@(?=[\p{L}\p{N}_])/gu;
  pattern.lastIndex = body;
  for (let m = pattern.exec(text); m && offsets.length < limit; m = pattern.exec(text)) {
    if (!text.startsWith('@missing', m.index) && !text.startsWith('@fig:', m.index) && !text.startsWith('@tbl:', m.index))
      offsets.push(m.index + 1);
  }
  return offsets;
}

/** The end of a prose line near `fraction` of the text: where a writer adds a sentence or a citation. */
function proseLineEnd(text, fraction) {
  let at = text.indexOf('\n', Math.floor(text.length * fraction));
  for (;;) {
    const start = at + 1;
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end);
    if (line.length > 80 && /^[\p{L}]/u.test(line) && !line.includes('|')) return { start, end };
    at = end;
  }
}

/** Inside the first cell of a table's first body row whose cell holds a few words: where a writer edits a table. */
function tableCell(text) {
  const found = /^\| ?[\p{L}][^|\n]{8,}\|.*\|$/mu.exec(text);
  if (!found) throw new Error('no table row to edit');
  return found.index + 6;
}

// ---------------------------------------------------------------------------------------
// Scenarios. Each adds its numbers to `results`.

/** Once the server is idle, one edit: `didChange` to the diagnostics of that version, less the re-check delay. */
async function rediagnoseAfter(server, document, params, phase) {
  await server.settle();
  const mark = server.count(document.uri);
  const sent = performance.now();
  server.notify('textDocument/didChange', params);
  const published = await server.nextDiagnostics(document.uri, mark, (p) => p.version === document.version);
  server.window(phase, sent, published.at);
  return published.at - sent - DEBOUNCE_MS;
}

/**
 * Fresh servers on the deep-review manuscript: process start to `initialize` answered,
 * didOpen to its diagnostics, the first hover on a key right after them; and in the first
 * session, one-character edits to diagnostics, less the re-check delay.
 */
async function deepReview(results) {
  const file = path.join(DEEP_REVIEW, 'manuscript.md');
  const text = readFileSync(file, 'utf8');
  const initialize = [];
  const open = [];
  const hover = [];
  const rediagnose = [];
  const rediagnoseLineBreak = [];
  const rediagnoseTable = [];
  const stalls = [];
  for (let session = 1; session <= REPS.coldSessions; session++) {
    log(`deep-review: cold session ${session}/${REPS.coldSessions}`);
    await withServer(`deep-review-${session}`, DEEP_REVIEW, async (server) => {
      initialize.push(server.initializeMs);
      const document = new Document(file, text);
      const mark = server.count(document.uri);
      const opened = await server.phase('open', async () => {
        const start = performance.now();
        server.notify('textDocument/didOpen', document.openParams());
        return (await server.nextDiagnostics(document.uri, mark)).at - start;
      });
      open.push(opened);
      const keyAt = keyOffsets(text, 1)[0];
      const answer = await server.phase('first-hover', () =>
        server.timed('textDocument/hover', { textDocument: { uri: document.uri }, position: document.positionAt(keyAt + 2) }),
      );
      if (!answer.result) throw new Error('deep-review: the first hover on a citation key gave nothing');
      hover.push(answer.ms);
      if (session !== 1) return;
      const { start } = proseLineEnd(text, 0.5);
      const at = start + 20;
      for (let edit = 0; edit < REPS.edits; edit++) {
        // Type a character, then delete it: the text stays the deep-review manuscript.
        const params = edit % 2 === 0 ? document.change(at, at, 'x') : document.change(at, at + 1, '');
        rediagnose.push(await rediagnoseAfter(server, document, params, 'rediagnose'));
        stalls.push(await stallAfter(server));
      }
      // Enter typed in a sentence (the space after a word becomes a line break), then the space again.
      const space = text.indexOf(' ', at);
      for (let edit = 0; edit < REPS.edits; edit++) {
        const params = document.change(space, space + 1, edit % 2 === 0 ? '\n' : ' ');
        rediagnoseLineBreak.push(await rediagnoseAfter(server, document, params, 'rediagnose-line-break'));
      }
      // A character typed in a table's cell (a row of the table near the middle), then deleted.
      const cell = tableCell(text);
      for (let edit = 0; edit < REPS.edits; edit++) {
        const params = edit % 2 === 0 ? document.change(cell, cell, 'x') : document.change(cell, cell + 1, '');
        rediagnoseTable.push(await rediagnoseAfter(server, document, params, 'rediagnose-table'));
      }
    });
  }
  results.initialize_ms = median(initialize);
  results.open_to_diagnostics_ms_deep_review = median(open);
  results.first_hover_ms_deep_review = median(hover);
  results.rediagnose_ms_deep_review = median(rediagnose);
  results.rediagnose_line_break_ms_deep_review = median(rediagnoseLineBreak);
  results.rediagnose_table_ms_deep_review = median(rediagnoseTable);
  results.stall_after_diagnostics_ms_deep_review = median(stalls);
}

/** What a writer types after `[@`: keys (a real one, typed in full), names with and without accents, Chinese names and title words, title words, a DOI. */
function typedQueries(keys) {
  return [
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
}

/**
 * Types each query after a new `[@` in the middle of the manuscript, one character per
 * didChange, asking for completion after each as an editor does; `paceMs` waits between
 * keystrokes (a writer's speed, so that the server's re-checks run between them).
 */
async function typeCitations(server, document, queries, rounds, paceMs = 0) {
  const { end: at } = proseLineEnd(document.text, 0.6);
  const times = [];
  const samples = [];
  let first;
  let empty = 0;
  const deadline = performance.now() + REPS.typingSeconds * 1000;
  for (let r = 0; r < rounds && (r === 0 || performance.now() < deadline); r++) {
    for (const query of queries) {
      if (r > 0 && performance.now() > deadline) break;
      let cursor = at;
      const keystrokes = [' [@', ...query];
      for (const [i, typed] of keystrokes.entries()) {
        const params = document.change(cursor, cursor, typed);
        cursor += typed.length;
        const position = document.positionAt(cursor);
        server.notify('textDocument/didChange', params);
        const context = i === 0 ? { triggerKind: 2, triggerCharacter: '@' } : { triggerKind: 3 };
        const { result, ms, end } = await server.timed('textDocument/completion', {
          textDocument: { uri: document.uri },
          position,
          context,
        });
        if (TRACE_DIR) server.keystrokes.push({ query, typed, sent: monotonicUs(end - ms), read: monotonicUs(end), ms });
        if (!result || result.items.length === 0) empty++;
        if (first === undefined) first = ms;
        else {
          times.push(ms);
          samples.push({ ms, query, typed: keystrokes.slice(1, i + 1).join(''), at: samples.length });
        }
        if (paceMs) await sleep(paceMs);
      }
      server.notify('textDocument/didChange', document.change(at, cursor, ''));
    }
  }
  if (empty === times.length + 1) throw new Error('completion never gave an item');
  if (PER_QUERY) logSlowest(samples);
  return { first, times };
}

/** The slowest keystrokes of a typing run, and each query's median and worst. */
function logSlowest(samples) {
  const slowest = [...samples].sort((a, b) => b.ms - a.ms).slice(0, 15);
  log(`slowest completions: ${slowest.map((s) => `${round(s.ms)} ms "${s.typed}" (#${s.at})`).join(', ')}`);
  const byQuery = new Map();
  for (const s of samples) byQuery.set(s.query, [...(byQuery.get(s.query) ?? []), s.ms]);
  for (const [query, ms] of byQuery) {
    log(`  "${query}": ${ms.length} requests, median ${round(median(ms))} ms, max ${round(Math.max(...ms))} ms`);
  }
}

/**
 * Per library size: a fresh server opens a 40 KB manuscript naming the BibTeX library;
 * load time (didOpen to the first diagnostics in which the first citation resolves), a
 * completion sent meanwhile, memory once loaded, then completion while typing and hovers.
 * With the 10k library (or the largest), also the 100 KB and 1 MB manuscripts' checks.
 */
async function libraries(results, inputs) {
  const largeSize = SIZES.includes(10000) ? 10000 : SIZES.at(-1);
  for (const size of SIZES) {
    const label = sizeLabel(size);
    const library = inputs.libraries[size];
    if (ONLY.has('libraries') || (ONLY.has('large') && size === largeSize)) {
      log(`library ${label}: load, memory, completion, hover`);
      await withServer(`library-${label}`, path.dirname(library.paper), async (server) => {
        const document = new Document(library.paper, readFileSync(library.paper, 'utf8'));
        const cpuBefore = CPU_TIMES ? server.cpuTimes() : undefined;
        const threadsBefore = CPU_TIMES ? server.threadTimes() : undefined;
        const load = await server.phase('load', () => loadLibrary(server, document, library.firstKey));
        results[`load_ms_${label}_bibtex`] = load.ms;
        if (cpuBefore) {
          const cpuAfter = server.cpuTimes();
          results[`load_cpu_ms_${label}`] = cpuAfter.all - cpuBefore.all;
          results[`load_cpu_main_ms_${label}`] = cpuAfter.main - cpuBefore.main;
          const threadsAfter = server.threadTimes();
          const threads = Object.entries(threadsAfter).map(([thread, ms]) => `${thread}: ${ms - (threadsBefore[thread] ?? 0)}`);
          log(`  load CPU per thread (ms): ${threads.join(', ')}`);
        }
        results[`completion_during_load_ms_${label}`] = load.completionMs;
        await server.settle();
        const memory = server.memory();
        results[`rss_mb_${label}`] = memory.rss;
        results[`rss_peak_mb_${label}`] = memory.peak;
        if (ONLY.has('libraries')) {
          const typingCpu = CPU_TIMES ? server.cpuTimes() : undefined;
          const typing = await server.phase('completion', () =>
            typeCitations(server, document, typedQueries(library.keys), REPS.completionRounds),
          );
          // The main thread's CPU time per keystroke while typing (all its work, collections included).
          if (typingCpu) results[`completion_cpu_main_ms_${label}`] = (server.cpuTimes().main - typingCpu.main) / (typing.times.length + 1);
          results[`first_completion_ms_${label}`] = typing.first;
          results[`completion_p50_ms_${label}`] = quantile(typing.times, 0.5);
          results[`completion_p99_ms_${label}`] = quantile(typing.times, 0.99);
          results[`completion_samples_${label}`] = typing.times.length;
          if (size === 10000 && !QUICK) {
            await server.settle();
            const paced = await server.phase('completion-paced', () =>
              typeCitations(server, document, typedQueries(library.keys).slice(0, 6), 1, DEBOUNCE_MS + 20),
            );
            results.completion_paced_p99_ms_10k = quantile([paced.first, ...paced.times], 0.99);
          }
          await server.settle();
          const hovers = await server.phase('hover', () => hoverKeys(server, document));
          results[`hover_p50_ms_${label}`] = quantile(hovers, 0.5);
          results[`hover_p99_ms_${label}`] = quantile(hovers, 0.99);
          results[`hover_samples_${label}`] = hovers.length;
        }
        if (ONLY.has('large') && size === largeSize) {
          for (const [name, manuscript] of Object.entries(inputs.large)) await largeManuscript(server, name, manuscript.path, results);
        }
      });
    }
    if (ONLY.has('csljson')) {
      log(`library ${label}: CSL-JSON load`);
      await withServer(`library-${label}-csljson`, path.dirname(library.cslPaper), async (server) => {
        const document = new Document(library.cslPaper, readFileSync(library.cslPaper, 'utf8'));
        results[`load_ms_${label}_csljson`] = (await server.phase('load', () => loadLibrary(server, document, library.firstKey))).ms;
      });
    }
  }
}

/** Opens `document` and times it until its first citation (of `firstKey`) resolves, with a completion request sent while the library loads. */
async function loadLibrary(server, document, firstKey) {
  const citation = document.text.indexOf(`[@${firstKey}]`);
  const line = document.positionAt(citation).line;
  const resolved = (p) => !p.diagnostics.some((d) => d.code === 'citation.unknown-key' && d.range.start.line === line);
  const mark = server.count(document.uri);
  const start = performance.now();
  server.notify('textDocument/didOpen', document.openParams());
  await sleep(20);
  const completion = server.timed('textDocument/completion', {
    textDocument: { uri: document.uri },
    position: document.positionAt(citation + 4),
    context: { triggerKind: 1 },
  });
  const published = await server.nextDiagnostics(document.uri, mark, resolved);
  const answered = await completion;
  // An empty list is an answer while the library loads, if it says more will come (incomplete).
  if (!answered.result || (answered.result.items.length === 0 && !answered.result.isIncomplete))
    throw new Error('the completion sent during the load gave nothing');
  return { ms: published.at - start, completionMs: answered.ms };
}

/** Hovers over citation keys of the document, one after another; the first (citeproc's warm-up) is not counted. */
async function hoverKeys(server, document) {
  const offsets = keyOffsets(document.text, REPS.hovers + 1);
  const times = [];
  const deadline = performance.now() + REPS.hoverSeconds * 1000;
  for (const [i, offset] of offsets.entries()) {
    if (times.length >= 20 && performance.now() > deadline) break;
    const { result, ms } = await server.timed('textDocument/hover', {
      textDocument: { uri: document.uri },
      position: document.positionAt(offset + 1),
    });
    if (!result) throw new Error(`no hover at ${JSON.stringify(document.positionAt(offset + 1))}`);
    if (i > 0) times.push(ms);
  }
  return times;
}

/** A large manuscript: didOpen to diagnostics, then one-character edits; the first edit warms up, the later ones are the warm full check. */
async function largeManuscript(server, name, file, results) {
  log(`manuscript ${name}: open and edits`);
  const document = new Document(file, readFileSync(file, 'utf8'));
  let mark = server.count(document.uri);
  const start = performance.now();
  server.notify('textDocument/didOpen', document.openParams());
  const opened = await server.nextDiagnostics(document.uri, mark);
  server.window(`open-${name}`, start, opened.at);
  results[`open_to_diagnostics_ms_${name}`] = opened.at - start;
  const { start: lineStart } = proseLineEnd(document.text, 0.5);
  const times = [];
  const stalls = [];
  for (let edit = 0; edit <= REPS.largeEdits; edit++) {
    await server.settle();
    const params =
      edit % 2 === 0 ? document.change(lineStart + 10, lineStart + 10, 'x') : document.change(lineStart + 10, lineStart + 11, '');
    mark = server.count(document.uri);
    const sent = performance.now();
    server.notify('textDocument/didChange', params);
    const published = await server.nextDiagnostics(document.uri, mark, (p) => p.version === document.version);
    const stall = await stallAfter(server);
    if (edit === 0) continue;
    server.window(`edit-${name}`, sent, published.at);
    times.push(published.at - sent - DEBOUNCE_MS);
    stalls.push(stall);
  }
  results[`diagnostics_ms_${name}`] = median(times);
  results[`stall_after_diagnostics_ms_${name}`] = median(stalls);
  server.notify('textDocument/didClose', { textDocument: { uri: document.uri } });
}

/**
 * The longest a request waits in the `ms` after diagnostics are published (requests sent
 * one after another): the work a check still does once its result is out (the diagnostics
 * of the bibliography files), which a completion typed then would wait behind.
 */
async function stallAfter(server, ms = 400) {
  const until = performance.now() + ms;
  let longest = 0;
  while (performance.now() < until) longest = Math.max(longest, await server.ping());
  return longest;
}

/** Wall time of pandoc --citeproc and of `citokine check` on deep-review, interleaved so that machine noise hits both alike. */
function pandocVersusCli(results) {
  const pandocArgs = ['--citeproc', '-f', 'markdown', '-t', 'html', 'manuscript.md', '-o', '/dev/null'];
  if (spawnSync('pandoc', ['--version']).error) {
    log('pandoc is not installed: pandoc_over_citokine not measured');
    return;
  }
  const pandoc = [];
  const cli = [];
  const time = (command, args, accept) => {
    const start = performance.now();
    const run = spawnSync(command, args, { cwd: DEEP_REVIEW, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    const ms = performance.now() - start;
    if (!accept(run.status)) throw new Error(`${command} ${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
    return ms;
  };
  for (let i = 0; i < REPS.pandoc; i++) {
    log(`pandoc and citokine check, run ${i + 1}/${REPS.pandoc}`);
    pandoc.push(time('pandoc', pandocArgs, (status) => status === 0));
    // `citokine check` exits 1 when a finding is an error (deep-review cites unknown keys).
    cli.push(time(process.execPath, [CLI, 'check', 'manuscript.md'], (status) => status === 0 || status === 1));
  }
  results.pandoc_ms = median(pandoc);
  results.citokine_check_ms = median(cli);
  results.pandoc_over_citokine = median(pandoc) / median(cli);
}

// ---------------------------------------------------------------------------------------
// Report.

/** Keys in the order of the table; `{n}` stands for each library size. */
const ORDER = [
  'initialize_ms',
  'open_to_diagnostics_ms_deep_review',
  'first_hover_ms_deep_review',
  'rediagnose_ms_deep_review',
  'rediagnose_line_break_ms_deep_review',
  'rediagnose_table_ms_deep_review',
  'stall_after_diagnostics_ms_deep_review',
  'load_ms_{n}_bibtex',
  'load_ms_{n}_csljson',
  'completion_during_load_ms_{n}',
  'rss_mb_{n}',
  'rss_peak_mb_{n}',
  'first_completion_ms_{n}',
  'completion_p50_ms_{n}',
  'completion_p99_ms_{n}',
  'completion_samples_{n}',
  'completion_paced_p99_ms_10k',
  'hover_p50_ms_{n}',
  'hover_p99_ms_{n}',
  'hover_samples_{n}',
  'open_to_diagnostics_ms_100kb',
  'diagnostics_ms_100kb',
  'stall_after_diagnostics_ms_100kb',
  'open_to_diagnostics_ms_1mb',
  'diagnostics_ms_1mb',
  'stall_after_diagnostics_ms_1mb',
  'pandoc_ms',
  'citokine_check_ms',
  'pandoc_over_citokine',
];

function orderedKeys(results) {
  const keys = ORDER.flatMap((k) => (k.includes('{n}') ? SIZES.map((n) => k.replace('{n}', sizeLabel(n))) : [k])).filter(
    (k) => k in results,
  );
  return [...keys, ...Object.keys(results).filter((k) => !keys.includes(k))];
}

function verdict(key, value) {
  const budget = BUDGETS[key];
  if (!budget) return undefined;
  return budget.max !== undefined ? value <= budget.max : value >= budget.min;
}

/** The machine, and its load average when the run began and ended: other work on a 2-core machine shows in every number. */
function machine() {
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memory_gb: round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadavg_start: LOAD_AT_START.map((x) => round(x, 2)),
    loadavg_end: os.loadavg().map((x) => round(x, 2)),
  };
}
const LOAD_AT_START = os.loadavg();

function printTable(results) {
  const rows = orderedKeys(results).map((key) => {
    const value = results[key];
    const budget = BUDGETS[key];
    const met = verdict(key, value);
    return [
      key,
      String(key.includes('_samples_') ? value : round(value, key === 'pandoc_over_citokine' ? 2 : 1)),
      budget ? (budget.max !== undefined ? `≤ ${budget.max}` : `≥ ${budget.min}`) : '',
      met === undefined ? '' : met ? 'yes' : 'NO',
    ];
  });
  const header = ['key', 'value', 'budget', 'met?'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const m = machine();
  console.log(
    `Citokine benchmark${QUICK ? ' (--quick)' : ''}: ${m.nproc} cores (${m.cpu}), Node ${m.node}, load average ${m.loadavg_start[0]} at start and ${m.loadavg_end[0]} at end`,
  );
  console.log(
    `Times in ms (medians; p50/p99 where named), memory in MiB; the server's ${DEBOUNCE_MS} ms re-check delay is subtracted from re-diagnosis times.`,
  );
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------------------

const workDir = mkdtempSync(path.join(os.tmpdir(), 'citokine-bench-'));
const cleanUp = () => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
};
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

async function main() {
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  const started = performance.now();
  const results = {};
  let inputs;
  if (ONLY.has('libraries') || ONLY.has('large') || ONLY.has('csljson')) {
    log(`generating inputs (${SIZES.map(sizeLabel).join(', ')}) in ${workDir}`);
    inputs = writeInputs(workDir, { sizes: SIZES });
  }
  if (ONLY.has('deep')) await deepReview(results);
  if (inputs) await libraries(results, inputs);
  if (ONLY.has('pandoc')) pandocVersusCli(results);
  log(`done in ${round((performance.now() - started) / 1000)} s`);
  if (JSON_OUTPUT) {
    const rounded = Object.fromEntries(orderedKeys(results).map((k) => [k, round(results[k], 2)]));
    const budgets = Object.fromEntries(
      Object.entries(BUDGETS)
        .filter(([k]) => k in results)
        .map(([k, b]) => [k, { ...b, met: verdict(k, results[k]) }]),
    );
    console.log(JSON.stringify({ machine: machine(), quick: QUICK, debounce_ms: DEBOUNCE_MS, results: rounded, budgets }, null, 2));
  } else printTable(results);
}

main().catch((error) => {
  console.error(`bench: failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
});
