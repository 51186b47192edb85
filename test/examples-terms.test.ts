/** examples/terminology.md checks as its top comment says: the term findings it shows on purpose, and no other. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './util/fixture';

test('examples/terminology.md shows exactly the term findings its comment announces', () => {
  const text = readFileSync(path.join(REPO_ROOT, 'examples/terminology.md'), 'utf8');
  const announced = [...text.matchAll(/^\s+- line (\d+): .*\((\S+)\)$/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.equal(announced.length, 6);
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), 'check', '--format', 'json', 'examples/terminology.md'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const findings = JSON.parse(result.stdout || '[]') as { line: number; code: string }[];
  assert.deepEqual(findings.map((f) => `${f.line} ${f.code}`), announced);
  assert.equal(result.status, 0, 'term findings are warnings and information: exit 0');
});
