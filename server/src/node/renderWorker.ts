/**
 * The render worker's entry (dist/renderWorker.js, a worker thread of the language server):
 * the core's own `renderReference`, so that its texts equal the main thread's, fed by
 * node/renderThread.ts. It loads citation-js and builds the default style's engine as soon as
 * it starts, while the main thread checks the first manuscript on the other core; citation-js
 * runs with V8's code cache (node/citationJsCsl.ts), which this worker writes once idle when
 * it had none it could use.
 */
import { parentPort } from 'node:worker_threads';
import { DEFAULT_STYLE, registerStyle, renderReference, resolveStyleName, styleProblem, unregisterStyle, type CslItem } from '../core';
import { saveCodeCaches } from './codeCache';
import type { RenderReply, RenderRequest } from './renderThread';

interface Job {
  readonly id: number;
  readonly items: readonly CslItem[];
  readonly style: string;
  next: number;
}

/** Jobs in the order they run: urgent ones (a hover waits) go before background ones. */
const jobs: Job[] = [];
let scheduled = false;

function post(reply: RenderReply): void {
  parentPort?.postMessage(reply);
}

/** One item a turn, so that an urgent job received meanwhile waits for one render at most. */
function turn(): void {
  scheduled = false;
  const job = jobs[0];
  if (!job) return;
  const index = job.next++;
  // A style unregistered since the job was sent would render in the default one: left to the main thread.
  const text = resolveStyleName(job.style) === job.style ? renderReference(job.items[index], job.style) : undefined;
  post({ id: job.id, index, text });
  if (job.next >= job.items.length) {
    jobs.shift();
    post({ id: job.id, done: true });
  }
  schedule();
}

function schedule(): void {
  if (scheduled || jobs.length === 0) return;
  scheduled = true;
  setImmediate(turn);
}

function receive(message: RenderRequest): void {
  if (message.kind === 'register') {
    try {
      registerStyle(message.name, message.xml, message.title);
    } catch {
      // Not registered here: its renders come back empty and the main thread renders them.
    }
  } else if (message.kind === 'unregister') {
    unregisterStyle(message.name);
  } else if (message.kind === 'probe') {
    // A user's style is compiled here, not on the main thread, when a check reads it: the answer waits for no job.
    post({ id: message.id, probed: true, problem: styleProblem(message.name) });
  } else if (message.items.length === 0) {
    post({ id: message.id, done: true });
  } else {
    const job = { id: message.id, items: message.items, style: message.style, next: 0 };
    if (message.urgent) jobs.unshift(job);
    else jobs.push(job);
    schedule();
  }
}

parentPort?.on('message', receive);

// The warm-up: citation-js's bundle read and run, citeproc's engine for the default style and locale.
renderReference(
  { id: 'warm-up', type: 'book', title: 'Warm-up', author: [{ family: 'Warm', given: 'A' }], issued: { 'date-parts': [[2000]] } },
  DEFAULT_STYLE,
);

/** How long the worker waits with no job before writing its code cache, when it must (the first start after an install or update). */
const SAVE_IDLE_MS = 1000;

/** Writes the code cache once no job waits: after the session's first renders, whose functions it then holds too. */
function saveWhenIdle(): void {
  if (jobs.length > 0) setTimeout(saveWhenIdle, SAVE_IDLE_MS);
  else saveCodeCaches();
}
// Run as a plain script (the build runs it so to make the cache), there is no job to wait for.
if (parentPort) setTimeout(saveWhenIdle, SAVE_IDLE_MS);
else saveCodeCaches();
