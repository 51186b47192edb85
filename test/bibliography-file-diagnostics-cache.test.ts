/**
 * A bibliography file's own diagnostics are computed once per parse of the file and settings
 * (languageService.ts): every check of a manuscript asks for them again, and a 10,000-entry
 * file was read and checked again each time. A change to the file or to the settings still
 * gives fresh diagnostics.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
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
@article{smith2020b,
  author = {Smith, Jane},
  title = {A study},
  year = {2020},
}
@article{broken,
  title = {No end
`;

test('a bibliography file is read and checked once per parse, and again after it changes', async () => {
  const { service, workspace, uriOf } = fixture(source);
  const bib = uriOf('refs.bib');
  const reads = countingReads(workspace);
  const first = await service.bibliographyFileDiagnostics(bib);
  assert.ok(first.length > 0, 'the broken entry and the repeated work are reported');
  const readsAfterFirst = reads.get(bib);
  assert.deepEqual(await service.bibliographyFileDiagnostics(bib), first);
  assert.equal(reads.get(bib), readsAfterFirst, 'the second call reads the file no more');

  workspace.files.set(bib, workspace.files.get(bib)!.replace('@article{broken,\n  title = {No end\n', ''));
  service.fileChanged(bib);
  const fixed = await service.bibliographyFileDiagnostics(bib);
  assert.ok(fixed.length < first.length, 'the changed file is checked again');

  service.updateSettings({ ...DEFAULT_SETTINGS });
  const again = await service.bibliographyFileDiagnostics(bib);
  assert.deepEqual(again, fixed);
  assert.notEqual(again, fixed, 'new settings are applied to the file again (a new list, not the cached one)');
});
