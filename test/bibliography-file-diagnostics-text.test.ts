/**
 * A bibliography file's own diagnostics are placed in the text its parse read
 * (documentContext.ts `bibliographyFileDiagnostics`), not in the file read again: reading a
 * 4.4 MB file again cost the main thread 50 ms right after its load, and a file changed on
 * disk before the editor says so would have had the old parse's findings placed in the new
 * text's lines.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countingReads } from './util/countingReads';
import { fixture } from './util/fixture';

const source = `%! main.md
---
bibliography: refs.bib
---
See [@smith2020].
%! refs.bib
@article{smith2020,
  author = {Smith, Jane},
  title = {A study},
  year = {2020},
}
@article{broken,
  title = {No end
`;

test("a bibliography file's diagnostics read the file once, with its parse", async () => {
  const { service, workspace, uriOf } = fixture(source);
  const bib = uriOf('refs.bib');
  const reads = countingReads(workspace);
  const diagnostics = await service.bibliographyFileDiagnostics(bib);
  assert.ok(diagnostics.length > 0, 'the broken entry is reported');
  assert.equal(reads.get(bib), 1, 'one read: the parse, whose text the diagnostics are placed in');
});

test("a bibliography file's diagnostics are placed in the text that was parsed, even when the file has changed since", async () => {
  const { service, workspace, uriOf } = fixture(source);
  const bib = uriOf('refs.bib');
  const parsedText = workspace.files.get(bib)!;
  // The parse reads the file; then it changes on disk (lines added above the broken entry)
  // before the host reports the change, and only then are its diagnostics asked for.
  countingReads(workspace, new Map([[bib, `% a comment\n% another\n% and a third\n${parsedText}`]]));
  const diagnostics = await service.bibliographyFileDiagnostics(bib);
  const broken = diagnostics.find((d) => d.message.includes('broken'));
  assert.ok(broken, `the broken entry is reported: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
  const brokenLine = parsedText.split('\n').findIndex((line) => line.startsWith('@article{broken'));
  assert.deepEqual(broken.range.start, { line: brokenLine, character: 0 }, 'where the entry starts in the parsed text');
});
