/**
 * The bundles are pure ASCII (scripts/build.mjs, `asciiOnly`): node reads an ASCII file as a
 * one-byte string without UTF-8 decoding, where one non-ASCII character in a regular
 * expression literal made it decode and parse all of dist/cli.js as two-byte text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './util/fixture';

test('every bundle is ASCII', () => {
  for (const bundle of ['client', 'server', 'cli', 'cli-main', 'citation-js', 'citation-js-bibtex']) {
    const bytes = readFileSync(path.join(REPO_ROOT, 'dist', `${bundle}.js`));
    const at = bytes.findIndex((b) => b > 0x7f);
    assert.equal(at, -1, `dist/${bundle}.js has a non-ASCII byte at ${at}`);
  }
});
