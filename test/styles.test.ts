/**
 * Choosing the citation style: front matter `csl:` (a style name or a .csl file relative to
 * the document) over the setting `citokine.style`, as hover and completion show it. That the
 * embedded copy of the built-in GB/T 7714 style is the one in styles/ is test/generated.test.ts's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import type { CitokineSettings } from '../server/src/core/settings';
import { fixture } from './util/fixture';

/** Entries from test/fixtures/deep-review/references.json, as BibTeX. */
const BIB = `@incollection{ronneberger2015,
  author = {Ronneberger, Olaf and Fischer, Philipp and Brox, Thomas},
  title = {U-Net: Convolutional Networks for Biomedical Image Segmentation},
  booktitle = {Lecture Notes in Computer Science},
  publisher = {Springer International Publishing},
  year = {2015}
}
`;

/** A small CSL style written for this test: the title after a fixed word. */
const TITLE_ONLY_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Title only (test)</title><id>test-title-only</id><updated>2026-11-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text value="TITLE ONLY: "/><text variable="title"/></layout></bibliography>
</style>
`;

/** The hover text on the citation of a manuscript with front matter `frontMatter`. */
async function hoverWith(frontMatter: string, settings: Partial<CitokineSettings> = {}, extraFiles = '') {
  const f = fixture(
    `%! paper/main.md\n---\nbibliography: refs.bib\n${frontMatter}---\nSee [@ronne{|}berger2015].\n%! paper/refs.bib\n${BIB}${extraFiles}`,
    settings,
  );
  const hover = await f.service.hover({ uri: f.uri, text: f.text }, f.cursor!);
  return { f, text: ((hover?.contents as MarkupContent | undefined)?.value ?? '').replace(/\\/g, '') };
}

test('style: front matter csl names a built-in style, or the setting does', async () => {
  assert.match((await hoverWith('')).text, /Ronneberger O, Fischer P, Brox T\. U-Net.*\n[\s\S]*Style: Vancouver\./);
  assert.match(
    (await hoverWith('csl: gb-t-7714-2015\n')).text,
    /RONNEBERGER O, FISCHER P, BROX T\. U-Net: Convolutional Networks for Biomedical Image Segmentation\[M\]\/\/Lecture Notes in Computer Science\. Springer International Publishing, 2015\./,
  );
  assert.match((await hoverWith('csl: gbt7714\n')).text, /Style: GB\/T 7714-2015\./);
  assert.match((await hoverWith('csl: harvard\n')).text, /Ronneberger, O\., Fischer, P\. and Brox, T\. \(2015\)/);
  assert.match((await hoverWith('', { style: 'gb-t-7714-2015' })).text, /\[M\]\/\/Lecture Notes/);
  assert.match((await hoverWith('csl: apa\n', { style: 'gb-t-7714-2015' })).text, /Style: APA\./);
});

test('style: front matter csl names a .csl file relative to the document, read through the workspace', async () => {
  const { f, text } = await hoverWith('csl: styles/title-only.csl\n', {}, `%! paper/styles/title-only.csl\n${TITLE_ONLY_CSL}`);
  assert.match(text, /TITLE ONLY: U-Net: Convolutional Networks/);
  assert.match(text, /Style: Title only \(test\)\./);

  // Edited on disk: after the host reports the change, the new version renders.
  const cslUri = f.uriOf('paper/styles/title-only.csl');
  f.workspace.files.set(cslUri, TITLE_ONLY_CSL.replace('TITLE ONLY: ', 'EDITED: '));
  assert.equal(f.service.fileChanged(cslUri), true);
  const hover = await f.service.hover({ uri: f.uri, text: f.text }, f.cursor!);
  assert.match((hover?.contents as MarkupContent).value, /EDITED: U-Net/);
});

test('style: an unreadable or non-CSL file falls back to Vancouver', async () => {
  assert.match((await hoverWith('csl: styles/missing.csl\n')).text, /Ronneberger O, Fischer P, Brox T\. U-Net/);
  assert.match((await hoverWith('csl: not-csl.csl\n', {}, `%! paper/not-csl.csl\n<html>not a style</html>\n`)).text, /Style: Vancouver\./);
});

test('style: the setting may name a .csl file relative to the workspace folder', async () => {
  const { text } = await hoverWith('', { style: 'styles/title-only.csl' }, `%! styles/title-only.csl\n${TITLE_ONLY_CSL}`);
  assert.match(text, /TITLE ONLY: U-Net/);
});
