/**
 * Real-world oracle for the finding writers meet most: `citation.unknown-key`. For every
 * vendored real document that names its references (a `bibliography:` file beside it, or
 * inline `references:`), the keys Citokine reports as unknown are exactly the keys
 * `pandoc --citeproc` warns it cannot find, less the cross-reference labels the source's own
 * tool resolves before citeproc runs (Quarto's prefixes, pandoc-crossref's). pandoc's own
 * test cases are run from a temporary folder holding only the case, with a bundled style in
 * place of the `.csl` files of pandoc's test tree (which keys resolve does not depend on the
 * style). A document pandoc cannot process is counted as not compared, by name.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { URI } from 'vscode-uri';
import { createLanguageService } from '../server/src/core/languageService';
import { parseManuscript } from '../server/src/core/markdown/manuscript';
import { citationFixturesRoot, pandocCommandCases, REMOVED_BY_TOOL } from './util/citationOracle';
import { BUILTIN_CORPUS_URI, MemoryWorkspace, REPO_ROOT } from './util/fixture';

const ROOT = path.join(citationFixturesRoot(), 'realworld-oracle');

const STYLE = path.join(REPO_ROOT, 'styles', 'china-national-standard-gb-t-7714-2015-numeric.csl');

interface Case {
  readonly name: string;
  readonly source: string;
  /** The document on disk (pandoc runs in its folder, Citokine reads it by its file URI). */
  readonly file: string;
}

/** pandoc's unresolved citations, or undefined (with the reason) when pandoc could not process the document. */
function pandocUnresolved(file: string): Promise<{ keys?: string[]; failure?: string }> {
  return new Promise((resolve, reject) => {
    // Which keys resolve does not depend on the style: a bundled style stands in for a `csl:` the document names but the fixture does not carry.
    const args = ['--citeproc', `--csl=${STYLE}`, '-f', 'markdown', '-t', 'plain', path.basename(file), '-o', '/dev/null'];
    const child = spawn('pandoc', args, {
      cwd: path.dirname(file),
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', (e) => reject(new Error(`pandoc could not run (the oracle needs it: apt-get install pandoc): ${e.message}`)));
    child.on('close', (code) =>
      resolve(
        code === 0
          ? { keys: [...err.matchAll(/\[WARNING\] Citeproc: citation (\S+) not found/g)].map((m) => m[1]) }
          : { failure: err.trim().split('\n')[0] },
      ),
    );
  });
}

async function citokineUnknown(file: string): Promise<string[]> {
  const service = createLanguageService({ workspace: new MemoryWorkspace(), builtinCorpusUri: BUILTIN_CORPUS_URI });
  const diagnostics = await service.diagnostics({ uri: URI.file(file).toString(), text: readFileSync(file, 'utf8') });
  return diagnostics.filter((d) => d.code === 'citation.unknown-key').map((d) => (d.data as { key: string }).key);
}

/** Whether a document names its references (otherwise every key is unknown to both, and the built-in corpus answers for Citokine). */
function namesReferences(file: string): boolean {
  const { frontMatter } = parseManuscript(URI.file(file).toString(), readFileSync(file, 'utf8'));
  return frontMatter.bibliography.length > 0 || frontMatter.references.length > 0;
}

function cases(scratch: string): Case[] {
  const found: Case[] = [];
  for (const source of readdirSync(ROOT, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const dir = path.join(ROOT, source.name);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(md|qmd|Rmd)$/.test(e.name) && e.name !== 'README.md')
      .map((e) => path.join(e.parentPath ?? e.path, e.name))
      .sort();
    for (const file of files) {
      const name = `${source.name}/${path.relative(dir, file)}`;
      if (source.name !== 'pandoc-command') {
        if (namesReferences(file)) found.push({ name, source: source.name, file });
        continue;
      }
      pandocCommandCases(readFileSync(file, 'utf8')).forEach((markdown, i) => {
        const folder = mkdtempSync(path.join(scratch, 'case-'));
        const caseFile = path.join(folder, 'case.md');
        writeFileSync(caseFile, markdown);
        if (namesReferences(caseFile)) found.push({ name: `${name}#${i + 1}`, source: source.name, file: caseFile });
      });
    }
  }
  return found;
}

test("real-world oracle: unknown keys are exactly pandoc --citeproc's unresolved citations", async (t) => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'citokine-unknown-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  const all = cases(scratch);
  const compared: string[] = [];
  const notCompared: string[] = [];
  const differences: string[] = [];
  let unresolvedTotal = 0;
  for (const c of all) {
    const pandoc = await pandocUnresolved(c.file);
    if (!pandoc.keys) {
      notCompared.push(`${c.name} (${pandoc.failure})`);
      continue;
    }
    compared.push(c.name);
    const removed = REMOVED_BY_TOOL[c.source];
    const expected = [...new Set(pandoc.keys.filter((k) => !removed?.test(k)))].sort();
    const actual = [...new Set(await citokineUnknown(c.file))].sort();
    unresolvedTotal += expected.length;
    if (JSON.stringify(actual) !== JSON.stringify(expected))
      differences.push(`${c.name}: citokine [${actual.join(', ')}] | pandoc [${expected.join(', ')}]`);
  }
  t.diagnostic(
    `documents compared: ${compared.length} (agreeing ${compared.length - differences.length}), unresolved keys ${unresolvedTotal}; not compared: ${notCompared.join('; ') || 'none'}`,
  );
  assert.ok(compared.length >= 15, `only ${compared.length} documents compared`);
  assert.ok(
    compared.some((name) => name.startsWith('joss/')) && compared.some((name) => name.startsWith('quarto/')),
    'JOSS papers and Quarto documents are among them',
  );
  assert.deepEqual(differences, []);
});
