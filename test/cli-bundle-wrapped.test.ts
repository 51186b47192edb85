/**
 * The CLI's bundle carries node's module wrapper (scripts/build.mjs), so that the launcher
 * compiles its text as read (server/src/node/codeCache.ts `wrappedSource`); a bundle without
 * it is wrapped at run time as before, and both run the same, with and without a cache.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { MODULE_WRAPPER, wrappedSource } from '../server/src/node/codeCache';
import { REPO_ROOT } from './util/fixture';
import { tempDir } from './util/tempDir';

const CODE_CACHE = require.resolve('../server/src/node/codeCache');
const [HEAD, TAIL] = MODULE_WRAPPER;

function run(bundle: string, cache: string): { stdout: string; stderr: string } {
  const script = `require(${JSON.stringify(CODE_CACHE)}).runWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify([cache])}, module)`;
  const result = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr };
}

test('dist/cli-main.js carries the module wrapper, and its first line was the #! line', () => {
  const bundle = readFileSync(path.join(REPO_ROOT, 'dist', 'cli-main.js'), 'latin1');
  assert.ok(bundle.startsWith(`${HEAD}///usr/bin/env node\n`), bundle.slice(0, 120));
  assert.ok(bundle.endsWith(TAIL));
  assert.equal(wrappedSource(bundle), bundle);
});

test('a bundle without the wrapper is wrapped, its #! line made a comment on the same line', () => {
  assert.equal(wrappedSource('#!/usr/bin/env node\nx();\n'), `${HEAD}///usr/bin/env node\nx();\n${TAIL}`);
  assert.equal(wrappedSource('x();'), `${HEAD}x();${TAIL}`);
  // Only a whole wrapper counts.
  assert.equal(wrappedSource(`${HEAD}x();`), `${HEAD}${HEAD}x();${TAIL}`);
});

test('a wrapped and an unwrapped bundle run the same, from the cache too, with the same line numbers', () => {
  const body = `#!/usr/bin/env node\nfunction where() { return new Error().stack.split('\\n')[1].match(/:(\\d+):\\d+\\)?$/)[1]; }\nconsole.log(where(), typeof module, __filename.endsWith('.js'));\n`;
  const dir = tempDir('citokine-wrapped-', { 'plain.js': body, 'wrapped.js': wrappedSource(body) });
  const expected = { stdout: '2 object true\n', stderr: '' };
  for (const name of ['plain', 'wrapped']) {
    const [bundle, cache] = [dir.path(`${name}.js`), dir.path(`${name}.cache`)];
    assert.deepEqual(run(bundle, cache), expected, name);
    assert.ok(existsSync(cache));
    assert.deepEqual(run(bundle, cache), expected, `${name}, from the cache`);
  }
});
