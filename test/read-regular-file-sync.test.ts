/**
 * `readRegularFileSync`, the CLI's reader, gives what `readRegularFile` (the server's, and the
 * CLI's before) gives for the same file and cap: the text of every real input under
 * test/fixtures, references/ and examples/; random bytes (invalid UTF-8, byte order marks,
 * unmarked UTF-16) at random caps around their size; and the reason for a missing file, a
 * directory, a FIFO, a symbolic link loop and a file over the cap. `citokine check` reads
 * through `OneShotWorkspace`, which must use it and still read each file once. Seeded.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { OneShotWorkspace } from '../server/src/cli';
import { readRegularFile, readRegularFileSync, type SizeLimit } from '../server/src/node/regularFile';
import { SEED } from './util/arbitraries';
import { REPO_ROOT } from './util/fixture';
import { tempDir } from './util/tempDir';

const MB = 1024 * 1024;

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

async function assertSame(file: string, limit: SizeLimit): Promise<void> {
  assert.deepEqual(readRegularFileSync(file, limit), await readRegularFile(file, limit), file);
}

test('every real input reads as the asynchronous reader reads it', async () => {
  const files = ['test/fixtures', 'references', 'examples'].flatMap((folder) => filesUnder(path.join(REPO_ROOT, folder)));
  assert.ok(files.length > 50);
  for (const file of files) {
    await assertSame(file, { megabytes: 50, source: 'test' });
    // And under a cap the larger ones exceed.
    await assertSame(file, { megabytes: 0.1, source: 'test' });
  }
});

test('random bytes at random caps read as the asynchronous reader reads them', async () => {
  const folder = tempDir('citokine-read-sync-');
  const prefix = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x61, 0, 0x62, 0], [0, 0x61, 0, 0x62]);
  const body = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x0a, 0x5b, 0x40, 0xe4, 0xb8, 0xad, 0x80, 0xc3)), {
    maxLength: 3000,
  });
  let n = 0;
  await fc.assert(
    fc.asyncProperty(prefix, body, fc.integer({ min: -2, max: 2 }), async (head, bytes, slack) => {
      const file = folder.path(`f${n++}.bin`);
      const data = Buffer.from([...head, ...bytes]);
      writeFileSync(file, data);
      await assertSame(file, { megabytes: Math.max(1, data.length + slack) / MB, source: 'test' });
      await assertSame(file, { megabytes: 5, source: 'test' });
    }),
    { seed: SEED, numRuns: 300 },
  );
});

test('a file larger than a read, at and past the cap, reads the same', async () => {
  const line = 'Müller 白细胞介素6 [@key]\n';
  const folder = tempDir('citokine-read-sync-big-', { 'big.md': line.repeat(Math.ceil((2.5 * MB) / line.length)) });
  for (const megabytes of [1, 2.5, 5]) await assertSame(folder.path('big.md'), { megabytes, source: 'test' });
});

test('a missing file, a directory, a FIFO and a link loop are refused with the same reasons', async () => {
  const folder = tempDir('citokine-read-sync-odd-');
  folder.write('sub/x.md', 'x');
  assert.equal(spawnSync('mkfifo', [folder.path('pipe.bib')]).status, 0);
  symlinkSync(folder.path('loop-a'), folder.path('loop-b'));
  symlinkSync(folder.path('loop-b'), folder.path('loop-a'));
  const limit = { megabytes: 5, source: 'test' };
  for (const name of ['missing.bib', 'sub', 'pipe.bib', 'loop-a']) {
    const read = readRegularFileSync(folder.path(name), limit);
    assert.ok('error' in read, name);
    await assertSame(folder.path(name), limit);
  }
});

test("a one-shot check's workspace reads synchronously, each file once", async () => {
  const folder = tempDir('citokine-read-sync-once-', { 'refs.json': '[{"id":"a"}]' });
  const workspace = new OneShotWorkspace();
  const read = workspace.readFile(folder.uriOf('refs.json'));
  // Read before the caller's next turn: the disk changing now is not seen.
  folder.write('refs.json', '[{"id":"b"}]');
  assert.equal(await read, '[{"id":"a"}]');
  assert.equal(await workspace.readFile(folder.uriOf('refs.json')), '[{"id":"a"}]');
});
