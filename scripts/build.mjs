// Bundles the extension client, the language server and the CLI into dist/, so the
// extension ships no node_modules. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// Runs first: the generated modules (the built-in CSL style and locale, the glossary schema).
import { writeGeneratedModules } from './generate.mjs';
writeGeneratedModules();

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: false,
  minify: false,
  logLevel: 'warning',
  external: ['vscode'],
  // citation-js loads HTTP clients for input by URL; Citokine never fetches, so the bundle gets a stand-in that refuses.
  alias: { 'sync-fetch': './scripts/no-network.cjs', 'node-fetch': './scripts/no-network.cjs' },
};
/**
 * citation-js and citeproc (1.4 of the 2.4 MB the server would load) live in their own bundle,
 * dist/citation-js.js, which the others load on first use: `@citation-js/*` resolves to a stand-in
 * whose getters require it (scripts/citation-js-lazy.cjs). Starting the server or running a check
 * that renders nothing then neither reads nor compiles them.
 */
/**
 * The BibTeX plugin's modules the server imports one by one (bibtexValues.ts, bibtexMapping.ts):
 * each becomes a stand-in whose getters read that module's exports from dist/citation-js-bibtex.js
 * (exported there under the name given here, scripts/citation-js-bibtex-entry.mjs).
 */
const deepModules = {
  '@citation-js/plugin-bibtex/lib/input/value.js': ['bibtexValue', ['parse', 'parseAnnotation']],
  '@citation-js/plugin-bibtex/lib/input/file.js': ['bibtexFile', ['parse']],
  '@citation-js/plugin-bibtex/lib/input/constants.js': [
    'bibtexConstants',
    [
      'fieldTypes',
      'ligaturePattern',
      'ligatures',
      'defaultStrings',
      'commands',
      'mathCommands',
      'mathScriptFormatting',
      'diacritics',
      'formatting',
      'formattingEnvs',
      'formattingCommands',
      'argumentCommands',
    ],
  ],
  '@citation-js/plugin-bibtex/lib/input/name.js': ['bibtexName', ['getStringCase', 'orderNamePieces']],
  '@citation-js/plugin-bibtex/lib/mapping/index.js': ['bibtexMapping', ['parse']],
  '@citation-js/plugin-bibtex/lib/mapping/shared.js': ['bibtexMappingShared', ['Converters']],
  '@citation-js/plugin-bibtex/lib/mapping/crossref.js': ['bibtexCrossref', ['crossref']],
  '@citation-js/plugin-bibtex/lib/mapping/biblatexTypes.json': ['biblatexTypes', ['source']],
};
const scriptsDir = fileURLToPath(new URL('.', import.meta.url));
const lazyCitationJs = {
  name: 'lazy-citation-js',
  setup(build) {
    build.onResolve({ filter: /^@citation-js\/(core|plugin-bibtex|plugin-ris|plugin-csl)$/ }, () => ({
      path: fileURLToPath(new URL('./citation-js-lazy.cjs', import.meta.url)),
    }));
    build.onResolve({ filter: /^@citation-js\/plugin-bibtex\/lib\// }, (args) => {
      if (!(args.path in deepModules)) return { errors: [{ text: `${args.path}: add it to deepModules in scripts/build.mjs` }] };
      return { path: args.path, namespace: 'citation-js-deep' };
    });
    build.onLoad({ filter: /.*/, namespace: 'citation-js-deep' }, (args) => {
      const [exported, names] = deepModules[args.path];
      const getters = names.map((name) => `get ${name}() { return lazy.module(${JSON.stringify(exported)}).${name}; }`);
      return {
        contents: `const lazy = require('./citation-js-lazy.cjs');\nmodule.exports = { ${getters.join(', ')} };\n`,
        resolveDir: scriptsDir,
        loader: 'js',
      };
    });
    build.onResolve({ filter: /^\.\/citation-js(-bibtex)?\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};
/**
 * The render worker needs render.ts and what it imports, not the core behind core/index.ts:
 * its modules are marked free of side effects in that bundle, so that esbuild leaves out what
 * the worker does not use (600 KB: markdown-it, yaml, the glossary, the checks).
 */
const coreWithoutSideEffects = {
  name: 'core-without-side-effects',
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData?.inner || !args.importer.includes('/server/src/')) return undefined;
      const options = { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { inner: true } };
      const result = await build.resolve(args.path, options);
      if (result.errors.length > 0 || !result.path.includes('/server/src/core/')) return result;
      return { path: result.path, namespace: result.namespace, sideEffects: false };
    });
  },
};
/**
 * The render worker's `require('./citation-js.js')` (scripts/citation-js-lazy.cjs) reads
 * dist/citation-js-csl.js instead (rendering needs the core and the CSL plugin only), with its
 * code cache: through server/src/node/citationJsCsl.ts, bundled into the worker.
 */
const cslOnlyCitationJs = {
  name: 'csl-only-citation-js',
  setup(build) {
    build.onResolve({ filter: /^\.\/citation-js\.js$/ }, () => ({
      path: fileURLToPath(new URL('../server/src/node/citationJsCsl.ts', import.meta.url)),
    }));
  },
};
/** markdown-it's `linkify-it` made on first use (scripts/linkify-lazy.mjs): the scan never links bare URLs. */
const lazyLinkify = {
  name: 'lazy-linkify',
  setup(build) {
    build.onResolve({ filter: /^linkify-it$/ }, () => ({ path: fileURLToPath(new URL('./linkify-lazy.mjs', import.meta.url)) }));
  },
};
/** markdown-it's `entities` loaded on its first call (scripts/entities-lazy.cjs): most documents decode no named character reference. */
const lazyEntities = {
  name: 'lazy-entities',
  setup(build) {
    build.onResolve({ filter: /^entities$/ }, (args) =>
      args.importer.includes('/node_modules/markdown-it/')
        ? { path: fileURLToPath(new URL('./entities-lazy.cjs', import.meta.url)) }
        : undefined,
    );
  },
};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', plugins: [lazyCitationJs] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [lazyCitationJs, lazyLinkify, lazyEntities] },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli-main.js', plugins: [lazyCitationJs, lazyLinkify, lazyEntities] },
  { entryPoints: ['server/src/cliLauncher.ts'], outfile: 'dist/cli.js' },
  // The server's render worker (server/src/node/renderThread.ts starts it): the core's render code, citation-js loaded from dist/citation-js-csl.js.
  {
    entryPoints: ['server/src/node/renderWorker.ts'],
    outfile: 'dist/renderWorker.js',
    plugins: [cslOnlyCitationJs, lazyCitationJs, coreWithoutSideEffects],
  },
  { entryPoints: ['scripts/citation-js-entry.mjs'], outfile: 'dist/citation-js.js' },
  // citation-js for the render worker: the core and the CSL plugin.
  { entryPoints: ['scripts/citation-js-csl-entry.mjs'], outfile: 'dist/citation-js-csl.js' },
  // The BibTeX reader's part of citation-js, loaded by the stand-ins of `deepModules` (a large library's load compiles less).
  { entryPoints: ['scripts/citation-js-bibtex-entry.mjs'], outfile: 'dist/citation-js-bibtex.js' },
];
/**
 * esbuild escapes non-ASCII characters in strings but not in regular expression literals
 * (`/[，、]/`), so a bundle held some, and node then decoded all of it as UTF-8 and parsed a
 * two-byte string: reading dist/cli.js took 10-17 ms instead of 4. Every such character
 * becomes a `\\uXXXX` escape, which means the same in a regular expression (a surrogate
 * pair escaped is one code point under the `u` flag), a string, an identifier or a comment;
 * one written after a backslash would not, and stops the build.
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  const escaped = text.replace(/[^\0-\x7f]/g, (c, at) => {
    let backslashes = 0;
    while (text[at - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 1) throw new Error(`${file}: an escaped non-ASCII character at ${at}`);
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  if (escaped !== text) writeFileSync(file, escaped);
}

/**
 * The CLI's bundle, which only the launcher runs, and the render worker's citation-js, which
 * only server/src/node/citationJsCsl.ts runs, each run through server/src/node/codeCache.ts,
 * carry the wrapper node's loader would put around them (`MODULE_WRAPPER` there, whose test
 * checks the CLI's bundle), so that their text is compiled as it is read, with no 1 MB copy to wrap it.
 * `#!` becomes `//`, as the launcher would make it: every line stays where it was.
 */
function wrapAsModule(file) {
  const text = readFileSync(file, 'utf8');
  const body = text.startsWith('#!') ? `//${text.slice(2)}` : text;
  writeFileSync(file, `(function (exports, require, module, __filename, __dirname) { ${body}\n});`);
}

if (watch) {
  for (const entry of entries) await (await esbuild.context({ ...common, ...entry })).watch();
} else {
  await Promise.all(entries.map((entry) => esbuild.build({ ...common, ...entry })));
  for (const entry of entries) asciiOnly(entry.outfile);
  wrapAsModule('dist/cli-main.js');
  wrapAsModule('dist/citation-js-csl.js');
  for (const bin of ['dist/server.js', 'dist/cli.js']) chmodSync(bin, 0o755);
  writeCliCodeCache();
  writeRenderWorkerCodeCache();
}

/**
 * dist/cli-main.<node and options>.cache, the CLI's code cache (server/src/node/codeCache.ts), made by checking the
 * deep-review manuscript and the Chinese example, so that it holds what a check compiles. The
 * CLI writes it itself when it is missing or made by another node; this makes it now.
 */
function writeCliCodeCache() {
  for (const file of readdirSync('dist')) if (/^cli-main\..*cache$/.test(file)) rmSync(`dist/${file}`, { force: true });
  const documents = ['test/fixtures/deep-review/manuscript.md', 'examples/manuscript.md'].filter((f) => existsSync(f));
  spawnSync(process.execPath, ['dist/cli.js', 'check', ...documents], { stdio: 'ignore' });
}

/**
 * dist/citation-js-csl.<node and options>.cache, the render worker's code cache for citation-js
 * (server/src/node/citationJsCsl.ts), made by its warm-up: run as a plain script, the worker's
 * bundle renders its warm-up work and writes the cache at once. The worker writes it itself when
 * it is missing or made by another node (VS Code's own).
 */
function writeRenderWorkerCodeCache() {
  for (const file of readdirSync('dist')) if (/^citation-js-csl\..*cache$/.test(file)) rmSync(`dist/${file}`, { force: true });
  spawnSync(process.execPath, ['dist/renderWorker.js'], { stdio: 'ignore' });
}
