/**
 * Workspace Trust (issue 13, Security): in a workspace the user has not trusted, the server
 * reads no file outside the workspace folders (a path with `..`, an absolute path, a `~/`
 * path, a symlink pointing out), whether the path comes from front matter or from settings;
 * each refused file gets a finding that says why. Its own data (the built-in corpus) is still
 * read. When the client says trust was granted, the refused files are read.
 */
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { test } from 'node:test';
import { builtinReferencesUri } from '../server/src/core/bibliography/library';
import { NodeWorkspace, UNTRUSTED_OUTSIDE } from '../server/src/node/nodeWorkspace';
import { BUILTIN_CORPUS_URI } from './util/fixture';
import { codes, startServer, type LspClient } from './util/lspClient';
import { tempDir } from './util/tempDir';

const entry = (key: string) => `@article{${key}, author = {Li, Wei}, title = {A title}, journal = {J Ex}, year = {2020}}\n`;

/** A project folder (the workspace) and a folder beside it (outside), with a manuscript naming both. */
function layout() {
  const outside = tempDir('citokine-outside-', { 'outside.bib': entry('out'), 'glossary.json': '{"terms": []}' });
  const home = tempDir('citokine-trust-home-', { 'home.bib': entry('home') });
  const project = tempDir('citokine-trusted-', { 'inside.bib': entry('in'), 'sub/nested.bib': entry('nested') });
  symlinkSync(outside.path('outside.bib'), project.path('link.bib'));
  const relative = `../${outside.dir.split('/').pop()}/outside.bib`;
  const text = [
    '---',
    `bibliography: [inside.bib, sub/nested.bib, ${relative}, ${outside.path('outside.bib')}, link.bib]`,
    '---',
    'Text [@in; @nested; @out].',
    '',
  ].join('\n');
  return { outside, home, project, relative, text };
}

/** Starts the server for `folder` as VS Code's client does, saying whether the workspace is trusted. */
async function initialize(server: LspClient, folder: string, workspaceTrusted: boolean | undefined, settings: object = {}): Promise<void> {
  await server.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    capabilities: {},
    workspaceFolders: [{ uri: folder, name: 'project' }],
    initializationOptions: {
      settings: { builtinLibrary: false, ...settings },
      ...(workspaceTrusted === undefined ? {} : { workspaceTrusted }),
    },
  });
  await server.notify('initialized', {});
}

const notFound = (d: { code?: unknown; message: string }[]) => d.filter((x) => x.code === 'bibliography.not-found').map((x) => x.message);

test('an untrusted workspace reads no bibliography outside its folder, says why, and reads them once trusted', async (t) => {
  const { outside, project, relative, text } = layout();
  const uri = project.uriOf('paper.md');
  const server = startServer(t);
  await initialize(server, project.uri, false);
  await server.open(uri, text);
  const refused = await server.waitForDiagnostics(uri, (d) => notFound(d).length === 3);
  assert.deepEqual(notFound(refused), [
    `Bibliography '${relative}' ${UNTRUSTED_OUTSIDE}.`,
    `Bibliography '${outside.path('outside.bib')}' ${UNTRUSTED_OUTSIDE}.`,
    `Bibliography 'link.bib' ${UNTRUSTED_OUTSIDE}.`,
  ]);
  const unknown = refused.filter((d) => d.code === 'citation.unknown-key').map((d) => d.message);
  assert.equal(unknown.length, 1, `only @out is unknown (inside.bib and sub/nested.bib are read): ${unknown.join(' | ')}`);
  assert.match(unknown[0], /@?out\b/);

  await server.notify('citokine/workspaceTrusted');
  const trusted = await server.waitForDiagnostics(uri, (d) => notFound(d).length === 0);
  assert.deepEqual(
    codes(trusted).filter((c) => c.startsWith('citation.unknown') || c === 'bibliography.not-found'),
    [],
  );
  assert.equal(await server.shutdown(), 0);
});

test('a client that says nothing of trust (Neovim, the CLI) is trusted: files outside are read', async (t) => {
  const { project, text } = layout();
  const uri = project.uriOf('paper.md');
  const server = startServer(t);
  await initialize(server, project.uri, undefined);
  await server.open(uri, text);
  const diagnostics = await server.firstDiagnostics(uri);
  assert.deepEqual(notFound(diagnostics), []);
  assert.ok(!codes(diagnostics).includes('citation.unknown-key'), JSON.stringify(diagnostics));
  assert.equal(await server.shutdown(), 0);
});

test('paths from settings resolve against the workspace folder and are refused outside it when untrusted', async (t) => {
  const { outside, project } = layout();
  const uri = project.uriOf('paper.md');
  const server = startServer(t);
  const relative = `../${outside.dir.split('/').pop()}/outside.bib`;
  await initialize(server, project.uri, false, { bibliography: { files: ['inside.bib', relative] } });
  await server.open(uri, 'Text [@in; @out].\n');
  const refused = await server.waitForDiagnostics(uri, (d) => notFound(d).length === 1);
  assert.deepEqual(notFound(refused), [`Bibliography '${relative}' (setting citokine.bibliography.files) ${UNTRUSTED_OUTSIDE}.`]);
  assert.equal(refused.filter((d) => d.code === 'citation.unknown-key').length, 1, 'inside.bib is read, outside.bib is not');
  assert.equal(await server.shutdown(), 0);
});

test('the disk workspace, untrusted: inside folders and its own folders are read; outside, home and links out are not', async () => {
  const { outside, home, project } = layout();
  const workspace = new NodeWorkspace({ homeFolder: home.dir, ownFolders: [BUILTIN_CORPUS_URI] });
  workspace.folders = [project.uri];
  workspace.trusted = false;
  assert.equal(await workspace.readFile(project.uriOf('inside.bib')), entry('in'));
  assert.equal(await workspace.readFile(project.uriOf('sub/nested.bib')), entry('nested'));
  assert.ok(
    (await workspace.readFile(builtinReferencesUri(BUILTIN_CORPUS_URI)))?.startsWith('['),
    "the built-in corpus is the product's own data",
  );
  for (const refused of [
    outside.uriOf('outside.bib'),
    outside.uriOf('glossary.json'),
    home.uriOf('home.bib'),
    project.uriOf('link.bib'),
    'file:///etc/hostname',
  ]) {
    assert.equal(await workspace.readFile(refused), undefined, refused);
    assert.equal(workspace.readError(refused), UNTRUSTED_OUTSIDE, refused);
  }
  // A missing file inside is reported as missing, not as outside.
  assert.equal(await workspace.readFile(project.uriOf('missing.bib')), undefined);
  assert.notEqual(workspace.readError(project.uriOf('missing.bib')), UNTRUSTED_OUTSIDE);
  // A folder whose name starts like the workspace's is not inside it.
  const sibling = tempDir(`${project.dir.split('/').pop()}-`, { 'x.bib': entry('x') });
  assert.equal(await workspace.readFile(sibling.uriOf('x.bib')), undefined);
  workspace.trusted = true;
  assert.equal(await workspace.readFile(outside.uriOf('outside.bib')), entry('out'));
  assert.equal(await workspace.readFile(project.uriOf('link.bib')), entry('out'));
  assert.equal(workspace.readError(outside.uriOf('outside.bib')), undefined);
});
