/** The example manuscripts check as their top comments say. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './util/fixture';

function check(file: string) {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), 'check', '--format', 'json', file], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: result.status, findings: JSON.parse(result.stdout || '[]') as { line: number; code: string }[] };
}

test('examples/manuscript.md shows exactly the findings its comment announces', () => {
  const text = readFileSync(path.join(REPO_ROOT, 'examples/manuscript.md'), 'utf8');
  const announced = [...text.matchAll(/^\s+- line (\d+): .*\((\S+)\)$/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.equal(announced.length, 4);
  const { code, findings } = check('examples/manuscript.md');
  assert.equal(code, 1);
  assert.deepEqual(findings.map((f) => `${f.line} ${f.code}`), announced);
});

test('examples/by-key.md cites the built-in corpus by key and checks clean', () => {
  const { code, findings } = check('examples/by-key.md');
  assert.deepEqual(findings, []);
  assert.equal(code, 0);
});
