/**
 * Renaming a citation key across manuscripts and the bibliography file that defines it.
 * Every rename is checked the same way: the WorkspaceEdit is applied to the fixture's
 * files, each edited range held exactly the old key, and the text outside the edited
 * ranges is byte for byte what it was.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { RenameRefusedError } from '../server/src/core/citations/navigation/rename';
import { resolveEdits } from './util/edits';
import { fixture, fixtureAt, type Fixture } from './util/fixture';

/** Real entries (deep-review's bibliography) in BibTeX, CSL-JSON, CSL-YAML and RIS. */
const WORKSPACE = `%! refs.bib
@article{stephens2015,
  author = {Stephens, Zachary D. and Lee, Skylar Y. and Faghri, Faraz},
  title = {Big Data: Astronomical or Genomical?},
  journal = {PLOS Biology},
  year = {2015}
}
@incollection{ronneberger2015,
  author = {Ronneberger, Olaf and Fischer, Philipp and Brox, Thomas},
  title = {U-Net: Convolutional Networks for Biomedical Image Segmentation},
  year = {2015}
}
%! refs.json
[
  {"id": "oemig2016", "type": "book", "title": "Healthcare Interoperability Standards Compliance Handbook", "issued": {"date-parts": [[2016]]}}
]
%! refs.yaml
- id: gal2016
  type: thesis
  title: Uncertainty in deep learning
%! refs.ris
TY  - JOUR
ID  - haupt2018
TI  - Data is the New Oil — A Ludicrous Proposition
ER  - 
%! a.md
---
bibliography: [refs.bib, refs.json, refs.yaml, refs.ris]
references:
- id: inline2017
  type: webpage
  title: deepchem/deepchem
---
大数据 [@stephens2015; @oemig2016]，见 @gal2016 与 [@haupt2018, p. 3]。
U-Net [@{ronneberger2015}] and [@inline2017]; stephens2015 in prose stays.
%! b.md
---
bibliography: refs.bib
---
Also [see @stephens2015, p. 3] and [-@stephens2015] and @stephens2015.
\`[@stephens2015]\` in code stays.
%! other.md
---
bibliography: other.bib
---
A different work under the same key: [@stephens2015].
%! other.bib
@misc{stephens2015, title = {Another work, another file}}
`;

/** The fixture with the cursor before the `nth` `needle` in `file`. */
const at = (file: string, needle: string, nth = 0): Fixture => fixtureAt(WORKSPACE, file, needle, nth);
/** The range of `key` written at the fixture's cursor (which `at` puts before it). */
const keyAtCursor = (f: Fixture, key: string) => ({
  start: f.cursor!,
  end: { line: f.cursor!.line, character: f.cursor!.character + key.length },
});

/**
 * Applies a WorkspaceEdit to the fixture's files after checking that each edit replaces
 * exactly `oldKey` and that every byte outside the edits is unchanged. Returns the number
 * of edits per file name.
 */
function applyChecked(f: Fixture, edit: WorkspaceEdit, oldKey: string, newKey: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const before = f.workspace.files.get(uri);
    assert.ok(before !== undefined, `edit of a file outside the workspace: ${uri}`);
    const ranges = resolveEdits(before, edits);
    let after = '';
    let outsideBefore = '';
    let last = 0;
    for (const r of ranges) {
      assert.equal(r.oldText, oldKey, `${uri}: an edit covers more or less than the key`);
      assert.equal(r.newText, newKey);
      outsideBefore += before.slice(last, r.start) + '\u0000';
      after += before.slice(last, r.start) + r.newText;
      last = r.end;
    }
    outsideBefore += before.slice(last);
    after += before.slice(last);
    // Remove the new keys from the result at their own places: what is left must be what was outside before.
    let outsideAfter = '';
    let cursor = 0;
    let shift = 0;
    for (const r of ranges) {
      const start = r.start + shift;
      outsideAfter += after.slice(cursor, start) + '\u0000';
      cursor = start + newKey.length;
      shift += newKey.length - (r.end - r.start);
    }
    outsideAfter += after.slice(cursor);
    assert.equal(outsideAfter, outsideBefore, `${uri}: text outside the keys changed`);
    f.workspace.files.set(uri, after);
    counts[uri.slice(uri.lastIndexOf('/') + 1)] = ranges.length;
  }
  return counts;
}

async function rename(f: Fixture, newName: string) {
  return f.service.rename({ uri: f.uri, text: f.text }, f.cursor!, newName);
}

test('rename a BibTeX key from a manuscript: every manuscript citing it and the .bib, key bytes only', async () => {
  const f = at('a.md', 'stephens2015');
  const edit = await rename(f, 'stephens2015big');
  assert.ok(edit);
  assert.deepEqual(applyChecked(f, edit, 'stephens2015', 'stephens2015big'), { 'a.md': 1, 'refs.bib': 1, 'b.md': 3 });
  assert.match(f.workspace.files.get(f.uriOf('refs.bib'))!, /^@article\{stephens2015big,$/m);
  assert.match(
    f.workspace.files.get(f.uriOf('b.md'))!,
    /\[see @stephens2015big, p\. 3\] and \[-@stephens2015big\] and @stephens2015big\.\n`\[@stephens2015\]` in code stays\./,
  );
  assert.match(f.workspace.files.get(f.uriOf('other.md'))!, /\[@stephens2015\]/);
  assert.match(f.workspace.files.get(f.uriOf('a.md'))!, /stephens2015 in prose stays/);
  // The renamed key resolves everywhere afterwards.
  f.service.fileChanged(f.uriOf('refs.bib'));
  for (const name of ['a.md', 'b.md']) {
    const diagnostics = await f.service.diagnostics({ uri: f.uriOf(name), text: f.workspace.files.get(f.uriOf(name))! });
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'citation.unknown-key'),
      [],
      name,
    );
  }
});

test('rename from the key in the bibliography file, and a braced key keeps its braces', async () => {
  const f = at('refs.bib', 'ronneberger2015');
  const edit = await rename(f, 'ronneberger2015unet');
  assert.deepEqual(applyChecked(f, edit!, 'ronneberger2015', 'ronneberger2015unet'), { 'refs.bib': 1, 'a.md': 1 });
  assert.match(f.workspace.files.get(f.uriOf('a.md'))!, /\[@\{ronneberger2015unet\}\]/);
});

test('rename CSL-JSON, CSL-YAML, RIS and inline front matter ids', async () => {
  const cases: [string, string, string, string, RegExp][] = [
    ['a.md', 'oemig2016', 'oemig2016handbook', 'refs.json', /"id": "oemig2016handbook"/],
    ['a.md', 'gal2016', 'gal2016thesis', 'refs.yaml', /^- id: gal2016thesis$/m],
    ['a.md', 'haupt2018', 'haupt2018oil', 'refs.ris', /^ID {2}- haupt2018oil$/m],
    ['a.md', 'inline2017]', 'deepchem2017', 'a.md', /^- id: deepchem2017$/m],
  ];
  for (const [file, needle, newKey, definedIn, pattern] of cases) {
    const f = at(file, needle);
    const oldKey = needle.replace(/\]$/, '');
    const edit = await rename(f, newKey);
    const counts = applyChecked(f, edit!, oldKey, newKey);
    assert.equal(counts['a.md'], definedIn === 'a.md' ? 2 : 1, oldKey);
    assert.equal(counts[definedIn] >= 1, true, oldKey);
    assert.match(f.workspace.files.get(f.uriOf(definedIn))!, pattern);
  }
});

test('prepareRename: the key text only, with the key as placeholder', async () => {
  const f = at('b.md', 'stephens2015');
  assert.deepEqual(await f.service.prepareRename({ uri: f.uri, text: f.text }, f.cursor!), {
    range: keyAtCursor(f, 'stephens2015'),
    placeholder: 'stephens2015',
  });
  const inBib = at('refs.yaml', 'gal2016');
  assert.deepEqual(await inBib.service.prepareRename({ uri: inBib.uri, text: inBib.text }, inBib.cursor!), {
    range: keyAtCursor(inBib, 'gal2016'),
    placeholder: 'gal2016',
  });
  const nothing = at('b.md', 'Also');
  assert.equal(await nothing.service.prepareRename({ uri: nothing.uri, text: nothing.text }, nothing.cursor!), undefined);
});

/** The refusal message, or fails when the rename was not refused. */
async function refusal(f: Fixture, newName: string, prepare = false): Promise<string> {
  try {
    if (prepare) await f.service.prepareRename({ uri: f.uri, text: f.text }, f.cursor!);
    else await rename(f, newName);
  } catch (e) {
    assert.ok(e instanceof RenameRefusedError, String(e));
    return e.message;
  }
  assert.fail(`renaming to ${newName} was not refused`);
}

test('rename refuses an existing key, an invalid key, a BibTeX-unsafe key, built-in keys, numbers and unknown keys', async () => {
  assert.match(await refusal(at('a.md', 'stephens2015'), 'ronneberger2015'), /'@ronneberger2015' already exists in refs\.bib/);
  assert.match(await refusal(at('a.md', 'stephens2015'), 'oemig2016'), /'@oemig2016' already exists: a\.md resolves it to refs\.json/);
  assert.match(await refusal(at('a.md', 'stephens2015'), 'lu2015upregulation'), /already exists: a\.md resolves it to review-55\.json/);
  for (const bad of ['two words', '-dash', 'trailing.', 'a;b', '', 'fig:one', '[x]']) {
    assert.match(await refusal(at('a.md', 'stephens2015'), bad), /is not a valid citation key/, bad);
  }
  assert.match(await refusal(at('a.md', 'stephens2015'), 'a#b'), /cannot be a BibTeX key/);
  const builtin = fixture('Cited [@lu2015up{|}regulation].');
  assert.match(await refusal(builtin, 'x', true), /belongs to the built-in corpus/);
  assert.match(await refusal(builtin, 'lu2015'), /belongs to the built-in corpus/);
  assert.match(await refusal(fixture('Cited [1{|}6].'), 'x', true), /Only citation keys can be renamed/);
  assert.match(await refusal(fixture('Cited [@nosuch{|}2020].'), 'x'), /No bibliography in use defines '@nosuch2020'/);
});

test('rename accepts Pandoc keys with internal punctuation, and a leading @', async () => {
  const f = at('a.md', 'oemig2016');
  const edit = await rename(f, '@doi:10.1007/978-3-319-44839-8');
  assert.deepEqual(applyChecked(f, edit!, 'oemig2016', 'doi:10.1007/978-3-319-44839-8'), { 'refs.json': 1, 'a.md': 1 });
  assert.deepEqual(await rename(at('a.md', 'gal2016'), 'gal2016'), { changes: {} });
});
