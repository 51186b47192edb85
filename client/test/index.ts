/**
 * Entry point of the extension-host test suite. VS Code loads this module in the extension
 * host (desktop Electron via @vscode/test-electron, or the remote extension host of a VS Code
 * server via e2e/run-vscode-server.mjs) and calls `run()`; the tests then use the real
 * `vscode` API against the fixture workspace e2e/fixtures/workspace (the runner opens a
 * temporary copy of it, so the repository's files never change).
 *
 * Results go to a JSON file as well as to the console, because the console of a remote
 * extension host is not something a runner can read reliably: the runner passes the path in
 * CITOKINE_TEST_REPORT through the server's environment, which the extension host inherits.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** One finished test, as written to the report file. */
export interface TestRecord {
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'pending';
  readonly durationMs: number;
  readonly error?: string;
}

/** The report file's shape; `done` is false while the suite is still running. */
export interface TestReport {
  readonly done: boolean;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly tests: readonly TestRecord[];
  /** An error outside any test (loading a test file, a crashed hook). */
  readonly fatal?: string;
}

function reportPath(): string {
  return process.env.CITOKINE_TEST_REPORT || path.join(__dirname, 'citokine-test-report.json');
}

function writeReport(report: TestReport): void {
  const file = reportPath();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename, so a runner polling the file never reads half a report.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(report, null, 2));
  fs.renameSync(tmp, file);
}

function fullTitle(test: Mocha.Runnable): string {
  return test.titlePath().join(' › ');
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    // Each test polls its own condition with its own deadline; this is only the backstop.
    timeout: Number(process.env.CITOKINE_TEST_TIMEOUT_MS || 90_000),
    grep: process.env.CITOKINE_TEST_GREP || undefined,
  });
  const suiteDir = path.join(__dirname, 'suite');
  for (const file of fs.readdirSync(suiteDir).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(suiteDir, file));
  }

  const startedAt = new Date().toISOString();
  const tests: TestRecord[] = [];
  const counts = () => ({
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: tests.filter((t) => t.state === 'failed').length,
    pending: tests.filter((t) => t.state === 'pending').length,
  });
  writeReport({ done: false, startedAt, ...counts(), tests });

  return new Promise<void>((resolve, reject) => {
    const finish = (fatal?: string) => {
      const c = counts();
      writeReport({ done: true, startedAt, finishedAt: new Date().toISOString(), ...c, tests, fatal });
      if (fatal) reject(new Error(fatal));
      else if (c.failed > 0) reject(new Error(`${c.failed} test(s) failed`));
      else if (c.passed === 0) reject(new Error('no test ran'));
      else resolve();
    };
    try {
      const runner = mocha.run(() => finish());
      runner.on('pass', (test) => {
        tests.push({ title: fullTitle(test), state: 'passed', durationMs: test.duration ?? 0 });
        writeReport({ done: false, startedAt, ...counts(), tests });
      });
      runner.on('fail', (test, err: Error) => {
        tests.push({
          title: fullTitle(test),
          state: 'failed',
          durationMs: test.duration ?? 0,
          error: err?.stack || err?.message || String(err),
        });
        writeReport({ done: false, startedAt, ...counts(), tests });
      });
      runner.on('pending', (test) => {
        tests.push({ title: fullTitle(test), state: 'pending', durationMs: 0 });
      });
    } catch (err) {
      finish(err instanceof Error ? err.stack || err.message : String(err));
    }
  });
}
