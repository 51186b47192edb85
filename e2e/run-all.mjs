#!/usr/bin/env node
// Everything the real-editor tests need, then the three suites in sequence:
//   1. scripts/ensure-system-packages.sh   (Debian: chromium, neovim, pandoc, ripgrep, build deps)
//   2. e2e/code-server.mjs                 (code-server into the cache, once)
//   3. npm run build + tsc -b client       (the extension bundles and the compiled suite)
//   4. Neovim, the VS Code server suite, the workbench UI tests
// Prints each suite's output, then the totals as `N passed, N failed`; exits non-zero when
// any step or suite fails.
//
//   node e2e/run-all.mjs [--no-build] [--only nvim,vscode-server,workbench]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT, parseArgs } from './lib/harness.mjs';

const options = parseArgs(process.argv.slice(2), { noBuild: false, only: 'nvim,vscode-server,workbench' });

const SUITES = {
  nvim: ['node', ['e2e/run-nvim.mjs']],
  'vscode-server': ['node', ['e2e/run-vscode-server.mjs', '--no-install']],
  workbench: ['node', ['e2e/workbench.e2e.mjs', '--no-install']],
};

/** Runs a command with its output passed through; resolves with its exit code and output. */
function run(cmd, args) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('error', (err) => resolve({ code: 127, output: String(err) }));
    child.on('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

const started = Date.now();
const timings = [];
let passed = 0;
let failed = 0;
let skipped = 0;

async function step(name, cmd, args) {
  const t = Date.now();
  const result = await run(cmd, args);
  timings.push(`${name}: ${((Date.now() - t) / 1000).toFixed(1)} s${result.code ? ` (exit ${result.code})` : ''}`);
  return result;
}

const setup = [
  ['system packages', 'bash', [path.join('scripts', 'ensure-system-packages.sh')]],
  ['code-server', 'node', ['e2e/code-server.mjs']],
  ...(options.noBuild
    ? []
    : [
        ['build', 'npm', ['run', 'build']],
        ['compile suite', 'npx', ['tsc', '-b', 'client']],
      ]),
];
let setupFailed = false;
for (const [name, cmd, args] of setup) {
  const { code } = await step(name, cmd, args);
  if (code !== 0) {
    console.error(`\nrun-all: ${name} failed (exit ${code}); not running the suites`);
    failed++;
    setupFailed = true;
    break;
  }
}

if (!setupFailed) {
  for (const name of options.only.split(',').filter(Boolean)) {
    const suite = SUITES[name];
    if (!suite) throw new Error(`unknown suite ${name}; known: ${Object.keys(SUITES).join(', ')}`);
    const { code, output } = await step(name, ...suite);
    const summary = [...output.matchAll(/^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)].pop();
    if (summary) {
      passed += Number(summary[1]);
      failed += Number(summary[2]);
      skipped += Number(summary[3] ?? 0);
    }
    // A suite that exits non-zero counts as failed even if its counts say otherwise.
    if (code !== 0 && (!summary || Number(summary[2]) === 0)) failed++;
  }
}

console.log(`\nrun-all: ${((Date.now() - started) / 1000).toFixed(1)} s\n  ${timings.join('\n  ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
