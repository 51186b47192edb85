/**
 * The built-in corpus is the review's own list, numbered in its order of first citation: a
 * document citing by those numbers is the review or a draft of it, so `citation.out-of-order`
 * and one `citation.unused-reference` (information) apply to it. The review's own text is the
 * fixture: it cites its 55 references in order, and a `[9]` typed for its `[7]` is caught.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CitokineSettings } from '../server/src/core/settings';
import { CORPUS_SOURCES_ROOT, fixture } from './util/fixture';

const CODES = ['citation.out-of-order', 'citation.unused-reference'];

/** The review's body, from its introduction on, as the review's text has it. */
const REVIEW = (() => {
  const seed = readFileSync(path.join(CORPUS_SOURCES_ROOT, 'review-text.zh.txt'), 'utf8');
  return seed.slice(seed.indexOf('1. 引言'));
})();

/** The order and unused findings of a document as `line:column code severity message`. */
async function check(text: string, settings: Partial<CitokineSettings> = {}): Promise<string[]> {
  const f = fixture(text, settings);
  const diagnostics: Diagnostic[] = await f.service.diagnostics({ uri: f.uri, text: f.text });
  return diagnostics
    .filter((d) => CODES.includes(String(d.code)))
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.severity} ${d.message}`);
}

/** `line:column` (1-based) of the first `needle` in `text`, `skip` characters into it. */
function at(text: string, needle: string, skip = 0): string {
  const offset = text.indexOf(needle) + skip;
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

test("the review's own text cites its references in order and cites them all", async () => {
  assert.equal((REVIEW.match(/\[\d+\]/g) ?? []).length > 50, true);
  assert.deepEqual(await check(REVIEW), []);
});

test("a [9] typed for the review's [7] is out of order, names [7], and [7] is listed as never cited", async () => {
  assert.equal(REVIEW.split('[7]').length, 2, 'the review cites [7] once');
  const draft = REVIEW.replace('[7]', '[9]');
  assert.deepEqual(await check(draft), [
    `${at(draft, '[1]-[6]')} citation.unused-reference 3 This document cites the review's references by number (the built-in corpus) and never cites 1 of its 55: [7].`,
    `${at(draft, '[9]', 1)} citation.out-of-order 2 [9] is cited before [8] (first cited on line ${at(draft, '[8]').split(':')[0]}): the review numbers its references in order of first citation, so check this number; [7] is never cited: was it meant?`,
  ]);
});

test("a draft citing a few of the review's references: one information finding listing the rest, ranges compressed", async () => {
  const draft =
    '# 引言\n\n白细胞介素6（IL-6）参与炎症和肿瘤的发生发展[1]-[6]。结直肠癌的发病率居全球前列[7]。\n\n血清 IL-6 水平升高[20] [21]，并预示不良预后[22]。\n';
  assert.deepEqual(await check(draft), [
    `${at(draft, '[1]-[6]')} citation.unused-reference 3 This document cites the review's references by number (the built-in corpus) and never cites 45 of its 55: [8-19, 23-55].`,
  ]);
  // A built-in work cited by key counts as cited.
  const byKey = await check('Cited [1] and [@hu2021il6].\n');
  assert.match(byKey[0], /never cites 53 of its 55: \[3-55\]\.$/);
  // The level set for the code wins over information; off is off.
  assert.match((await check(draft, { diagnostics: { 'citation.unused-reference': 'warning' } }))[0], /^3:25 citation\.unused-reference 2 /);
  assert.deepEqual(await check(draft, { diagnostics: { 'citation.unused-reference': 'off' } }), []);
});

test('no built-in finding without numeric citations of the corpus', async () => {
  assert.deepEqual(await check('IL-6 by key only [@hu2021il6].\n'), []);
  assert.deepEqual(await check('IL-6 [1] and [2].\n', { builtinLibrary: false }), []);
});

test("out of order in the review's numbers: no renumbering is offered, the numbers are the review's", async () => {
  const f = fixture('IL-6 [37] and later [2].\n');
  const diagnostics = (await f.service.diagnostics({ uri: f.uri, text: f.text })).filter((d) => d.code === 'citation.out-of-order');
  assert.equal(diagnostics.length, 1);
  const actions = await f.service.codeActions({ uri: f.uri, text: f.text }, diagnostics[0].range, { diagnostics });
  assert.deepEqual(
    actions.filter((a) => a.command?.command === 'citokine.renumber'),
    [],
  );
});
