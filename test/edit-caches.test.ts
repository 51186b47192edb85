/**
 * The checks' per-edit caches (citation findings moved by a paragraph edit, the line map
 * shifted instead of rebuilt) never change what is published: a language service fed edits
 * publishes the diagnostics a fresh service publishes for the same text and files, for edits
 * that keep the citations (typing in prose, the edits the caches serve), and edits that
 * change them: a key replaced by another (unknown, or the same work as one cited), a citation
 * added or removed, a heading and an abstract, an abbreviation's first definition, numbers,
 * and the bibliography file changing under the same text. Seeded.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { SEED } from './util/arbitraries';
import { FIXTURES_ROOT, REPO_ROOT, fixture, wsUri } from './util/fixture';

const read = (...parts: string[]) => readFileSync(path.join(...parts), 'utf8');
const body = (text: string) => text.replace(/^---\n[\s\S]*?\n---\n/, '');

const BIB = read(FIXTURES_ROOT, 'deep-review-sample.bib');
/** LeCun2015Deep again under another key: a second key of one work. */
const TWIN = `\n@article{LeCun2015Again,\n  title = {Deep learning},\n  doi = {10.1038/nature14539},\n  year = {2015}\n}\n`;

const MANUSCRIPT = [
  '---\ntitle: "Edits"\nbibliography: refs.bib\n---\n',
  body(read(REPO_ROOT, 'examples', 'manuscript.md')),
  '\n# Methods\n\nDeep learning [@LeCun2015Deep] and big data [@Stephens2015Big; @Baldi2014Searching, p. 3] met\n',
  'carcinoembryonic antigen (CEA) in serum; CEA ≤ 5 ng/L in one cohort [@Goh2017Deep]. Later @LeCun2015Again [p. 2].\n\n',
  'Skin cancer classification [@Esteva2017Dermatologist] and a review of reviews [@review01-il6-overview].\n\n',
  body(read(REPO_ROOT, 'examples', 'by-key.md')),
].join('');

/** An edit: at a fraction of the text, remove some characters and insert a string. */
interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

/** What changes the checks' inputs: keys, citations, headings, abbreviations' definitions, numbers. */
const INSERTS = [
  'x',
  ' ',
  'ab',
  '[@LeCun2015Deep]',
  '[@LeCun2015Again]',
  '[@nosuchkey]',
  '@Goh2017Deep',
  '[@review03-il6-physiology]',
  '[3]',
  '[60]',
  '[2]-[4]',
  'IL-6',
  'interleukin-6 (IL-6)',
  'C-reactive protein (CRP)',
  'CRP',
  '\n\n# Abstract\n\n',
  '\n\n# 摘要\n\n',
  '**Abstract** ',
  'Keywords: IL-6\n\n',
  '5 mg/L',
  '[',
  ']',
  '@',
  ';',
  '中文',
];

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((x) => x / 1_000_000),
  remove: fc.oneof(
    { arbitrary: fc.constant(0), weight: 4 },
    { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 2 },
    { arbitrary: fc.integer({ min: 4, max: 30 }), weight: 1 },
  ),
  insert: fc.oneof({ arbitrary: fc.constant(''), weight: 1 }, { arbitrary: fc.constantFrom(...INSERTS), weight: 4 }),
}) as unknown as fc.Arbitrary<Edit>;

function apply(text: string, e: Edit): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

/** Replaces the `n`th key citation's first key by `key`: an edit changing which keys are cited. */
function replaceKey(text: string, n: number, key: string): string {
  const keys = [...text.matchAll(/\[@([\w:.-]+)/g)];
  if (keys.length === 0) return text;
  const m = keys[n % keys.length];
  const at = (m.index ?? 0) + 2;
  return text.slice(0, at) + key + text.slice(at + m[1].length);
}

interface Step {
  readonly edit?: Edit;
  readonly rekey?: { readonly n: number; readonly key: string };
  /** At `offset` past the first `needle` of the current text, remove and insert. */
  readonly at?: { readonly needle: string; readonly offset: number; readonly remove: number; readonly insert: string };
  /** The bibliography file's new text (the library changes under the same manuscript). */
  readonly bib?: string;
}

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: edit.map((e) => ({ edit: e })), weight: 8 },
  {
    arbitrary: fc
      .record({ n: fc.nat(40), key: fc.constantFrom('LeCun2015Again', 'Goh2017Deep', 'nosuchkey', 'review07-crc-burden') })
      .map((rekey) => ({ rekey })),
    weight: 2,
  },
  { arbitrary: fc.constantFrom(BIB, BIB + TWIN, BIB.replace('Goh2017Deep', 'Goh2017Other')).map((bib) => ({ bib })), weight: 1 },
);

/** Feeds `steps` to one service and compares each step's diagnostics with a fresh service's. */
async function replay(steps: readonly Step[]): Promise<void> {
  const name = 'manuscript.md';
  const uri = wsUri(name);
  let text = MANUSCRIPT;
  let bib = BIB;
  const live = fixture(`%! ${name}\n${text}\n%! refs.bib\n${bib}`);
  await live.service.diagnostics({ uri, text, version: 1 });
  for (const [n, s] of steps.entries()) {
    if (s.edit) text = apply(text, s.edit);
    if (s.at) {
      const where = text.indexOf(s.at.needle) + s.at.offset;
      assert.ok(where >= s.at.offset, `${s.at.needle} is in the text`);
      text = text.slice(0, where) + s.at.insert + text.slice(where + s.at.remove);
    }
    if (s.rekey) text = replaceKey(text, s.rekey.n, s.rekey.key);
    if (s.bib !== undefined && s.bib !== bib) {
      bib = s.bib;
      live.workspace.files.set(wsUri('refs.bib'), bib);
      live.service.fileChanged(wsUri('refs.bib'));
    }
    const got = await live.service.diagnostics({ uri, text, version: n + 2 });
    const fresh = fixture(`%! ${name}\n${text}\n%! refs.bib\n${bib}`);
    const want = await fresh.service.diagnostics({ uri, text, version: n + 2 });
    assert.deepEqual(got, want, `step ${n + 1}: ${JSON.stringify(s)}`);
  }
}

test('a service fed edits that keep or change keys, headings, definitions and the library publishes what a fresh one does', async () => {
  const runs = fc.sample(fc.array(step, { minLength: 12, maxLength: 12 }), { seed: SEED, numRuns: 6 });
  for (const steps of runs) await replay(steps);
});

test('typing in prose after citations, then a key change and a library change, publishes what a fresh one does', async () => {
  // The edits the caches serve (prose typed inside a paragraph with citations after it), each followed by one that must not be served from them.
  const at = MANUSCRIPT.indexOf('Deep learning [@LeCun2015Deep]') / MANUSCRIPT.length;
  const typing: Step[] = [0, 1, 2].map(() => ({ edit: { at, remove: 0, insert: 'x' } }));
  await replay([
    ...typing,
    { rekey: { n: 0, key: 'LeCun2015Again' } },
    ...typing,
    { bib: BIB + TWIN },
    ...typing,
    { bib: BIB },
    ...typing,
    { edit: { at, remove: 0, insert: 'interleukin-6 (IL-6) ' } },
    ...typing,
  ]);
});

test('edits beside a term that keep every term and citation, and typing where there is none, publish what a fresh one does', async () => {
  // The text around a term decides its findings (a value's unit, a definition's parentheses),
  // though the occurrences stay the same: the term checks' cache must not serve these.
  const steps: Step[] = [];
  const beside = (needle: string, remove: number, insert: string, offset = 0): Step => ({ at: { needle, offset, remove, insert } });
  const prose = beside('classification [@Esteva', 0, 'x');
  steps.push(prose, prose, beside('5 ng/L', 6, '5 ng/mL'), prose, beside('5 ng/mL', 6, '5 ng/L'), prose);
  steps.push(beside('(CEA)', 1, ''), prose, beside('CEA)', 0, '('), prose, beside('in one cohort', 0, ' treated', 2), prose);
  steps.push(beside('big data', 0, 'CRP ', 0), prose, beside('CRP big data', 0, 'C-reactive protein (', 0), prose);
  // A paragraph turned into a keyword line and into an abstract, and back.
  steps.push(beside('Skin cancer', 0, 'Keywords: IL-6, '), prose, beside('Keywords: IL-6, ', 16, ''), prose);
  steps.push(beside('Skin cancer', 0, '**Abstract** CEA '), prose, beside('**Abstract** CEA ', 17, ''), prose);
  await replay(steps);
});
