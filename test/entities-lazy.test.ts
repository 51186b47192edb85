/**
 * The server and CLI bundles give markdown-it a stand-in for `entities` (scripts/entities-lazy.cjs,
 * build.mjs) that loads the real decoder on its first call, so that a check or a server start
 * does not build the decoding tables for a document with no named character reference. It must
 * decode as the `entities` it replaces (the ES module build that markdown-it imported) on random
 * text of references, known and unknown, complete and cut, and on the real documents under
 * test/fixtures; and it must not load the decoder before a call. Seeded.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { SEED } from './util/arbitraries';
import { REPO_ROOT } from './util/fixture';

type Decode = (text: string, mode?: number) => string;

const STAND_IN = path.join(REPO_ROOT, 'scripts', 'entities-lazy.cjs');
const DECODER = require.resolve('entities/lib/decode.js');

// tsc compiles `import()` to `require()` under CommonJS, which cannot load an ES module.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{ decodeHTML: Decode }>;
/** What markdown-it imported before: `entities`' ES module build. */
const original = importModule(pathToFileURL(path.join(REPO_ROOT, 'node_modules', 'entities', 'lib', 'esm', 'index.js')).href);

const PIECES = ['&', ';', '#', 'x', 'X', 'amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'AElig', 'eacute', 'ndash', 'mdash'];
const MORE = ['hellip', 'frac12', 'not', 'notin', 'le', 'alpha', 'Alpha', '41', '0', '1114112', 'D800', 'zz', 'a', ' ', '中', '\n'];

/** Every Markdown file under test/fixtures and examples/ (the documents a scan reads). */
function markdownFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) return markdownFiles(file);
    return /\.(md|qmd|rmd|markdown)$/i.test(name) ? [file] : [];
  });
}

test('the stand-in loads no decoder until it is called', () => {
  // In a process of its own: this one has loaded markdown-it, and with it the decoder.
  const probe = `
    const loaded = () => require.cache[${JSON.stringify(DECODER)}] !== undefined;
    const standIn = require(${JSON.stringify(STAND_IN)});
    const before = loaded();
    const decoded = standIn.decodeHTML('&amp;&eacute;');
    console.log(JSON.stringify([before, decoded, loaded()]));`;
  const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), [false, '&é', true]);
});

test('the stand-in decodes as entities on random references and on the fixtures', async () => {
  const { decodeHTML } = createRequire(__filename)(STAND_IN) as { decodeHTML: Decode };
  const real = (await original).decodeHTML;
  const text = fc.array(fc.constantFrom(...PIECES, ...MORE), { maxLength: 14 }).map((pieces) => pieces.join(''));
  fc.assert(
    fc.property(text, fc.constantFrom(undefined, 0, 1, 2), (t, mode) => assert.equal(decodeHTML(t, mode), real(t, mode))),
    { seed: SEED, numRuns: 3000 },
  );
  const files = [...markdownFiles(path.join(REPO_ROOT, 'test', 'fixtures')), ...markdownFiles(path.join(REPO_ROOT, 'examples'))];
  assert.ok(files.length > 20);
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    assert.equal(decodeHTML(source), real(source), file);
    // markdown-it decodes one reference at a time: each one found in the file.
    for (const [match] of source.matchAll(/&(?:#x[a-f0-9]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi)) {
      assert.equal(decodeHTML(match), real(match), `${file}: ${match}`);
    }
  }
});
