#!/usr/bin/env node
// Runs the extension-host suite (client/test, compiled to out/client/test) in a real VS Code:
// the VS Code server inside code-server, with its web workbench opened in headless Chromium.
// The workbench's `payload` URL parameter names the extension under development and the test
// module; the remote extension host loads the extension, calls the module's run() with the
// real `vscode` API, and the suite writes its results to CITOKINE_TEST_REPORT.
//
//   node e2e/run-vscode-server.mjs [--extension DIR] [--tests FILE] [--workspace DIR]
//                                  [--timeout-ms N] [--grep TEXT] [--no-install]
//
// --extension defaults to the repository (package.json + dist/); pass a patched copy to
// prove that the suite fails when a feature is broken. VS Code opens a temporary copy of the
// workspace (e2e/fixtures/workspace by default), so the repository's files never change.
import fs from 'node:fs';
import path from 'node:path';
import {
  FIXTURE_WORKSPACE,
  REPO_ROOT,
  RESULTS_DIR,
  Results,
  parseArgs,
  runSuite,
  sleep,
  tail,
  tempDir,
  workspaceCopy,
} from './lib/harness.mjs';
import { launchChromium, startVsCodeServer, workbenchUrl } from './lib/vscode-server.mjs';

const options = parseArgs(process.argv.slice(2), {
  extension: REPO_ROOT,
  tests: path.join(REPO_ROOT, 'out', 'client', 'test', 'index.js'),
  workspace: FIXTURE_WORKSPACE,
  timeoutMs: process.env.CITOKINE_E2E_TIMEOUT_MS || '300000',
  grep: '',
  noInstall: false,
});

const results = new Results('vscode-server');
const logDir = path.join(RESULTS_DIR, 'vscode-server');

async function main() {
  const extension = path.resolve(options.extension);
  const tests = path.resolve(options.tests);
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8'));
  const mainFile = manifest.main ? path.resolve(extension, manifest.main) : undefined;
  if (mainFile && !fs.existsSync(mainFile) && !fs.existsSync(`${mainFile}.js`)) {
    throw new Error(`${mainFile} does not exist: run \`npm run build\` first`);
  }
  if (!fs.existsSync(tests)) throw new Error(`${tests} does not exist: run \`npx tsc -b client\` first`);

  fs.rmSync(logDir, { recursive: true, force: true });
  fs.mkdirSync(logDir, { recursive: true });
  const serverLog = path.join(logDir, 'server.log');
  const browserLog = path.join(logDir, 'browser.log');
  const report = path.join(tempDir('report'), 'report.json');

  const workspace = workspaceCopy(options.workspace, 'vscode-server-workspace');
  console.log(`extension: ${extension}\ntests:     ${tests}\nworkspace: a copy of ${path.resolve(options.workspace)} in ${workspace}`);
  const started = Date.now();
  const server = await startVsCodeServer({
    install: !options.noInstall,
    logFile: serverLog,
    env: {
      CITOKINE_TEST_REPORT: report,
      ...(options.grep ? { CITOKINE_TEST_GREP: options.grep } : {}),
    },
  });
  console.log(`VS Code server on ${server.baseUrl} (${Date.now() - started} ms)`);
  const { page } = await launchChromium({ logFile: browserLog });
  const url = workbenchUrl({
    port: server.port,
    folder: workspace,
    extensionDevelopmentPath: extension,
    extensionTestsPath: tests,
  });
  console.log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });

  // Wait for the suite's final report, the server's death, or the deadline.
  const deadline = Date.now() + Number(options.timeoutMs);
  let exited;
  server.child.exited.then((info) => (exited = info));
  let lastCount = -1;
  for (;;) {
    const current = readReport(report);
    if (current) {
      const finished = current.tests.length;
      for (const t of current.tests.slice(Math.max(lastCount, 0))) printTest(t);
      lastCount = Math.max(lastCount, finished);
      if (current.done) {
        if (current.fatal) results.fail('suite', current.fatal);
        break;
      }
    }
    if (exited) throw new Error(`the VS Code server exited (${exited.code ?? exited.signal}) before the suite finished`);
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${options.timeoutMs} ms${current ? ` (${current.tests.length} test(s) finished)` : ' (the suite never started: see the logs)'}`,
      );
    }
    await sleep(250);
  }
  await page.screenshot({ path: path.join(logDir, 'final.png') }).catch(() => {});
}

function readReport(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function printTest(test) {
  if (test.state === 'passed') results.pass(test.title, `${test.durationMs} ms`);
  else if (test.state === 'failed') results.fail(test.title, test.error ?? 'failed');
  else results.skip(test.title, 'pending');
}

await runSuite(results, main, {
  onFailure() {
    console.log(`\n--- last lines of ${path.join(logDir, 'server.log')} ---\n${tail(path.join(logDir, 'server.log'))}`);
    console.log(`--- last lines of ${path.join(logDir, 'browser.log')} ---\n${tail(path.join(logDir, 'browser.log'), 20)}`);
  },
});
