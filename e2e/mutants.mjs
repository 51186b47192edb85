#!/usr/bin/env node
// Proves that the real-editor suites can fail: makes copies of the built extension with one
// feature broken on purpose (in the copy's dist/server.js only; the product has no switch for
// it), runs the suites against each copy, and passes only when every suite notices.
//
//   node e2e/mutants.mjs [--only hover,completion,diagnostic-code] [--suites vscode-server,nvim,workbench]
//
// Each mutant is a text patch of the esbuild bundle. When the bundle's shape changes so that
// a patch no longer applies, this fails loudly instead of silently testing nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, Results, cleanup, parseArgs, tempDir } from './lib/harness.mjs';

/**
 * name -> how to break dist/server.js, which test titles must then fail, and (when not all)
 * which suites test that feature.
 */
export const MUTANTS = {
  hover: {
    what: 'the server answers every hover with null',
    patch: (src) => replaceOnce(src, /guarded\(\s*session,\s*\"hover\",\s*NOTHING,\s*async \(([^)]*)\) => \{/, (m) => `${m} return null;`),
    expectFailing: /hover/i,
  },
  completion: {
    what: 'the server answers every completion request with an empty list',
    patch: (src) =>
      replaceOnce(src, /guarded\(\s*session,\s*\"completion\",\s*NOTHING,\s*async \(([^)]*)\) => \{/, (m) => `${m} return [];`),
    expectFailing: /complet|suggestion/i,
  },
  'code-actions': {
    what: 'the server offers no code action',
    patch: (src) =>
      replaceOnce(src, /guarded\(\s*session,\s*\"codeAction\",\s*NOTHING,\s*async \(([^)]*)\) => \{/, (m) => `${m} return null;`),
    expectFailing: /quick fix/i,
  },
  rename: {
    what: 'the server refuses every rename',
    patch: (src) => replaceOnce(src, /guarded\(\s*session,\s*\"rename\",\s*NOTHING,\s*async \(([^)]*)\) => \{/, (m) => `${m} return null;`),
    expectFailing: /renam/i,
    // The workbench UI tests do not rename (the extension-host suite and Neovim do).
    suites: ['vscode-server', 'nvim'],
  },
  'diagnostic-code': {
    what: 'the unknown-key diagnostic carries a different code',
    patch: (src) => {
      const out = src
        .replaceAll('"citation.unknown-key"', '"citation.unknown-key-MUTANT"')
        .replaceAll("'citation.unknown-key'", "'citation.unknown-key-MUTANT'");
      if (out === src) throw new Error('no "citation.unknown-key" literal in dist/server.js');
      return out;
    },
    expectFailing: /unknown-key/i,
  },
  // The writer's tools (issue 11): the client's picker, views, status bar and preview ask the
  // server through Citokine's own requests; each broken request must be noticed.
  'citation-candidates': {
    what: 'the server answers citokine/citationCandidates with no candidate',
    patch: (src) =>
      replaceOnce(
        src,
        /guarded\(\s*session,\s*CITOKINE_REQUESTS\.citationCandidates,\s*NOTHING,\s*async \(([^)]*)\) => \{/,
        (m) => `${m} return { style: "key", items: [] };`,
      ),
    expectFailing: /Insert Citation/i,
    suites: ['vscode-server', 'workbench'],
  },
  'document-outline': {
    what: 'the server answers citokine/documentOutline with null (empty views, no status bar item)',
    patch: (src) =>
      replaceOnce(
        src,
        /guarded\(\s*session,\s*CITOKINE_REQUESTS\.documentOutline,\s*NOTHING,\s*async \(([^)]*)\) => \{/,
        (m) => `${m} return null;`,
      ),
    expectFailing: /References view|status bar/i,
    suites: ['vscode-server', 'workbench'],
  },
  'rendered-citations': {
    what: 'the server answers citokine/renderedCitations with null (a preview without citations)',
    patch: (src) =>
      replaceOnce(
        src,
        /guarded\(\s*session,\s*CITOKINE_REQUESTS\.renderedCitations,\s*NOTHING,\s*async \(([^)]*)\) => \{/,
        (m) => `${m} return null;`,
      ),
    expectFailing: /preview/i,
    suites: ['vscode-server', 'workbench'],
  },
  quarto: {
    what: 'the server does not take .qmd files for manuscripts',
    patch: (src) =>
      replaceOnce(src, /function isManuscriptFile\(([^)]*)\) \{/, (m, arg) => `${m} if (/\\.qmd$/i.test(String(${arg}))) return false;`),
    expectFailing: /Quarto/i,
    suites: ['vscode-server', 'workbench'],
  },
  'workspace-trust': {
    what: 'the server ignores that the workspace is not trusted (reads files outside it)',
    patch: (src) => replaceOnce(src, /\.workspace\.trusted = [^;]*workspaceTrusted[^;]*;/, () => '.workspace.trusted = true;'),
    expectFailing: /untrusted/i,
    // Only the workbench UI tests open a folder left untrusted.
    suites: ['workbench'],
  },
};

function replaceOnce(src, pattern, replacer) {
  const matches = src.match(new RegExp(pattern.source, 'g')) ?? [];
  if (matches.length !== 1) throw new Error(`expected exactly one match of ${pattern} in dist/server.js, found ${matches.length}`);
  return src.replace(pattern, replacer);
}

/** A copy of the extension (manifest, bundles, corpus) with `mutant` applied to its server. */
export function makeMutantCopy(name) {
  const mutant = MUTANTS[name];
  if (!mutant) throw new Error(`unknown mutant ${name}; known: ${Object.keys(MUTANTS).join(', ')}`);
  const dir = tempDir(`mutant-${name}`);
  for (const entry of ['package.json', 'dist', 'references', 'schemas', 'snippets']) {
    const from = path.join(REPO_ROOT, entry);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, entry), { recursive: true });
  }
  const server = path.join(dir, 'dist', 'server.js');
  fs.writeFileSync(server, mutant.patch(fs.readFileSync(server, 'utf8')));
  return dir;
}

const SUITES = {
  'vscode-server': (dir) => ['e2e/run-vscode-server.mjs', '--extension', dir],
  nvim: (dir) => ['e2e/run-nvim.mjs', '--server', path.join(dir, 'dist', 'server.js')],
  workbench: (dir) => ['e2e/workbench.e2e.mjs', '--extension', dir, '--no-screenshots'],
};

function runSuite(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      // Failing waits need not last long: the feature is gone, not slow.
      env: { ...process.env, CITOKINE_TEST_WAIT_MS: process.env.CITOKINE_TEST_WAIT_MS || '8000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const isMain = path.resolve(process.argv[1] ?? '') === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const options = parseArgs(process.argv.slice(2), { only: Object.keys(MUTANTS).join(','), suites: Object.keys(SUITES).join(',') });
  const results = new Results('mutants');
  try {
    for (const name of options.only.split(',').filter(Boolean)) {
      const dir = makeMutantCopy(name);
      console.log(`mutant ${name}: ${MUTANTS[name].what}`);
      for (const suite of options.suites.split(',').filter(Boolean)) {
        if (MUTANTS[name].suites && !MUTANTS[name].suites.includes(suite)) continue;
        await results.check(`${suite} catches mutant ${name}`, async () => {
          const { code, output } = await runSuite(SUITES[suite](dir));
          const failing = output.split('\n').filter((line) => line.includes('✘'));
          const summary = output.match(/^\d+ passed, \d+ failed.*$/m)?.[0] ?? 'no summary line';
          if (code === 0) throw new Error(`the suite passed (${summary}): it does not notice this break`);
          if (!failing.some((line) => MUTANTS[name].expectFailing.test(line))) {
            throw new Error(`the suite failed, but not on a ${MUTANTS[name].expectFailing} test (${summary}):\n${failing.join('\n')}`);
          }
          console.log(
            `      ${summary}; failing: ${failing
              .map((l) => l.replace(/^\s*✘\s*/, ''))
              .join(' | ')
              .slice(0, 300)}`,
          );
        });
      }
    }
  } catch (err) {
    results.fail('run', err);
  } finally {
    await cleanup();
  }
  process.exit(results.finish());
}
