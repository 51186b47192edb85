/**
 * Running a bundle with V8's code cache, for the CLI: a check starts a new node each time, and
 * compiling the 1 MB bundle and then, one by one, every function the check calls is about 35
 * ms of a 370 ms run. The cache holds the bytecode of every function compiled by the end of a
 * run (not only the top level), so a later run compiles neither.
 *
 * The cache file starts with the SHA-1 of the bundle it was made from: V8 itself checks only
 * the source's length, and a stale cache must never run. A cache V8 rejects (another node
 * version or other V8 flags) or a missing one is written again when the run ends, replaced
 * atomically; where the folder is not writable the run simply goes without. V8 also rejects a
 * cache made under other flags (`--cpu-prof`, `--max-semi-space-size`), so each node version
 * and set of options has a cache file of its own: runs that alternate do not rewrite one file.
 */
import { createHash } from 'crypto';
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'fs';
import * as path from 'path';
import { Script } from 'vm';

const DIGEST_BYTES = 20;

/** The cached data of `cacheFile` if it was made from `digest`'s source. */
function readCache(cacheFile: string, digest: Buffer): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  return data.length > DIGEST_BYTES && data.subarray(0, DIGEST_BYTES).equals(digest) ? data.subarray(DIGEST_BYTES) : undefined;
}

function writeCache(cacheFile: string, digest: Buffer, script: Script): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    // Opened first: where the folder is read-only, the cache is not even made (5-15 ms).
    const fd = openSync(temporary, 'w');
    try {
      writeFileSync(fd, Buffer.concat([digest, script.createCachedData()]));
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, cacheFile);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
  }
}

/** The cache file for this node and its options: `<prefix>.<12 hex digits>.cache`. */
export function codeCacheFile(prefix: string): string {
  const options = [process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  return `${prefix}.${createHash('sha1').update(options).digest('hex').slice(0, 12)}.cache`;
}

/**
 * Runs the CommonJS bundle `bundle` as the module `host` (so `require.main === module` holds in
 * it when `host` is the main module), compiled with the code cache `cacheFile`.
 */
export function runWithCodeCache(bundle: string, cacheFile: string, host: NodeModule): void {
  const code = readFileSync(bundle);
  const digest = createHash('sha1').update(code).digest();
  const cachedData = readCache(cacheFile, digest);
  // The same wrapper as node's own loader; a `#!` line is valid only at the start of a script.
  let source = code.toString('utf8');
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n});`, {
    filename: bundle,
    cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => writeCache(cacheFile, digest, script));
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(host.exports, host.exports, require, host, bundle, path.dirname(bundle));
}
