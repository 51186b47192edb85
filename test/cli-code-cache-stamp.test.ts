/**
 * The CLI's code cache trusts the bundle file's stamp (device, inode, size, modification and
 * change times) instead of hashing the bundle (server/src/node/codeCache.ts), so that a run
 * loads no `crypto`; any other stamp is checked by the SHA-1. A bundle rewritten to the same
 * length, even with its old modification time put back, must run as written; a copy of the
 * same bundle (another inode) is checked once, then stamped; a bundle written moments ago
 * gets no stamp. Each run is a new node, as the CLI's.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { REPO_ROOT } from './util/fixture';
import { tempDir } from './util/tempDir';

const CODE_CACHE = require.resolve('../server/src/node/codeCache');

/** Runs `bundle` through the code cache in a new node (`racyMs` as given, or the default); what it printed. */
function run(bundle: string, cache: string, racyMs?: number): string {
  const args = [bundle, [cache], 'module', ...(racyMs === undefined ? [] : [racyMs])].map((a) => (a === 'module' ? a : JSON.stringify(a)));
  const script = `require(${JSON.stringify(CODE_CACHE)}).runWithCodeCache(${args.join(', ')})`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(result.stderr, '');
  return result.stdout;
}

/**
 * A bundle that prints its answer (3 characters) and whether node's `crypto` was loaded before
 * it ran, that is whether the bundle was hashed (a run without a cache hashes it when it ends).
 */
const bundle = (answer: string) =>
  `function answer() { return '${answer}'; }\nconsole.log(answer(), process.moduleLoadList.includes('NativeModule crypto') ? 'hashed' : 'not hashed');\n`;

/** The stamp in a cache file's header: after the 20-byte SHA-1, 40 bytes. */
const stampIn = (cache: string) => readFileSync(cache).subarray(20, 60);

test('a bundle with the stamp the cache holds runs from the cache without hashing', () => {
  const dir = tempDir('citokine-code-cache-stamp-', { 'main.js': bundle('one') });
  const [main, cache] = [dir.path('main.js'), dir.path('main.cache')];
  assert.equal(run(main, cache, 0), 'one not hashed\n');
  const written = statSync(cache).mtimeMs;
  assert.equal(run(main, cache, 0), 'one not hashed\n');
  assert.equal(statSync(cache).mtimeMs, written, 'an accepted cache is not written again');
});

test('a bundle rewritten to the same length, its modification time put back, runs as written', () => {
  const dir = tempDir('citokine-code-cache-stamp-', { 'main.js': bundle('one') });
  const [main, cache] = [dir.path('main.js'), dir.path('main.cache')];
  run(main, cache, 0);
  const { atime, mtime } = statSync(main);
  writeFileSync(main, bundle('two'));
  utimesSync(main, atime, mtime);
  assert.equal(run(main, cache, 0), 'two hashed\n');
  assert.equal(run(main, cache, 0), 'two not hashed\n');
});

test('a copy of the same bundle is checked by its SHA-1 once, then by its stamp', () => {
  const dir = tempDir('citokine-code-cache-stamp-', { 'main.js': bundle('one') });
  const [main, cache] = [dir.path('main.js'), dir.path('main.cache')];
  run(main, cache, 0);
  const stamp = stampIn(cache);
  writeFileSync(dir.path('copy.js'), readFileSync(main));
  renameSync(dir.path('copy.js'), main);
  assert.equal(run(main, cache, 0), 'one hashed\n');
  assert.notDeepEqual(stampIn(cache), stamp, 'the copy is stamped');
  assert.equal(run(main, cache, 0), 'one not hashed\n');
});

test('a bundle written moments ago gets no stamp, and is hashed on each run', () => {
  const dir = tempDir('citokine-code-cache-stamp-', { 'main.js': bundle('one') });
  const [main, cache] = [dir.path('main.js'), dir.path('main.cache')];
  assert.equal(run(main, cache), 'one not hashed\n');
  assert.ok(stampIn(cache).every((byte) => byte === 0));
  assert.equal(run(main, cache), 'one hashed\n');
});
