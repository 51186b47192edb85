/**
 * Files a document names are read only when they are regular files under the size cap
 * (issue 13): a FIFO, a directory or an oversized file gets a finding naming the file and
 * the cause, promptly, never a wait or a whole read.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync } from 'node:fs';
import { test } from 'node:test';
import { createLanguageService } from '../server/src/core';
import { NodeWorkspace } from '../server/src/node/nodeWorkspace';
import { BUILTIN_CORPUS_URI } from './util/fixture';
import { codes, startServer } from './util/lspClient';
import { CLI_PATH } from './util/cli';
import { tempDir, type TempDir } from './util/tempDir';

/** Long enough for a slow machine; a blocked read of a FIFO would never end. */
const SPAWN_TIMEOUT_MS = 20_000;

/** A FIFO nobody writes to: opening it for reading without care blocks forever. */
function mkfifo(folder: TempDir, name: string): void {
  const made = spawnSync('mkfifo', [folder.path(name)]);
  assert.equal(made.status, 0, `mkfifo failed: ${String(made.stderr)}`);
}

/** A sparse file of `megabytes` MB: large on paper, no disk used. */
function sparse(folder: TempDir, name: string, megabytes: number): void {
  folder.write(name, '');
  truncateSync(folder.path(name), megabytes * 1024 * 1024);
}

/** `citokine check --format json` in `folder`, with a timeout; the findings as `code: message`. */
function check(folder: TempDir, args: string[]): { code: number | null; findings: string[]; stderr: string } {
  const result = spawnSync(process.execPath, [CLI_PATH, 'check', '--format', 'json', '--no-builtin', ...args], {
    cwd: folder.dir,
    encoding: 'utf8',
    timeout: SPAWN_TIMEOUT_MS,
  });
  assert.equal(result.error, undefined, `the CLI did not finish: ${String(result.error)}`);
  assert.equal(result.signal, null, 'the CLI was killed (timed out)');
  const findings = JSON.parse(result.stdout || '[]') as { code: string; message: string }[];
  return { code: result.status, findings: findings.map((f) => `${f.code}: ${f.message}`), stderr: result.stderr };
}

const ENTRY_A = '@article{a, author = {Li, Wei}, title = {A title}, journal = {J Ex}, year = {2020}}\n';

const manuscript = (bibliography: string, glossary?: string) =>
  `---\nbibliography: ${bibliography}\n${glossary ? `glossary: ${glossary}\n` : ''}---\nText [@a].\n`;

test('a FIFO named as a bibliography or glossary is refused at once with a finding', () => {
  const folder = tempDir('citokine-fifo-', { 'paper.md': manuscript('pipe.bib', 'pipe.glossary.json') });
  mkfifo(folder, 'pipe.bib');
  mkfifo(folder, 'pipe.glossary.json');
  const { code, findings } = check(folder, ['paper.md']);
  assert.equal(code, 1);
  assert.ok(findings.includes("bibliography.not-found: Bibliography 'pipe.bib' is a FIFO, not a regular file."), findings.join('\n'));
  assert.ok(findings.includes("glossary.not-found: Glossary 'pipe.glossary.json' is a FIFO, not a regular file."), findings.join('\n'));
});

test('a FIFO given on the command line is refused, not waited on', () => {
  const folder = tempDir('citokine-fifo-arg-', { 'paper.md': manuscript('refs.bib') });
  mkfifo(folder, 'pipe.md');
  mkfifo(folder, 'pipe.bib');
  for (const args of [['pipe.md'], ['--bibliography', 'pipe.bib', 'paper.md']]) {
    const { code, stderr } = check(folder, args);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, /^citokine: cannot read pipe\.(md|bib): it is a FIFO, not a regular file$/m);
  }
});

test('a file over the size cap is refused before reading, naming the size and the limit', () => {
  const folder = tempDir('citokine-big-', { 'paper.md': manuscript('big.bib'), 'small.md': manuscript('small.bib'), 'small.bib': ENTRY_A });
  sparse(folder, 'big.bib', 3);
  const capped = check(folder, ['--max-file-size-mb', '1', 'paper.md']);
  assert.ok(
    capped.findings.includes("bibliography.not-found: Bibliography 'big.bib' is 3 MB, over the 1 MB limit (--max-file-size-mb)."),
    capped.findings.join('\n'),
  );
  // A file under the cap is read as before.
  assert.deepEqual(check(folder, ['--max-file-size-mb', '1', 'small.md']).findings, []);
});

test('a directory, a symlink loop and a missing file each get their own finding', () => {
  const folder = tempDir('citokine-notfile-', { 'paper.md': manuscript('[folder.bib, loop.bib, missing.bib]') });
  mkdirSync(folder.path('folder.bib'));
  symlinkSync('loop.bib', folder.path('loop.bib'));
  const { findings } = check(folder, ['paper.md']);
  assert.deepEqual(
    findings.filter((f) => f.startsWith('bibliography.not-found')),
    [
      "bibliography.not-found: Bibliography 'folder.bib' is a directory, not a regular file.",
      "bibliography.not-found: Bibliography 'loop.bib' is a symbolic link loop, not a regular file.",
      "bibliography.not-found: Bibliography 'missing.bib' was not found.",
    ],
  );
});

test('the server says the same, with the cap from citokine.files.maxSizeMB, and reads the file once the cap is raised', async (t) => {
  // 2 KB of bibliography against a 1 KB cap, then a 1 MB one.
  const folder = tempDir('citokine-lsp-files-', { 'refs.bib': `% ${'padding '.repeat(250)}\n${ENTRY_A}` });
  mkfifo(folder, 'pipe.bib');
  const uri = folder.uriOf('paper.md');
  const server = startServer(t);
  await server.initialize(folder.uri);
  await server.notify('workspace/didChangeConfiguration', {
    settings: { citokine: { builtinLibrary: false, files: { maxSizeMB: 0.001 } } },
  });
  await server.open(uri, manuscript('[pipe.bib, refs.bib]'));
  const notFound = (d: { code?: unknown; message: string }[]) => d.filter((x) => x.code === 'bibliography.not-found').map((x) => x.message);
  const refused = await server.waitForDiagnostics(uri, (d) => notFound(d).length === 2);
  const [fifo, tooLarge] = notFound(refused);
  assert.equal(fifo, "Bibliography 'pipe.bib' is a FIFO, not a regular file.");
  assert.match(tooLarge, /^Bibliography 'refs\.bib' is 0\.00\d+ MB, over the 0\.001 MB limit \(citokine\.files\.maxSizeMB\)\.$/);
  assert.ok(codes(refused).includes('citation.unknown-key'), 'nothing was read from the refused file');
  await server.notify('workspace/didChangeConfiguration', { settings: { citokine: { builtinLibrary: false, files: { maxSizeMB: 1 } } } });
  const raised = await server.waitForDiagnostics(uri, (d) => notFound(d).length === 1);
  assert.deepEqual(notFound(raised), ["Bibliography 'pipe.bib' is a FIFO, not a regular file."]);
  assert.ok(!codes(raised).includes('citation.unknown-key'), 'the file refused before is read now');
  assert.equal(await server.shutdown(), 0);
});

test('`~/` paths resolve against the home folder the host gives, not the environment', async () => {
  const home = tempDir('citokine-home-', { 'library/refs.bib': ENTRY_A });
  const project = tempDir('citokine-project-', {});
  const workspace = new NodeWorkspace({ homeFolder: home.dir });
  const service = createLanguageService({ workspace, builtinCorpusUri: BUILTIN_CORPUS_URI });
  const diagnostics = await service.diagnostics({ uri: project.uriOf('paper.md'), text: manuscript('~/library/refs.bib') });
  assert.deepEqual(codes(diagnostics), []);
  assert.deepEqual(await service.bibliographyFilesOf({ uri: project.uriOf('paper.md'), text: manuscript('~/library/refs.bib') }), [
    home.uriOf('library/refs.bib'),
  ]);
});
