/**
 * The term matcher's `find` tries only the places its start pattern finds (matcher.ts,
 * `startPattern`): ASCII and full-width characters that fold to a form's first character, CJK
 * characters that are one, and every other non-ASCII character. Each of the 65,536 UTF-16
 * code units is put in front of the rest of a form it could begin, and in front of and after
 * a form, in Chinese and English surroundings, and at the start of a searched range: the
 * matches must be the previous algorithm's (test/util/referenceTermMatcher.ts tries every
 * character), so no character that can start a term is skipped.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { foldChar, foldForm } from '../server/src/core/terms/folding';
import { parseGlossary } from '../server/src/core/terms/glossary';
import { termMatcher, type RawMatch } from '../server/src/core/terms/matcher';
import { REPO_ROOT } from './util/fixture';
import { referenceTermMatcher } from './util/referenceTermMatcher';

const glossary = parseGlossary(
  readFileSync(path.join(REPO_ROOT, 'references', 'glossary.json'), 'utf8'),
  'file:///citokine/references/glossary.json',
).glossary;
const current = termMatcher(glossary);
const reference = referenceTermMatcher(glossary);

const shown = (m: RawMatch) => `${m.start}-${m.end} ${m.kind} ${m.entry.form} -> ${m.suggestion ?? ''}${m.plural ? ' (plural)' : ''}`;

function matches(matcher: typeof current, text: string, start: number): string[] {
  const out: RawMatch[] = [];
  matcher.find(text, start, text.length, out);
  return out.map(shown);
}

/** A form of the glossary by its first folded character: the rest of the form a character can begin. */
const FORM_BY_FIRST = new Map<number, string>();
for (const term of glossary.terms) {
  for (const form of [term.canonical, ...term.aliases, ...term.variants, term.name.en ?? '', term.name.zh ?? '']) {
    const first = foldForm(form)[0];
    if (first !== undefined && !FORM_BY_FIRST.has(first)) FORM_BY_FIRST.set(first, form);
  }
}

test('every UTF-16 code unit: the same matches as trying every character', () => {
  let starting = 0;
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    const form = FORM_BY_FIRST.get(foldChar(c));
    if (form !== undefined) starting++;
    const texts = [
      `${ch}${form?.slice(1) ?? ''} IL-6`,
      `x ${ch}${form?.slice(1) ?? ''}.`,
      `中文${ch}${form?.slice(1) ?? ''}中文`,
      `ab${ch}IL-6 ${ch}白细胞介素6${ch}`,
    ];
    for (const text of texts) {
      for (const start of [0, 1, 2, 3]) {
        if (start > text.length) continue;
        assert.deepEqual(
          matches(current, text, start),
          matches(reference, text, start),
          `U+${c.toString(16)} in ${JSON.stringify(text)} from ${start}`,
        );
      }
    }
  }
  // The glossary's first characters include letters, digits and Chinese: the loop met them.
  assert.ok(starting > 100, `${starting} code units begin a form`);
});

test('a range that starts inside an ASCII word finds no term there, as before', () => {
  const text = 'xIL-6 and IL-6';
  assert.deepEqual(matches(current, text, 1), matches(reference, text, 1));
  assert.deepEqual(
    matches(current, text, 1).map((m) => m.split(' ')[0]),
    ['10-14'],
  );
});
