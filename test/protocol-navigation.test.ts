/**
 * Navigation and editing through the bundled server over stdio, with real JSON-RPC
 * (vscode-jsonrpc, the library VS Code's client uses): completion ranked on the server,
 * hover on the key only, go to definition, find references across the workspace folder's
 * files (one of them not open), rename with a WorkspaceEdit that changes only key bytes,
 * a refused rename as an error response, DOI links and workspace symbols.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { CompletionList, DocumentLink, Hover, Location, MarkupContent, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { LineMap } from '../server/src/core/textRange';
import { REPO_ROOT } from './util/fixture';

/** Real entries from ../shared/realworld/deep-review/references.json, as BibTeX. */
const BIB = `@article{stephens2015,
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
`;

const PAPER = `---
bibliography: refs.bib
csl: gb-t-7714-2015
---
# 引言

大数据 [@stephens2015] 与 U-Net [@ronneberger2015]，DOI 10.1371/journal.pbio.1002195。
New [@brox`;

const NOTES = `---
bibliography: refs.bib
---
Notes on [@stephens2015, p. 3] and @stephens2015.
`;

/** Applies TextEdits to a text, checking each replaces exactly `oldText`. */
function apply(text: string, edits: readonly TextEdit[], oldText: string): string {
  const lines = new LineMap(text);
  const ranges = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const r of ranges) {
    assert.equal(text.slice(r.start, r.end), oldText);
    out = out.slice(0, r.start) + r.newText + out.slice(r.end);
  }
  return out;
}

test('stdio server: completion, hover, definition, references, rename, links and symbols', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'citokine-nav-'));
  mkdirSync(path.join(dir, 'notes'));
  mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
  writeFileSync(path.join(dir, 'refs.bib'), BIB);
  writeFileSync(path.join(dir, 'notes', 'notes.md'), NOTES);
  writeFileSync(path.join(dir, 'notes', 'refs.bib'), BIB);
  writeFileSync(path.join(dir, 'node_modules', 'x', 'README.md'), 'Skipped: [@stephens2015]\n');
  const uri = URI.file(path.join(dir, 'paper.md')).toString();
  const bibUri = URI.file(path.join(dir, 'refs.bib')).toString();
  const notesUri = URI.file(path.join(dir, 'notes', 'notes.md')).toString();

  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const folder = URI.file(dir).toString();
    const init = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: folder, capabilities: {}, workspaceFolders: [{ uri: folder, name: 'ws' }] })) as { capabilities: Record<string, unknown> };
    assert.equal(init.capabilities.definitionProvider, true);
    assert.equal(init.capabilities.referencesProvider, true);
    assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
    assert.ok(init.capabilities.documentLinkProvider);
    assert.equal(init.capabilities.workspaceSymbolProvider, true);
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: PAPER } });

    // Completion at the end of the file (no final newline), ranked by a co-author's name.
    const completion = (await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 10 } })) as CompletionList;
    assert.equal(completion.items[0].label, 'ronneberger2015');
    assert.ok(completion.items[0].filterText?.startsWith('brox'));
    const resolved = (await connection.sendRequest('completionItem/resolve', completion.items[0])) as { documentation?: MarkupContent };
    assert.match(resolved.documentation?.value ?? '', /RONNEBERGER O, FISCHER P, BROX T\. U-Net/);

    // Hover on the key, in GB/T 7714; nothing beside it.
    const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 10 } })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /STEPHENS Z D, LEE S Y, FAGHRI F\. Big Data: Astronomical or Genomical\?\\\[J\\\]\. PLOS Biology, 2015, 13\(7\): e1002195/);
    assert.match((hover.contents as MarkupContent).value, /Style: GB\/T 7714-2015/);
    assert.equal(await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 1 } }), null);

    const definition = (await connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 6, character: 10 } })) as Location[];
    assert.deepEqual(definition, [{ uri: bibUri, range: { start: { line: 0, character: 9 }, end: { line: 0, character: 21 } } }]);

    // References: the open paper and notes/notes.md from disk (it has its own copy of refs.bib, so it is another entry).
    const references = (await connection.sendRequest('textDocument/references', { textDocument: { uri }, position: { line: 6, character: 10 }, context: { includeDeclaration: true } })) as Location[];
    assert.deepEqual(references.map((l) => `${path.basename(URI.parse(l.uri).fsPath)}:${l.range.start.line}`), ['refs.bib:0', 'paper.md:6']);

    // Rename: the paper and the .bib; only the key bytes change.
    const prepared = (await connection.sendRequest('textDocument/prepareRename', { textDocument: { uri }, position: { line: 6, character: 10 } })) as { placeholder: string };
    assert.equal(prepared.placeholder, 'stephens2015');
    const edit = (await connection.sendRequest('textDocument/rename', { textDocument: { uri }, position: { line: 6, character: 10 }, newName: 'stephens2015bigdata' })) as WorkspaceEdit;
    assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [bibUri, uri].sort());
    const renamedPaper = apply(PAPER, edit.changes![uri], 'stephens2015');
    assert.equal(renamedPaper, PAPER.replace('[@stephens2015]', '[@stephens2015bigdata]'));
    const renamedBib = apply(BIB, edit.changes![bibUri], 'stephens2015');
    assert.equal(renamedBib, BIB.replace('@article{stephens2015,', '@article{stephens2015bigdata,'));

    // A refused rename is an error response carrying the reason.
    await assert.rejects(
      connection.sendRequest('textDocument/rename', { textDocument: { uri }, position: { line: 6, character: 10 }, newName: 'ronneberger2015' }),
      (e: unknown) => e instanceof ResponseError && e.code === -32803 && /already exists in refs\.bib/.test(e.message),
    );

    // Find references from the key in the notes' own bibliography, opened in the editor.
    const notesBibUri = URI.file(path.join(dir, 'notes', 'refs.bib')).toString();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: notesBibUri, languageId: 'bibtex', version: 1, text: BIB } });
    const fromBib = (await connection.sendRequest('textDocument/references', { textDocument: { uri: notesBibUri }, position: { line: 0, character: 12 }, context: { includeDeclaration: false } })) as Location[];
    assert.deepEqual(fromBib.map((l) => [l.uri, l.range.start.line, l.range.start.character]), [[notesUri, 3, 10], [notesUri, 3, 35]]);

    const links = (await connection.sendRequest('textDocument/documentLink', { textDocument: { uri } })) as DocumentLink[];
    assert.deepEqual(links.map((l) => l.target), ['https://doi.org/10.1371/journal.pbio.1002195']);

    const symbols = (await connection.sendRequest('workspace/symbol', { query: 'ronneberger' })) as SymbolInformation[];
    assert.ok(symbols.some((s) => s.name.startsWith('@ronneberger2015') && s.location.uri === bibUri), symbols.map((s) => s.name).join('\n'));

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    child.kill();
  }
});
