/**
 * Running a bundle with V8's code cache, for the CLI: a check starts a new node each time, and
 * compiling the 1 MB bundle and then, one by one, every function the check calls is about 35
 * ms of a 370 ms run. The cache holds the bytecode of every function compiled by the end of a
 * run (not only the top level), so a later run compiles neither.
 *
 * A stale cache must never run, and V8 itself checks only the source's length. The cache file
 * starts with the SHA-1 of the bundle it was made from and the bundle file's stamp (device,
 * inode, size, modification and change times) when it was: a bundle with that stamp is taken
 * as the same without hashing it, so that a run neither hashes 1 MB nor loads node's `crypto`
 * (8 ms together). Any other stamp (a rebuilt, copied or touched bundle) is checked by its
 * SHA-1, and the stamp of a bundle found the same is written back. A stamp is kept only for a
 * bundle already some seconds old, so that a rewrite of the same size within the clock's step
 * (file systems with one- or two-second times) cannot go unseen ("racily clean" files).
 *
 * A cache V8 rejects (another node version or other V8 flags) or a missing one is written
 * again when the run ends, replaced atomically. V8 also rejects a cache made under other flags
 * (`--cpu-prof`, `--max-semi-space-size`), so each node version and set of options has a cache
 * file of its own: runs that alternate do not rewrite one file.
 *
 * The cache is kept beside the bundle when that folder is writable (a build, a user's own
 * install, the extension's folder), and otherwise in the user's cache folder (`codeCacheFiles`):
 * a package installed read-only for all users (`sudo npm install -g`, a system package, a
 * container image) would otherwise compile the whole bundle on every run. Never in a folder
 * other users can write to, such as the system's temporary folder: V8 runs a cache's bytecode
 * as it finds it, so a cache planted there would run as the user.
 */
import type { BigIntStats } from 'fs';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'fs';
import { Module } from 'module';
import { homedir } from 'os';
import * as path from 'path';
import { Script } from 'vm';

const DIGEST_BYTES = 20;
/** Device, inode, size, modification and change times, 8 bytes each. */
const STAMP_BYTES = 40;
const HEADER_BYTES = DIGEST_BYTES + STAMP_BYTES;
/** A bundle younger than this gets no stamp: a file system's clock step is at most 2 s. */
const RACY_MS = 3000;

/** The bundle as read, its stamp (all zeros when it must be hashed every time), and its SHA-1 when first asked. */
interface Bundle {
  readonly code: Buffer;
  readonly stamp: Buffer;
  digest(): Buffer;
}

function stampOf(stat: BigIntStats, racyMs: number): Buffer {
  const stamp = Buffer.alloc(STAMP_BYTES);
  if (Date.now() - Number(stat.mtimeMs) < racyMs || Date.now() - Number(stat.ctimeMs) < racyMs) return stamp;
  [stat.dev, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs].forEach((value, i) =>
    stamp.writeBigUInt64LE(BigInt.asUintN(64, value), i * 8),
  );
  return stamp;
}

/**
 * Reads the bundle with its stamp, taken before and after reading: a file changing meanwhile
 * gets none. `crypto` is loaded only for the SHA-1, when a stamp does not vouch for the cache.
 */
function readBundle(file: string, host: NodeModule, racyMs: number): Bundle {
  const fd = openSync(file, 'r');
  let code: Buffer;
  let stamp: Buffer;
  try {
    const before = stampOf(fstatSync(fd, { bigint: true }), racyMs);
    code = readFileSync(fd);
    const after = stampOf(fstatSync(fd, { bigint: true }), racyMs);
    stamp = before.equals(after) ? before : Buffer.alloc(STAMP_BYTES);
  } finally {
    closeSync(fd);
  }
  let digest: Buffer | undefined;
  return {
    code,
    stamp,
    digest: () => (digest ??= (host.require('crypto') as typeof import('crypto')).createHash('sha1').update(code).digest()),
  };
}

/** What the cache file says about the bundle: its cached data, and whether its header must be written again. */
interface CacheRead {
  readonly data: Buffer;
  readonly digest: Buffer;
  readonly restamp: boolean;
}

/** The cached data of `cacheFile` if it was made from this bundle, by its stamp or else by its SHA-1. */
function readCache(cacheFile: string, bundle: Bundle): CacheRead | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (file.length <= HEADER_BYTES) return undefined;
  const digest = file.subarray(0, DIGEST_BYTES);
  const stamp = file.subarray(DIGEST_BYTES, HEADER_BYTES);
  const data = file.subarray(HEADER_BYTES);
  const stamped = stamp.some((byte) => byte !== 0);
  if (stamped && stamp.equals(bundle.stamp)) return { data, digest, restamp: false };
  if (!bundle.digest().equals(digest)) return undefined;
  return { data, digest, restamp: !bundle.stamp.equals(stamp) };
}

/** Writes the cache file atomically; false when it could not be (a read-only folder). `makeFolder`: create its folder first. */
function writeCache(cacheFile: string, header: Buffer, data: Buffer, makeFolder = false): boolean {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    if (makeFolder) mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    // Opened first: where the folder is read-only, the cache is not even made (5-15 ms).
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeFileSync(fd, Buffer.concat([header, data]));
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, cacheFile);
    return true;
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
    return false;
  }
}

/** Writes the first of `cacheFiles` that can be written (the folders after the first are created when missing). */
function writeFirstCache(cacheFiles: readonly string[], header: Buffer, data: Buffer): void {
  cacheFiles.some((file, i) => writeCache(file, header, data, i > 0));
}

/**
 * The wrapper node's own loader puts around a CommonJS module, as its two halves. The CLI's
 * bundle carries it already (scripts/build.mjs writes it so), so that its text is the script
 * as it is: wrapping 1.2 MB at run time made V8 copy all of it once more (7 ms).
 */
export const MODULE_WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'] as const;

/** `code` as a script whose value is the module's function: as it is when it carries `MODULE_WRAPPER`, else wrapped. */
export function wrappedSource(code: string): string {
  const [head, tail] = MODULE_WRAPPER;
  if (code.startsWith(head) && code.endsWith(tail)) return code;
  // A `#!` line is valid only at the start of a script; a comment keeps the lines where they were.
  return `${head}${code.startsWith('#!') ? `//${code.slice(2)}` : code}${tail}`;
}

/** FNV-1a, 48 bits: a short name for a set of options (no `crypto` to load). */
function nameHash(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) hash = BigInt.asUintN(64, (hash ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n);
  return (hash >> 16n).toString(16).padStart(12, '0');
}

/** The cache file for this node and its options: `<prefix>.<12 hex digits>.cache`. */
export function codeCacheFile(prefix: string): string {
  const options = [process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  return `${prefix}.${nameHash(options)}.cache`;
}

/**
 * The user's own cache folder for Citokine: `%LOCALAPPDATA%` on Windows, `~/Library/Caches` on
 * macOS, `$XDG_CACHE_HOME` or `~/.cache` elsewhere (the XDG base directory rules: a relative
 * `XDG_CACHE_HOME` is ignored).
 */
export function userCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = homedir();
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'citokine', 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'citokine');
  const xdg = env.XDG_CACHE_HOME;
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.cache'), 'citokine');
}

/**
 * Where the cache of the bundle `<prefix>.js` may be, in order: beside the bundle
 * (`codeCacheFile`), then in the user's cache folder under a name that also tells installs
 * apart (the bundle's folder, hashed), so that two installs do not take turns rewriting one file.
 */
export function codeCacheFiles(prefix: string, folder = userCacheFolder()): string[] {
  const beside = codeCacheFile(prefix);
  const own = `${path.basename(beside, '.cache')}.${nameHash(path.resolve(prefix))}.cache`;
  return [beside, path.join(folder, own)];
}

/** A bundle compiled with its code cache, and what writes the cache when it must be (made anew, or its stamp written again). */
interface Compiled {
  readonly script: Script;
  readonly save: (() => void) | undefined;
}

/** Compiles `bundle` with the first of `files` made from it; `save` is set when a cache file must be written. */
function compileWithCodeCache(bundle: string, files: readonly string[], host: NodeModule, racyMs: number): Compiled {
  const read = readBundle(bundle, host, racyMs);
  let cache: CacheRead | undefined;
  let cacheFile = files[0];
  for (const file of files) {
    cache = readCache(file, read);
    if (cache) {
      cacheFile = file;
      break;
    }
  }
  const script = new Script(wrappedSource(read.code.toString('utf8')), {
    filename: bundle,
    cachedData: cache?.data,
  });
  if (cache === undefined || script.cachedDataRejected)
    return { script, save: () => writeFirstCache(files, Buffer.concat([read.digest(), read.stamp]), script.createCachedData()) };
  const accepted = cache;
  if (accepted.restamp) return { script, save: () => writeCache(cacheFile, Buffer.concat([accepted.digest, read.stamp]), accepted.data) };
  return { script, save: undefined };
}

/** Runs the compiled module function of `bundle` as the module `host`. */
function runAsModule(script: Script, bundle: string, host: NodeModule): void {
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(host.exports, host.exports, require, host, bundle, path.dirname(bundle));
}

/**
 * Runs the CommonJS bundle `bundle` as the module `host` (so `require.main === module` holds in
 * it when `host` is the main module), compiled with the code cache: the first of `files`
 * made from this bundle; when none is, or V8 rejects it, the first that can be written gets a
 * new one at exit. A bundle modified less than `racyMs` ago is checked by its SHA-1 (tests
 * shorten the wait).
 */
export function runWithCodeCache(bundle: string, files: readonly string[], host: NodeModule, racyMs = RACY_MS): void {
  const { script, save } = compileWithCodeCache(bundle, files, host, racyMs);
  if (save) process.once('exit', save);
  runAsModule(script, bundle, host);
}

/** Cache writes `requireWithCodeCache` left for `saveCodeCaches`. */
const unsaved: (() => void)[] = [];

/**
 * The exports of the CommonJS bundle `bundle`, run as a module of its own with the code cache as
 * `runWithCodeCache` does, for a worker thread: a worker does not see its process's exit (the
 * process ends it without running its `exit` handlers), so a cache that must be written waits for
 * `saveCodeCaches`, which the caller runs once the bundle has compiled what later runs call.
 */
export function requireWithCodeCache(bundle: string, files: readonly string[], racyMs = RACY_MS): unknown {
  const host = new Module(bundle, module);
  host.filename = bundle;
  const { script, save } = compileWithCodeCache(bundle, files, host, racyMs);
  if (save) unsaved.push(save);
  runAsModule(script, bundle, host);
  host.loaded = true;
  return host.exports;
}

/**
 * Writes the caches `requireWithCodeCache` could not use (missing, rejected by this V8, or
 * restamped), each once. A cache holds the functions compiled by the time it is written.
 */
export function saveCodeCaches(): void {
  for (const save of unsaved.splice(0)) save();
}
