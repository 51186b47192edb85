/**
 * The term matcher's start pattern (matcherStarts.ts) tries an ASCII word start only when
 * the next two characters can continue a form, and the matcher's entries (matcherEntries.ts)
 * work out their properties on first read. The matches must be the previous algorithm's
 * (test/util/referenceTermMatcher.ts tries every character, computes every entry up front):
 * every form of the built-in glossary and of a glossary of one- and two-letter forms, with
 * its second or third character replaced by each ASCII character and by non-ASCII ones, at
 * the end of the searched range and before spaces, line breaks and Chinese; and random text
 * of form prefixes, English words and separators.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseGlossary, type Glossary } from '../server/src/core/terms/glossary';
import { termMatcher, type RawMatch } from '../server/src/core/terms/matcher';
import { SEED } from './util/arbitraries';
import { builtinGlossary } from './util/fixture';
import { referenceTermMatcher } from './util/referenceTermMatcher';

const BUILTIN = builtinGlossary('file:///citokine/references/glossary.json');

/** Short forms, so that forms end one and two characters after their start. */
const SHORT = parseGlossary(
  JSON.stringify({
    version: 1,
    terms: [
      { id: 't', canonical: 'T', aliases: ['Tx'], variants: ['t-'], abbreviation: true },
      { id: 'il', canonical: 'IL', aliases: ['IL-2', 'ILC'], variants: ['Il 2'], abbreviation: true },
      { id: 'ab', canonical: 'AB3', aliases: ['a b'], variants: [], abbreviation: false },
    ],
  }),
  'file:///short.json',
).glossary;

const shown = (m: RawMatch) => `${m.start}-${m.end} ${m.kind} ${m.entry.form} -> ${m.suggestion ?? ''}${m.plural ? ' (plural)' : ''}`;

function assertSame(glossary: Glossary, text: string, start = 0, end = text.length): void {
  const a: RawMatch[] = [];
  const b: RawMatch[] = [];
  termMatcher(glossary).find(text, start, end, a);
  referenceTermMatcher(glossary).find(text, start, end, b);
  assert.deepEqual(a.map(shown), b.map(shown), JSON.stringify(text.slice(start, end)));
}

function formsOf(glossary: Glossary): string[] {
  return glossary.terms.flatMap((t) => [t.canonical, ...t.aliases, ...t.variants, t.name.en ?? '', t.name.zh ?? '']).filter((f) => f);
}

/** Every ASCII character and some that fold (full width, dashes, spaces) or do not (Greek, Chinese). */
const REPLACEMENTS = [
  ...Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)),
  ...['Ｌ', 'ｌ', '６', '‐', '–', '\u3000', '\u00a0', 'α', 'é', '中', '，'],
];

test('every form with its second or third character replaced: the same matches as trying every character', () => {
  for (const glossary of [BUILTIN, SHORT]) {
    for (const form of formsOf(glossary)) {
      for (const at of [1, 2]) {
        if (form.length < at) continue;
        for (const c of REPLACEMENTS) {
          const changed = form.slice(0, at) + c + form.slice(at + 1);
          for (const text of [changed, ` ${changed} `, `x ${changed}\nand`, `中文${changed}中文`, `(${changed}s)`])
            assertSame(glossary, text);
          // The searched range ends right after the replaced character, and right before it.
          assertSame(glossary, ` ${changed} `, 1, 1 + at + 1);
          assertSame(glossary, ` ${changed} `, 1, 1 + at);
        }
      }
    }
  }
});

test('random text of form prefixes, words and separators: the same matches as trying every character', () => {
  for (const glossary of [BUILTIN, SHORT]) {
    const forms = formsOf(glossary);
    const prefixes = forms.flatMap((f) => [f, f.slice(0, 1), f.slice(0, 2), f.slice(0, 3)]);
    const words = ['the', 'in', 'and', 'Tx', 'ILC2', 'interleukin', 'cells', 'T-cell', 'B7', 'ab', 'a', 's', '6', '中文', 'ＩＬ'];
    const separators = [' ', '  ', '\n', '\n\n', '-', '/', '.', ',', '(', ')', '\t', '\u3000', ''];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...prefixes), fc.constantFrom(...words), fc.constantFrom(...separators)), { maxLength: 24 }),
        fc.nat(),
        fc.nat(),
        (pieces, a, b) => {
          const text = pieces.join('');
          assertSame(glossary, text);
          if (text.length === 0) return;
          const start = a % text.length;
          assertSame(glossary, text, start, start + (b % (text.length - start + 1)));
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  }
});
