/**
 * The render worker runs citation-js (dist/citation-js-csl.js) with V8's code cache
 * (node/citationJsCsl.ts, node/codeCache.ts `requireWithCodeCache`): a worker with no cache
 * writes one beside the bundle once it has been idle a while (it never sees the process's
 * exit), the next one uses it and writes nothing, and a cache V8 rejects (another V8, as in VS
 * Code's Electron) is written again. Whatever the cache, the worker's texts are the main
 * thread's `renderReference` (invariant 14), on the deep-review library's works and on random ones.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CslItem } from '../server/src/core/bibliography/parse';
import { renderReference } from '../server/src/core/bibliography/render';
import type { RenderHelper } from '../server/src/core/bibliography/renderHelper';
import { codeCacheFiles } from '../server/src/node/codeCache';
import { startRenderWorker } from '../server/src/node/renderThread';
import { FIXTURES_ROOT, REPO_ROOT } from './util/fixture';
import { tempDir } from './util/tempDir';

const DEEP_REVIEW_ITEMS = (JSON.parse(readFileSync(path.join(FIXTURES_ROOT, 'deep-review', 'references.json'), 'utf8')) as CslItem[]).slice(
  0,
  30,
);
const STYLES = ['vancouver', 'apa', 'gb-t-7714-2015'];
/** The SHA-1 and stamp before V8's data in a cache file (codeCache.ts `HEADER_BYTES`). */
const HEADER_BYTES = 60;

/** Random works: the fields citeproc reads most, with Latin and Han text. */
const randomItem: fc.Arbitrary<CslItem> = fc
  .record({
    type: fc.constantFrom('article-journal', 'book', 'chapter', 'report', 'webpage', 'thesis', 'paper-conference'),
    title: fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom('基于深度学习的研究', 'Deep learning: a review')),
    author: fc.array(
      fc.record({
        family: fc.constantFrom('Smith', 'Zhang', '王', 'van der Berg', "O'Neil"),
        given: fc.constantFrom('A', 'CC', 'Wei', 'J. R.'),
      }),
      { maxLength: 9 },
    ),
    year: fc.integer({ min: 1900, max: 2030 }),
    containerTitle: fc.option(fc.constantFrom('Nature', 'PLOS Biology', '中华医学杂志'), { nil: undefined }),
    volume: fc.option(fc.integer({ min: 1, max: 300 }).map(String), { nil: undefined }),
    page: fc.option(fc.constantFrom('1-10', 'e1002195', '233'), { nil: undefined }),
    DOI: fc.option(fc.constantFrom('10.1038/nature14539', '10.1371/journal.pbio.1002195'), { nil: undefined }),
    n: fc.nat(),
  })
  .map(({ year, containerTitle, n, ...rest }) => {
    const item: CslItem = { id: `random-${n}`, ...rest, issued: { 'date-parts': [[year]] } };
    if (containerTitle) item['container-title'] = containerTitle;
    return JSON.parse(JSON.stringify(item)) as CslItem;
  });

/** The worker's texts for `items` in `style`. */
async function workerTexts(helper: RenderHelper, items: readonly CslItem[], style: string): Promise<(string | undefined)[]> {
  const texts: (string | undefined)[] = new Array(items.length);
  await helper.render(items, style, false, (index, text) => (texts[index] = text));
  return texts;
}

/** Asserts that the worker writes what this thread writes, on the deep-review works and random ones. */
async function assertSameAsMainThread(helper: RenderHelper): Promise<void> {
  for (const style of STYLES) {
    const items = DEEP_REVIEW_ITEMS;
    assert.deepEqual(
      await workerTexts(helper, items, style),
      items.map((item) => renderReference(structuredClone(item), style)),
      style,
    );
  }
  await fc.assert(
    fc.asyncProperty(fc.array(randomItem, { minLength: 1, maxLength: 5 }), fc.constantFrom(...STYLES), async (items, style) => {
      assert.deepEqual(
        await workerTexts(helper, items, style),
        items.map((item) => renderReference(structuredClone(item), style)),
      );
    }),
    { numRuns: 15 },
  );
}

/** Waits for `check` to hold, up to `ms`. */
async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (check()) return true;
  return check();
}

test('the render worker writes its citation-js code cache once idle, uses it, and writes again one V8 rejects; its texts stay the main thread\u2019s', async () => {
  const dir = tempDir('citokine-worker-cache-', {});
  for (const file of ['renderWorker.js', 'citation-js-csl.js']) copyFileSync(path.join(REPO_ROOT, 'dist', file), dir.path(file));
  const cache = codeCacheFiles(dir.path('citation-js-csl'))[0];
  const start = () => {
    const helper = startRenderWorker(undefined, dir.path('renderWorker.js'));
    assert.ok(helper);
    return helper;
  };

  // No cache: the worker renders as this thread does, then writes one.
  await assertSameAsMainThread(start());
  assert.ok(await until(() => existsSync(cache), 10_000), 'the cache is written once the worker is idle');
  const written = readFileSync(cache);

  // With it: the same texts, and the cache is not written again.
  await assertSameAsMainThread(start());
  await sleep(2500);
  // Only its stamp may be written again (a bundle copied moments ago gets one once it is some seconds old).
  assert.deepEqual(readFileSync(cache).subarray(HEADER_BYTES), written.subarray(HEADER_BYTES), 'an accepted cache is not made again');

  // A cache another V8 made (its version hash differs): rejected, the same texts, written again.
  const foreign = Buffer.from(written);
  for (let i = HEADER_BYTES + 4; i < HEADER_BYTES + 8; i++) foreign[i] ^= 0xff;
  writeFileSync(cache, foreign);
  const foreignTime = statSync(cache).mtimeMs;
  await assertSameAsMainThread(start());
  assert.ok(await until(() => statSync(cache).mtimeMs !== foreignTime, 10_000), 'a rejected cache is written again');
  assert.notDeepEqual(readFileSync(cache).subarray(HEADER_BYTES), foreign.subarray(HEADER_BYTES));
});
