/**
 * The CLI's code cache (server/src/node/codeCache.ts): a run without a cache writes one, a run
 * with it gives the same result, and a cache made from another bundle is never used, even when
 * V8 would take it (it checks only the source's length). Each run is a new node, as the CLI's.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { REPO_ROOT } from './util/fixture';
import { tempDir } from './util/tempDir';

const CODE_CACHE = require.resolve('../server/src/node/codeCache');

/** Runs `bundle` through the code cache in a new node; what it printed. */
function run(bundle: string, cache: string): string {
  const script = `require(${JSON.stringify(CODE_CACHE)}).runWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify([cache])}, module)`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(result.stderr, '');
  return result.stdout;
}

/** A bundle whose functions are compiled lazily, as the CLI's are; `answer` is 3 characters. */
const bundle = (answer: string) =>
  `#!/usr/bin/env node\nfunction answer() { return '${answer}'; }\nconsole.log(answer(), typeof __dirname);\n`;

test('a run writes the cache, the next run uses it and prints the same', () => {
  const dir = tempDir('citokine-code-cache-', { 'main.js': bundle('one') });
  const [main, cache] = [dir.path('main.js'), dir.path('main.cache')];
  assert.equal(run(main, cache), 'one string\n');
  assert.ok(existsSync(cache));
  const written = statSync(cache).mtimeMs;
  assert.equal(run(main, cache), 'one string\n');
  assert.equal(statSync(cache).mtimeMs, written, 'an accepted cache is not written again');
});

test('a cache made from another bundle of the same length is not used, and is replaced', () => {
  const dir = tempDir('citokine-code-cache-', { 'main.js': bundle('one') });
  const [main, cache] = [dir.path('main.js'), dir.path('main.cache')];
  run(main, cache);
  const before = readFileSync(cache);
  writeFileSync(main, bundle('two'));
  assert.equal(run(main, cache), 'two string\n');
  assert.notDeepEqual(readFileSync(cache), before);
  assert.equal(run(main, cache), 'two string\n');
});

test('an unreadable or unwritable cache only costs the cache', () => {
  const dir = tempDir('citokine-code-cache-', { 'main.js': bundle('one') });
  assert.equal(run(dir.path('main.js'), dir.path('no-such-folder/main.cache')), 'one string\n');
  writeFileSync(dir.path('garbage.cache'), 'not a cache at all, long enough to hold a digest');
  assert.equal(run(dir.path('main.js'), dir.path('garbage.cache')), 'one string\n');
});

test('each node version and set of options has its own cache file', () => {
  const name = (...options: string[]) =>
    spawnSync(process.execPath, [...options, '-e', `console.log(require(${JSON.stringify(CODE_CACHE)}).codeCacheFile('/d/cli-main'))`], {
      encoding: 'utf8',
    }).stdout.trim();
  const plain = name();
  assert.match(plain, /^\/d\/cli-main\.[0-9a-f]{12}\.cache$/);
  assert.equal(name(), plain);
  assert.notEqual(name('--max-semi-space-size=8'), plain);
});
