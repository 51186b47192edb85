/**
 * Navigation and editing through the bundled server over stdio, with real JSON-RPC
 * (vscode-jsonrpc, the library VS Code's client uses): completion ranked on the server,
 * hover on the key only, go to definition, find references across the workspace folder's
 * files (one of them not open), rename with a WorkspaceEdit that changes only key bytes,
 * a refused rename as an error response, DOI links and workspace symbols.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { ResponseError } from 'vscode-jsonrpc/node';
import type {
  CompletionList,
  DocumentLink,
  Hover,
  Location,
  MarkupContent,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { applyEdits, resolveEdits } from './util/edits';
import { startServer } from './util/lspClient';
import { marked } from './util/markers';
import { tempDir } from './util/tempDir';

/** Real entries from test/fixtures/deep-review/references.json, as BibTeX; the first key marked, with a cursor inside it. */
const {
  text: BIB,
  cursors: [bibKeyAt],
  ranges: [bibKey],
} = marked(`@article{«ste{|}phens2015»,
  author = {Stephens, Zachary D. and Lee, Skylar Y. and Faghri, Faraz},
  title = {Big Data: Astronomical or Genomical?},
  journal = {PLOS Biology},
  year = {2015},
  volume = {13},
  number = {7},
  pages = {e1002195},
  doi = {10.1371/journal.pbio.1002195}
}
@incollection{ronneberger2015,
  author = {Ronneberger, Olaf and Fischer, Philipp and Brox, Thomas},
  title = {U-Net: Convolutional Networks for Biomedical Image Segmentation},
  booktitle = {Lecture Notes in Computer Science},
  publisher = {Springer International Publishing},
  year = {2015}
}
`);

/** Cursors: beside a key (no hover), on the key stephens2015, at the end of the file after a half-typed citation. */
const {
  text: PAPER,
  cursors: [besideKeyAt, keyAt, endAt],
} = marked(`---
bibliography: refs.bib
csl: gb-t-7714-2015
---
# 引言

大{|}数据 [@step{|}hens2015] 与 U-Net [@ronneberger2015]，DOI 10.1371/journal.pbio.1002195。
New [@brox{|}`);

/** Cursors: where the two citations of stephens2015 start. */
const {
  text: NOTES,
  cursors: [notesCitationAt, notesBareAt],
} = marked(`---
bibliography: refs.bib
---
Notes on [{|}@stephens2015, p. 3] and {|}@stephens2015.
`);

/** Applies TextEdits to a text, checking each replaces exactly `oldText`. */
function apply(text: string, edits: readonly TextEdit[], oldText: string): string {
  for (const e of resolveEdits(text, edits)) assert.equal(e.oldText, oldText);
  return applyEdits(text, edits);
}

test('stdio server: completion, hover, definition, references, rename, links and symbols', async (t) => {
  const folder = tempDir('citokine-nav-', {
    'refs.bib': BIB,
    'notes/notes.md': NOTES,
    'notes/refs.bib': BIB,
    'node_modules/x/README.md': 'Skipped: [@stephens2015]\n',
  });
  const uri = folder.uriOf('paper.md');
  const bibUri = folder.uriOf('refs.bib');
  const notesUri = folder.uriOf('notes/notes.md');
  const server = startServer(t);

  const init = await server.initialize(folder.uri, { workspaceFolders: [{ uri: folder.uri, name: 'ws' }] });
  assert.equal(init.capabilities.definitionProvider, true);
  assert.equal(init.capabilities.referencesProvider, true);
  assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
  assert.ok(init.capabilities.documentLinkProvider);
  assert.equal(init.capabilities.workspaceSymbolProvider, true);
  await server.open(uri, PAPER);

  // Completion at the end of the file (no final newline), ranked by a co-author's name.
  const completion = await server.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: endAt,
  });
  assert.equal(completion.items[0].label, 'ronneberger2015');
  assert.ok(completion.items[0].filterText?.startsWith('brox'));
  const resolved = await server.request<{ documentation?: MarkupContent }>('completionItem/resolve', completion.items[0]);
  assert.match(resolved.documentation?.value ?? '', /RONNEBERGER O, FISCHER P, BROX T\. U-Net/);

  // Hover on the key, in GB/T 7714; nothing beside it.
  const hover = await server.request<Hover>('textDocument/hover', { textDocument: { uri }, position: keyAt });
  assert.match(
    (hover.contents as MarkupContent).value,
    /STEPHENS Z D, LEE S Y, FAGHRI F\. Big Data: Astronomical or Genomical\?\\\[J\/OL\\\]\. PLOS Biology, 2015, 13\(7\): e1002195/,
  );
  assert.match((hover.contents as MarkupContent).value, /Style: GB\/T 7714-2015/);
  assert.equal(await server.request('textDocument/hover', { textDocument: { uri }, position: besideKeyAt }), null);

  const definition = await server.request<Location[]>('textDocument/definition', {
    textDocument: { uri },
    position: keyAt,
  });
  assert.deepEqual(definition, [{ uri: bibUri, range: bibKey }]);

  // References: the open paper and notes/notes.md from disk (it has its own copy of refs.bib, so it is another entry).
  const references = await server.request<Location[]>('textDocument/references', {
    textDocument: { uri },
    position: keyAt,
    context: { includeDeclaration: true },
  });
  assert.deepEqual(
    references.map((l) => `${path.basename(URI.parse(l.uri).fsPath)}:${l.range.start.line}`),
    [`refs.bib:${bibKey.start.line}`, `paper.md:${keyAt.line}`],
  );

  // Rename: the paper and the .bib; only the key bytes change.
  const prepared = await server.request<{ placeholder: string }>('textDocument/prepareRename', {
    textDocument: { uri },
    position: keyAt,
  });
  assert.equal(prepared.placeholder, 'stephens2015');
  const edit = await server.request<WorkspaceEdit>('textDocument/rename', {
    textDocument: { uri },
    position: keyAt,
    newName: 'stephens2015bigdata',
  });
  assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [bibUri, uri].sort());
  const renamedPaper = apply(PAPER, edit.changes![uri], 'stephens2015');
  assert.equal(renamedPaper, PAPER.replace('[@stephens2015]', '[@stephens2015bigdata]'));
  const renamedBib = apply(BIB, edit.changes![bibUri], 'stephens2015');
  assert.equal(renamedBib, BIB.replace('@article{stephens2015,', '@article{stephens2015bigdata,'));

  // A refused rename is an error response carrying the reason.
  await assert.rejects(
    server.request('textDocument/rename', { textDocument: { uri }, position: keyAt, newName: 'ronneberger2015' }),
    (e: unknown) => e instanceof ResponseError && e.code === -32803 && /already exists in refs\.bib/.test(e.message),
  );

  // Find references from the key in the notes' own bibliography, opened in the editor.
  const notesBibUri = folder.uriOf('notes/refs.bib');
  await server.open(notesBibUri, BIB, 'bibtex');
  const fromBib = await server.request<Location[]>('textDocument/references', {
    textDocument: { uri: notesBibUri },
    position: bibKeyAt,
    context: { includeDeclaration: false },
  });
  assert.deepEqual(
    fromBib.map((l) => [l.uri, l.range.start]),
    [
      [notesUri, notesCitationAt],
      [notesUri, notesBareAt],
    ],
  );

  const links = await server.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
  assert.deepEqual(
    links.map((l) => l.target),
    ['https://doi.org/10.1371/journal.pbio.1002195'],
  );

  const symbols = await server.request<SymbolInformation[]>('workspace/symbol', { query: 'ronneberger' });
  assert.ok(
    symbols.some((s) => s.name.startsWith('@ronneberger2015') && s.location.uri === bibUri),
    symbols.map((s) => s.name).join('\n'),
  );

  assert.equal(await server.shutdown(), 0);
});
