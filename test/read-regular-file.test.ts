/**
 * `readRegularFile` reads a file into one buffer of its size: the text is the file's, whole,
 * for an empty file, a one-byte file, files around and past the old 1 MB chunk (multi-byte
 * characters across the boundary), the real deep-review inputs, and a file at the size cap.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { readRegularFile } from '../server/src/node/regularFile';
import { FIXTURES_ROOT } from './util/fixture';
import { tempDir } from './util/tempDir';

const MB = 1024 * 1024;

async function textOf(file: string, megabytes = 5): Promise<string> {
  const read = await readRegularFile(file, { megabytes, source: 'test' });
  assert.ok('text' in read, JSON.stringify(read));
  return read.text;
}

test('files of every size are read whole, as readFileSync decodes them', async () => {
  const line = 'Müller 白细胞介素6 [@key]\n';
  const texts: Record<string, string> = {
    'empty.md': '',
    'one.md': 'x',
    'under.md': 'a'.repeat(MB - 1),
    'exact.md': 'b'.repeat(MB),
    'over.md': line.repeat(Math.ceil((2.5 * MB) / line.length)),
  };
  const dir = tempDir('citokine-read-', texts);
  for (const [name, text] of Object.entries(texts)) assert.equal(await textOf(dir.path(name)), text, name);
  for (const name of ['manuscript.md', 'references.json']) {
    const file = path.join(FIXTURES_ROOT, 'deep-review', name);
    assert.equal(await textOf(file), readFileSync(file, 'utf8'), name);
  }
});

test('a file exactly at the size cap is read whole; one byte over is refused', async () => {
  const dir = tempDir('citokine-read-cap-', { 'cap.md': 'c'.repeat(MB), 'over.md': 'c'.repeat(MB + 1) });
  assert.equal(await textOf(dir.path('cap.md'), 1), 'c'.repeat(MB));
  const over = await readRegularFile(dir.path('over.md'), { megabytes: 1, source: 'test' });
  assert.ok('error' in over);
});
