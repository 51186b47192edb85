/**
 * The fast paths of a full search must find what the plain scan of every entry's text finds:
 * the trigram signatures (searchGrams.ts) pass every entry whose text holds the typed words,
 * whatever the script; scoring a word by its places in the text (`scoreOf`) gives the score
 * the search per tier gave (kept below as the reference); and ranking through the index, whose
 * candidates come from the signatures and the narrowed matches, equals the scan of every entry.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { BibEntry } from '../server/src/core/bibliography/cslItem';
import type { Library, LibraryEntry } from '../server/src/core/bibliography/library';
import { rankEntries, searchIndex } from '../server/src/core/bibliography/search';
import { entrySearch, FIELD_ENDS, queryOf, scoreOf, type Query } from '../server/src/core/bibliography/searchFields';
import { GramSignatures, queryBits } from '../server/src/core/bibliography/searchGrams';
import { signatures } from '../server/src/core/bibliography/searchIndex';
import { fromLoadedFile, indexWhileLoading } from '../server/src/core/bibliography/searchLoading';
import { SEED } from './util/arbitraries';
import { REPO_ROOT } from './util/fixture';
import { freshIndex, generatedItems, libraryEntry, readItems } from './util/libraryEntries';

const generated = generatedItems(2000).map((item) => libraryEntry(String(item.id), item, 'setting'));
const entries: LibraryEntry[] = [
  ...generated,
  ...readItems(REPO_ROOT, 'references', 'review-55.json').map((item) => libraryEntry(`builtin-${String(item.id)}`, item, 'builtin')),
];
const texts = entries.map((e) => entrySearch(e));

/** Characters of every kind a text or query holds: ASCII letters, digits, punctuation, accented and Han letters, a full-width digit, an astral letter. */
const mixedChar = fc.constantFrom(...'abcgutz019 .-/\n:éüñßø王小明结直肠癌李１𝑥', '\u0301');
const mixedText = fc.array(mixedChar, { maxLength: 40 }).map((cs) => cs.join(''));

test('an entry whose text holds every typed word passes its trigram signature, in any script', () => {
  fc.assert(
    fc.property(fc.array(mixedText, { minLength: 1, maxLength: 70 }), fc.nat(), fc.nat(), fc.nat(40), (all, pick, from, length) => {
      const signatures = new GramSignatures().appended(all.slice(0, 33)).appended(all.slice(33));
      const source = all[pick % all.length];
      const start = from % (source.length + 1);
      // Words as a query makes them (runs of letters or of digits), from a piece of one text.
      const words = queryOf(source.slice(start, start + length)).words;
      const bits = queryBits(words);
      const passed: number[] = [];
      if (bits.length > 0) signatures.find(bits, (i) => void passed.push(i));
      all.forEach((text, i) => {
        const holds = words.every((w) => text.includes(w));
        if (holds && bits.length > 0) assert.ok(passed.includes(i), `entry ${i} holds ${JSON.stringify(words)}`);
        if (holds) assert.ok(signatures.mayHold(i, bits));
        assert.equal(signatures.mayHold(i, bits), bits.length === 0 || passed.includes(i));
      });
    }),
    { seed: SEED, numRuns: 300 },
  );
});

test('the signatures pass few entries that do not hold the words', () => {
  const signatures = new GramSignatures().appended(texts.map((t) => t.text));
  for (const typed of ['muller1987', 'gut', 'pérez2019', 'zhang cohort', '结直肠癌', 'interleukin']) {
    const { words } = queryOf(typed);
    let passed = 0;
    signatures.find(queryBits(words), () => void passed++);
    const holding = texts.filter((t) => words.every((w) => t.text.includes(w))).length;
    assert.ok(passed >= holding && passed <= holding + entries.length / 20, `${typed}: ${passed} passed, ${holding} hold it`);
  }
});

/** Queries as typed: Latin, accented, Chinese, DOI and multi-word texts, and pieces of the entries' own texts. */
const typedText = fc.oneof(
  fc.constantFrom('muller', 'müller19', 'pérez2019', 'Søndergaard', 'zhang c', 'zhang cohort', '王小明', '王', '结直肠癌 2011'),
  fc.constantFrom('gut', 'gut2011', 'interleukin 6', 'il6', '10.44', '10.4402/deep', 'cell rep', 'builtin', 'nature 20', 'a b'),
  fc.tuple(fc.nat(entries.length - 1), fc.nat(300), fc.integer({ min: 1, max: 14 })).map(([i, from, length]) => {
    const text = texts[i].text;
    const start = from % text.length;
    return text.slice(start, start + length);
  }),
  mixedText,
);

test('scoring a word by its places gives the score of the search per tier, for every entry', () => {
  fc.assert(
    fc.property(typedText, (typed) => {
      const query = queryOf(typed);
      if (!query.needle) return;
      texts.forEach(({ text, ends }, i) =>
        assert.equal(scoreOf(text, ends, 0, query), referenceScore(text, ends, query), `${JSON.stringify(typed)} in entry ${i}`),
      );
    }),
    { seed: SEED, numRuns: 200 },
  );
  // Random texts with random field ends, so that places at every field edge are scored.
  fc.assert(
    fc.property(mixedText, fc.array(fc.nat(40), { minLength: FIELD_ENDS, maxLength: FIELD_ENDS }), mixedText, (text, cuts, typed) => {
      const ends = [...cuts].sort((a, b) => a - b).map((c) => Math.min(c, text.length));
      const query = queryOf(typed);
      if (query.needle) assert.equal(scoreOf(text, ends, 0, query), referenceScore(text, ends, query));
    }),
    { seed: SEED, numRuns: 2000 },
  );
});

test('typing through the index (signatures, narrowed matches) ranks as a scan of every entry', () => {
  // Signatures for this small library too, as for a large one.
  signatures.fewestEntries = 0;
  const keys = generated.map((e) => e.key);
  const citedKeys = fc.subarray([...keys.filter((_, i) => i % 97 === 0), ...keys.slice(-20), 'builtin-3']);
  const strokes = fc.array(fc.oneof(typedText, fc.constantFrom(' ', '2', 'e'), fc.integer({ min: -3, max: -1 })), {
    minLength: 1,
    maxLength: 5,
  });
  fc.assert(
    fc.property(strokes, citedKeys, fc.constantFrom(1, 10, 100), (keystrokes, cited, limit) => {
      const index = freshIndex(entries);
      const citedSet = new Set(cited);
      let typed = '';
      for (const stroke of keystrokes) {
        typed = typeof stroke === 'number' ? typed.slice(0, Math.max(0, typed.length + stroke)) : typed + stroke;
        const shown = (ranked: ReturnType<typeof rankEntries>) => ranked.map((r) => `${r.entry.key}:${r.score}`);
        assert.deepEqual(
          shown(rankEntries(index, typed, citedSet, limit)),
          shown(rankEntries([...index], typed, citedSet, limit)),
          `typed ${JSON.stringify(typed)}, limit ${limit}`,
        );
      }
    }),
    { seed: SEED, numRuns: 150 },
  );
});

test('the signatures of a loaded file, extended by the built-in corpus, rank as a scan of every entry', async () => {
  signatures.fewestEntries = 0;
  const at = { start: 0, end: 0 };
  const parsed: BibEntry[] = generated.map((e) => ({ key: e.key, item: e.item, uri: 'file:///big.bib', range: at, keyRange: at }));
  await indexWhileLoading(parsed, async () => {});
  const own = parsed.map((e): LibraryEntry => ({ ...e, origin: 'front-matter-file' }));
  const library = (): Library => ({
    byKey: new Map([...own, ...entries.slice(generated.length)].map((e) => [e.key, e])),
    sources: [
      {
        uri: 'file:///big.bib',
        origin: 'front-matter-file',
        declaredAs: 'big.bib',
        parsed: { uri: 'file:///big.bib', format: 'bibtex', entries: parsed, errors: [] },
      },
    ],
    numbered: { kind: 'none', size: 0 },
    builtinNumbers: new Map(),
  });
  assert.ok(fromLoadedFile(library(), [...library().byKey.values()])?.grams, 'the library takes the signatures of the file');
  fc.assert(
    fc.property(fc.array(typedText, { minLength: 1, maxLength: 3 }), (typings) => {
      const index = searchIndex(library());
      for (const typed of typings) {
        const shown = (ranked: ReturnType<typeof rankEntries>) => ranked.map((r) => `${r.entry.key}:${r.score}`);
        assert.deepEqual(shown(rankEntries(index, typed, new Set(), 20)), shown(rankEntries([...index], typed, new Set(), 20)), typed);
      }
    }),
    { seed: SEED, numRuns: 60 },
  );
});

// The search per tier, as searchFields.ts scored before a word was scored by its places.
const [KEY, FAMILIES, OTHERS, TITLE, YEAR, CONTAINER, DOI] = [0, 1, 2, 3, 4, 5, 6];

function within(text: string, word: string, start: number, end: number): boolean {
  const at = text.indexOf(word, start);
  return at >= 0 && at < end;
}

function referenceTier(text: string, ends: ArrayLike<number>, word: string): number {
  const spacedWord = ` ${word}`;
  const keyEnd = ends[KEY];
  if (text.startsWith(word)) return 0;
  const familiesEnd = ends[FAMILIES];
  if (familiesEnd > keyEnd && within(text, `\n${word}`, keyEnd, familiesEnd)) return 2;
  const titleStart = ends[OTHERS] + 1;
  const titleEnd = ends[TITLE];
  if (within(text, word, 0, keyEnd)) return 3;
  if (within(text, spacedWord, titleStart, titleEnd)) return 3;
  if (text.startsWith(word, titleEnd + 1) && /^\d+$/.test(word)) return 3;
  if (within(text, word, titleStart, titleEnd)) return 4;
  const containerStart = ends[YEAR] + 1;
  const doiStart = ends[CONTAINER] + 1;
  if (within(text, spacedWord, containerStart, doiStart - 1) || within(text, word, doiStart, ends[DOI])) return 5;
  if (within(text, word, keyEnd + 1, familiesEnd)) return 6;
  if (within(text, word, familiesEnd + 1, ends[OTHERS]) || within(text, word, containerStart, doiStart - 1)) return 7;
  if (within(text, word, ends[DOI] + 1, text.length)) return 7;
  return -1;
}

function referenceScore(text: string, ends: ArrayLike<number>, query: Query): number {
  const { needle, words } = query;
  if (!text.includes(needle) && !words.every((w) => text.includes(w))) return -1;
  const keyEnd = ends[KEY];
  if (text.startsWith(needle)) return 0;
  if (within(text, needle, 0, keyEnd)) return 1;
  const doiStart = ends[CONTAINER] + 1;
  if (ends[DOI] > doiStart && text.startsWith(needle, doiStart)) return 2;
  const tier = referenceTier(text, ends, needle);
  if (tier >= 0) return tier + 2;
  const multi = words.length > 1 || (words.length === 1 && words[0] !== needle);
  let score = multi ? 3 : -1;
  for (let i = 0; i < words.length && score >= 0; i++) {
    const wordScore = referenceTier(text, ends, words[i]);
    score = wordScore < 0 ? -1 : score + wordScore;
  }
  return score;
}
