/**
 * A user's .csl file is compiled where references are rendered: with a render helper (the
 * language server's worker thread), the check that reads the file asks the helper whether
 * the style renders, and citation-js on this thread does not get the style (nor, in the
 * server's bundle, load) until something renders here. Compiling it on this thread made the
 * first check of a manuscript with its own style about 100 ms longer. The findings are the
 * same either way: the real worker finds what this thread finds.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { setRenderHelper, styleProblem, registerStyle, unregisterStyle } from '../server/src/core/bibliography/render';
import { startRenderWorker } from '../server/src/node/renderThread';
import { FIXTURES_ROOT, fixture, REPO_ROOT } from './util/fixture';
import { recordingRenderHelper } from './util/recordingRenderHelper';

// citation-js ships no types; the test reads its style register on this thread.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { plugins } = require('@citation-js/core') as { plugins: { config: { get(name: string): { styles: { list(): string[] } } } } };
const BUNDLED_WORKER = path.join(REPO_ROOT, 'dist', 'renderWorker.js');
const OFFICIAL_GBT = readFileSync(path.join(REPO_ROOT, 'styles', 'china-national-standard-gb-t-7714-2015-numeric.csl'), 'utf8');
/** The same style cut off before its bibliography: in the CSL namespace, but citeproc cannot compile it. */
const CUT_GBT = OFFICIAL_GBT.slice(0, OFFICIAL_GBT.indexOf('<bibliography'));
const BIB = '@article{a, author = {Smith, Jane}, title = {A title}, journal = {J}, year = {2020}}\n';

/** The style findings of a manuscript whose front matter names `journal.csl` with `xml` in it. */
async function styleFindings(xml: string): Promise<string[]> {
  const f = fixture(`%! main.md\n---\nbibliography: refs.bib\ncsl: journal.csl\n---\nSee [@a].\n%! refs.bib\n${BIB}%! journal.csl\n${xml}`);
  const diagnostics = await f.service.diagnostics({ uri: f.uri, text: f.text });
  return diagnostics.filter((d) => String(d.code).startsWith('style.')).map((d) => `${String(d.code)}: ${d.message}`);
}

/** The names of the users' styles in citation-js's register on this thread. */
function registeredHere(): string[] {
  return plugins.config
    .get('@csl')
    .styles.list()
    .filter((name) => name.startsWith('csl-file:'));
}

test('with a render helper, a user style is checked there and reaches citation-js here only when something renders here', async (t) => {
  const { helper } = recordingRenderHelper(t);
  const asked: string[] = [];
  setRenderHelper({
    ...helper,
    async styleProblem(name) {
      asked.push(name);
      return 'compiled elsewhere and refused';
    },
  });
  // The helper's answer is the finding: the style (valid here) was not compiled on this thread.
  const findings = await styleFindings(OFFICIAL_GBT);
  assert.equal(asked.length, 1);
  assert.deepEqual(findings.length, 1);
  assert.match(findings[0], /^style\.invalid: .*compiled elsewhere and refused/);
  assert.deepEqual(registeredHere(), [], 'no user style in citation-js on this thread');

  // A style registered while citation-js is not needed here is added to it on first use here.
  setRenderHelper(undefined);
  registerStyle('csl-file:probe-test', OFFICIAL_GBT);
  t.after(() => unregisterStyle('csl-file:probe-test'));
  assert.equal(styleProblem('csl-file:probe-test'), undefined);
  assert.ok(registeredHere().includes('csl-file:probe-test'));
});

test('the render worker finds what this thread finds: a valid style renders, a cut one does not, with the same finding', async (t) => {
  const worker = startRenderWorker(undefined, BUNDLED_WORKER);
  assert.ok(worker, 'the bundled worker starts (npm run build)');
  const without = [await styleFindings(OFFICIAL_GBT), await styleFindings(CUT_GBT), await styleFindings('<html>not a style</html>\n')];
  setRenderHelper(worker);
  t.after(() => setRenderHelper(undefined));
  const withWorker = [await styleFindings(OFFICIAL_GBT), await styleFindings(CUT_GBT), await styleFindings('<html>not a style</html>\n')];
  // The engine's own words in parentheses name a variable, which the bundle may have renamed (`bibliography2`).
  const unworded = (findings: string[][]) => findings.map((list) => list.map((f) => f.replace(/\([^)]*\)/, '(…)')));
  assert.deepEqual(unworded(withWorker), unworded(without));
  assert.deepEqual(without[0], []);
  assert.equal(without[1].length, 1);
  assert.match(without[1][0], /^style\.invalid: .*\(no <bibliography> element, which references are shown with\)/);
  // The worker's own answers: a cut style has a problem there as here, the official one none.
  registerStyle('csl-file:cut-test', CUT_GBT);
  registerStyle('csl-file:whole-test', OFFICIAL_GBT);
  t.after(() => ['csl-file:cut-test', 'csl-file:whole-test'].forEach(unregisterStyle));
  assert.match((await worker.styleProblem('csl-file:cut-test')) ?? '', /not iterable/);
  assert.match(styleProblem('csl-file:cut-test') ?? '', /not iterable/);
  assert.equal(await worker.styleProblem('csl-file:whole-test'), undefined);
});

test('a dependent style, a style without <citation> and one without <bibliography> are findings that say what is missing', async () => {
  const dependent = readFileSync(path.join(FIXTURES_ROOT, 'styles', 'nature-genetics.csl'), 'utf8');
  assert.deepEqual(await styleFindings(dependent), [
    "style.invalid: Citation style file 'journal.csl' is not a CSL style the engine can use (a dependent style: it only names its parent style http://www.zotero.org/styles/nature, whose own .csl file is needed); references are shown in Vancouver.",
  ]);
  const noCitation = OFFICIAL_GBT.replace(/<citation\b[\s\S]*?<\/citation>/, '');
  assert.notEqual(noCitation, OFFICIAL_GBT);
  assert.match((await styleFindings(noCitation))[0], /\(no <citation> element, which every independent CSL style has\)/);
  assert.match((await styleFindings(CUT_GBT))[0], /\(no <bibliography> element, which references are shown with\)/);
});
