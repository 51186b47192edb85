/**
 * The built-in glossary's data against the review: each term's `references` are the
 * citations whose own clause uses the term (recomputed here with scripts/glossary-links.mjs
 * and the product's matcher), the review's own terms are present, and the review's
 * non-standard Chinese names are kept as its wording beside the standard ones.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { createGlossary, parseGlossary, type Glossary } from '../server/src/core/terms/glossary';
import { termMatcher } from '../server/src/core/terms/matcher';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const read = (...parts: string[]): string => readFileSync(path.join(REPO_ROOT, ...parts), 'utf8');

interface Clause {
  numbers: number[];
  start: number;
  end: number;
  marker: string;
}
interface GlossaryLinks {
  reviewBody(text: string): string;
  citedNumbers(marker: string): number[];
  citationClauses(body: string, quotes?: string[]): Clause[];
  glossaryLinks(input: { reviewText: string; context: unknown; glossary: Glossary; product: unknown }): Map<string, number[]>;
}

// tsc compiles `import()` to `require()` under CommonJS, which cannot load an ES module.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<GlossaryLinks>;
const links = importModule(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'glossary-links.mjs')).href);

const glossaryText = read('references', 'glossary.json');
const raw = JSON.parse(glossaryText) as {
  terms: { id: string; name?: { zh?: string }; aliases?: string[]; reviewNames?: { zh?: string[] } }[];
};
const { glossary, errors } = parseGlossary(glossaryText, 'file:///citokine/references/glossary.json');
const reviewText = read('references', 'sources', 'review-text.zh.txt');
const context = JSON.parse(read('references', 'review-55.context.json')) as unknown;

async function computed(): Promise<Map<string, number[]>> {
  return (await links).glossaryLinks({ reviewText, context, glossary, product: { createGlossary, termMatcher } });
}

test('the built-in glossary loads without errors', () => {
  assert.deepEqual(errors, []);
});

test("every term's references are what scripts/build-glossary-links.mjs computes from the review", async () => {
  const expected = await computed();
  const stale = glossary.terms
    .filter((t) => t.references.join() !== expected.get(t.id)?.join())
    .map((t) => `${t.id}: [${t.references.join(', ')}] != [${expected.get(t.id)?.join(', ')}]`);
  assert.deepEqual(stale, [], 'run `npx tsc -b && node scripts/build-glossary-links.mjs`');
});

test('links follow the clause a reference is cited for, checked by hand against the text', async () => {
  const got = await computed();
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k);
  // "抗 IL-6/IL-6r 单克隆抗体(siltuximab、tocilizumab)……类风湿性关节炎[48] [49]，并在器官移植中……[50] [51]"
  assert.deepEqual(got.get('siltuximab'), [48, 49]);
  assert.deepEqual(got.get('tocilizumab'), [48, 49]);
  // "IL-6 一般通过两种途径激活下游 STAT3……两种通路最终均……[4] [8]-[13]": the uncited sentence the citing one continues.
  for (const n of [4, ...range(8, 13)]) assert.ok(got.get('il-6')?.includes(n), `il-6 lacks [${n}]`);
  assert.ok(!got.get('il-6')?.includes(7), 'il-6: [7] is cited for the burden of colorectal cancer');
  assert.ok(!got.get('il-6')?.includes(50), 'il-6: [50] is cited for transplantation');
  // STAT3 in IL-6/STAT3 and IL-6-STAT3 counts; its [14] comes from "而靶向 STAT3……[14]".
  assert.deepEqual(got.get('stat3'), [4, ...range(8, 15), 17, 18, 19, 28, 29, 30, 31, 32, 54]);
  assert.deepEqual(got.get('emt'), [18]);
  // 无进展生存期率 is PFSR's, not PFS's; IL-6 is not found inside sIL-6R.
  assert.deepEqual(got.get('pfsr'), [13]);
  assert.deepEqual(got.get('pfs'), []);
  assert.deepEqual(got.get('sil-6r'), [4, ...range(8, 13)]);
});

test('a marker group cites every number it names', async () => {
  const { citedNumbers } = await links;
  assert.deepEqual(citedNumbers('[4] [8]-[13]'), [4, 8, 9, 10, 11, 12, 13]);
  assert.deepEqual(citedNumbers('[29] [30] [31] [32]'), [29, 30, 31, 32]);
  assert.deepEqual(citedNumbers('[1,3-5]'), [1, 3, 4, 5]);
  assert.deepEqual(citedNumbers('[1]-[3]'), [1, 2, 3]);
});

test('a clause runs back to the previous marker or the sentence start, commas inside it', async () => {
  const { citationClauses } = await links;
  const body = '甲，乙[1]，丙[2] [3]。丁。戊，己[4]';
  const clauses = citationClauses(body).map((c) => [c.marker, body.slice(c.start, c.end)]);
  assert.deepEqual(clauses, [
    ['[1]', '甲，乙'],
    ['[2] [3]', '，丙'],
    ['[4]', '戊，己'],
  ]);
  // A quoted clause that starts in an earlier sentence (and ends at this marker) widens it.
  const widened = citationClauses(body, ['丁……己[4]']).map((c) => body.slice(c.start, c.end));
  assert.equal(widened[2], '丁。戊，己');
});

/** The review's body as one string without whitespace or page headers, to find a name in. */
async function squashedReview(): Promise<string> {
  return (await links).reviewBody(reviewText).replace(/\s+/g, '');
}

test("the review's own terms are in the glossary with both names and definitions", async () => {
  const wanted = [
    'PFSR',
    'tumour microenvironment',
    'CTCs',
    'oxidative stress',
    'drug resistance',
    'targeted therapy',
    'immunotherapy',
    'biomarker',
    'systemic inflammatory response',
    'haematopoiesis',
    'DNA damage',
    'solid tumour',
    'cancer vaccine',
    'phosphorylation',
    'immunosuppression',
    'stromal cells',
  ];
  const review = await squashedReview();
  for (const canonical of wanted) {
    const term = glossary.byCanonical.get(canonical.toLowerCase());
    assert.ok(term, `missing ${canonical}`);
    for (const text of [term.name.en, term.name.zh, term.definition.en, term.definition.zh])
      assert.ok(text?.trim(), `${canonical}: empty name or definition`);
    const written = [term.name.zh!, ...(raw.terms.find((t) => t.id === term.id)?.reviewNames?.zh ?? [])];
    assert.ok(
      written.some((name) => review.includes(name.replace(/\s+/g, ''))),
      `${canonical}: the review writes none of ${written.join(', ')}`,
    );
  }
});

test("the review's non-standard Chinese names: the standard one first, the review's kept as an alias and marked", async () => {
  const review = await squashedReview();
  const marked = raw.terms.filter((t) => t.reviewNames);
  assert.deepEqual(
    marked.map((t) => [t.id, t.name?.zh, t.reviewNames?.zh]),
    [
      ['emt', '上皮-间质转化', ['上皮间充质转化']],
      ['pre-metastatic-niche', '转移前生态位', ['前转移生态位']],
      ['mterfd1', '线粒体转录终止因子结构域蛋白1', ['线粒体转录终止因子']],
      ['methylprednisolone', '甲泼尼龙', ['甲基强的松龙']],
      ['mcd', '多中心Castleman病', ['多中心Castleman氏病']],
      ['rheumatoid-arthritis', '类风湿关节炎', ['类风湿性关节炎']],
      ['pfsr', '无进展生存率', ['无进展生存期率']],
    ],
  );
  for (const term of marked) {
    for (const name of term.reviewNames?.zh ?? []) {
      assert.ok(term.aliases?.includes(name), `${term.id}: ${name} is not an alias, so it would not be found`);
      assert.notEqual(term.name?.zh, name, `${term.id}: the standard name comes first`);
      assert.ok(review.includes(name.replace(/\s+/g, '')), `${term.id}: the review does not write ${name}`);
    }
  }
});
