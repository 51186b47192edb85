/**
 * The CLI flushes before it exits only the streams it wrote to (cli.ts, `exitWhenFlushed`):
 * node makes `process.stderr` on first use, and for a pipe that loads its network streams, a
 * cost every check paid to write nothing. A check that finds something prints it all and
 * leaves stderr unmade; a usage error still prints its message on stderr, whole; a check that
 * finds nothing prints nothing. The files are read through node's callback API, so a check
 * does not load `fs.promises` either (its file handles, directory streams and readline). Run as the bundled CLI, stdout a file and stderr a pipe (as
 * bench/run.mjs runs it), so that a pipe's streams are made for stderr or not at all.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLI_PATH } from './util/cli';
import { FIXTURES_ROOT } from './util/fixture';
import { tempDir } from './util/tempDir';

/** Preloaded: at exit, says on fd 3 whether node made its network streams (a pipe's `process.stderr`) and loaded `fs.promises`. */
const probe = tempDir('citokine-cli-stderr-');
writeFileSync(
  probe.path('probe.js'),
  "process.on('exit', () => require('fs').writeSync(3, ['net', 'internal/fs/promises'].map((m) => (process.moduleLoadList.includes(`NativeModule ${m}`) ? m : `no ${m}`)).join(' ')));\n",
);

let runs = 0;

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string; net: string } {
  const stdoutFile = probe.path(`stdout-${runs++}.txt`);
  const stdout = openSync(stdoutFile, 'w');
  try {
    const result = spawnSync(process.execPath, ['-r', probe.path('probe.js'), CLI_PATH, ...args], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', stdout, 'pipe', 'pipe'],
    });
    return { code: result.status, stdout: readFileSync(stdoutFile, 'utf8'), stderr: result.stderr, net: String(result.output[3]) };
  } finally {
    closeSync(stdout);
  }
}

test('a check with findings prints them all and leaves stderr unmade', () => {
  const result = run(['check', 'manuscript.md'], path.join(FIXTURES_ROOT, 'deep-review'));
  assert.equal(result.code, 1);
  assert.equal(result.stderr, '');
  assert.match(result.stdout, /^manuscript\.md:\d+:\d+: error /m);
  assert.ok(result.stdout.endsWith('\n'));
  assert.equal(result.net, 'no net no internal/fs/promises');
});

test('a usage error prints its message on stderr', () => {
  const result = run(['check'], probe.dir);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^citokine: no file to check; usage: citokine check /);
});

test('a check that finds nothing prints nothing', () => {
  probe.write('clean.md', '# Title\n\nNothing to find here.\n');
  const result = run(['check', 'clean.md'], probe.dir);
  assert.deepEqual([result.code, result.stdout, result.stderr], [0, '', '']);
});
