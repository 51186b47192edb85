/**
 * A bibliography file's own diagnostics (parse errors and entry findings) are made with one
 * line map of its text, shared by both kinds, instead of one each (a 10k-entry file's map took
 * 30 ms, right after a load). The diagnostics must be exactly those made from the text
 * (invariant 14): on the vendored BibTeX files, their entries duplicated (so that the
 * duplicate findings have lines to point at), and on random files.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { entryDiagnostics } from '../server/src/core/bibliography/fileDiagnostics';
import { parseBibliography } from '../server/src/core/bibliography/parse';
import { sourceFileDiagnostics } from '../server/src/core/findings';
import { RULES } from '../server/src/core/rules';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { LineMap } from '../server/src/core/text/textRange';
import { FIXTURES_ROOT } from './util/fixture';

/** Both kinds made from the text, as each made its own line map, and from one shared map. */
function bothWays(text: string): { fromText: unknown; fromLines: unknown } {
  const parsed = parseBibliography(text, 'file:///ws/refs.bib', 'bibtex');
  const code = RULES.bibliographyParseError.code;
  const lines = new LineMap(text);
  return {
    fromText: [
      ...sourceFileDiagnostics(text, parsed.errors, code, DEFAULT_SETTINGS),
      ...entryDiagnostics(text, parsed.entries, DEFAULT_SETTINGS),
    ],
    fromLines: [
      ...sourceFileDiagnostics(lines, parsed.errors, code, DEFAULT_SETTINGS),
      ...entryDiagnostics(lines, parsed.entries, DEFAULT_SETTINGS),
    ],
  };
}

test('vendored BibTeX files: the same diagnostics from one shared line map as from the text', () => {
  const folder = path.join(FIXTURES_ROOT, 'bibliographies');
  let seen = 0;
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.bib'))) {
    const text = readFileSync(path.join(folder, name), 'utf8');
    // Twice over, with a broken entry between: duplicate keys and works, and a parse error.
    const doubled = `${text}\n@article{broken, title = {no end\n\n${text}`;
    const { fromText, fromLines } = bothWays(doubled);
    assert.deepEqual(fromLines, fromText, name);
    seen += (fromText as unknown[]).length;
  }
  assert.ok(seen > 0, 'the files give diagnostics to compare');
});

test('random BibTeX-like files: the same diagnostics from one shared line map as from the text', () => {
  const piece = fc.constantFrom(
    '@article{a, title = {T}, author = {X, Y}, year = 2001, journal = {J}}\n',
    '@article{a, title = {T}, author = {X, Y}, year = 2001}\n',
    '@book{b, title = {Other}, year = {1999}}\n',
    '@misc{c,\n  title = {Multi\n line},\n}\n',
    '@article{broken, title = {open\n',
    '\n\n',
    '% comment\n',
    '@string{j = "Journal"}\n',
    '}\n',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const { fromText, fromLines } = bothWays(pieces.join(''));
      assert.deepEqual(fromLines, fromText);
    }),
    { numRuns: 300 },
  );
});
