/**
 * The built-in glossary's prebuilt matcher (matcherPrebuilt.ts, data from
 * builtinGlossary.generated.ts) is the trie matcher.ts builds at run time: node for node,
 * form for form (term, form, kind, rank, suggestion), the same start pattern and size, and
 * it finds the same matches as a matcher built at run time, on the real documents and on
 * random text of the glossary's forms. The built-in glossary's parse without validation
 * gives what the parse with every check gives. Seeded.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isBuiltinGlossary, parseGlossary, parseGlossaryFully, type Glossary } from '../server/src/core/terms/glossary';
import { buildTrie, prebuildMatcher, termMatcher, type RawMatch } from '../server/src/core/terms/matcher';
import { decodeTrie, prebuiltTrie, type TrieNode } from '../server/src/core/terms/matcherPrebuilt';
import { BUILTIN_GLOSSARY_TEXT, BUILTIN_MATCHER } from '../server/src/core/terms/builtinGlossary.generated';
import { SEED } from './util/arbitraries';
import { REPO_ROOT } from './util/fixture';
import { REAL_DOCUMENTS } from './util/realDocuments';

const URI = 'file:///citokine/references/glossary.json';
const text = readFileSync(path.join(REPO_ROOT, 'references', 'glossary.json'), 'utf8');
const builtin = parseGlossary(text, URI);
const full = parseGlossaryFully(text, URI);

/** Every difference between two tries, as paths (terms compared by their index in their glossary). */
function trieDifferences(a: TrieNode, ga: Glossary, b: TrieNode, gb: Glossary, at = ''): string[] {
  const out: string[] = [];
  if ((a.entries === undefined) !== (b.entries === undefined)) out.push(`${at}: entries ${String(a.entries)} / ${String(b.entries)}`);
  const ea = a.entries ?? [];
  const eb = b.entries ?? [];
  if (ea.length !== eb.length) out.push(`${at}: ${ea.length} forms / ${eb.length}`);
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
    const [x, y] = [ea[i], eb[i]];
    const shown = (e: typeof x, g: Glossary) =>
      JSON.stringify([g.terms.indexOf(e.term), e.form, e.kind, e.rank, e.generated, e.suggestion, typeof e.givenSuggestion]);
    if (shown(x, ga) !== shown(y, gb)) out.push(`${at}[${i}]: ${shown(x, ga)} / ${shown(y, gb)}`);
  }
  if ((a.next === undefined) !== (b.next === undefined)) out.push(`${at}: next ${String(a.next)} / ${String(b.next)}`);
  const ka = [...(a.next?.keys() ?? [])];
  const kb = [...(b.next?.keys() ?? [])];
  if (ka.join() !== kb.join()) out.push(`${at}: children ${ka.join()} / ${kb.join()}`);
  for (const k of ka) {
    const [ca, cb] = [a.next!.get(k)!, b.next?.get(k)];
    if (cb) out.push(...trieDifferences(ca, ga, cb, gb, at + String.fromCharCode(k)));
  }
  return out;
}

test('built-in glossary: the shortcut parse gives what the parse with every check gives, and no finding', () => {
  assert.equal(text, BUILTIN_GLOSSARY_TEXT);
  assert.deepEqual(full.errors, []);
  assert.deepEqual(builtin.errors, []);
  const shown = (g: Glossary) => g.terms.map((t) => ({ ...t, source: { uri: t.source.uri, range: t.source.range } }));
  assert.deepEqual(shown(builtin.glossary), shown(full.glossary));
  assert.deepEqual([...builtin.glossary.byId.keys()], [...full.glossary.byId.keys()]);
  assert.deepEqual([...builtin.glossary.byCanonical.keys()], [...full.glossary.byCanonical.keys()]);
  assert.equal(isBuiltinGlossary(builtin.glossary), true);
  assert.equal(isBuiltinGlossary(full.glossary), false);
});

test('built-in glossary: any other text is checked in full', () => {
  for (const other of [`${text} `, text.replace('"IL-6"', '"IL-6x"'), text.replace('"terms"', '"terms", "terms"')]) {
    const parsed = parseGlossary(other, URI);
    assert.equal(isBuiltinGlossary(parsed.glossary), false);
    assert.deepEqual(parsed, parseGlossaryFully(other, URI));
  }
  // A repeated key is found only by the full check, and reported.
  const repeated = text.replace('"canonical": "IL-6",', '"canonical": "IL-6", "canonical": "IL-6",');
  assert.notEqual(repeated, text);
  assert.ok(parseGlossary(repeated, URI).errors.length > 0);
});

test('prebuilt matcher: the trie built at run time, node for node and form for form', () => {
  const built = buildTrie(builtin.glossary);
  const decoded = decodeTrie(builtin.glossary, BUILTIN_MATCHER);
  assert.deepEqual(trieDifferences(decoded.root, builtin.glossary, built.root, builtin.glossary), []);
  assert.equal(decoded.size, built.size);
  assert.equal(decoded.starts.source, built.starts.source);
  assert.equal(decoded.starts.flags, built.starts.flags);
  assert.deepEqual(prebuildMatcher(full.glossary), BUILTIN_MATCHER);
  // Only the built-in glossary parsed from its text gets it.
  assert.ok(prebuiltTrie(builtin.glossary));
  assert.equal(prebuiltTrie(full.glossary), undefined);
});

const prebuilt = termMatcher(builtin.glossary);
const runtime = termMatcher(full.glossary);

function shownMatches(matcher: typeof prebuilt, glossary: Glossary, text: string, start: number, end: number): string[] {
  const out: RawMatch[] = [];
  matcher.find(text, start, end, out);
  const term = (m: RawMatch) => glossary.terms.indexOf(m.entry.term as (typeof glossary.terms)[number]);
  return out.map(
    (m) => `${m.start}-${m.end} ${m.kind} ${term(m)} ${m.entry.form} ${m.entry.short} ${m.entry.long} -> ${m.suggestion ?? ''} ${m.plural}`,
  );
}

function assertSame(text: string, start = 0, end = text.length): void {
  assert.deepEqual(shownMatches(prebuilt, builtin.glossary, text, start, end), shownMatches(runtime, full.glossary, text, start, end));
}

test('prebuilt matcher: the same size, forms and matches on the real documents', () => {
  assert.equal(prebuilt.size, runtime.size);
  const form = (g: Glossary) => (f: (typeof prebuilt.forms)[number]) => `${g.terms.indexOf(f.term)} ${f.form} ${f.kind}`;
  assert.deepEqual(prebuilt.forms.map(form(builtin.glossary)), runtime.forms.map(form(full.glossary)));
  for (const [, document] of REAL_DOCUMENTS) assertSame(document);
});

const FORMS = full.glossary.terms
  .flatMap((t) => [t.canonical, ...t.aliases, ...t.variants, t.name.en ?? '', t.name.zh ?? ''])
  .filter((f) => f);
const OTHER = [' ', '\n', '-', '.', '_', '@', 's', 'x', 'anti', '6', '174', 'ＩＬ', 'é', 'α', 'β', '中文', '（', ',', 'IL', 'STAT', 'the '];

test('prebuilt matcher: the same matches on random text of glossary forms and word pieces', () => {
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom(...FORMS), fc.constantFrom(...OTHER), fc.string({ maxLength: 3 })), { maxLength: 30 }),
      fc.nat(),
      (pieces, cut) => {
        const text = pieces.join('');
        assertSame(text);
        if (text.length > 0) assertSame(text, cut % text.length);
      },
    ),
    { seed: SEED, numRuns: 2000 },
  );
});
