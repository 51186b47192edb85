/** examples/terminology.md checks as its top comment says: the term findings it shows on purpose, and no other. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { announcedFindings, checkJson } from './util/cli';

test('examples/terminology.md shows exactly the term findings its comment announces', () => {
  const announced = announcedFindings('examples/terminology.md');
  assert.equal(announced.length, 8);
  const { code, findings } = checkJson('examples/terminology.md');
  assert.deepEqual(
    findings.map((f) => `${f.line} ${f.code}`),
    announced,
  );
  assert.equal(code, 0, 'term findings are warnings and information: exit 0');
});
