/**
 * The language server's BibTeX helper: a worker thread (node/parseWorker.ts) that reads slices
 * of a large BibTeX file from the last one down with the core's own reader, on the second
 * core, while the main thread reads from the first one up (core/bibliography/bibtexHelper.ts).
 * The two claim slices in shared memory, so each slice is read once. One worker is started
 * with the helper and warms up (citation-js loaded, the reader compiled) so that it helps from
 * the first slice; it ends once it has read its part of a file, so that it holds no memory
 * between loads, and a later file starts a new one. When a worker cannot start or dies, the
 * main thread reads every slice it has not answered.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BibtexHelper, BibtexHelperJob, HelperSlice } from '../core';

/**
 * What the main thread sends the worker: the file (as UTF-16 code units in shared memory:
 * posting a 4 MB string copies it four times more slowly), how it counted the slices, and the claims (one Int32 per slice).
 */
export interface ParseRequest {
  readonly text: string | SharedArrayBuffer;
  readonly slices: number;
  readonly size: number;
  readonly claims: SharedArrayBuffer;
}

/** What the worker answers: one slice's entries (undefined: read it entry by entry), or its end. */
export type ParseReply = { readonly slice: number; readonly entries: HelperSlice | undefined } | { readonly end: true };

/** Who holds a slice in the claims. */
export const UNCLAIMED = 0;
export const MAIN_THREAD = 1;
export const WORKER = 2;

/** The bundle next to this one (dist/parseWorker.js), or the compiled module beside this one in out/. */
const WORKER_FILE = path.join(__dirname, 'parseWorker.js');

/** The helper the server installs; `onFailure` hears of each worker that fails (the host logs it). */
export function startParseHelper(onFailure?: (error: Error) => void, file: string = WORKER_FILE): BibtexHelper {
  let warm = spawn(file, onFailure);
  return {
    start(text, _uri, slices, size) {
      const worker = warm ?? spawn(file, onFailure);
      warm = undefined;
      return worker && startJob(worker, text, slices, size, onFailure);
    },
  };
}

function spawn(file: string, onFailure?: (error: Error) => void): Worker | undefined {
  try {
    const worker = new Worker(file);
    // Waiting for a file, it must not keep the process alive.
    worker.unref();
    return worker;
  } catch (error) {
    onFailure?.(error instanceof Error ? error : new Error(String(error)));
    return undefined;
  }
}

/** The text as UTF-16 code units in shared memory (lone surrogates included), or the string itself should they not all fit. */
function shared(text: string): string | SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(text.length * 2);
  return Buffer.from(buffer).write(text, 0, 'utf16le') === buffer.byteLength ? buffer : text;
}

function startJob(worker: Worker, text: string, slices: number, size: number, onFailure?: (error: Error) => void): BibtexHelperJob {
  const claims = new Int32Array(new SharedArrayBuffer(4 * slices));
  const results = new Map<number, HelperSlice>();
  let end!: () => void;
  const finished = new Promise<void>((resolve) => (end = resolve));
  let ended = false;
  const stop = (error?: Error) => {
    if (ended) return;
    ended = true;
    if (error) onFailure?.(error);
    // Slices it claimed and did not answer are the main thread's now: they read as unanswered.
    end();
    void worker.terminate();
  };
  worker.ref();
  worker.on('message', (reply: ParseReply) => {
    if ('end' in reply) stop();
    else if (reply.entries) results.set(reply.slice, reply.entries);
  });
  worker.on('error', (error) => stop(error));
  worker.on('messageerror', (error) => stop(error));
  worker.on('exit', (code) => stop(new Error(`the parse worker exited (code ${code})`)));
  try {
    worker.postMessage({ text: shared(text), slices, size, claims: claims.buffer as SharedArrayBuffer } satisfies ParseRequest);
  } catch (error) {
    stop(error instanceof Error ? error : new Error(String(error)));
  }
  return {
    claim: (slice) => Atomics.compareExchange(claims, slice, UNCLAIMED, MAIN_THREAD) === UNCLAIMED,
    finished,
    result: (slice) => results.get(slice),
  };
}
