/**
 * The Markdown preview's citations and the Insert Reference List command take the texts of
 * the works a manuscript cites from the render helper (the worker thread in the server), as a
 * hover does, instead of loading citeproc and rendering on the thread that answers requests.
 * The helper here answers with texts of its own, so a text rendered on this thread would show.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setRenderHelper } from '../server/src/core/bibliography/render';
import { COMMANDS } from '../server/src/core/citations/codeActions';
import { fixture } from './util/fixture';
import { recordingRenderHelper } from './util/recordingRenderHelper';

const SOURCE = `%! main.md
---
bibliography: refs.bib
---
See [@knuth] and [@lamport; @knuth].
%! refs.bib
@book{knuth, author = {Knuth, Donald E.}, title = {The Art of Computer Programming}, year = {1986}}
@article{lamport, author = {Lamport, Leslie}, title = {Time, Clocks, and the Ordering of Events}, journal = {Commun ACM}, year = {1978}}
`;

function elsewhere(t: { after: (fn: () => void) => void }): string[] {
  const { sent, helper } = recordingRenderHelper(t);
  setRenderHelper(helper);
  return sent;
}

test('the preview lists the cited works as the render helper wrote them', async (t) => {
  const sent = elsewhere(t);
  const f = fixture(SOURCE);
  const preview = await f.service.renderedCitations({ uri: f.uri, text: f.text });
  assert.deepEqual(
    preview.references.map((r) => r.text),
    ['rendered elsewhere: knuth', 'rendered elsewhere: lamport'],
  );
  assert.deepEqual(sent, ['knuth vancouver urgent', 'lamport vancouver urgent']);
});

test('Insert Reference List writes the cited works as the render helper wrote them', async (t) => {
  const sent = elsewhere(t);
  const f = fixture(SOURCE);
  const result = await f.service.documentCommand(COMMANDS.insertReferenceList, { uri: f.uri, text: f.text });
  const written = JSON.stringify(result.edit);
  assert.match(written, /rendered elsewhere: knuth/);
  assert.match(written, /rendered elsewhere: lamport/);
  assert.deepEqual(sent, ['knuth vancouver urgent', 'lamport vancouver urgent']);
});
