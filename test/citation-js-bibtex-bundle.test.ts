/**
 * The BibTeX reader's part of citation-js is a bundle of its own, dist/citation-js-bibtex.js
 * (scripts/citation-js-bibtex-entry.mjs), so that reading a library does not load and compile
 * citeproc and the rest of dist/citation-js.js. Its modules are a second copy of the BibTeX
 * plugin and of citation-js's core beside the whole bundle's, which still reads what the fast
 * reader sends to citation-js. The parse must not change: in a child process whose BibTeX
 * plugin modules are the small bundle's (as the server's stand-ins make them), every .bib
 * fixture and the benchmark's generated 1k library parse exactly as they do here (entries,
 * items, key order, errors and positions).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { deserialize } from 'node:v8';
import { parseBibliography } from '../server/src/core/bibliography/parse';
import { fixtureFiles, REPO_ROOT } from './util/fixture';

/** The module each name of the small bundle stands for, read from its entry. */
function bundledModules(): Record<string, string> {
  const entry = readFileSync(path.join(REPO_ROOT, 'scripts', 'citation-js-bibtex-entry.mjs'), 'utf8');
  return Object.fromEntries([...entry.matchAll(/^export \* as (\w+) from '([^']+)';$/gm)].map((m) => [m[2], m[1]]));
}

/** Parses `files` in a child process whose BibTeX plugin modules come from dist/citation-js-bibtex.js. */
function parsedWithSmallBundle(files: readonly string[], modules: Record<string, string>): unknown[] {
  const script = `
const Module = require('node:module');
const small = require(${JSON.stringify(path.join(REPO_ROOT, 'dist', 'citation-js-bibtex.js'))});
const modules = ${JSON.stringify(modules)};
const load = Module._load;
const served = new Set();
Module._load = function (request, ...rest) {
  if (request in modules) {
    served.add(request);
    return small[modules[request]];
  }
  return load.call(this, request, ...rest);
};
const { readFileSync } = require('node:fs');
const { parseBibliography } = require(${JSON.stringify(path.join(__dirname, '..', 'server', 'src', 'core', 'bibliography', 'parse.js'))});
const files = ${JSON.stringify(files)};
const parsed = files.map((file) => parseBibliography(readFileSync(file, 'utf8'), 'file:///library.bib', 'bibtex'));
process.stdout.write(require('node:v8').serialize({ served: [...served], parsed }).toString('base64'));
`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  const { served, parsed } = deserialize(Buffer.from(run.stdout, 'base64')) as { served: string[]; parsed: unknown[] };
  assert.deepEqual(served.sort(), Object.keys(modules).sort(), 'every module of the small bundle stood in for');
  return parsed;
}

test("every .bib fixture and the generated 1k library parse the same with the small bundle's BibTeX modules", () => {
  const modules = bundledModules();
  assert.ok(Object.keys(modules).length >= 8, 'the entry names the modules');
  const generated = path.join(tmpdir(), `citokine-lib-1k-${process.pid}.bib`);
  const make = `import { generateWorks, toBibtex } from ${JSON.stringify(path.join(REPO_ROOT, 'bench', 'generate.mjs'))}; import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(generated)}, toBibtex(generateWorks(1000)));`;
  const made = spawnSync(process.execPath, ['--input-type=module', '-e', make], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const files = [...fixtureFiles((name) => name.endsWith('.bib')), generated];
  assert.ok(files.length >= 17, `${files.length} files`);
  const small = parsedWithSmallBundle(files, modules);
  const parsedHere = files.map((file) => parseBibliography(readFileSync(file, 'utf8'), 'file:///library.bib', 'bibtex'));
  rmSync(generated, { force: true });
  let entries = 0;
  files.forEach((file, i) => {
    const here = parsedHere[i];
    const name = path.relative(REPO_ROOT, file);
    assert.deepStrictEqual(small[i], here, name);
    assert.equal(JSON.stringify(small[i]), JSON.stringify(here), `${name}: key order`);
    entries += here.entries.length;
  });
  assert.ok(entries > 1800, `${entries} entries compared`);
});
