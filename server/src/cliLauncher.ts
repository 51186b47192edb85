#!/usr/bin/env node
/**
 * `citokine`, the bin (dist/cli.js): runs the CLI's bundle (dist/cli-main.js, from cli.ts) with
 * V8's code cache (node/codeCache.ts), kept beside it in dist/cli-main.<node and options>.cache.
 */
import * as path from 'path';
import { codeCacheFile, runWithCodeCache } from './node/codeCache';

runWithCodeCache(path.join(__dirname, 'cli-main.js'), codeCacheFile(path.join(__dirname, 'cli-main')), module);
