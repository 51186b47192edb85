/**
 * The real Markdown documents the scanner and parser properties run on: the deep-review
 * manuscript, pandoc's own test inputs (its reader tests and its command tests) and the
 * repository's examples, each with a name for the failure message.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES_ROOT, REPO_ROOT } from './fixture';

function read(...parts: string[]): string {
  return readFileSync(path.join(...parts), 'utf8');
}

const markdownIn = (folder: string, keep: (file: string) => boolean): Array<[string, string]> =>
  readdirSync(folder)
    .filter(keep)
    .map((f): [string, string] => [f, read(folder, f)]);

/** `[name, text]` for every document, deep-review first. */
export const REAL_DOCUMENTS: ReadonlyArray<readonly [string, string]> = [
  ['deep-review', read(FIXTURES_ROOT, 'deep-review', 'manuscript.md')],
  ['pandoc testsuite', read(FIXTURES_ROOT, 'pandoc', 'testsuite.txt')],
  ['pandoc markdown-reader-more', read(FIXTURES_ROOT, 'pandoc', 'markdown-reader-more.txt')],
  ...markdownIn(path.join(FIXTURES_ROOT, 'pandoc', 'command'), () => true),
  ...markdownIn(path.join(REPO_ROOT, 'examples'), (f) => f.endsWith('.md')),
];
