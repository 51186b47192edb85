/**
 * The language server collects V8's young generation once a library's request warm-ups are
 * done (node/youngGeneration.ts), so that the load's young survivors are promoted while it is
 * idle, not on the writer's first keystrokes: the service calls `afterWarmUp` once per library
 * after its warm-ups, and the host's call runs a young-generation collection in a later turn.
 */
import assert from 'node:assert/strict';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { test } from 'node:test';
import { createLanguageService } from '../server/src/core';
import { collectYoungGenerationSoon } from '../server/src/node/youngGeneration';
import { BUILTIN_CORPUS_URI, MemoryWorkspace, wsUri } from './util/fixture';

const turns = (n: number) => new Promise<void>((resolve) => setTimeout(resolve, n));

test('the service calls afterWarmUp once a library is warmed, and once only', async () => {
  const workspace = new MemoryWorkspace();
  workspace.files.set(wsUri('refs.bib'), '@book{knuth1986, author = {Knuth, Donald E.}, title = {The Art}, year = {1986}}\n');
  const text = '---\nbibliography: refs.bib\n---\nSee [@knuth1986].\n';
  workspace.files.set(wsUri('main.md'), text);
  let calls = 0;
  const service = createLanguageService({
    workspace,
    builtinCorpusUri: BUILTIN_CORPUS_URI,
    workspaceFolderUri: 'file:///ws',
    afterWarmUp: () => calls++,
  });
  const document = { uri: wsUri('main.md'), text };
  await service.prepareRequests(document);
  for (let i = 0; i < 100 && calls === 0; i++) await turns(10);
  assert.equal(calls, 1);
  await service.prepareRequests(document);
  await turns(200);
  assert.equal(calls, 1, 'the same library is not warmed again');
});

test('the host runs a young-generation collection in a later turn', async () => {
  const minor: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) minor.push(entry.startTime);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const called = performance.now();
  collectYoungGenerationSoon();
  for (let i = 0; i < 50 && !minor.some((t) => t >= called); i++) await turns(10);
  observer.disconnect();
  assert.ok(
    minor.some((t) => t >= called),
    'a young-generation collection after the call',
  );
});
