// Starting the VS Code server of code-server and opening its web workbench in Chromium:
// shared by the extension-host suite (run-vscode-server.mjs) and the UI tests
// (workbench.e2e.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { codeServerDir, ensureCodeServer, isInstalled } from '../code-server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH, freePort, killGroup, onCleanup, spawnGroup, tail, tempDir, waitForHttp } from './harness.mjs';

/** The code-server folder, installing it first when `install` is true and it is missing. */
export function locateCodeServer({ install = true } = {}) {
  if (isInstalled()) return codeServerDir();
  if (!install) throw new Error('code-server is not installed: run `node e2e/code-server.mjs`');
  return ensureCodeServer();
}

/**
 * Starts `lib/vscode/out/server-main.js` on a free loopback port with fresh data folders.
 * `env` is added to the server's environment, which its extension host inherits: that is how
 * a runner talks to code running inside the remote extension host.
 */
export async function startVsCodeServer({ env = {}, logFile, install = true } = {}) {
  const cs = locateCodeServer({ install });
  const serverMain = path.join(cs, 'lib', 'vscode', 'out', 'server-main.js');
  const port = await freePort();
  const dataDir = tempDir('vscode-data');
  const home = tempDir('vscode-home');
  // Remote ("Machine") settings that keep a test run quiet and deterministic. The web
  // workbench keeps User settings in the browser's storage, which is fresh each run anyway.
  // Workspace Trust is not among them: `security.workspace.trust.enabled` is application-scoped,
  // so a Machine value is ignored and trust stays on (its default), as for users; the
  // workbench tests answer the trust dialog (trusting the fixture folder, not another one).
  const userSettings = path.join(dataDir, 'data', 'Machine');
  fs.mkdirSync(userSettings, { recursive: true });
  fs.writeFileSync(
    path.join(userSettings, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'git.enabled': false,
        'editor.quickSuggestions': { other: 'on', comments: 'off', strings: 'off' },
      },
      null,
      2,
    ),
  );
  const child = spawnGroup(
    'VS Code server',
    process.execPath,
    [
      serverMain,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--server-data-dir',
      dataDir,
      '--extensions-dir',
      path.join(dataDir, 'extensions'),
      '--telemetry-level',
      'off',
    ],
    {
      env: { ...process.env, HOME: home, VSCODE_AGENT_FOLDER: dataDir, ...env },
      logFile,
    },
  );
  try {
    await waitForHttp(`http://127.0.0.1:${port}/version`, child, 60_000);
  } catch (err) {
    throw new Error(`${err.message}\n--- ${logFile} ---\n${tail(logFile)}`);
  }
  return { port, child, baseUrl: `http://127.0.0.1:${port}`, dataDir };
}

/**
 * The workbench URL that opens `folder` (a path on the server machine) and, optionally,
 * loads an extension under development and runs its tests in the remote extension host.
 */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = `127.0.0.1:${port}`;
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  let url = `http://${authority}/?folder=${encodeURIComponent(path.resolve(folder))}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * Launches Debian's Chromium through Playwright as a browser server (its own process group,
 * which cleanup kills whole) and connects to it.
 */
export async function launchChromium({ logFile } = {}) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: run scripts/ensure-system-packages.sh`);
  }
  const server = await chromium.launchServer({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    // Our own signal handlers stop everything (the VS Code server too); Playwright's would
    // close the browser and exit the process before they run.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const pid = server.process().pid;
  onCleanup(async () => {
    await server.close().catch(() => {});
    await killGroup(pid, 1000);
  });
  const browser = await chromium.connect(server.wsEndpoint());
  onCleanup(() => browser.close().catch(() => {}));
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  if (logFile) {
    const log = (line) => fs.appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
    page.on('console', (msg) => log(`[console.${msg.type()}] ${msg.text()}`));
    page.on('pageerror', (err) => log(`[pageerror] ${err.message}`));
  }
  return { browser, page, pid };
}
