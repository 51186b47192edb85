/**
 * A glossary file's own diagnostics (terms/service.ts `glossaryFileDiagnostics`, asked for at
 * the end of every check) are placed in the text its parse read: a file without errors is not
 * read again, and one changed on disk before the host says so keeps its findings on their lines.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countingReads } from './util/countingReads';
import { BUILTIN_CORPUS_URI, fixture } from './util/fixture';

const broken = 'terms:\n  - id: x\n    canonical: X\n    category: nonsense\n';
const source = `%! main.md\n---\nglossary: bad.glossary.yaml\n---\nIL-6 (interleukin-6).\n%! bad.glossary.yaml\n${broken}`;

test('a glossary without errors is not read again for its diagnostics', async () => {
  const f = fixture(source);
  const reads = countingReads(f.workspace);
  const builtin = `${BUILTIN_CORPUS_URI}/glossary.json`;
  assert.ok((await f.service.glossaryFilesOf({ uri: f.uri, text: f.text })).includes(builtin));
  const before = reads.get(builtin) ?? 0;
  assert.deepEqual(await f.service.glossaryFileDiagnostics(builtin), []);
  assert.equal(reads.get(builtin) ?? 0, before, 'no read of the built-in glossary');
});

test("a glossary's diagnostics are placed in the text that was parsed, even when the file has changed since", async () => {
  const f = fixture(source);
  const uri = f.uriOf('bad.glossary.yaml');
  const reads = countingReads(f.workspace, new Map([[uri, `# a comment\n# another\n${broken}`]]));
  const errors = await f.service.glossaryFileDiagnostics(uri);
  assert.ok(errors.length > 0, 'the bad category is reported');
  assert.equal(reads.get(uri), 1, 'one read: the parse');
  const line = broken.split('\n').findIndex((l) => l.includes('nonsense'));
  assert.ok(
    errors.some((e) => e.range.start.line === line),
    `an error on the category's line (${line}): ${JSON.stringify(errors.map((e) => e.range))}`,
  );
});
