/**
 * The BibTeX parse worker's entry (dist/parseWorker.js, a worker thread of the language
 * server, started by node/parseThread.ts): it warms up, then, given a file, reads slices from
 * the last one down with the core's own reader while it can claim them, answers each, and
 * says it ended.
 */
import { parentPort } from 'node:worker_threads';
import { readBibtexSlices } from '../core';
import { UNCLAIMED, WORKER, type ParseReply, type ParseRequest } from './parseThread';

function post(reply: ParseReply): void {
  parentPort?.postMessage(reply);
}

parentPort?.once('message', ({ text, slices, size, claims }: ParseRequest) => {
  const claimed = new Int32Array(claims);
  try {
    readBibtexSlices(
      typeof text === 'string' ? text : Buffer.from(text).toString('utf16le'),
      slices,
      size,
      (slice) => Atomics.compareExchange(claimed, slice, UNCLAIMED, WORKER) === UNCLAIMED,
      (slice, entries) => post({ slice, entries }),
    );
  } finally {
    post({ end: true });
  }
});

// The warm-up, while no file waits: citation-js's bundle read and run, the reader compiled.
readBibtexSlices(
  '@string{j = {J. Warm}}\n@article{warm, author = {Warm, A. and B. Up}, title = {Warm-up}, journal = j, year = 2000, pages = {1--2}}\n',
  1,
  500,
  () => true,
  () => undefined,
);
