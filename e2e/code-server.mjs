#!/usr/bin/env node
// Installs code-server (for its VS Code server, lib/vscode) into a cache folder outside the
// repository, and tells where it is. Idempotent: a complete install leaves a marker file and
// later runs reuse it. Works on a machine that reaches only the npm registry and Debian apt.
//
//   node e2e/code-server.mjs            install if needed, print the code-server folder
//   node e2e/code-server.mjs --check    exit 1 when not installed, install nothing
//
// Why not a plain `npm install code-server` (with npm_config_unsafe_perm=true, which its
// postinstall.sh demands under root and npm 11 no longer knows): that postinstall runs `npm install` in
// lib/vscode, where @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable
// here). So we install every level with --ignore-scripts, put Debian's /usr/bin/rg where
// @vscode/ripgrep looks for its binary, and run the remaining steps of code-server's
// postinstall.sh ourselves: build the native modules, the node_modules.asar link, the
// extensions' shared dependencies. Then we load each native module to prove the build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const MARKER = '.citokine-install-complete';

/** Native modules the VS Code server loads on Linux; each must load after the build. */
const NATIVE_MODULES = ['@parcel/watcher', '@vscode/spdlog', '@vscode/deviceid', 'kerberos', 'native-watchdog', 'node-pty'];

/** The cache folder that holds (or will hold) this code-server version. */
export function codeServerCacheDir() {
  const cache = process.env.CITOKINE_CACHE || path.join(os.homedir(), '.cache', 'citokine');
  return path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
}

/** The installed code-server package folder (node_modules/code-server inside the cache). */
export function codeServerDir(cacheDir = codeServerCacheDir()) {
  return path.join(cacheDir, 'node_modules', 'code-server');
}

/** The VS Code server entry point of an installed code-server. */
export function serverMainPath(cacheDir = codeServerCacheDir()) {
  return path.join(codeServerDir(cacheDir), 'lib', 'vscode', 'out', 'server-main.js');
}

export function isInstalled(cacheDir = codeServerCacheDir()) {
  let marker;
  try {
    marker = JSON.parse(fs.readFileSync(path.join(cacheDir, MARKER), 'utf8'));
  } catch {
    return false;
  }
  // Native modules are built for one Node major version (ABI): another one needs a rebuild.
  const major = (v) => String(v).split('.')[0];
  return (
    marker.version === CODE_SERVER_VERSION && major(marker.node) === major(process.versions.node) && fs.existsSync(serverMainPath(cacheDir))
  );
}

function log(msg) {
  console.log(`[code-server] ${msg}`);
}

function run(cmd, args, cwd, extraEnv = {}) {
  log(`$ (cd ${cwd} && ${cmd} ${args.join(' ')})`);
  const started = Date.now();
  const res = spawnSync(cmd, args, {
    cwd,
    stdio: 'inherit',
    env: {
      ...process.env,
      // node-pty's install script runs `npx node-gyp ...`; with `yes=false` in a user's
      // .npmrc (as on these machines) npx refuses to fetch node-gyp instead of asking.
      npm_config_yes: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      ...extraEnv,
    },
  });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${res.status ?? res.signal})`);
  }
  log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function findRg() {
  for (const candidate of [process.env.CITOKINE_RG, '/usr/bin/rg', '/usr/local/bin/rg']) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  if (which.status === 0 && found) return found;
  throw new Error('ripgrep (rg) not found: run scripts/ensure-system-packages.sh (Debian package ripgrep)');
}

/** Put a real rg where @vscode/ripgrep looks: node_modules/@vscode/ripgrep/bin/rg. */
function placeRipgrep(ripgrepPkgDir) {
  const bin = path.join(ripgrepPkgDir, 'bin');
  const target = path.join(bin, 'rg');
  fs.mkdirSync(bin, { recursive: true });
  if (!fs.existsSync(target)) {
    // A copy, not a symlink: the cache then does not depend on where rg lives later.
    fs.copyFileSync(findRg(), target);
    fs.chmodSync(target, 0o755);
  }
  const v = spawnSync(target, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0) throw new Error(`${target} does not run`);
  log(`ripgrep at ${target}: ${v.stdout.split('\n')[0]}`);
}

function symlink(target, linkPath) {
  fs.rmSync(linkPath, { recursive: true, force: true });
  fs.symlinkSync(target, linkPath);
}

/** Load each native module in a child process, so a broken build fails here, not in a test. */
function verifyNativeModules(vscodeDir) {
  for (const name of NATIVE_MODULES) {
    const dir = path.join(vscodeDir, 'node_modules', name);
    const res = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(dir)})`], {
      cwd: vscodeDir,
      encoding: 'utf8',
    });
    if (res.status !== 0) {
      throw new Error(`native module ${name} does not load:\n${res.stderr}`);
    }
    log(`native module ok: ${name}`);
  }
}

/**
 * Installs code-server into the cache unless a complete install is already there.
 * Returns the code-server package folder.
 */
export function ensureCodeServer({ force = false } = {}) {
  const finalDir = codeServerCacheDir();
  if (!force && isInstalled(finalDir)) {
    log(`cached: ${codeServerDir(finalDir)}`);
    return codeServerDir(finalDir);
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    // code-server 4.100.x ships native modules and checks for Node 20 exactly.
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node 20; this is Node ${process.versions.node}`);
  }

  fs.mkdirSync(path.dirname(finalDir), { recursive: true });
  // One install at a time per cache (two test runs may start together); the loser waits and
  // then finds the winner's install.
  const lock = `${finalDir}.lock`;
  acquireLock(lock);
  try {
    if (!force && isInstalled(finalDir)) {
      log(`installed meanwhile by another process: ${codeServerDir(finalDir)}`);
      return codeServerDir(finalDir);
    }
    removeStaleStaging(finalDir);
    return install(finalDir);
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock(lock) {
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const owner = Number(fs.readFileSync(lock, 'utf8').trim());
    if (!owner || !pidAlive(owner)) {
      log(`removing a stale lock of pid ${owner || '?'}`);
      fs.rmSync(lock, { force: true });
      continue;
    }
    log(`waiting for the install of pid ${owner} to finish`);
    sleepSync(2000);
  }
}

/** Removes staging folders of installs that were killed (their pid is gone). */
function removeStaleStaging(finalDir) {
  const prefix = `${path.basename(finalDir)}.partial-`;
  for (const name of fs.readdirSync(path.dirname(finalDir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (!pid || !pidAlive(pid)) {
      log(`removing the leftovers of an interrupted install: ${name}`);
      fs.rmSync(path.join(path.dirname(finalDir), name), { recursive: true, force: true });
    }
  }
}

function install(finalDir) {
  const started = Date.now();
  // Install into a staging folder and rename at the end, so an interrupted install never
  // looks complete and never leaves a half-built cache that later runs would trust.
  const staging = `${finalDir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(
    path.join(staging, 'package.json'),
    JSON.stringify({ name: 'citokine-code-server-cache', private: true }, null, 2) + '\n',
  );
  try {
    log(`installing code-server@${CODE_SERVER_VERSION} into ${finalDir} (staging ${staging})`);
    // 1. code-server itself. Its own native dependency (argon2, for password login) is not
    //    needed: we start lib/vscode/out/server-main.js directly, without a password.
    run('npm', ['install', '--ignore-scripts', '--no-save', '--prefix', staging, `code-server@${CODE_SERVER_VERSION}`], staging);
    const cs = codeServerDir(staging);
    const vscodeDir = path.join(cs, 'lib', 'vscode');

    // 2. What code-server's postinstall.sh does in lib/vscode, minus downloads.
    run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
    placeRipgrep(path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep'));
    // Rebuild the native modules by name (node-gyp against Node's headers, which npm here is
    // set to use). Not @vscode/ripgrep: its script would try the download.
    run('npm', ['rebuild', '--foreground-scripts', ...NATIVE_MODULES], vscodeDir);
    symlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
    const linkBin = (sub, source, dest) => symlink(`${source}-linux.sh`, path.join(vscodeDir, 'bin', sub, dest));
    linkBin('remote-cli', 'code', 'code-server');
    linkBin('helpers', 'browser', 'browser.sh');

    // 3. The built-in extensions' shared dependency (typescript) and their own trim step.
    const extDir = path.join(vscodeDir, 'extensions');
    run('npm', ['install', '--omit=dev', '--ignore-scripts'], extDir);
    run(process.execPath, ['postinstall.mjs'], extDir);

    verifyNativeModules(vscodeDir);
    if (!fs.existsSync(serverMainPath(staging))) throw new Error('server-main.js missing after install');

    fs.writeFileSync(
      path.join(staging, MARKER),
      JSON.stringify(
        {
          version: CODE_SERVER_VERSION,
          node: process.versions.node,
          installedAt: new Date().toISOString(),
        },
        null,
        2,
      ) + '\n',
    );
    fs.rmSync(finalDir, { recursive: true, force: true });
    fs.renameSync(staging, finalDir);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  log(`installed in ${((Date.now() - started) / 1000).toFixed(1)} s: ${codeServerDir(finalDir)}`);
  return codeServerDir(finalDir);
}

const isMain = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (isMain) {
  try {
    if (process.argv.includes('--check')) {
      if (!isInstalled()) {
        console.error(`[code-server] not installed in ${codeServerCacheDir()}`);
        process.exit(1);
      }
      console.log(codeServerDir());
    } else {
      const dir = ensureCodeServer({ force: process.argv.includes('--force') });
      console.log(dir);
    }
  } catch (err) {
    console.error(`[code-server] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
