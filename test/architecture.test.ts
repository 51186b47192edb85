/**
 * ARCHITECTURE.md's code map is held to the tree: every source folder and file is named in
 * it (a file by its name, or by a longer path where two files share a name), and every
 * source path it names exists. A moved or added file without its line in the map fails here.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import test from 'node:test';
import { REPO_ROOT } from './util/fixture';

const SOURCE_ROOTS = ['server/src', 'client/src'];
const SOURCE_FILE = /\.(ts|mjs|cjs)$/;

function walk(relative: string): string[] {
  return readdirSync(path.join(REPO_ROOT, relative)).flatMap((name) => {
    const child = `${relative}/${name}`;
    return statSync(path.join(REPO_ROOT, child)).isDirectory() ? [`${child}/`, ...walk(child)] : SOURCE_FILE.test(name) ? [child] : [];
  });
}

const architecture = readFileSync(path.join(REPO_ROOT, 'ARCHITECTURE.md'), 'utf8');
/** Every `code span` of the document, without a leading `./`. */
const named = new Set([...architecture.matchAll(/`([^`\n]+)`/g)].map((m) => m[1].replace(/^\.\//, '')));
const tree = [...SOURCE_ROOTS.map((root) => `${root}/`), ...SOURCE_ROOTS.flatMap(walk)];

/** The shortest path suffixes by which `entry` may be named: its name when that is unique in the tree. */
function acceptedNames(entry: string): string[] {
  const parts = entry.replace(/\/$/, '').split('/');
  const suffix = (n: number): string => parts.slice(-n).join('/') + (entry.endsWith('/') ? '/' : '');
  const names: string[] = [];
  for (let n = 1; n <= parts.length; n++) {
    const candidate = suffix(n);
    const clash = tree.some((other) => other !== entry && (other === candidate || other.endsWith(`/${candidate}`)));
    if (!clash) names.push(candidate);
  }
  return names;
}

test('every source folder and file is named in the code map', () => {
  const missing = tree.filter((entry) => !acceptedNames(entry).some((name) => named.has(name)));
  assert.deepEqual(missing, [], `ARCHITECTURE.md does not name: ${missing.join(', ')}`);
});

test('every source path the code map names exists', () => {
  const claimed = [...named].filter((name) => !name.includes('*') && (/^(server|client)\/src\//.test(name) || /^core\/.+\.ts$/.test(name)));
  const stale = claimed.filter((name) => !tree.some((entry) => entry === name || entry.endsWith(`/${name}`) || entry === `${name}/`));
  assert.deepEqual(stale, [], `ARCHITECTURE.md names paths that do not exist: ${stale.join(', ')}`);
});
