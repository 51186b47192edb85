/**
 * The packaged extension holds runtime files only: the bundles, the corpus, schemas,
 * snippets and docs; no TypeScript, tests, source maps or node_modules. The bundles need no
 * module outside Node itself and VS Code.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { test } from 'node:test';
import * as yauzl from 'yauzl';
import { REPO_ROOT } from './util/fixture';
import { tempDir } from './util/tempDir';

function listZip(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/(readme|changelog)\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/THIRD-PARTY-NOTICES\.md$/,
  /^extension\/dist\/(client|server|cli|cli-main|citation-js|citation-js-bibtex|citation-js-csl|renderWorker)\.js$/,
  /^extension\/references\/(review-55\.json|glossary\.json|README\.md)$/,
  /^extension\/schemas\/[\w.-]+\.json$/,
  /^extension\/snippets\/[\w.-]+\.json$/,
  /^extension\/docs\/screenshots\/[\w.-]+\.png$/,
  /^extension\/package\.nls(\.[\w-]+)?\.json$/,
  /^extension\/l10n\/bundle\.l10n\.[\w-]+\.json$/,
  /^extension\/walkthroughs\/[\w.-]+\.md$/,
  /^extension\/examples\/manuscript\.md$/,
];

test('the .vsix holds only runtime files', async () => {
  const out = tempDir('citokine-vsix-').path('citokine.vsix');
  execFileSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules/@vscode/vsce/vsce'),
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--no-rewrite-relative-links',
      '--out',
      out,
    ],
    { cwd: REPO_ROOT, stdio: 'pipe' },
  );
  const names = await listZip(out);
  console.log(`vsix contents (${names.length} files):\n  ${names.join('\n  ')}`);
  for (const name of names)
    assert.ok(
      ALLOWED.some((pattern) => pattern.test(name)),
      `unexpected file in the .vsix: ${name}`,
    );
  for (const required of [
    'extension/package.json',
    'extension/dist/client.js',
    'extension/dist/server.js',
    'extension/dist/cli.js',
    'extension/dist/cli-main.js',
    'extension/dist/citation-js.js',
    'extension/dist/citation-js-bibtex.js',
    'extension/dist/citation-js-csl.js',
    'extension/dist/renderWorker.js',
    'extension/references/review-55.json',
    'extension/readme.md',
    'extension/THIRD-PARTY-NOTICES.md',
    'extension/package.nls.json',
    'extension/package.nls.zh-cn.json',
    'extension/l10n/bundle.l10n.zh-cn.json',
    'extension/walkthroughs/insert-citation.md',
    'extension/examples/manuscript.md',
  ]) {
    assert.ok(names.includes(required), `missing from the .vsix: ${required}`);
  }
  assert.ok(!names.some((n) => /\.(ts|map)$|node_modules|\/test\//.test(n)));
});

test('the bundles require nothing but Node built-ins and vscode', () => {
  const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'vscode']);
  for (const bundle of ['client', 'server', 'cli', 'cli-main', 'citation-js', 'citation-js-bibtex', 'renderWorker']) {
    const source = readFileSync(path.join(REPO_ROOT, 'dist', `${bundle}.js`), 'utf8');
    // Not inside a string: ajv (glossary validation) carries 'require("ajv/dist/runtime/...")' as
    // text for its standalone code generator, which the bundle never runs.
    const required = [...source.matchAll(/(?<![`'"])\brequire\(["']([^"'./][^"']*)["']\)/g)].map((m) => m[1]);
    const outside = [...new Set(required.filter((r) => !allowed.has(r)))];
    assert.deepEqual(outside, [], `dist/${bundle}.js requires ${outside.join(', ')}`);
  }
});
