/**
 * The render worker's citation-js (dist/citation-js-csl.js), run with V8's code cache
 * (node/codeCache.ts): compiling its 1 MB and then each function that building citeproc's
 * engine and the first renders call was about a third of the worker's time before its first
 * render, which the first hover of a session can wait for. scripts/build.mjs makes the
 * worker bundle's `require('./citation-js.js')` (scripts/citation-js-lazy.cjs) load this
 * module; the worker writes the cache once its warm-up has compiled what renders call
 * (`saveCodeCaches`), as it never sees the process's exit.
 */
import * as path from 'node:path';
import { codeCacheFiles, requireWithCodeCache } from './codeCache';

/** dist/citation-js-csl.js, beside the worker's bundle. */
const BUNDLE = path.join(__dirname, 'citation-js-csl.js');

const loaded = requireWithCodeCache(BUNDLE, codeCacheFiles(path.join(__dirname, 'citation-js-csl'))) as {
  readonly plugins: unknown;
  readonly util: unknown;
};

/** citation-js's plugin registry, as `@citation-js/core` exports it. */
export const plugins = loaded.plugins;
/** citation-js's utilities, as `@citation-js/core` exports them. */
export const util = loaded.util;
