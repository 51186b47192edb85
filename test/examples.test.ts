/** The example manuscripts check as their top comments say. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { announcedFindings, checkJson } from './util/cli';

test('examples/manuscript.md shows exactly the findings its comment announces', () => {
  const announced = announcedFindings('examples/manuscript.md');
  assert.equal(announced.length, 5);
  const { code, findings } = checkJson('examples/manuscript.md');
  assert.equal(code, 1);
  assert.deepEqual(
    findings.map((f) => `${f.line} ${f.code}`),
    announced,
  );
});

test('examples/by-key.md cites the built-in corpus by key and checks clean', () => {
  const { code, findings } = checkJson('examples/by-key.md');
  assert.deepEqual(findings, []);
  assert.equal(code, 0);
});
