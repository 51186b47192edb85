#!/usr/bin/env node
/**
 * `citokine`, the bin (dist/cli.js): runs the CLI's bundle (dist/cli-main.js, from cli.ts) with
 * V8's code cache (node/codeCache.ts), kept beside it in dist/cli-main.<node and options>.cache,
 * or in the user's cache folder when dist/ is read-only.
 */
import * as path from 'path';
import { codeCacheFiles, runWithCodeCache } from './node/codeCache';

runWithCodeCache(path.join(__dirname, 'cli-main.js'), codeCacheFiles(path.join(__dirname, 'cli-main')), module);
