#!/usr/bin/env node
// Runs the language server under Neovim's built-in LSP client (headless) on the fixture
// workspace and checks what Neovim received: diagnostics, completion and hover.
//
//   node e2e/run-nvim.mjs [--server dist/server.js] [--workspace DIR] [--timeout-ms N]
//
// --server may point at a patched copy of the bundle to prove that the checks can fail.
// Neovim works on a temporary copy of the workspace (e2e/fixtures/workspace by default), so
// the repository's files never change.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  FIXTURE_WORKSPACE,
  REPO_ROOT,
  RESULTS_DIR,
  Results,
  parseArgs,
  runSuite,
  spawnGroup,
  tail,
  tempDir,
  workspaceCopy,
} from './lib/harness.mjs';

const options = parseArgs(process.argv.slice(2), {
  server: path.join(REPO_ROOT, 'dist', 'server.js'),
  workspace: FIXTURE_WORKSPACE,
  timeoutMs: process.env.CITOKINE_E2E_TIMEOUT_MS || '',
  nvim: process.env.CITOKINE_NVIM || 'nvim',
});

const results = new Results('nvim');
/** How long one condition may take inside Neovim; the whole run gets room for every step. */
const WAIT_MS = Number(process.env.CITOKINE_TEST_WAIT_MS || 30_000);
const BIB_KEYS = ['johnson2018', 'hirano2020', 'mace2016', 'li2018'];
const CSL_KEYS = ['raskova2022', 'matsuoka2016'];

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function includesAll(text, expected) {
  const normal = (s) =>
    s
      .replace(/[*_`\\]/g, '')
      .replace(/\s+/g, ' ')
      .toLowerCase();
  const haystack = normal(text ?? '');
  const missing = expected.filter((e) => !haystack.includes(normal(e)));
  assert(missing.length === 0, `missing ${JSON.stringify(missing)} in ${JSON.stringify((text ?? '').slice(0, 300))}`);
}

async function main() {
  const server = path.resolve(options.server);
  if (!fs.existsSync(server)) throw new Error(`${server} does not exist: run \`npm run build\` first`);
  const version = spawnSync(options.nvim, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) throw new Error(`${options.nvim} not found: run scripts/ensure-system-packages.sh`);
  console.log(`${version.stdout.split('\n')[0]}; server ${server}`);

  const logDir = path.join(RESULTS_DIR, 'nvim');
  fs.mkdirSync(logDir, { recursive: true });
  const log = path.join(logDir, 'nvim.log');
  fs.rmSync(log, { force: true });
  const work = tempDir('nvim');
  const workspace = workspaceCopy(options.workspace, 'nvim-workspace');
  console.log(`workspace: a copy of ${path.resolve(options.workspace)} in ${workspace}`);
  const out = path.join(work, 'results.json');
  const child = spawnGroup('nvim', options.nvim, ['--headless', '--clean', '-u', path.join(REPO_ROOT, 'e2e', 'nvim', 'init.lua')], {
    cwd: workspace,
    logFile: log,
    env: {
      ...process.env,
      CITOKINE_SERVER: server,
      CITOKINE_WORKSPACE: workspace,
      CITOKINE_NVIM_OUT: out,
      CITOKINE_NVIM_WAIT_MS: String(WAIT_MS),
      // Keep Neovim's own state (shada, logs, swap) out of the user's home.
      XDG_STATE_HOME: path.join(work, 'state'),
      XDG_DATA_HOME: path.join(work, 'data'),
      XDG_CACHE_HOME: path.join(work, 'cache'),
    },
  });
  const timeout = Number(options.timeoutMs || 8 * WAIT_MS + 30_000);
  let timer;
  const outcome = await Promise.race([
    child.exited,
    new Promise((resolve) => (timer = setTimeout(() => resolve({ timedOut: true }), timeout))),
  ]);
  clearTimeout(timer);
  if (outcome.timedOut) results.fail('run', `Neovim did not finish within ${timeout} ms\n${tail(log)}`);
  if (!fs.existsSync(out)) throw new Error(`Neovim wrote no results (exit ${outcome.code ?? outcome.signal})\n${tail(log)}`);
  if (!outcome.timedOut && outcome.code !== 0) results.fail('run', `Neovim exited with ${outcome.code ?? outcome.signal}\n${tail(log)}`);
  const data = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.writeFileSync(path.join(logDir, 'results.json'), JSON.stringify(data, null, 2));
  for (const error of data.errors ?? []) results.fail('init.lua', error);
  for (const s of data.steps ?? []) if (!s.ok) results.fail(`step ${s.name}`, s.error);

  await results.check('diagnostics: citation.unknown-key on the line of @nosuchkey2020, and only there', () => {
    const d = data.diagnostics;
    assert(d, 'no diagnostics recorded');
    const unknown = d.items.filter((i) => i.code === 'citation.unknown-key');
    assert(
      unknown.length === 1 && unknown[0].line === d.expectedLine,
      `expected one citation.unknown-key on line ${d.expectedLine + 1}, got ${JSON.stringify(d.items)}`,
    );
  });
  await results.check('completion after [@ lists the BibTeX and CSL-JSON keys', () => {
    const labels = data.completion?.labels ?? [];
    const missing = [...BIB_KEYS, ...CSL_KEYS].filter((k) => !labels.some((l) => l.includes(k)));
    assert(missing.length === 0, `missing ${JSON.stringify(missing)} in ${JSON.stringify(labels.slice(0, 20))}`);
  });
  await results.check('hover on a BibTeX key shows the formatted reference', () =>
    includesAll(data.hover?.bibtex?.text, ['Hirano', 'IL-6 in inflammation, autoimmunity and cancer', 'International Immunology']),
  );
  await results.check('hover on a CSL-JSON key shows the formatted reference', () =>
    includesAll(data.hover?.csljson?.text, ['Rašková', 'Role of IL-6 in Cancer Cell Invasiveness and Metastasis', 'Cells']),
  );
  await results.check('hover on a key after Chinese text (UTF-16 positions) shows the reference', () =>
    includesAll(data.hover?.chinese?.text, ['Li J', 'Sensitizes Anti-PD-L1 Treatment', 'Medical Science Monitor']),
  );
  await results.check('hover on [16] of the built-in corpus shows "identified (certain)"', () =>
    includesAll(data.hover?.numeric?.text, ['identified (certain)', 'Upregulation of TLRs and IL-6']),
  );
  await results.check('hover on a glossary term (gp130) shows its glossary definition', () =>
    includesAll(data.hover?.term?.text, ['signal-transducing receptor subunit']),
  );
  await results.check('a quick fix on [@hiranno2020] suggests @hirano2020', () => {
    const titles = data.codeActions?.titles ?? [];
    assert(
      titles.some((t) => t.includes('@hirano2020')),
      `code actions: ${JSON.stringify(titles)}`,
    );
  });
  await results.check('rename of @mace2016 edits both manuscripts and refs.bib, only the key', () => {
    const edits = data.rename?.edits ?? [];
    const files = [...new Set(edits.map((e) => e.file))].sort();
    assert(
      JSON.stringify(files) === JSON.stringify(['manuscript-en.md', 'manuscript-zh.md', 'refs.bib']),
      `files: ${JSON.stringify(files)}`,
    );
    const wrong = edits.filter((e) => e.replaced !== 'mace2016' || e.newText !== 'mace2016gut');
    assert(wrong.length === 0, `edits that change more than the key: ${JSON.stringify(wrong)}`);
  });
  console.log(`(Neovim ${data.nvim}; results in ${path.relative(REPO_ROOT, path.join(logDir, 'results.json'))})`);
}

await runSuite(results, main);
