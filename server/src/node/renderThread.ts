/**
 * The language server's render helper: a worker thread (node/renderWorker.ts) that formats
 * references with the core's own `renderReference` on the second core, so that loading
 * citation-js and building citeproc's engine (about 190 ms) run beside the first check
 * instead of before it. The core awaits its texts (core/bibliography/renderHelper.ts); when
 * the worker cannot start or dies, every render is done on the main thread again.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CslItem, RenderHelper } from '../core';

/** What the main thread sends the worker. */
export type RenderRequest =
  | { readonly kind: 'register'; readonly name: string; readonly xml: string; readonly title: string | undefined }
  | { readonly kind: 'unregister'; readonly name: string }
  | { readonly kind: 'probe'; readonly id: number; readonly name: string }
  | { readonly kind: 'render'; readonly id: number; readonly items: readonly CslItem[]; readonly style: string; readonly urgent: boolean };

/** What the worker answers: one item's text (undefined when it cannot render it), the end of a job, or a style's problem. */
export type RenderReply =
  | { readonly id: number; readonly index: number; readonly text: string | undefined }
  | { readonly id: number; readonly done: true }
  | { readonly id: number; readonly probed: true; readonly problem: string | undefined };

interface Job {
  readonly onText: (index: number, text: string | undefined) => void;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly onProblem?: (problem: string | undefined) => void;
}

/** The bundle next to this one (dist/renderWorker.js), or the compiled module beside this one in out/. */
const WORKER_FILE = path.join(__dirname, 'renderWorker.js');

/**
 * Starts the render worker, or returns undefined when it cannot start. `onFailure` hears of its
 * failure once (the host logs it); its unanswered jobs are rejected, which the core takes as
 * the end of the helper.
 */
export function startRenderWorker(onFailure?: (error: Error) => void, file: string = WORKER_FILE): RenderHelper | undefined {
  let worker: Worker;
  try {
    worker = new Worker(file);
  } catch (error) {
    onFailure?.(error instanceof Error ? error : new Error(String(error)));
    return undefined;
  }
  const jobs = new Map<number, Job>();
  let failed: Error | undefined;
  let lastId = 0;
  const fail = (error: Error) => {
    if (failed) return;
    failed = error;
    onFailure?.(error);
    for (const job of jobs.values()) job.reject(error);
    jobs.clear();
    void worker.terminate();
  };
  worker.on('error', fail);
  worker.on('messageerror', fail);
  worker.on('exit', (code) => fail(new Error(`the render worker exited (code ${code})`)));
  worker.on('message', (reply: RenderReply) => {
    const job = jobs.get(reply.id);
    if (!job) return;
    if ('index' in reply) return job.onText(reply.index, reply.text);
    if ('probed' in reply) job.onProblem?.(reply.problem);
    jobs.delete(reply.id);
    hold();
    job.resolve();
  });
  // Held while it has jobs (a caller awaits them), let go when idle: the session's end, not the worker, ends the process.
  const hold = () => (jobs.size > 0 ? worker.ref() : worker.unref());
  hold();
  const send = (request: RenderRequest) => {
    try {
      worker.postMessage(request);
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
    }
  };
  /** Sends a request that `jobs` answers under a new id; resolves when its last reply is read. */
  const ask = (request: (id: number) => RenderRequest, job: Omit<Job, 'resolve' | 'reject'>): Promise<void> => {
    if (failed) return Promise.reject(failed);
    const id = ++lastId;
    const done = new Promise<void>((resolve, reject) => jobs.set(id, { ...job, resolve, reject }));
    hold();
    send(request(id));
    return done;
  };
  return {
    registerStyle: (name, xml, title) => send({ kind: 'register', name, xml, title }),
    unregisterStyle: (name) => send({ kind: 'unregister', name }),
    render: (items, style, urgent, onText) => ask((id) => ({ kind: 'render', id, items, style, urgent }), { onText }),
    async styleProblem(name) {
      let problem: string | undefined;
      await ask((id) => ({ kind: 'probe', id, name }), { onText: () => {}, onProblem: (found) => (problem = found) });
      return problem;
    },
  };
}
