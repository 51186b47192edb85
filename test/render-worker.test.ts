/**
 * The language server renders references on a worker thread (server/src/node/renderThread.ts,
 * dist/renderWorker.js) so that loading citeproc does not hold up the first check. Its texts
 * must be exactly the main thread's `renderReference` (invariant 14: a fast path equals the
 * path it replaces): the built-in corpus and a BibTeX library in the built-in styles and in
 * users' styles (registered after the worker started, so they must reach it, with the style's
 * own locale). When the worker cannot start or dies, every render falls back to the main
 * thread: no hover is lost or left waiting. Over the protocol, a hover sent as soon as the
 * first diagnostics are out shows the rendered reference.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { parseBibliography, type CslItem } from '../server/src/core/bibliography/parse';
import {
  BUILTIN_STYLES,
  registerStyle,
  renderInBackground,
  renderReference,
  setRenderHelper,
  styleXml,
  unregisterStyle,
  whenRendered,
} from '../server/src/core/bibliography/render';
import { cachedText } from '../server/src/core/bibliography/renderCache';
import { currentHelper, type RenderHelper } from '../server/src/core/bibliography/renderHelper';
import type { BibliographyFormat } from '../server/src/core/fileKinds';
import { startRenderWorker } from '../server/src/node/renderThread';
import { escapeMarkdown } from '../server/src/core/markdown/escape';
import { fixture, FIXTURES_ROOT, REPO_ROOT } from './util/fixture';
import { startServer } from './util/lspClient';
import { marked } from './util/markers';
import { tempDir } from './util/tempDir';

/** The worker the server ships (built by `npm run build`). */
const BUNDLED_WORKER = path.join(REPO_ROOT, 'dist', 'renderWorker.js');

function itemsOf(file: string, format: BibliographyFormat): CslItem[] {
  return parseBibliography(readFileSync(file, 'utf8'), `file://${file}`, format).entries.map((entry) => entry.item);
}

const CORPUS = itemsOf(path.join(REPO_ROOT, 'references', 'review-55.json'), 'csl-json');
/** The corpus's items and the candidates its unidentified entries show. */
const CORPUS_ITEMS = CORPUS.flatMap((item) => [item, ...(((item.custom as { candidates?: CslItem[] })?.candidates ?? []) as CslItem[])]);
const BIBTEX_ITEMS = itemsOf(path.join(FIXTURES_ROOT, 'bibliographies', 'biblatex-examples.bib'), 'bibtex');
const GBT_EXAMPLES = itemsOf(path.join(FIXTURES_ROOT, 'gbt7714', 'examples.json'), 'csl-json');
/** The CSL project's GB/T 7714 file as a user's .csl; its items in their own language (zh-CN 等, en-US et al.). */
const OFFICIAL_GBT = readFileSync(path.join(REPO_ROOT, 'styles', 'china-national-standard-gb-t-7714-2015-numeric.csl'), 'utf8');

/** A manuscript citing a book of its own bibliography, with the cursor on the key. */
const KNUTH =
  '%! refs.bib\n@book{knuth, author = {Knuth, Donald E.}, title = {The Art of Computer Programming}, year = {1986}}\n' +
  '%! main.md\n---\nbibliography: refs.bib\n---\nSee [@kn{|}uth].\n';

/** Every text the helper answers for `items` in the resolved style name `style`. */
async function helperTexts(helper: RenderHelper, items: readonly CslItem[], style: string): Promise<(string | undefined)[]> {
  const texts: (string | undefined)[] = new Array(items.length);
  await helper.render(items, style, false, (index, text) => (texts[index] = text));
  return texts;
}

/** What the main thread renders, on copies so that no cached text answers. */
function mainTexts(items: readonly CslItem[], style: string): string[] {
  return items.map((item) => renderReference(structuredClone(item), style));
}

function assertSameTexts(actual: readonly (string | undefined)[], expected: readonly string[], what: string): void {
  const differing = expected.flatMap((text, i) =>
    actual[i] === text ? [] : [`${i}: ${JSON.stringify(actual[i])} ≠ ${JSON.stringify(text)}`],
  );
  assert.deepEqual(differing.slice(0, 5), [], `${what}: ${differing.length} of ${expected.length} differ`);
}

test('the bundled render worker writes what the main thread writes, in every built-in style and in users\u2019 styles', async (t) => {
  const helper = startRenderWorker(undefined, BUNDLED_WORKER);
  assert.ok(helper);
  // Users' styles registered on this thread after the worker started reach it through setRenderHelper and registerStyle.
  registerStyle('user-gbt', OFFICIAL_GBT);
  // APA's file with another default locale: the style's own locale must reach the worker too ("et", not "and").
  const apaInFrench = styleXml('apa')!.replace('<style ', '<style default-locale="fr-FR" ');
  assert.notEqual(apaInFrench, styleXml('apa'));
  setRenderHelper(helper);
  registerStyle('user-apa-fr', apaInFrench);
  t.after(() => {
    setRenderHelper(undefined);
    unregisterStyle('user-gbt');
    unregisterStyle('user-apa-fr');
  });
  for (const style of [...BUILTIN_STYLES, 'user-gbt', 'user-apa-fr']) {
    assertSameTexts(await helperTexts(helper, CORPUS_ITEMS, style), mainTexts(CORPUS_ITEMS, style), `corpus in ${style}`);
    assertSameTexts(await helperTexts(helper, BIBTEX_ITEMS, style), mainTexts(BIBTEX_ITEMS, style), `biblatex-examples.bib in ${style}`);
  }
  const chinese = mainTexts(GBT_EXAMPLES, 'user-gbt');
  assert.ok(chinese.some((text) => text.includes('等')) && chinese.some((text) => text.includes('et al')));
  assertSameTexts(await helperTexts(helper, GBT_EXAMPLES, 'user-gbt'), chinese, 'GB/T examples in a user style');
  assert.ok(
    mainTexts(BIBTEX_ITEMS, 'user-apa-fr').some((text) => / et /.test(text)),
    'the French locale is in use',
  );
  // A style unregistered here is unregistered there: its renders are left to this thread.
  unregisterStyle('user-gbt');
  assert.deepEqual(await helperTexts(helper, CORPUS.slice(0, 2), 'user-gbt'), [undefined, undefined]);
});

test('renders in the background and for hovers go to the helper, and fill the cache renderReference answers from', async (t) => {
  const helper = startRenderWorker(undefined, BUNDLED_WORKER);
  assert.ok(helper);
  const sent: string[] = [];
  setRenderHelper({
    ...helper,
    render(items, style, urgent, onText) {
      sent.push(...items.map((item) => `${item.id} ${style}${urgent ? ' urgent' : ''}`));
      return helper.render(items, style, urgent, onText);
    },
  });
  t.after(() => setRenderHelper(undefined));
  const item = structuredClone(BIBTEX_ITEMS[0]);
  await whenRendered([item], 'apa');
  assert.deepEqual(sent, [`${item.id} apa urgent`]);
  assert.equal(renderReference(item, 'apa'), mainTexts([item], 'apa')[0]);
  await whenRendered([item], 'apa'); // cached: not sent again
  assert.equal(sent.length, 1);
  const background = BIBTEX_ITEMS.slice(1, 4).map((each) => structuredClone(each));
  renderInBackground(background, 'apa');
  // The helper's texts arrive in the cache renderReference answers from (sent a few a timer turn).
  while (background.some((each) => cachedText(each, 'apa') === undefined)) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(
    sent.splice(1),
    background.map((each) => `${each.id} apa`),
  );
  assert.deepEqual(
    background.map((each) => cachedText(each, 'apa')),
    mainTexts(background, 'apa'),
  );
  assert.equal(sent.length, 1);

  // A hover through the language service awaits the helper's text for the key under the cursor.
  const f = fixture(KNUTH);
  const hover = await f.service.hover({ uri: f.uri, text: f.text }, f.cursor!);
  assert.match((hover?.contents as MarkupContent).value, /Knuth DE\. The Art of Computer Programming\. 1986\./);
  assert.deepEqual(sent.slice(1), ['knuth vancouver urgent']);
});

test('without a worker, or when it fails or dies, references render on the main thread', async (t) => {
  t.after(() => setRenderHelper(undefined));
  const failures: Error[] = [];
  // A worker file that does not exist: the helper fails at its first job.
  const missing = startRenderWorker((error) => failures.push(error), path.join(REPO_ROOT, 'dist', 'no-such-worker.js'));
  if (!missing) assert.equal(failures.length, 1, 'a worker that cannot start is reported');
  else {
    setRenderHelper(missing);
    const item = structuredClone(CORPUS[1]);
    await whenRendered([item], 'vancouver');
    assert.equal(currentHelper(), undefined, 'a failed helper is dropped');
    assert.equal(renderReference(item), mainTexts([item], 'vancouver')[0]);
    assert.equal(failures.length, 1);
  }

  // A worker that dies while it renders: what it did not answer renders here.
  const folder = tempDir('citokine-render-worker-', {
    'dies.js': "require('node:worker_threads').parentPort.on('message', (m) => { if (m.kind === 'render') process.exit(3); });\n",
  });
  const dying = startRenderWorker((error) => failures.push(error), folder.path('dies.js'));
  assert.ok(dying);
  setRenderHelper(dying);
  const f = fixture(KNUTH);
  const hover = await f.service.hover({ uri: f.uri, text: f.text }, f.cursor!);
  assert.match((hover?.contents as MarkupContent).value, /Knuth DE\. The Art of Computer Programming\. 1986\./);
  assert.equal(currentHelper(), undefined);
  assert.match(String(failures.at(-1)?.message), /exited \(code 3\)/);
});

test('stdio server: a hover sent as soon as the first diagnostics are out shows the rendered reference, in a user style too', async (t) => {
  const deepReview = path.join(FIXTURES_ROOT, 'deep-review');
  const references = readFileSync(path.join(deepReview, 'references.json'), 'utf8');
  const folder = tempDir('citokine-render-worker-lsp-', { 'references.json': references, 'gbt.csl': OFFICIAL_GBT });
  const items = itemsOf(path.join(deepReview, 'references.json'), 'csl-json');
  const [first, second] = items;
  const { text, cursors } = marked(`---\nbibliography: references.json\n---\nFirst [@{|}${first.id}] and [@{|}${second.id}].\n`);
  const server = startServer(t);
  await server.initialize(folder.uri);
  const uri = folder.uriOf('paper.md');
  await server.open(uri, text);
  await server.firstDiagnostics(uri);
  const hoverAt = async (at: number) =>
    ((await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: cursors[at] })).contents as MarkupContent).value;
  const [one, two] = await Promise.all([hoverAt(0), hoverAt(1)]);
  assert.ok(one.includes(escapeMarkdown(renderReference(structuredClone(first)))), one);
  assert.ok(two.includes(escapeMarkdown(renderReference(structuredClone(second)))), two);

  // The same manuscript naming a user's .csl file: registered on the main thread, rendered by the worker.
  const userUri = folder.uriOf('user.md');
  const userText = `---\nbibliography: references.json\ncsl: gbt.csl\n---\nAgain [@${first.id}].\n`;
  await server.open(userUri, userText);
  await server.firstDiagnostics(userUri);
  const userHover = await server.request<Hover>('textDocument/hover', {
    textDocument: { uri: userUri },
    position: { line: 4, character: 'Again [@'.length },
  });
  registerStyle('protocol-gbt', OFFICIAL_GBT);
  t.after(() => unregisterStyle('protocol-gbt'));
  const expected = renderReference(structuredClone(first), 'protocol-gbt');
  assert.notEqual(expected, renderReference(structuredClone(first)));
  assert.ok((userHover.contents as MarkupContent).value.includes(escapeMarkdown(expected)), (userHover.contents as MarkupContent).value);
  await server.shutdown();
});
