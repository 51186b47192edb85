/**
 * A large BibTeX file is read on two threads (core/bibliography/bibtexHelper.ts): the server's
 * parse worker (node/parseThread.ts, node/parseWorker.ts) reads slices from the last one down
 * while the main thread reads from the first one up. The parse must be exactly the one thread's
 * parse: every .bib fixture, the benchmark's generated 1k library and random files of real
 * entries, macros, crossrefs and broken entries are read both ways, with small slices so that
 * the worker reads half of each file, and compared (entries, items, key order, errors, positions).
 * A worker that cannot start, or dies before answering, leaves its slices to the main thread.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { readBibtex } from '../server/src/core/bibliography/bibtex';
import type { BibtexHelper } from '../server/src/core/bibliography/bibtexHelper';
import type { Parsed } from '../server/src/core/bibliography/formatSupport';
import { startParseHelper } from '../server/src/node/parseThread';
import { SEED } from './util/arbitraries';
import { REPO_ROOT } from './util/fixture';

/** The worker as the server runs it: the bundle `npm run build` makes (test:unit builds first). */
const WORKER_BUNDLE = path.join(REPO_ROOT, 'dist', 'parseWorker.js');
const failures: Error[] = [];
const helper = startParseHelper((error) => failures.push(error), WORKER_BUNDLE);
after(() => assert.deepEqual(failures, []));

/**
 * The helper, with the main thread made to leave the upper half of the slices to the worker
 * (it claims none of them), so that the worker reads them however fast either thread runs.
 */
function halving(inner: BibtexHelper, answered: number[]): BibtexHelper {
  return {
    start(text, uri, slices, size) {
      const job = inner.start(text, uri, slices, size);
      if (!job) return undefined;
      return {
        claim: (slice) => slice < Math.ceil(slices / 2) && job.claim(slice),
        finished: job.finished,
        result(slice) {
          const entries = job.result(slice);
          if (entries) answered.push(slice);
          return entries;
        },
      };
    },
  };
}

/** `readBibtex` driven as the server drives it, awaiting the helper. */
async function readWith(text: string, with_: BibtexHelper | undefined, size: number): Promise<Parsed> {
  const reading = readBibtex(text, 'file:///library.bib', undefined, with_, size);
  for (;;) {
    const step = reading.next();
    if (step.done) return step.value;
    if (step.value) await step.value;
  }
}

/** Reads `text` in slices of `size` on two threads and on one; they must be the same. Returns how many slices the worker answered. */
async function assertSameOnTwoThreads(name: string, text: string, size: number): Promise<number> {
  const answered: number[] = [];
  const two = await readWith(text, halving(helper, answered), size);
  const one = await readWith(text, undefined, size);
  assert.equal(two.entries.length, one.entries.length, `${name}: number of entries`);
  two.entries.forEach((entry, i) => {
    assert.deepStrictEqual(entry, one.entries[i], `${name}: entry ${entry.key}`);
    assert.equal(JSON.stringify(entry), JSON.stringify(one.entries[i]), `${name}: key order of ${entry.key}`);
  });
  assert.deepStrictEqual(two.errors, one.errors, `${name}: errors`);
  return answered.length;
}

function bibFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? bibFiles(path.join(dir, d.name)) : d.name.endsWith('.bib') ? [path.join(dir, d.name)] : [],
  );
}

const fixtures = bibFiles(path.join(REPO_ROOT, 'test', 'fixtures')).map((file) => ({
  name: path.relative(REPO_ROOT, file),
  text: readFileSync(file, 'utf8'),
}));

test('every .bib fixture reads the same on two threads as on one', async () => {
  assert.ok(fixtures.length >= 16, `found ${fixtures.length} .bib fixtures`);
  let answered = 0;
  for (const { name, text } of fixtures) answered += await assertSameOnTwoThreads(name, text, 7);
  assert.ok(answered > 40, `the worker answered ${answered} slices`);
});

test("the benchmark's generated 1k library reads the same on two threads as on one", async () => {
  const script = `import { generateWorks, toBibtex } from ${JSON.stringify(path.join(REPO_ROOT, 'bench', 'generate.mjs'))}; process.stdout.write(toBibtex(generateWorks(1000)));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  // The server's own slices, 500 entries.
  assert.equal(await assertSameOnTwoThreads('lib-1k.bib', run.stdout, 500), 1);
});

/** Real entries of the fixtures, one per piece, with what a file mixes in around them. */
const realEntries = fixtures.flatMap(({ text }) => text.split(/\n(?=@)/).filter((piece) => /^@[a-z]+\s*[{(]/i.test(piece)));
const piece = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...realEntries) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('@string{jnl = {Journal of Tests}}', '@string{jnl = "Other " # {Journal}}', '@STRING(me = {M\\"uller})'),
  },
  { weight: 1, arbitrary: fc.constantFrom('@article{usesmacro, author = me, title = {A}, journal = jnl, year = 2001}') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '@inproceedings{child, crossref = {parent}, title = {Child}}',
      '@proceedings{parent, title = {Parent}, year = 1999, publisher = {P}}',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '@article{broken, title = {never closed',
      '@article{, title = {no key}}',
      '@book{bad, title = {x} author = {y}}',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('% @article{commented, title = {out}}', '@comment{x}', '@preamble{"\\newcommand{\\noop}[1]{}"}'),
  },
);

test('random files of real entries, macros, crossrefs and broken entries read the same on two threads as on one', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(piece, { minLength: 8, maxLength: 60 }), fc.integer({ min: 2, max: 9 }), async (pieces, size) => {
      await assertSameOnTwoThreads('random', pieces.join('\n'), size);
    }),
    { seed: SEED, numRuns: 20 },
  );
});

test('a worker that cannot start, or dies before answering, leaves its slices to the main thread', async () => {
  const text = fixtures.map((f) => f.text).join('\n');
  const one = await readWith(text, undefined, 7);
  const missing: Error[] = [];
  const none = startParseHelper((error) => missing.push(error), path.join(tmpdir(), 'no-such-parse-worker.js'));
  assert.deepStrictEqual(await readWith(text, halving(none, []), 7), one);
  assert.ok(missing.length > 0, 'the failure was reported');
  // A worker that claims every slice it can and exits without answering one.
  const dying = path.join(tmpdir(), `citokine-dying-parse-worker-${process.pid}.js`);
  writeFileSync(
    dying,
    `const { parentPort } = require('node:worker_threads');
parentPort.once('message', ({ slices, claims }) => {
  const c = new Int32Array(claims);
  for (let s = slices - 1; s >= 0 && Atomics.compareExchange(c, s, 0, 2) === 0; s--);
  process.exit(3);
});`,
  );
  const died: Error[] = [];
  assert.deepStrictEqual(
    await readWith(
      text,
      halving(
        startParseHelper((error) => died.push(error), dying),
        [],
      ),
      7,
    ),
    one,
  );
  assert.ok(died.length > 0, 'the death was reported');
});
