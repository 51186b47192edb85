/**
 * The real-world oracle: greenelab/deep-review's manuscript (615 works, about 1,000 citation
 * groups, its CSL-JSON beside it). Citokine must report as unknown exactly the keys that
 * `pandoc --citeproc` cannot resolve, less pandoc-crossref labels (`@fig:...`, `@tbl:...`);
 * it must report the works cited under two keys; completion and hover must answer on it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { createLanguageService } from '../server/src/core/languageService';
import { LineMap } from '../server/src/core/text/textRange';
import { BUILTIN_CORPUS_URI, MemoryWorkspace, REPO_ROOT } from './util/fixture';

const FOLDER = path.join(REPO_ROOT, 'test', 'fixtures', 'deep-review');
const MANUSCRIPT = path.join(FOLDER, 'manuscript.md');
const CROSSREF = /^(?:fig|tbl|sec|eq|lst)[:-]/;

/** The citation ids pandoc's citeproc warns it cannot find. Fails, never skips, without pandoc. */
function pandocUnresolved(): string[] {
  const run = spawnSync('pandoc', ['--citeproc', '-f', 'markdown', '-t', 'html', 'manuscript.md', '-o', '/dev/null'], {
    cwd: FOLDER,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT')
    throw new Error('pandoc is not installed; this oracle test needs it: apt-get install pandoc');
  if (run.error) throw run.error;
  assert.equal(run.status, 0, `pandoc failed: ${run.stderr}`);
  return [...run.stderr.matchAll(/\[WARNING\] Citeproc: citation (\S+) not found/g)].map((m) => m[1]);
}

function service() {
  const text = readFileSync(MANUSCRIPT, 'utf8');
  const uri = URI.file(MANUSCRIPT).toString();
  const languageService = createLanguageService({ workspace: new MemoryWorkspace(), builtinCorpusUri: BUILTIN_CORPUS_URI });
  return { text, uri, languageService, lines: new LineMap(text) };
}

test("deep-review: unknown keys are exactly pandoc --citeproc's unresolved citations, less crossref labels", async () => {
  const unresolved = pandocUnresolved();
  assert.ok(
    unresolved.some((k) => CROSSREF.test(k)),
    'pandoc should also warn about the crossref labels',
  );
  const expected = [...new Set(unresolved.filter((k) => !CROSSREF.test(k)))].sort();
  assert.equal(expected.length, 28);

  const { text, uri, languageService } = service();
  const diagnostics = await languageService.diagnostics({ uri, text });
  const unknown = [
    ...new Set(diagnostics.filter((d) => d.code === 'citation.unknown-key').map((d) => (d.data as { key: string }).key)),
  ].sort();
  assert.deepEqual(unknown, expected);
});

test('deep-review: works cited under two keys are reported, in the manuscript and in references.json', async () => {
  const { text, uri, languageService } = service();
  const diagnostics = await languageService.diagnostics({ uri, text });
  const pairs = diagnostics
    .filter((d) => d.code === 'bibliography.duplicate-entry')
    .map((d) => [(d.data as { key: string }).key, (d.data as { sameAs: string }).sameAs].sort().join(' = '));
  // A tag: alias and its DOI key (same DOI), and an arXiv key and its alias (same title and year).
  assert.ok(pairs.includes('doi:10.1038/nature21056 = tag:Esteva2017_skin_cancer_nature'), pairs.join('\n'));
  assert.ok(pairs.includes('arxiv:1301.3781 = tag:word2vec'), pairs.join('\n'));
  assert.equal(pairs.length, 22);
  // Nothing else: the manuscript cites by key only and its library is one file.
  assert.deepEqual([...new Set(diagnostics.map((d) => d.code))].sort(), ['bibliography.duplicate-entry', 'citation.unknown-key']);

  const inFile = await languageService.bibliographyFileDiagnostics(URI.file(path.join(FOLDER, 'references.json')).toString());
  assert.equal(inFile.filter((d) => d.code === 'bibliography.duplicate-entry').length, 22);
});

test('deep-review: completion and hover answer on the real manuscript', async () => {
  const { text, uri, languageService, lines } = service();
  const at = text.indexOf('[@doi:10.1038/nature14539');
  assert.ok(at > 0);
  const hover = await languageService.hover({ uri, text }, lines.positionAt(at + 5));
  assert.match((hover?.contents as MarkupContent).value, /Deep learning/);
  const completion = await languageService.completion({ uri, text }, lines.positionAt(at + '[@doi:10.1038/nature1'.length));
  assert.ok(
    completion?.items.some((i) => i.label === 'doi:10.1038/nature14539'),
    completion?.items
      .map((i) => i.label)
      .slice(0, 10)
      .join(', '),
  );
});
