/**
 * Where the CLI's code cache goes (server/src/node/codeCache.ts): beside the bundle when that
 * folder is writable, else in the user's cache folder, so that an install no user can write to
 * still runs with a cache. Each run is a new node, as the CLI's. (Tests run as root here, where
 * no permission stops a write: a folder that does not exist stands for a read-only one, as
 * both fail the same `open`.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { codeCacheFile, codeCacheFiles, userCacheFolder } from '../server/src/node/codeCache';
import { REPO_ROOT } from './util/fixture';
import { tempDir } from './util/tempDir';

const CODE_CACHE = require.resolve('../server/src/node/codeCache');

/** Runs `bundle` through the code cache files `caches` in a new node; what it printed. */
function run(bundle: string, caches: readonly string[]): string {
  const script = `require(${JSON.stringify(CODE_CACHE)}).runWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(caches)}, module)`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(result.stderr, '');
  return result.stdout;
}

const bundle = `#!/usr/bin/env node\nfunction answer() { return 'one'; }\nconsole.log(answer());\n`;

test('a bundle in a folder that cannot be written gets its cache in the next folder, made when missing, and uses it', () => {
  const dir = tempDir('citokine-code-cache-folder-', { 'main.js': bundle });
  const beside = dir.path('read-only/main.cache');
  const own = dir.path('user-cache/citokine/main.cache');
  assert.equal(run(dir.path('main.js'), [beside, own]), 'one\n');
  assert.ok(!existsSync(beside));
  assert.ok(existsSync(own), 'written in the user cache folder');
  assert.equal(statSync(own).mode & 0o077, 0, 'readable and writable by its owner only');
  const written = statSync(own).mtimeMs;
  assert.equal(run(dir.path('main.js'), [beside, own]), 'one\n');
  assert.equal(statSync(own).mtimeMs, written, 'used, not written again');
});

test('a bundle in a writable folder keeps its cache beside it, and a cache beside it is read first', () => {
  const dir = tempDir('citokine-code-cache-folder-', { 'main.js': bundle });
  const [beside, own] = [dir.path('main.cache'), dir.path('user-cache/main.cache')];
  assert.equal(run(dir.path('main.js'), [beside, own]), 'one\n');
  assert.ok(existsSync(beside));
  assert.ok(!existsSync(own));
  assert.equal(run(dir.path('main.js'), [beside, own]), 'one\n');
  assert.ok(!existsSync(own));
});

test('the cache files: beside the bundle, then in the user cache folder under a name per install', () => {
  const [beside, own] = codeCacheFiles('/opt/citokine/dist/cli-main', '/home/u/.cache/citokine');
  assert.equal(beside, codeCacheFile('/opt/citokine/dist/cli-main'));
  assert.equal(path.dirname(own), '/home/u/.cache/citokine');
  assert.match(path.basename(own), /^cli-main\.[0-9a-f]{12}\.[0-9a-f]{12}\.cache$/);
  assert.notEqual(
    codeCacheFiles('/usr/lib/citokine/dist/cli-main', '/c')[1].slice(2),
    codeCacheFiles('/opt/citokine/dist/cli-main', '/c')[1].slice(2),
  );
});

test('the user cache folder follows each system', () => {
  assert.equal(userCacheFolder({ XDG_CACHE_HOME: '/x/cache' }, 'linux'), '/x/cache/citokine');
  assert.equal(userCacheFolder({ XDG_CACHE_HOME: 'relative' }, 'linux'), path.join(homedir(), '.cache', 'citokine'));
  assert.equal(userCacheFolder({}, 'linux'), path.join(homedir(), '.cache', 'citokine'));
  assert.equal(userCacheFolder({}, 'darwin'), path.join(homedir(), 'Library', 'Caches', 'citokine'));
  assert.equal(
    userCacheFolder({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32'),
    path.join('C:\\Users\\u\\AppData\\Local', 'citokine', 'Cache'),
  );
});
