/**
 * The generated modules (the built-in CSL style and locale, the glossary schema) are what
 * scripts/generate.mjs makes of their sources today, and `--check` names a module that is not.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { GLOSSARY_SCHEMA } from '../server/src/core/terms/glossarySchema.generated';
import { REPO_ROOT } from './util/fixture';

const STYLES_MODULE = 'server/src/core/bibliography/styles.generated.ts';
const SCHEMA_MODULE = 'server/src/core/terms/glossarySchema.generated.ts';
const VALIDATOR_MODULE = 'server/src/core/terms/glossaryValidator.generated.ts';

/** Runs the generator of the repository at `root` with `--check`. */
function check(root: string): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'generate.mjs'), '--check'], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

/** A copy of the generator, its sources and its modules, to make stale without touching the repository. */
function copyOfGeneratorInputs(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'citokine-generate-'));
  for (const part of ['scripts/generate.mjs', 'styles', 'schemas', STYLES_MODULE, SCHEMA_MODULE, VALIDATOR_MODULE])
    cpSync(path.join(REPO_ROOT, part), path.join(root, part), { recursive: true });
  // The generator compiles the glossary validator with ajv from node_modules.
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

test('generated: every generated module is up to date with its source', () => {
  const { status, stderr } = check(REPO_ROOT);
  assert.equal(status, 0, stderr);
});

test('generated: the glossary schema module holds schemas/glossary.schema.json', () => {
  assert.deepEqual(GLOSSARY_SCHEMA, JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'glossary.schema.json'), 'utf8')));
});

test('generated: --check exits 1 naming the module whose source changed, and only that one', () => {
  const root = copyOfGeneratorInputs();
  try {
    assert.equal(check(root).status, 0);
    const schemaFile = path.join(root, 'schemas', 'glossary.schema.json');
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { title: string };
    writeFileSync(schemaFile, JSON.stringify({ ...schema, title: `${schema.title} (changed)` }, null, 2));
    const { status, stderr } = check(root);
    assert.equal(status, 1);
    assert.match(stderr, /glossarySchema\.generated\.ts is out of date/);
    assert.doesNotMatch(stderr, /styles\.generated\.ts/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('generated: --check names a hand-edited style module', () => {
  const root = copyOfGeneratorInputs();
  try {
    const moduleFile = path.join(root, STYLES_MODULE);
    writeFileSync(moduleFile, `${readFileSync(moduleFile, 'utf8')}// edited by hand\n`);
    const { status, stderr } = check(root);
    assert.equal(status, 1);
    assert.match(stderr, /styles\.generated\.ts is out of date/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
