/**
 * Every CSL style and locale Citokine bundles (the official GB/T 7714 file in styles/, and the
 * styles and locales citation-js bundles) is CC BY-SA 3.0: THIRD-PARTY-NOTICES.md names each
 * with its licence and with every author, contributor and translator its `<info>` names, and
 * the .vsix ships it (test/vsix.test.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './util/fixture';

const NOTICE_FILE = path.join(REPO_ROOT, 'THIRD-PARTY-NOTICES.md');
// Read from disk, not required: citation-js's registers add to the required objects at run time.
const pluginLib = path.join(REPO_ROOT, 'node_modules', '@citation-js', 'plugin-csl', 'lib');
const bundledStyles = JSON.parse(readFileSync(path.join(pluginLib, 'styles.json'), 'utf8')) as Record<string, string>;
const bundledLocales = JSON.parse(readFileSync(path.join(pluginLib, 'locales.json'), 'utf8')) as Record<string, string>;

/** Every bundled CSL file: what it is, and its XML. */
function bundled(): { what: string; xml: string }[] {
  return [
    {
      what: 'styles/china-national-standard-gb-t-7714-2015-numeric.csl',
      xml: readFileSync(path.join(REPO_ROOT, 'styles', 'china-national-standard-gb-t-7714-2015-numeric.csl'), 'utf8'),
    },
    ...Object.entries(bundledStyles).map(([name, xml]) => ({ what: `citation-js style ${name}`, xml })),
    ...Object.entries(bundledLocales).map(([name, xml]) => ({ what: `citation-js locale ${name}`, xml })),
  ];
}

test('third-party notices: every bundled style and locale, its licence and every person its <info> names', () => {
  const notice = readFileSync(NOTICE_FILE, 'utf8').replace(/\s+/g, ' ');
  const files = bundled();
  assert.ok(files.length >= 9, 'the GB/T style, three citation-js styles and five locales');
  for (const { what, xml } of files) {
    const info = /<info>[\s\S]*?<\/info>/.exec(xml)?.[0] ?? '';
    assert.match(
      info,
      /license="http:\/\/creativecommons\.org\/licenses\/by-sa\/3\.0\/"/,
      `${what} is not CC BY-SA 3.0: its notice needs another licence`,
    );
    const title = /<title>([^<]*)<\/title>/.exec(info)?.[1];
    if (title) assert.ok(notice.includes(title.replace(/\s+/g, ' ')), `the notice lacks ${what}'s title "${title}"`);
    const id = /<id>([^<]*)<\/id>/.exec(info)?.[1];
    if (id) assert.ok(notice.includes(id), `the notice lacks ${what}'s id ${id}`);
    for (const [, name] of info.matchAll(/<name>([^<]*)<\/name>/g))
      assert.ok(notice.includes(name), `the notice lacks ${name}, named in ${what}`);
  }
  assert.match(notice, /CC BY-SA 3\.0/);
});
