#!/usr/bin/env node
// Drives the VS Code workbench UI as a person would, with Playwright in headless Chromium:
// the VS Code server of code-server runs the extension under development (this repository,
// or --extension DIR), and the tests open a manuscript, type `[@`, hover citations, read the
// Problems panel and apply a quick fix. Screenshots go to docs/screenshots/.
//
//   node e2e/workbench.e2e.mjs [--extension DIR] [--workspace DIR] [--timeout-ms N]
//                              [--wait-ms N] [--no-install] [--no-screenshots]
//
// The workbench opens a temporary copy of the workspace (e2e/fixtures/workspace by default),
// so whatever the tests type, undo or save, the repository's files never change.
import fs from 'node:fs';
import path from 'node:path';
import {
  FIXTURE_WORKSPACE,
  REPO_ROOT,
  RESULTS_DIR,
  Results,
  cleanup,
  onCleanup,
  parseArgs,
  runSuite,
  tail,
  workspaceCopy,
} from './lib/harness.mjs';
import { launchChromium, startVsCodeServer, workbenchUrl } from './lib/vscode-server.mjs';

const options = parseArgs(process.argv.slice(2), {
  extension: REPO_ROOT,
  workspace: FIXTURE_WORKSPACE,
  timeoutMs: process.env.CITOKINE_E2E_TIMEOUT_MS || '300000',
  waitMs: process.env.CITOKINE_TEST_WAIT_MS || '30000',
  noInstall: false,
  noScreenshots: false,
});
const WAIT = Number(options.waitMs);
const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const logDir = path.join(RESULTS_DIR, 'workbench');
const results = new Results('workbench-e2e');
/** Ctrl on Linux, where the server and its browser run here. */
const MOD = 'Control';
const EDITOR = '.editor-instance .monaco-editor';
const SQUIGGLES = `${EDITOR} .squiggly-error, ${EDITOR} .squiggly-warning`;

/** Saves a screenshot to docs/screenshots (the product's docs) and test-results (debugging). */
async function screenshot(page, name) {
  await page.screenshot({ path: path.join(logDir, `${name}.png`) });
  if (!options.noScreenshots) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  }
}

/**
 * Waits until the workbench shows `ready` and trusts the fixture folder. A fresh browser
 * profile has never trusted it, so the workspace-trust dialog comes, sometimes seconds after
 * the workbench looks ready (and without "Restricted Mode" in the status bar yet): we wait
 * for it and answer "trust". Should it never come (a trusted folder), we go on after 20 s.
 */
async function trustWorkspaceUntil(page, ready) {
  const trust = page.getByRole('button', { name: /Yes, I trust the authors/ });
  const restricted = page.locator('.statusbar-item', { hasText: 'Restricted Mode' });
  const started = Date.now();
  let trusted = false;
  while (Date.now() < started + 60_000) {
    if (await trust.isVisible().catch(() => false)) {
      console.log(`workspace-trust dialog after ${Date.now() - started} ms: trusting the fixture folder`);
      await trust.click({ timeout: 5000 }).catch(() => {});
      trusted = true;
    } else if ((trusted || Date.now() > started + 20_000) && (await ready.isVisible().catch(() => false)) &&
      !(await restricted.isVisible().catch(() => true))) {
      if (!trusted) console.log('(no workspace-trust dialog came; going on)');
      return;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the workbench did not become ready (and trusted) within 60 s');
}

/** Opens a workspace file through Quick Open, as a user would, and waits for its editor. */
async function openFile(page, name, expectedText) {
  const input = page.locator('.quick-input-widget input');
  // Ctrl+P can be swallowed while the workbench is still moving focus around: ask again.
  const deadline = Date.now() + WAIT;
  const trust = page.getByRole('button', { name: /Yes, I trust the authors/ });
  for (;;) {
    // Should the workspace-trust dialog come late, answer it here too.
    if (await trust.isVisible().catch(() => false)) await trust.click({ timeout: 5000 }).catch(() => {});
    await page.keyboard.press(`${MOD}+P`);
    if (await input.waitFor({ state: 'visible', timeout: 3000 }).then(() => true, () => false)) break;
    if (Date.now() > deadline) throw new Error(`Quick Open (${MOD}+P) did not open within ${WAIT} ms`);
    await page.keyboard.press('Escape');
  }
  await input.fill(name);
  // Enter opens the focused row: wait until filtering has put our file there (before it,
  // the list of recently opened files can show the name on a row that is not focused).
  const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: WAIT });
  await input.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: WAIT });
  const editor = page.locator(EDITOR).first();
  await editor.locator('.view-lines', { hasText: expectedText }).waitFor({ state: 'visible', timeout: WAIT });
  return editor;
}

/**
 * The screen rectangle of `needle` (from `delta`, `length` characters) in the visible editor
 * text. Monaco renders a line as token spans, so a needle like `[16]` can cross several text
 * nodes: we search each line's whole text and map the offsets back to nodes for a DOM Range.
 */
async function textRect(page, needle, delta = 0, length = needle.length - delta) {
  const rect = await page.evaluate(({ selector, needle, delta, length }) => {
    const editor = document.querySelector(`${selector} .view-lines`);
    if (!editor) return undefined;
    for (const line of editor.querySelectorAll('.view-line')) {
      const nodes = [];
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
      // Monaco renders spaces as non-breaking spaces.
      const text = nodes.map((n) => n.textContent).join('').replace(/\u00a0/g, ' ');
      const at = text.indexOf(needle);
      if (at < 0) continue;
      const locate = (offset) => {
        for (const node of nodes) {
          if (offset <= node.textContent.length) return [node, offset];
          offset -= node.textContent.length;
        }
        const last = nodes[nodes.length - 1];
        return [last, last.textContent.length];
      };
      const range = document.createRange();
      range.setStart(...locate(at + delta));
      range.setEnd(...locate(at + delta + length));
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return undefined;
  }, { selector: EDITOR, needle, delta, length });
  if (!rect || rect.width === 0) throw new Error(`${JSON.stringify(needle)} is not visible in the editor`);
  return rect;
}

/** Polls a locator's text until `predicate` holds; fails with the last text seen. */
async function waitForText(locator, predicate, what) {
  const deadline = Date.now() + WAIT;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.allInnerTexts().catch(() => [])).join('\n').replace(/\u00a0/g, ' ');
    if (predicate(last)) return last;
    await locator.page().waitForTimeout(200);
  }
  throw new Error(`timed out after ${WAIT} ms waiting for ${what}; last seen: ${JSON.stringify(last.slice(0, 400))}`);
}

/** Moves the mouse onto `rect` until the hover shows all of `expected` (Monaco hovers need a still mouse). */
async function waitForHover(page, rect, expected, what, extra = () => true) {
  const hover = page.locator('.monaco-hover:not(.hidden)');
  const deadline = Date.now() + WAIT;
  let last = '';
  let wiggle = 0;
  while (Date.now() < deadline) {
    // A tiny move each round re-arms the hover if the first one came before the server was ready.
    await page.mouse.move(rect.x + rect.width / 2 + (wiggle++ % 2), rect.y + rect.height / 2);
    const until = Date.now() + 2000;
    while (Date.now() < until) {
      last = (await hover.allInnerTexts().catch(() => [])).join('\n');
      const lower = last.toLowerCase();
      if (expected.every((e) => lower.includes(e.toLowerCase())) && extra(last)) return last;
      await page.waitForTimeout(150);
    }
  }
  throw new Error(`timed out after ${WAIT} ms waiting for ${what} to show ${expected.join(', ')}; last seen: ${JSON.stringify(last.slice(0, 300))}`);
}

async function main() {
  const extension = path.resolve(options.extension);
  const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8'));
  if (manifest.main && !fs.existsSync(path.resolve(extension, manifest.main))) {
    throw new Error(`${path.resolve(extension, manifest.main)} does not exist: run \`npm run build\` first`);
  }
  fs.rmSync(logDir, { recursive: true, force: true });
  fs.mkdirSync(logDir, { recursive: true });
  // Made before the server starts, so cleanup (last registered first) removes it after the
  // server and the browser are gone.
  const workspace = workspaceCopy(options.workspace, 'workbench-workspace');
  const server = await startVsCodeServer({ install: !options.noInstall, logFile: path.join(logDir, 'server.log') });
  const { page } = await launchChromium({ logFile: path.join(logDir, 'browser.log') });
  results.onFailure = (_title, n) => page.screenshot({ path: path.join(logDir, `failure-${n}.png`) });
  const url = workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: extension });
  console.log(`extension: ${extension}\nworkspace: a copy of ${path.resolve(options.workspace)}\nworkbench: ${url}`);
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  console.log(`workbench page loaded in ${Date.now() - t0} ms`);
  await trustWorkspaceUntil(page, page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'manuscript-en.md' }));

  console.log(`workbench ready and trusted after ${Date.now() - t0} ms`);
  await results.check('opening a manuscript shows it in an editor', async () => {
    await openFile(page, 'manuscript-en.md', 'Interleukin-6');
  });

  await results.check('Problems panel lists the citation.unknown-key finding for [@nosuchkey2020]', async () => {
    await openFile(page, 'manuscript-en.md', 'Interleukin-6');
    await page.keyboard.press(`${MOD}+Shift+M`);
    const panel = page.locator('.markers-panel');
    try {
      await panel.waitFor({ state: 'visible', timeout: WAIT });
      await waitForText(panel.locator('.monaco-list-row'),
        // A row shows "<message> citokine(citation.unknown-key) [Ln 17, Col 54]"; its text
        // has the source and the code in elements of their own: match the code exactly.
        (text) => text.split('\n').some((row, i, rows) => row.includes('nosuchkey2020') &&
          rows.slice(i + 1, i + 4).some((cell) => /^\(?citation\.unknown-key\)?$/.test(cell.trim()))),
        'a citation.unknown-key row mentioning nosuchkey2020 in the Problems panel');
      await screenshot(page, 'problems');
    } finally {
      // Give the editor its room back for the next checks.
      if (await panel.isVisible().catch(() => false)) await page.keyboard.press(`${MOD}+J`);
    }
  });

  await results.check('hovering a citation key shows the formatted reference', async () => {
    await openFile(page, 'manuscript-en.md', 'Interleukin-6');
    const rect = await textRect(page, '@hirano2020', 1);
    await waitForHover(page, rect, ['Hirano', 'International Immunology'], 'the hover of @hirano2020');
    await screenshot(page, 'hover-citation');
  });

  await results.check('hovering a key in a Chinese manuscript shows the formatted reference', async () => {
    await openFile(page, 'manuscript-zh.md', '白细胞介素');
    const rect = await textRect(page, '@li2018', 1);
    await waitForHover(page, rect, ['Li J', 'Medical Science Monitor'], 'the hover of @li2018');
    await screenshot(page, 'hover-citation-zh');
  });

  await results.check('hovering [16] of the built-in corpus shows "identified (certain)"', async () => {
    await openFile(page, 'builtin-corpus.md', '结直肠癌');
    const rect = await textRect(page, '[16]', 1, 2);
    await waitForHover(page, rect, ['identified (certain)', 'Upregulation of TLRs'], 'the hover of [16]');
    await screenshot(page, 'hover-builtin-numeric');
  });

  await results.check('hovering a glossary term (gp130) shows its definition', async () => {
    await openFile(page, 'manuscript-en.md', 'Interleukin-6');
    const rect = await textRect(page, 'gp130');
    // The definition from the glossary: the warning squiggle's hover would name the term too.
    await waitForHover(page, rect, ['signal-transducing receptor subunit'], 'the hover of the term gp130');
    await screenshot(page, 'hover-term');
  });

  await results.check('typing [@ opens the suggestion widget with the bibliography keys', async () => {
    await openFile(page, 'completion.md', 'trans-signalling');
    // End of the document (the empty last line), then type as a user would.
    await page.locator(`${EDITOR} .view-lines`).first().click();
    await page.keyboard.press(`${MOD}+End`);
    await page.keyboard.type('[@', { delay: 50 });
    const rows = page.locator('.suggest-widget.visible .monaco-list-row');
    await waitForText(rows, (text) => /johnson2018|hirano2020|mace2016|li2018|raskova2022|matsuoka2016/.test(text),
      'the suggestion widget to list a key of refs.bib or refs.json');
    await screenshot(page, 'completion');
    // Narrow to a CSL-JSON key: the list filters as the user types.
    await page.keyboard.type('rask', { delay: 50 });
    await waitForText(rows, (text) => text.includes('raskova2022'), 'the suggestion widget to offer raskova2022 after typing "rask"');
    await page.keyboard.press('Escape');
    // Leave the buffer as it was (it is never saved either way).
    await page.keyboard.press(`${MOD}+Z`);
  });

  await results.check('the quick fix on a mistyped key ([@hiranno2020]) corrects it and clears the finding', async () => {
    await openFile(page, 'quickfix.md', 'autoimmunity');
    // The quick fix menu needs the diagnostic first: wait for the squiggle under the key.
    await page.locator(SQUIGGLES).first().waitFor({ state: 'visible', timeout: WAIT });
    const squigglesBefore = await page.locator(SQUIGGLES).count();
    const rect = await textRect(page, '@hiranno2020', 3, 1);
    await page.mouse.click(rect.x + rect.width / 2, rect.y + rect.height / 2);
    const items = page.locator('.action-widget .monaco-list-row.action');
    const focused = page.locator('.action-widget .monaco-list-row.action.focused');
    const deadline = Date.now() + WAIT;
    let menu = '';
    while (!menu.includes('@hirano2020')) {
      if (Date.now() > deadline) throw new Error(`no "Did you mean @hirano2020" in the quick fix menu; saw ${JSON.stringify(menu)}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press(`${MOD}+.`);
      await items.first().waitFor({ state: 'visible', timeout: 3000 }).catch(() => {});
      menu = (await items.allInnerTexts().catch(() => [])).join('\n');
    }
    await screenshot(page, 'quick-fix');
    // Choose with the keyboard, as people do: move the focus to the fix, then Enter.
    for (let i = 0; i < 10 && !(await focused.innerText().catch(() => '')).includes('@hirano2020'); i++) {
      await page.keyboard.press('ArrowDown');
    }
    if (!(await focused.innerText().catch(() => '')).includes('@hirano2020')) throw new Error(`could not focus the fix in ${JSON.stringify(menu)}`);
    await page.keyboard.press('Enter');
    await waitForText(page.locator(`${EDITOR} .view-lines`).first(), (text) => text.includes('[@hirano2020]'),
      'the key to read hirano2020 after the fix');
    const squiggles = page.locator(SQUIGGLES);
    const deadlineAfter = Date.now() + WAIT;
    while ((await squiggles.count()) >= squigglesBefore) {
      if (Date.now() > deadlineAfter) throw new Error(`the squiggle under the key did not go away after the fix (${squigglesBefore} before)`);
      await page.waitForTimeout(200);
    }
    await page.keyboard.press(`${MOD}+Z`);
  });
}

const overall = setTimeout(() => {
  results.fail('run', new Error(`timed out after ${options.timeoutMs} ms`));
  cleanup().finally(() => process.exit(results.finish()));
}, Number(options.timeoutMs));
onCleanup(() => clearTimeout(overall));
await runSuite(results, main, {
  onFailure() {
    console.log(`\n--- last lines of ${path.join(logDir, 'server.log')} ---\n${tail(path.join(logDir, 'server.log'))}`);
  },
});
