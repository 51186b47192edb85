/**
 * What citation completion reuses between keystrokes answers exactly as a fresh computation:
 * the cited-key set kept while the citations are unchanged, the ranking of nothing typed kept
 * for the same index and set, the warm-up's completion of a document of its own (completion.ts), and a search column's `holds` read in its chunk
 * rather than copied out (searchIndex.ts). Real input: the deep-review manuscript and its
 * references, edited at random (citations typed, removed and changed) between completions.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { shortDescription } from '../server/src/core/bibliography/referenceCard';
import { rankEntries, searchIndex } from '../server/src/core/bibliography/search';
import { Column } from '../server/src/core/bibliography/searchIndex';
import { completeCitation, warmCitationCompletion } from '../server/src/core/citations/completion';
import { parseManuscript, type Manuscript } from '../server/src/core/markdown/manuscript';
import { reparseManuscript } from '../server/src/core/markdown/incremental';
import { SEED } from './util/arbitraries';
import { FIXTURES_ROOT } from './util/fixture';
import { deepReviewAndBuiltinLibrary } from './util/libraryEntries';

const { entries, library } = deepReviewAndBuiltinLibrary();
const manuscriptText = readFileSync(path.join(FIXTURES_ROOT, 'deep-review', 'manuscript.md'), 'utf8');
/** Its first paragraphs: they cite fewer works than a list holds, so that the cited set decides what nothing typed offers. */
const original = manuscriptText.slice(0, manuscriptText.indexOf('\n\n', manuscriptText.length * 0.1) + 1);
const uri = 'file:///deep-review/manuscript.md';

/** The items as completion made them before it reused anything: a new cited set and a new ranking per request. */
function freshItems(manuscript: Manuscript, offset: number, prefix: string, start: number): CompletionItem[] {
  const cited = new Set<string>();
  for (const citation of manuscript.citations) if (citation.kind === 'key') for (const item of citation.items) cited.add(item.key);
  const range = manuscript.lines.rangeOf({ start, end: offset });
  return rankEntries(searchIndex(library), prefix, cited, 100).map(({ entry }, index) => ({
    label: entry.key,
    kind: CompletionItemKind.Reference,
    detail: shortDescription(entry),
    sortText: String(index).padStart(5, '0'),
    filterText: prefix ? `${prefix} ${entry.key}` : entry.key,
    textEdit: { range, newText: entry.key },
    data: { uri: manuscript.uri, kind: 'key' },
  }));
}

/** Where citations are typed: the end of a prose line a fraction into the text. */
const fractions = [0.2, 0.45, 0.7];
const lineEnd = (text: string, fraction: number) => text.indexOf('.\n', Math.floor(text.length * fraction)) + 1;
const allKeys = entries.filter((e) => e.origin === 'setting').map((e) => e.key);
/** Keys the manuscript does not cite, so that citing one or removing it changes the cited set. */
const keys = entries.filter((e) => !original.includes(`@${e.key}`)).map((e) => e.key);
const typedText = fc.oneof(
  fc.constantFrom('', 's', 'zh', 'wang', 'gut', '10.', '10.1', 'pérez', '王', '2019', 'interleukin'),
  fc.constantFrom(...allKeys.slice(0, 40)).map((key) => key.slice(0, 5)),
  // A whole key typed: the key being typed is then one the library has, and cited.
  fc.constantFrom(...allKeys.slice(0, 40)),
);
/** An edit between completions: a citation typed in full, one removed, or prose typed. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('cite' as const), key: fc.constantFrom(...keys), at: fc.constantFrom(...fractions) }),
  fc.record({ kind: fc.constant('prose' as const), at: fc.constantFrom(...fractions) }),
  fc.record({ kind: fc.constant('uncite' as const) }),
);

test('completion after random edits gives the items of a fresh cited set and ranking', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(edit, typedText, fc.constantFrom(...fractions), fc.boolean()), { minLength: 1, maxLength: 6 }),
      (steps) => {
        let text = original;
        let manuscript = parseManuscript(uri, text, 1);
        let version = 1;
        const update = (next: string) => {
          text = next;
          manuscript = reparseManuscript(manuscript, text, ++version);
        };
        for (const [change, typed, fraction, warm] of steps) {
          // The warm-up's completion (a document of its own) between two of this document's leaves no trace in them.
          if (warm) warmCitationCompletion(library);
          if (change.kind !== 'uncite') {
            const end = lineEnd(text, change.at);
            update(`${text.slice(0, end)} ${change.kind === 'cite' ? `[@${change.key}]` : 'more'}${text.slice(end)}`);
          } else {
            // The citation typed last goes, or else the manuscript's first.
            const added = keys.map((key) => text.indexOf(` [@${key}]`)).find((i) => i >= 0);
            const first = added ?? text.indexOf('[@');
            const close = text.indexOf(']', first);
            if (first >= 0 && close > first) update(text.slice(0, first) + text.slice(close + 1));
          }
          // Typed one character at a time after `[@`, a completion at each, as an editor asks.
          const at = lineEnd(text, fraction);
          update(`${text.slice(0, at)} [@${text.slice(at)}`);
          const start = at + 3;
          for (let end = 0; end <= typed.length; end++) {
            if (end > 0) update(text.slice(0, start + end - 1) + typed[end - 1] + text.slice(start + end - 1));
            const offset = start + end;
            const list = completeCitation(manuscript, library, offset);
            assert.ok(list, typed.slice(0, end));
            assert.deepEqual(list.items, freshItems(manuscript, offset, typed.slice(0, end), start), typed.slice(0, end));
          }
          update(text.slice(0, at) + text.slice(start + typed.length));
        }
      },
    ),
    { seed: SEED, numRuns: 25 },
  );
});

/** Segments as columns hold them: keys, DOIs, family names with `\n` between them. */
const segment = fc.array(fc.constantFrom('a', 'b', 'ab', '\n', 'é', '王', '1', '.', ' '), { maxLength: 8 }).map((p) => p.join(''));
const needle = fc.array(fc.constantFrom('a', 'b', '\n', 'é', '王', '1', '.', ' '), { maxLength: 4 }).map((p) => p.join(''));

test("a column's holds reads each segment as `\\n` + its text does, across chunks", () => {
  fc.assert(
    fc.property(fc.array(segment, { minLength: 1, maxLength: 30 }), fc.array(needle, { minLength: 1, maxLength: 8 }), (segments, texts) => {
      // Padded past a chunk (1,024 segments), so that segments at a chunk's start and end are asked too.
      const all = [...segments, ...Array.from({ length: 1030 }, (_, i) => `pad${i}`), ...segments];
      const column = new Column(all);
      const asked = [...segments.map((_, k) => k), 1023, 1024, 1025, ...segments.map((_, k) => all.length - 1 - k)];
      for (const text of texts)
        for (const i of asked)
          assert.equal(column.holds(i, text), `\n${all[i]}`.includes(text), `${JSON.stringify(all[i])} ${JSON.stringify(text)}`);
    }),
    { seed: SEED, numRuns: 200 },
  );
});
