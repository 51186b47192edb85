/**
 * The interface in Chinese as well as English: every `%key%` of the manifest has an English
 * and a Chinese entry, every string the client translates (`l10n.t('...')` in client/src)
 * has a Chinese one, and the translations keep their `{0}` placeholders.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './util/fixture';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');
const json = (file: string) => JSON.parse(read(file)) as Record<string, string>;

/** The `%key%` values anywhere in the manifest. */
function manifestKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const m = /^%([^%\s]+)%$/.exec(value);
    if (m) keys.add(m[1]);
  } else if (Array.isArray(value)) value.forEach((v) => manifestKeys(v, keys));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => manifestKeys(v, keys));
  return keys;
}

/** The string literals passed to `l10n.t(` in every TypeScript file under `dir`. */
function translatedStrings(dir: string, out = new Set<string>()): Set<string> {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) translatedStrings(file, out);
    else if (name.endsWith('.ts')) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/\bl10n\.t\(\s*(['"])((?:\\.|(?!\1).)*)\1/g))
        out.add(JSON.parse(`"${m[2].replace(/\\'/g, "'").replace(/"/g, '\\"')}"`));
    }
  }
  return out;
}

/** The placeholders of a message, sorted: "{0}: {1}" -> ["{0}", "{1}"]. */
const placeholders = (text: string) => [...text.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

test('every title and description of the manifest is a %key% with an English and a Chinese entry', () => {
  const manifest = JSON.parse(read('package.json'));
  const en = json('package.nls.json');
  const zh = json('package.nls.zh-cn.json');
  const keys = manifestKeys(manifest.contributes);
  assert.ok(keys.size >= 30, `only ${keys.size} keys in contributes`);
  for (const key of keys) {
    assert.ok(en[key], `package.nls.json has no ${key}`);
    assert.ok(zh[key], `package.nls.zh-cn.json has no ${key}`);
  }
  // No title left in English only: every command, view and walkthrough step title is a key.
  for (const command of manifest.contributes.commands) assert.match(command.title, /^%.+%$/, command.command);
  for (const view of manifest.contributes.views.citokine) assert.match(view.name, /^%.+%$/, view.id);
  for (const step of manifest.contributes.walkthroughs[0].steps) assert.match(step.title, /^%.+%$/, step.id);
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), 'the two nls files have different keys');
  const untranslated = Object.keys(en).filter((k) => en[k] === zh[k] && /[a-z]{4}/.test(en[k]) && en[k] !== 'Citokine');
  assert.deepEqual(untranslated, []);
});

test('every string the client translates has a Chinese translation with the same placeholders', () => {
  assert.equal(JSON.parse(read('package.json')).l10n, './l10n');
  const bundle = json('l10n/bundle.l10n.zh-cn.json');
  const strings = translatedStrings(path.join(REPO_ROOT, 'client', 'src'));
  assert.ok(strings.size >= 20, `only ${strings.size} l10n.t strings found`);
  for (const s of strings) {
    assert.ok(bundle[s], `l10n/bundle.l10n.zh-cn.json has no translation of ${JSON.stringify(s)}`);
    assert.deepEqual(placeholders(bundle[s]), placeholders(s), `placeholders of ${JSON.stringify(s)}`);
  }
  const stale = Object.keys(bundle).filter((k) => !strings.has(k));
  assert.deepEqual(stale, [], 'translations of strings the client no longer uses');
});
