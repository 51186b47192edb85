#!/usr/bin/env node
// Runs the same extension-host suite (out/client/test) in desktop VS Code via
// @vscode/test-electron, which downloads VS Code into the cache. Use it where the VS Code
// download is reachable (a developer's machine, a CI with internet); where it is not, the
// VS Code server runner (e2e/run-vscode-server.mjs) runs the same suite.
//
//   node e2e/run-test-electron.mjs [--version 1.100.3] [--extension DIR] [--tests FILE]
//                                  [--workspace DIR]
//
// VS Code opens a temporary copy of the workspace (e2e/fixtures/workspace by default), so the
// repository's files never change.
//
// On Linux without a display it re-runs itself under xvfb-run (Debian package xvfb).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { FIXTURE_WORKSPACE, REPO_ROOT, Results, parseArgs, runSuite, tempDir, workspaceCopy } from './lib/harness.mjs';

const options = parseArgs(process.argv.slice(2), {
  // The VS Code that code-server 4.100.3 carries, so both runners test the same editor.
  version: process.env.CITOKINE_VSCODE_VERSION || '1.100.3',
  extension: REPO_ROOT,
  tests: path.join(REPO_ROOT, 'out', 'client', 'test', 'index.js'),
  workspace: FIXTURE_WORKSPACE,
  grep: '',
});

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.CITOKINE_UNDER_XVFB) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' });
  if (xvfb.status !== 0) {
    console.error('No display and no xvfb-run: install it with `apt-get install -y xvfb`, or set DISPLAY.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const res = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, CITOKINE_UNDER_XVFB: '1' },
  });
  process.exit(res.status ?? 1);
}

const results = new Results('test-electron');
const cache = process.env.CITOKINE_CACHE || path.join(os.homedir(), '.cache', 'citokine');

async function main() {
  const tests = path.resolve(options.tests);
  if (!fs.existsSync(tests)) throw new Error(`${tests} does not exist: run \`npx tsc -b client\` first`);
  const report = path.join(tempDir('electron-report'), 'report.json');
  const userData = tempDir('electron-user');
  const extensions = tempDir('electron-extensions');
  const workspace = workspaceCopy(options.workspace, 'electron-workspace');
  try {
    await runTests({
      version: options.version,
      cachePath: path.join(cache, 'vscode-test'),
      extensionDevelopmentPath: path.resolve(options.extension),
      extensionTestsPath: tests,
      extensionTestsEnv: {
        CITOKINE_TEST_REPORT: report,
        ...(options.grep ? { CITOKINE_TEST_GREP: options.grep } : {}),
      },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        '--user-data-dir',
        userData,
        '--extensions-dir',
        extensions,
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
    });
  } catch (err) {
    // runTests rejects when the extension host exits non-zero (a failing test): the report
    // below says which; without a report, the error itself is the failure.
    if (!fs.existsSync(report)) throw err;
  }
  const data = JSON.parse(fs.readFileSync(report, 'utf8'));
  for (const t of data.tests) {
    if (t.state === 'passed') results.pass(t.title, `${t.durationMs} ms`);
    else if (t.state === 'failed') results.fail(t.title, t.error ?? 'failed');
    else results.skip(t.title);
  }
  if (data.fatal) results.fail('suite', data.fatal);
  if (!data.done) results.fail('suite', 'the suite did not finish');
}

await runSuite(results, main);
