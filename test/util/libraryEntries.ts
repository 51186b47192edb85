/** Library entries for the search tests: real CSL-JSON items read from the repository, wrapped as a library holds them. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Library, LibraryEntry } from '../../server/src/core/bibliography/library';
import { searchIndex, type IndexedEntry } from '../../server/src/core/bibliography/search';
import { FIXTURES_ROOT, REPO_ROOT } from './fixture';

/** The CSL-JSON items of a file under the repository (path parts joined). */
export const readItems = (...parts: string[]) => JSON.parse(readFileSync(path.join(...parts), 'utf8')) as Record<string, unknown>[];

/** The benchmark's generated works as CSL-JSON, made by its own generator. */
export function generatedItems(count: number): Record<string, unknown>[] {
  const generator = path.join(REPO_ROOT, 'bench', 'generate.mjs');
  const script = `import(${JSON.stringify(generator)}).then((g) => process.stdout.write(g.toCslJson(g.generateWorks(${count}))))`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as Record<string, unknown>[];
}

const at = { start: 0, end: 0 };

/** `item` under `key` as a library entry from `origin` (positions do not matter to search). */
export const libraryEntry = (key: string, item: Record<string, unknown>, origin: LibraryEntry['origin']): LibraryEntry => ({
  key,
  item: item as unknown as LibraryEntry['item'],
  origin,
  uri: 'file:///refs.json',
  range: at,
  keyRange: at,
});

/**
 * A fresh library of `entries` and its search index: each call makes a new library, so that
 * one run does not narrow from another run's queries.
 */
export function freshIndex(entries: readonly LibraryEntry[]): readonly IndexedEntry[] {
  const library: Library = {
    byKey: new Map(entries.map((e) => [e.key, e])),
    sources: [],
    numbered: { kind: 'none', size: 0 },
    builtinNumbers: new Map(),
  };
  return searchIndex(library);
}

/**
 * A library of the deep-review references (keys as they are) and the built-in corpus (keys
 * `builtin-N`), as completion sees it: real entries of both origins, no numbered list.
 */
export function deepReviewAndBuiltinLibrary(): { readonly entries: LibraryEntry[]; readonly library: Library } {
  const entries: LibraryEntry[] = [
    ...readItems(FIXTURES_ROOT, 'deep-review', 'references.json').map((item) => libraryEntry(String(item.id), item, 'setting')),
    ...readItems(REPO_ROOT, 'references', 'review-55.json').map((item) => libraryEntry(`builtin-${String(item.id)}`, item, 'builtin')),
  ];
  const library: Library = {
    byKey: new Map(entries.map((e) => [e.key, e])),
    sources: [],
    numbered: { kind: 'none', size: 0 },
    builtinNumbers: new Map(),
  };
  return { entries, library };
}
