/**
 * Background renders (a manuscript's cited works, rendered after its check so that hovers find
 * them formatted) wait while a writer's requests come back to back, also when a render helper
 * (the server's worker thread) does them: on a machine of two cores the helper rendering 400
 * works while a writer types took the core the answers needed (bench/README.md,
 * `completion_p99_ms_10k`). Once the requests stop, every item is rendered, in order, and the
 * cache holds exactly what this thread's `renderReference` gives (invariant 14).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBibliography, type CslItem } from '../server/src/core/bibliography/parse';
import { duringRequest, renderInBackground, renderReference, setRenderHelper } from '../server/src/core/bibliography/render';
import { cachedText } from '../server/src/core/bibliography/renderCache';
import type { RenderHelper } from '../server/src/core/bibliography/renderHelper';
import { REPO_ROOT } from './util/fixture';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fresh copies of the built-in corpus's items (the render cache is per item object). */
function corpusItems(): CslItem[] {
  const file = path.join(REPO_ROOT, 'references', 'review-55.json');
  return parseBibliography(readFileSync(file, 'utf8'), `file://${file}`, 'csl-json').entries.map((entry) => structuredClone(entry.item));
}

/** A helper that renders with this thread's own `renderReference` on a later timer turn, recording when each item was sent. */
function recordingHelper(sent: { id: string; at: number }[]): RenderHelper {
  return {
    registerStyle: () => undefined,
    unregisterStyle: () => undefined,
    styleProblem: async () => undefined,
    async render(items, style, _urgent, onText) {
      const at = performance.now();
      for (const item of items) sent.push({ id: String(item.id), at });
      await sleep(1);
      items.forEach((item, index) => onText(index, renderReference(structuredClone(item), style)));
    },
  };
}

test('background renders go to the helper only between requests, a few at a time, and fill the cache with the same texts', async (t) => {
  const sent: { id: string; at: number }[] = [];
  setRenderHelper(recordingHelper(sent));
  t.after(() => setRenderHelper(undefined));
  const items = corpusItems().slice(0, 24);
  const expected = corpusItems()
    .slice(0, 24)
    .map((item) => renderReference(item, 'vancouver'));

  // A writer typing: one request after another, each answered in a few milliseconds.
  renderInBackground(items, 'vancouver');
  const typingStarted = performance.now();
  for (let keystroke = 0; keystroke < 40; keystroke++) await duringRequest(() => sleep(3));
  const typingEnded = performance.now();
  assert.deepEqual(
    sent.filter((s) => s.at >= typingStarted && s.at < typingEnded),
    [],
    'nothing is sent to the helper while requests come back to back',
  );

  // The writer pauses: every item is rendered, in order, a few per message.
  while (items.some((item) => cachedText(item, 'vancouver') === undefined)) await sleep(10);
  assert.deepEqual(
    sent.map((s) => s.id),
    items.map((item) => String(item.id)),
  );
  const perMessage = new Map<number, number>();
  for (const s of sent) perMessage.set(s.at, (perMessage.get(s.at) ?? 0) + 1);
  assert.ok(Math.max(...perMessage.values()) <= 4, 'at most four items a message');
  assert.deepEqual(
    items.map((item) => cachedText(item, 'vancouver')),
    expected,
  );
});

test('without a helper, background renders on this thread wait for the requests too and give renderReference texts', async () => {
  const items = corpusItems().slice(24, 30);
  const expected = corpusItems()
    .slice(24, 30)
    .map((item) => renderReference(item, 'apa'));
  renderInBackground(items, 'apa');
  for (let keystroke = 0; keystroke < 20; keystroke++) await duringRequest(() => sleep(3));
  assert.ok(
    items.every((item) => cachedText(item, 'apa') === undefined),
    'nothing rendered while requests come back to back',
  );
  while (items.some((item) => cachedText(item, 'apa') === undefined)) await sleep(10);
  assert.deepEqual(
    items.map((item) => cachedText(item, 'apa')),
    expected,
  );
});
