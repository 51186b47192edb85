import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BibliographyStore } from '../server/src/core/bibliography/library';
import type { Workspace } from '../server/src/core/workspace';

/** A workspace whose reads wait until the test lets them through. */
class GatedWorkspace implements Workspace {
  text = '';
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;
  hold() {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }
  release() {
    this.open();
  }
  async readFile(): Promise<string> {
    const text = this.text;
    await this.gate;
    return text;
  }
}

test('requests answer from the last good parse while a changed bibliography is re-parsed', async () => {
  const workspace = new GatedWorkspace();
  const store = new BibliographyStore(workspace);
  const uri = 'file:///ws/refs.bib';
  workspace.text = '@article{old2020, title = {Old}}';
  assert.deepEqual(
    (await store.get(uri))?.entries.map((e) => e.key),
    ['old2020'],
  );

  workspace.text = '@article{new2021, title = {New}}';
  workspace.hold();
  assert.equal(store.invalidate(uri), true);
  const quick = await store.getQuickly(uri);
  assert.deepEqual(
    quick?.entries.map((e) => e.key),
    ['old2020'],
    'the previous parse, at once',
  );
  const fresh = store.get(uri);
  workspace.release();
  assert.deepEqual(
    (await fresh)?.entries.map((e) => e.key),
    ['new2021'],
  );
  assert.deepEqual(
    (await store.getQuickly(uri))?.entries.map((e) => e.key),
    ['new2021'],
  );
});

test('a file that cannot be read is not a bibliography, and a later fix is picked up', async () => {
  const workspace = new GatedWorkspace();
  const store = new BibliographyStore({ readFile: async (uri) => (uri.endsWith('missing.bib') ? undefined : workspace.readFile()) });
  assert.equal(await store.get('file:///ws/missing.bib'), undefined);
  assert.equal(await store.get('file:///ws/notes.txt'), undefined, 'not a bibliography format');
  workspace.text = '@book{b, title = {B}}';
  assert.deepEqual(
    (await store.get('file:///ws/refs.bib'))?.entries.map((e) => e.key),
    ['b'],
  );
});
