/**
 * A check sends the render helper (the server's worker thread) the cards of the first works a
 * manuscript cites as soon as it has the library (citations/hover.ts `prepareFirstHoverCards`),
 * so that a hover right after the first diagnostics finds its card rendered instead of waiting
 * for the worker. It only changes when a card is rendered, never what it says: hovers after it
 * equal hovers rendered on this thread (invariant 14), on the deep-review manuscript and on
 * manuscripts citing its works in random order. Without a helper (the CLI) nothing is rendered
 * for it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { MarkupContent } from 'vscode-languageserver-types';
import { setRenderHelper } from '../server/src/core/bibliography/render';
import type { RenderHelper } from '../server/src/core/bibliography/renderHelper';
import { LineMap } from '../server/src/core/text/textRange';
import { startRenderWorker } from '../server/src/node/renderThread';
import { fixture, FIXTURES_ROOT, REPO_ROOT, type Fixture } from './util/fixture';
import { recordingRenderHelper } from './util/recordingRenderHelper';

const DEEP_REVIEW = path.join(FIXTURES_ROOT, 'deep-review');
const REFERENCES = readFileSync(path.join(DEEP_REVIEW, 'references.json'), 'utf8');
const MANUSCRIPT = readFileSync(path.join(DEEP_REVIEW, 'manuscript.md'), 'utf8');
const KEYS: string[] = (JSON.parse(REFERENCES) as { id: string }[]).map((item) => item.id);
const BUNDLED_WORKER = path.join(REPO_ROOT, 'dist', 'renderWorker.js');

/** The deep-review manuscript, or `body` under its front matter, with its library, as a fixture. */
function deepReview(body?: string): Fixture {
  const text = body === undefined ? MANUSCRIPT : `---\nbibliography:\n- references.json\n---\n${body}`;
  return fixture(`%! manuscript.md\n${text}%! references.json\n${REFERENCES}`);
}

/** The keys cited by `[@...]` in `text`, in order, each once. */
function citedKeys(text: string): string[] {
  const keys = [...text.matchAll(/\[@([^\];\s]+)/g)].map((m) => m[1]);
  return [...new Set(keys)].filter((key) => KEYS.includes(key));
}

/** The hover's Markdown on the first citation of `key`. */
async function hoverOn(f: Fixture, key: string): Promise<string | undefined> {
  const at = f.text.indexOf(`@${key}`) + 2;
  const hover = await f.service.hover({ uri: f.uri, text: f.text }, new LineMap(f.text).positionAt(at));
  return hover ? (hover.contents as MarkupContent).value : undefined;
}

test('a check sends the helper the first four works the manuscript cites, as a request would, before its diagnostics are out', async (t) => {
  const { sent, helper } = recordingRenderHelper(t);
  setRenderHelper(helper);
  const f = deepReview();
  await f.service.diagnostics({ uri: f.uri, text: f.text });
  const first = citedKeys(MANUSCRIPT).slice(0, 4);
  assert.equal(first.length, 4);
  assert.deepEqual(
    sent,
    first.map((key) => `${key} vancouver urgent`),
  );
  // The hover on the first key then sends nothing and shows the helper's text.
  assert.match((await hoverOn(f, first[0])) ?? '', new RegExp(`rendered elsewhere: ${first[0].replace(/[.]/g, '\\.')}`));
  assert.equal(sent.length, 4);
  // A second check of the same text sends nothing again.
  await f.service.diagnostics({ uri: f.uri, text: `${f.text}\n` });
  assert.equal(sent.length, 4);
});

test('without a helper a check renders nothing for the first cards: a helper installed after it gets the hover\u2019s work', async (t) => {
  const { sent, helper } = recordingRenderHelper(t);
  const f = deepReview('See [@doi:10.1038/nature14539] and [@doi:10.1038/ncomms5308].\n');
  await f.service.diagnostics({ uri: f.uri, text: f.text });
  setRenderHelper(helper);
  assert.match((await hoverOn(f, 'doi:10.1038/nature14539')) ?? '', /rendered elsewhere: doi:10\.1038\/nature14539/);
  assert.deepEqual(sent, ['doi:10.1038/nature14539 vancouver urgent']);
});

test('hovers after the first cards came from the render worker equal hovers rendered on this thread: deep-review and random manuscripts', async (t) => {
  const worker = startRenderWorker(undefined, BUNDLED_WORKER);
  assert.ok(worker);
  t.after(() => setRenderHelper(undefined));
  /** Every cited key's hover after a check, rendered by the worker (first cards first) or on this thread. */
  const hovers = async (body: string | undefined, helper: RenderHelper | undefined, keys: readonly string[]) => {
    setRenderHelper(helper);
    const f = deepReview(body);
    await f.service.diagnostics({ uri: f.uri, text: f.text });
    const texts: (string | undefined)[] = [];
    for (const key of keys) texts.push(await hoverOn(f, key));
    return texts;
  };
  const keys = citedKeys(MANUSCRIPT).slice(0, 12);
  const fromWorker = await hovers(undefined, worker, keys);
  assert.ok(fromWorker.every((text) => text?.includes('Style: Vancouver')));
  assert.deepEqual(fromWorker, await hovers(undefined, undefined, keys));
  await fc.assert(
    fc.asyncProperty(fc.shuffledSubarray(KEYS, { minLength: 1, maxLength: 12 }), async (cited) => {
      const body = cited.map((key, i) => `Sentence ${i} [@${key}].\n`).join('\n');
      assert.deepEqual(await hovers(body, worker, cited), await hovers(body, undefined, cited));
    }),
    { numRuns: 15 },
  );
});
