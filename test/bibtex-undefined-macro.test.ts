/**
 * `bibliography.undefined-macro`: a BibTeX value that names a macro no `@string` above it
 * defines. Held to what the readers do: Citokine's parse (citation-js's rules) leaves such a
 * field empty and pandoc prints the name, exactly where the check warns, and nowhere else.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseBibtex } from '../server/src/core/bibliography/bibtex';
import { undefinedMacroFindings } from '../server/src/core/bibliography/bibtexMacros';
import { LineMap } from '../server/src/core/text/textRange';
import { fixture } from './util/fixture';
import { pandocItems } from './util/bibtexOracle';

const BIB = `@string{nat = "Nature"}
@article{typo, author = {Smith, John}, title = {Typo}, journal = natt, year = 2001}
@article{early, author = {Doe, Jane}, title = {Early}, journal = jbc, year = 2002}
@string{jbc = "Journal of Biological Chemistry"}
@article{late, author = {Roe, Ann}, title = {Late}, journal = jbc, month = jan, year = 2003}
@article{joined, author = {Poe, Al}, title = {Joined}, journal = nat # { } # suppl, year = 2004}
@article{braced, author = {Loe, Bo}, title = {Not = macro}, journal = {J = x}, year = 2005}
@article{cacm, author = {Moe, Cy}, title = {Predefined}, journal = cacm, year = 2006}
`;

async function bibDiagnostics(bib: string, settings = {}): Promise<Diagnostic[]> {
  const f = fixture(`%! main.md\n---\nbibliography: refs.bib\n---\n[@typo]\n%! refs.bib\n${bib}`, settings);
  return (await f.service.bibliographyFileDiagnostics(f.uriOf('refs.bib'))).filter((d) => d.code === 'bibliography.undefined-macro');
}

/** The offset of the `nth` (0-based) occurrence of `needle` in `text`. */
function offsetOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, needle);
  return at;
}

test("a mistyped macro, one used above its @string and one only BibTeX's styles define are warned at the name; defined ones and months are not", async () => {
  const found = await bibDiagnostics(BIB);
  const lines = new LineMap(BIB);
  assert.deepEqual(
    found.map((d) => [lines.offsetAt(d.range.start), lines.offsetAt(d.range.end), d.severity, d.message]),
    [
      [
        offsetOf(BIB, 'natt'),
        offsetOf(BIB, 'natt') + 4,
        2,
        "'natt' (in 'journal') is not defined by any @string above it: the field is read as empty, and pandoc prints 'natt' instead.",
      ],
      [
        offsetOf(BIB, 'jbc, year = 2002'),
        offsetOf(BIB, 'jbc, year = 2002') + 3,
        2,
        "'jbc' (in 'journal') is not defined by any @string above it: the field is read as empty, and pandoc prints 'jbc' instead. It is defined later, on line 4: move that @string above its first use.",
      ],
      [
        offsetOf(BIB, 'suppl'),
        offsetOf(BIB, 'suppl') + 5,
        2,
        "'suppl' (in 'journal') is not defined by any @string above it: the field is read as empty, and pandoc prints 'suppl' instead.",
      ],
      [
        offsetOf(BIB, 'cacm, year'),
        offsetOf(BIB, 'cacm, year') + 4,
        2,
        "'cacm' (in 'journal') is defined by no @string above it, only by BibTeX's standard styles: Citokine reads 'Communications of the ACM' as BibTeX does, and pandoc prints 'cacm'.",
      ],
    ],
  );
  assert.deepEqual(await bibDiagnostics(BIB, { diagnostics: { 'bibliography.undefined-macro': 'off' } }), []);
});

test('where it warns, the parse leaves the field empty and pandoc prints the name; elsewhere both read the macro', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'citokine-macro-'));
  const file = path.join(dir, 'refs.bib');
  writeFileSync(file, BIB);
  const parsed = parseBibtex(BIB, 'file:///refs.bib');
  const warned = new Set(
    undefinedMacroFindings(BIB, parsed.entries, () => 1).map(
      (f) => parsed.entries.find((e) => e.range.start <= f.range.start && f.range.end <= e.range.end)?.key,
    ),
  );
  assert.deepEqual([...warned], ['typo', 'early', 'joined', 'cacm']);
  const pandoc = new Map(pandocItems(file).map((item) => [item.id, item['container-title']]));
  assert.equal(pandoc.get('typo'), 'natt');
  assert.equal(pandoc.get('early'), 'jbc');
  assert.equal(pandoc.get('cacm'), 'cacm');
  for (const entry of parsed.entries) {
    const journal = entry.item['container-title'];
    if (entry.key === 'joined') assert.equal(journal, 'Nature ', 'the undefined part of a `#` join is empty');
    else if (entry.key === 'cacm') assert.equal(journal, 'Communications of the ACM');
    else if (warned.has(entry.key)) assert.equal(journal, undefined, entry.key);
    else assert.equal(journal, pandoc.get(entry.key), entry.key);
  }
});

test("on random files, a journal is warned exactly when no @string above it defines its macro, and read as empty then unless BibTeX's styles define it", () => {
  type Part = { macro: string } | { uses: string };
  const names = ['jbc', 'nat', 'cell', 'cacm', 'jan'];
  const part: fc.Arbitrary<Part> = fc.oneof(
    fc.record({ macro: fc.constantFrom('jbc', 'nat', 'cell') }),
    fc.record({ uses: fc.constantFrom(...names) }),
  );
  fc.assert(
    fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
      const text = parts
        .map((p, i) =>
          'macro' in p ? `@string{${p.macro} = "Journal ${p.macro}"}` : `@article{e${i}, title = {T}, journal = ${p.uses}, year = 2001}`,
        )
        .join('\n');
      const parsed = parseBibtex(text, 'file:///r.bib');
      const findings = undefinedMacroFindings(text, parsed.entries, () => 1);
      const defined = new Set(['jan']);
      const expected: string[] = [];
      const empty = new Set<string>();
      parts.forEach((p, i) => {
        if ('macro' in p) defined.add(p.macro);
        else if (!defined.has(p.uses)) {
          expected.push(`e${i}`);
          if (p.uses !== 'cacm') empty.add(`e${i}`);
        }
      });
      const warnedKeys = findings.map((f) => parsed.entries.find((e) => e.range.start <= f.range.start && f.range.end <= e.range.end)?.key);
      assert.deepEqual(warnedKeys, expected);
      for (const entry of parsed.entries) assert.equal(entry.item['container-title'] === undefined, empty.has(entry.key), entry.key);
    }),
    { numRuns: 200 },
  );
});

test('on any text the check never throws, and each finding spans the name it reports', () => {
  const piece = fc.constantFrom(
    '@article{k,',
    '@string{',
    'jbc',
    ' = ',
    ' # ',
    '{',
    '}',
    '"',
    '%',
    '\n',
    ',',
    'title',
    '@comment',
    '(',
    ')',
    'x',
    '\\',
    ' ',
    'é',
    '汉',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
      const text = pieces.join('');
      const parsed = parseBibtex(text, 'file:///f.bib');
      for (const finding of undefinedMacroFindings(text, parsed.entries, () => 1)) {
        const { name } = finding.data as { name: string };
        assert.equal(text.slice(finding.range.start, finding.range.end), name);
      }
    }),
    { numRuns: 3000 },
  );
});
