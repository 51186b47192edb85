/**
 * A JSON glossary is read with `JSON.parse` when nothing in it needs reporting (glossary.ts,
 * `parseValidJson`), and with yaml's document otherwise. Both ways must give the same terms,
 * ranges and errors: each case is parsed as written and with a YAML comment appended, which
 * makes it invalid JSON (so it takes yaml's way) without moving anything.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseGlossary } from '../server/src/core/terms/glossary';
import { REPO_ROOT } from './util/fixture';

const builtin = readFileSync(path.join(REPO_ROOT, 'references', 'glossary.json'), 'utf8');

const cases: Record<string, string> = {
  'the built-in glossary': builtin,
  'a repeated key': builtin.replace('"category": "cytokine",', '"category": "cytokine", "category": "cytokine",'),
  'a repeated id': builtin.replace('"id": "il-6r"', '"id": "il-6"'),
  'a form of two terms': builtin.replace('"aliases": ["interleukin 6",', '"aliases": ["IL-6R", "interleukin 6",'),
  'a schema error': builtin.replace('"category": "cytokine",', '"category": "not-a-category",'),
};

/** What a parse gives, with every term's source range read. */
function summary(text: string) {
  const { glossary, errors } = parseGlossary(text, 'file:///glossary.json');
  return { terms: glossary.terms.map((t) => ({ ...t, source: { uri: t.source.uri, range: t.source.range } })), errors };
}

for (const [name, text] of Object.entries(cases)) {
  test(`JSON.parse and yaml read ${name} alike`, () => {
    if (name !== 'the built-in glossary') assert.notEqual(text, builtin, 'the case changes the file');
    const fast = summary(text);
    const slow = summary(`${text}\n# invalid JSON, same positions\n`);
    assert.deepEqual(fast, slow);
    if (name !== 'the built-in glossary') assert.ok(slow.errors.length > 0, `${name} is reported`);
    assert.ok(fast.terms.length > 50);
  });
}
