/** `citokine check` reads each file once (OneShotWorkspace in cli.ts): the check and a file's own findings see one text. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OneShotWorkspace } from '../server/src/cli';
import { tempDir } from './util/tempDir';

test('a file read twice in one check gives the text of the first read', async () => {
  const folder = tempDir('citokine-one-read-', { 'refs.json': '[{"id":"a"}]' });
  const workspace = new OneShotWorkspace();
  assert.equal(await workspace.readFile(folder.uriOf('refs.json')), '[{"id":"a"}]');
  folder.write('refs.json', '[{"id":"b"}]');
  assert.equal(await workspace.readFile(folder.uriOf('refs.json')), '[{"id":"a"}]');
  // A new check reads the disk again.
  assert.equal(await new OneShotWorkspace().readFile(folder.uriOf('refs.json')), '[{"id":"b"}]');
});

test('a file that could not be read stays unread, with its reason', async () => {
  const folder = tempDir('citokine-one-read-');
  const workspace = new OneShotWorkspace();
  const uri = folder.uriOf('missing.json');
  assert.equal(await workspace.readFile(uri), undefined);
  folder.write('missing.json', '[]');
  assert.equal(await workspace.readFile(uri), undefined);
  assert.match(workspace.readError(uri) ?? '', /\S/);
});

test('the texts of the files named on the command line win over the disk', async () => {
  const folder = tempDir('citokine-one-read-', { 'paper.md': 'on disk' });
  const workspace = new OneShotWorkspace({ openText: (uri) => (uri === folder.uriOf('paper.md') ? 'given' : undefined) });
  assert.equal(await workspace.readFile(folder.uriOf('paper.md')), 'given');
});
