import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBibliography } from '../server/src/core/bibliography/parse';
import { compareWithPandoc, fieldTotals, pandocItems, type OracleItem } from './util/bibtexOracle';
import { FIXTURES_ROOT } from './util/fixture';

/**
 * Citokine's BibTeX reader against pandoc (`pandoc -f biblatex -t csljson`) on real files
 * (test/fixtures/bibliographies, see test/fixtures/README.md): every entry pandoc reads is
 * read under the same key, and at least the measured number of compared field values
 * (title, author family names, year, DOI, container-title) equal pandoc's. The floors are
 * what the reader achieves today; `node bench/bibtex-readers.mjs --diff` shows the rest.
 */
const FLOORS: Record<string, { entries: number; fields: number }> = {
  'biblatex-apa-test-references.bib': { entries: 282, fields: 771 },
  'biblatex-examples.bib': { entries: 92, fields: 298 },
  'texbook1.bib': { entries: 386, fields: 1166 },
};

function check(file: string) {
  const full = path.join(FIXTURES_ROOT, 'bibliographies', file);
  const parsed = parseBibliography(readFileSync(full, 'utf8'), `file://${full}`, 'bibtex');
  const ours: OracleItem[] = parsed.entries.map((e) => ({ ...e.item, id: e.key }));
  const agreement = compareWithPandoc(pandocItems(full, 'biblatex'), ours);
  return { agreement, fields: fieldTotals(agreement), errors: parsed.errors };
}

for (const [file, floor] of Object.entries(FLOORS)) {
  test(`BibTeX oracle: ${file} agrees with pandoc`, () => {
    const { agreement, fields, errors } = check(file);
    assert.deepEqual(errors, []);
    assert.equal(agreement.pandocEntries, floor.entries, 'pandoc reads a different number of entries than when the floor was measured');
    assert.deepEqual(
      agreement.differences.filter((d) => d.endsWith(': not read')),
      [],
      'entries pandoc reads and Citokine drops',
    );
    assert.ok(
      fields.agree >= floor.fields,
      `field agreement fell to ${fields.agree}/${fields.total} (floor ${floor.fields}):\n${agreement.differences.slice(0, 30).join('\n')}`,
    );
  });
}

test('BibTeX oracle: no LaTeX command reaches a title or container title of a real file', () => {
  for (const file of Object.keys(FLOORS)) {
    const full = path.join(FIXTURES_ROOT, 'bibliographies', file);
    const parsed = parseBibliography(readFileSync(full, 'utf8'), `file://${full}`, 'bibtex');
    const leaks = parsed.entries.flatMap((e) =>
      ['title', 'container-title']
        .filter((f) => typeof e.item[f] === 'string' && /\\[A-Za-z]/.test(e.item[f] as string))
        .map((f) => `${e.key} ${f}: ${e.item[f]}`),
    );
    assert.deepEqual(leaks, [], file);
  }
});
