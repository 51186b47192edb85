// Preloaded into the server (`node --import bench/gc-log.mjs`) by `bench/run.mjs --trace
// DIR` only: records every garbage collection of the main thread (start and end in µs of the
// monotonic clock that CPU profiles and run.mjs's phases use, and its kind) and writes them as
// JSON to the file named by CITOKINE_BENCH_GC_LOG when the process exits. Not part of the
// product; stdout is the LSP channel, so nothing is printed.
import { writeFileSync } from 'node:fs';
import { performance, PerformanceObserver, constants } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.CITOKINE_BENCH_GC_LOG;
if (file && isMainThread) {
  const offsetUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
  const kinds = {
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
  };
  const entries = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const start = Math.round(e.startTime * 1000 + offsetUs);
      entries.push({ start, end: start + Math.round(e.duration * 1000), kind: kinds[e.detail?.kind ?? e.kind] ?? String(e.detail?.kind) });
    }
  }).observe({ entryTypes: ['gc'] });
  const write = () => writeFileSync(file, `${JSON.stringify({ pid: process.pid, gc: entries })}\n`);
  process.on('exit', write);
}
