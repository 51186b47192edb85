// Process hygiene and reporting shared by the real-editor runners: every process a runner
// starts runs in its own process group and is stopped (the whole group) on every exit path,
// including errors, timeouts and Ctrl-C.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'e2e', 'fixtures', 'workspace');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

/** Debian's Chromium; Playwright may not download a browser of its own here. */
export const CHROMIUM_PATH = process.env.CITOKINE_CHROMIUM || '/usr/bin/chromium';
/** Flags that keep Chromium off the (closed) network and quiet as root in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const cleanups = [];
let cleaning;

/** Registers `fn` to run (last registered first) when the runner finishes or is interrupted. */
export function onCleanup(fn) {
  cleanups.push(fn);
}

/** Runs every cleanup once; safe to call several times. */
export function cleanup() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try {
        await fn();
      } catch (err) {
        console.error(`cleanup: ${err instanceof Error ? err.message : err}`);
      }
    }
  })();
  return cleaning;
}

/**
 * Runs a runner's `main`, records an error as a failed check (calling `onFailure`, e.g. to
 * print logs, unless a signal stopped the run), stops everything started, prints the totals
 * and exits with the result's code.
 */
export async function runSuite(results, main, { onFailure } = {}) {
  try {
    await main();
  } catch (err) {
    results.fail('run', interrupted ? 'interrupted' : err);
    if (!interrupted) onFailure?.();
  } finally {
    await cleanup();
  }
  process.exit(results.finish());
}

/** Set when a signal stopped the run: errors after it are its echo, not findings. */
export let interrupted = false;

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping everything this runner started`);
    cleanup().finally(() => process.exit(130));
  });
}

/** A fresh temporary folder, removed at cleanup unless CITOKINE_KEEP_TMP is set. */
export function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `citokine-${prefix}-`));
  onCleanup(() => {
    if (process.env.CITOKINE_KEEP_TMP) console.log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/**
 * A fresh copy of a fixture workspace, for one run: the editors under test open, type into
 * and may save files there, never in the repository. The copy is a folder named like the
 * source (`workspace`, as the explorer shows it) inside a temporary folder that cleanup
 * removes with it.
 */
export function workspaceCopy(source = FIXTURE_WORKSPACE, prefix = 'workspace') {
  const from = path.resolve(source);
  if (!fs.statSync(from, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${from} is not a folder`);
  const dir = path.join(tempDir(prefix), path.basename(from));
  fs.cpSync(from, dir, { recursive: true });
  return dir;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Signals a whole process group; ignores a group that is already gone. */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops the process group led by `pid`: SIGTERM, then SIGKILL after `graceMs` if anything in
 * the group is still there.
 */
export async function killGroup(pid, graceMs = 3000) {
  if (!pid) return;
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    // signal 0 to the group tells whether any member is left.
    if (!signalGroup(pid, 0)) return;
    await sleep(100);
  }
  signalGroup(pid, 'SIGKILL');
  const hardDeadline = Date.now() + 2000;
  while (signalGroup(pid, 0) && Date.now() < hardDeadline) await sleep(50);
}

/**
 * Starts `cmd` in its own process group with output appended to `logFile`, and registers
 * a cleanup that stops the group. Returns the ChildProcess with `exited` (a promise).
 */
export function spawnGroup(name, cmd, args, { cwd = REPO_ROOT, env = process.env, logFile } = {}) {
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', out, out] });
  if (typeof out === 'number') fs.closeSync(out);
  child.exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
    child.on('error', (error) => resolve({ code: null, signal: null, error }));
  });
  onCleanup(async () => {
    await killGroup(child.pid);
  });
  child.name = name;
  return child;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something other than undefined, or throws after `timeoutMs`. */
export async function waitUntil(what, probe, timeoutMs, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (${lastError.message ?? lastError})` : ''}`);
    }
    await sleep(intervalMs);
  }
}

/** Waits until `url` answers HTTP (any status below 500), failing early if `child` exits. */
export async function waitForHttp(url, child, timeoutMs = 60_000) {
  let exited;
  child?.exited.then((info) => (exited = info));
  return waitUntil(
    `${url} to answer`,
    async () => {
      if (exited) throw Object.assign(new Error(`${child.name} exited early (${exited.code ?? exited.signal})`), { fatal: true });
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
      return res && res.status < 500 ? res.status : undefined;
    },
    timeoutMs,
  ).catch((err) => {
    throw exited ? new Error(`${child.name} exited early (${exited.code ?? exited.signal})`) : err;
  });
}

/** The last `n` lines of a file, or '' when it does not exist. */
export function tail(file, n = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '';
  }
}

/**
 * Collects named checks and prints the closing line `N passed, N failed` that CI reads.
 * `failed` also counts errors outside any check (a crash, a timeout) so they cannot pass.
 */
export class Results {
  constructor(suiteName) {
    this.suiteName = suiteName;
    this.passed = 0;
    this.failed = 0;
    this.skipped = 0;
    this.started = Date.now();
  }

  pass(title, detail = '') {
    this.passed++;
    console.log(`  ✔ ${title}${detail ? ` (${detail})` : ''}`);
  }

  fail(title, error) {
    this.failed++;
    const message = error instanceof Error ? error.message : String(error);
    console.log(`  ✘ ${title}\n      ${message.split('\n').join('\n      ')}`);
  }

  skip(title, reason = '') {
    this.skipped++;
    console.log(`  - ${title} (skipped${reason ? `: ${reason}` : ''})`);
  }

  /** Runs one named check; a thrown error is a failure, with its message. */
  async check(title, fn) {
    const started = Date.now();
    try {
      await fn();
      this.pass(title, `${Date.now() - started} ms`);
    } catch (err) {
      this.fail(title, err);
      // e.g. a screenshot of the page at the moment of failure.
      if (this.onFailure) await this.onFailure(title, this.failed).catch(() => {});
    }
  }

  /** Prints the summary; returns the exit code (1 on any failure or when nothing ran). */
  finish() {
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    console.log(`\n${this.suiteName}: ${seconds} s`);
    if (this.passed + this.failed === 0) {
      console.log(`${this.suiteName}: no test ran`);
      this.failed = Math.max(this.failed, 1);
    }
    console.log(`${this.passed} passed, ${this.failed} failed${this.skipped ? `, ${this.skipped} skipped` : ''}`);
    return this.failed > 0 || this.passed === 0 ? 1 : 0;
  }
}

/** Parses `--name value` and `--flag` options. */
export function parseArgs(argv, defaults) {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const key = arg.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in defaults)) throw new Error(`unknown option ${arg}; known: ${Object.keys(defaults).join(', ')}`);
    if (typeof defaults[key] === 'boolean') options[key] = true;
    else options[key] = argv[++i];
  }
  return options;
}
