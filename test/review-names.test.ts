/**
 * The review's own Chinese names (`reviewNames` in the glossary): the term card shows the
 * standard name first and marks the review's form as the review's, and a hover on the
 * review's form says it is the review's usage and names the standard one. The sentences are
 * the review's own lines.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseGlossary } from '../server/src/core/terms/glossary';
import { CORPUS_SOURCES_ROOT, hoverText, REPO_ROOT } from './util/fixture';

const SEED = readFileSync(path.join(CORPUS_SOURCES_ROOT, 'review-text.zh.txt'), 'utf8');

/** The review's line holding `form`, with the cursor put inside `form`, under front matter `lang:`. */
function reviewLine(form: string, lang: 'zh' | 'en'): string {
  const at = SEED.indexOf(form);
  assert.ok(at >= 0, form);
  const line = SEED.slice(SEED.lastIndexOf('\n', at) + 1, SEED.indexOf('\n', at));
  const inside = line.indexOf(form) + 2;
  return `---\nlang: ${lang}\n---\n${line.slice(0, inside)}{|}${line.slice(inside)}\n`;
}

test('the glossary carries reviewNames', () => {
  const { glossary, errors } = parseGlossary(
    readFileSync(path.join(REPO_ROOT, 'references', 'glossary.json'), 'utf8'),
    'file:///references/glossary.json',
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(glossary.byId.get('methylprednisolone')?.reviewNames, { zh: ['甲基强的松龙'] });
  assert.equal(glossary.byId.get('il-6')?.reviewNames, undefined);
  const own = parseGlossary(
    'terms:\n  - id: x\n    canonical: X\n    name: { en: ex }\n    aliases: [Ex-form]\n    reviewNames: { en: [Ex-form] }\n',
    'file:///ws/my.glossary.yaml',
  );
  assert.deepEqual(own.glossary.terms[0].reviewNames, { en: ['Ex-form'] });
});

test("hover on the review's form: the review's usage, the standard name first", async () => {
  const zh = (await hoverText(reviewLine('上皮间充质转化', 'zh')))!;
  assert.match(zh, /^\*\*EMT\*\* — epithelial-mesenchymal transition · 上皮-间质转化\n/);
  assert.match(zh, /\n「上皮间充质转化」是综述的用词，标准名称为 \*\*上皮-间质转化\*\*。\n/);
  assert.ok(zh.indexOf('上皮-间质转化') < zh.indexOf('综述的用词'));
  // The note says all there is: no list of the review's forms below it.
  assert.doesNotMatch(zh, /综述用词：/);
  // Not twice: the review's form is no longer listed among the other accepted forms.
  assert.match(zh, /\n也写作: epithelial–mesenchymal transition, epithelial-to-mesenchymal transition, 上皮-间充质转化, 上皮间质转化\n/);

  const en = (await hoverText(reviewLine('甲基强的松龙', 'en')))!;
  assert.match(en, /^\*\*methylprednisolone\*\* — 甲泼尼龙\n/);
  assert.match(en, /\n'甲基强的松龙' is the review's usage; the standard name is \*\*甲泼尼龙\*\*\.\n/);
  assert.doesNotMatch(en, /The review writes/);
  assert.match(en, /\nAlso written: 甲基泼尼松龙\n/);
});

test("hover on the standard name: the review's form is marked as the review's, no usage note", async () => {
  const zh = (await hoverText('---\nlang: zh\n---\n甲泼{|}尼龙可降低血清 IL-6 水平。\n'))!;
  assert.match(zh, /\n综述用词：甲基强的松龙\n/);
  assert.doesNotMatch(zh, /是综述的用词/);
  const en = (await hoverText('---\nlang: en\n---\nMethylpred{|}nisolone lowers IL-6.\n'))!;
  assert.match(en, /\nThe review writes: 甲基强的松龙\n/);
  // A term without reviewNames shows neither.
  assert.doesNotMatch((await hoverText('---\nlang: en\n---\nSerum IL{|}-6 rises.\n'))!, /review writes|review's usage/);
});

test("a user glossary's reviewNames are its source's wording, not the review's", async () => {
  const source = `%! main.md
---
lang: en
glossary: my.glossary.yaml
---
We saw an Ex-f{|}orm.
%! my.glossary.yaml
terms:
  - id: x
    canonical: X
    name: { en: ex }
    aliases: [Ex-form]
    reviewNames: { en: [Ex-form] }
`;
  const card = (await hoverText(source))!;
  assert.match(card, /\n'Ex-form' is the source text's usage; the standard name is \*\*ex\*\*\.\n/);
  assert.match((await hoverText(source.replace('Ex-f{|}orm', 'e{|}x')))!, /\nThe source text writes: Ex-form\n/);
});
