#!/usr/bin/env node
// Drives the VS Code workbench UI as a person would, with Playwright in headless Chromium:
// the VS Code server of code-server runs the extension under development (this repository,
// or --extension DIR), and the tests open a manuscript, type `[@`, hover citations, read the
// Problems panel and apply a quick fix; then the writer's tools: Insert Citation through its
// QuickPick, the References and Terms views, the status bar item, citations in the Markdown
// preview (read from the preview webview's DOM), a Quarto manuscript's findings; last, a folder
// left untrusted (Workspace Trust) reads nothing outside itself. Screenshots go to
// docs/screenshots/.
//
//   node e2e/workbench.e2e.mjs [--extension DIR] [--workspace DIR] [--timeout-ms N]
//                              [--wait-ms N] [--no-install] [--no-screenshots] [--only REGEX]
//
// --only runs the checks whose title matches REGEX (the others are reported skipped).
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
  tempDir,
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
  only: '',
});
const WAIT = Number(options.waitMs);
const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const logDir = path.join(RESULTS_DIR, 'workbench');
const results = new Results('workbench-e2e');
const ONLY = options.only ? new RegExp(options.only, 'i') : undefined;
/** Runs one check unless --only leaves it out. */
function check(title, fn) {
  if (ONLY && !ONLY.test(title)) return results.skip(title, '--only');
  return results.check(title, fn);
}
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
 * for it and answer "trust". Should it never come (a trusted folder), we go on after 45 s (on a busy machine it has come after 30 s).
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
    } else if (
      (trusted || Date.now() > started + 45_000) &&
      (await ready.isVisible().catch(() => false)) &&
      !(await restricted.isVisible().catch(() => true))
    ) {
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
    if (
      await input.waitFor({ state: 'visible', timeout: 3000 }).then(
        () => true,
        () => false,
      )
    )
      break;
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
  const rect = await page.evaluate(
    ({ selector, needle, delta, length }) => {
      const editor = document.querySelector(`${selector} .view-lines`);
      if (!editor) return undefined;
      for (const line of editor.querySelectorAll('.view-line')) {
        const nodes = [];
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
        // Monaco renders spaces as non-breaking spaces.
        const text = nodes
          .map((n) => n.textContent)
          .join('')
          .replace(/\u00a0/g, ' ');
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
    },
    { selector: EDITOR, needle, delta, length },
  );
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
  throw new Error(
    `timed out after ${WAIT} ms waiting for ${what} to show ${expected.join(', ')}; last seen: ${JSON.stringify(last.slice(0, 300))}`,
  );
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
  const untrusted = untrustedFolder();
  // A Quarto manuscript, in the folder before the workbench indexes it (for Quick Open).
  fs.writeFileSync(
    path.join(workspace, 'quarto-check.qmd'),
    '---\ntitle: Q\nbibliography: refs.bib\n---\n\nIL-6 signals [@nosuchquartokey] through gp130 [@hirano2020].\n',
  );
  const server = await startVsCodeServer({ install: !options.noInstall, logFile: path.join(logDir, 'server.log') });
  const { page } = await launchChromium({ logFile: path.join(logDir, 'browser.log') });
  results.onFailure = (_title, n) => page.screenshot({ path: path.join(logDir, `failure-${n}.png`) });
  const url = workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: extension });
  console.log(`extension: ${extension}\nworkspace: a copy of ${path.resolve(options.workspace)}\nworkbench: ${url}`);
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  console.log(`workbench page loaded in ${Date.now() - t0} ms`);
  await trustWorkspaceUntil(page, page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'manuscript-en.md' }));

  console.log(`workbench ready and trusted after ${Date.now() - t0} ms`);
  await check('opening a manuscript shows it in an editor', async () => {
    await openFile(page, 'manuscript-en.md', 'Interleukin-6');
  });

  await check('Problems panel lists the citation.unknown-key finding for [@nosuchkey2020]', async () => {
    await openFile(page, 'manuscript-en.md', 'Interleukin-6');
    await page.keyboard.press(`${MOD}+Shift+M`);
    const panel = page.locator('.markers-panel');
    try {
      await panel.waitFor({ state: 'visible', timeout: WAIT });
      await waitForText(
        panel.locator('.monaco-list-row'),
        // A row shows "<message> citokine(citation.unknown-key) [Ln 17, Col 54]"; its text
        // has the source and the code in elements of their own: match the code exactly.
        (text) =>
          text
            .split('\n')
            .some(
              (row, i, rows) =>
                row.includes('nosuchkey2020') && rows.slice(i + 1, i + 4).some((cell) => /^\(?citation\.unknown-key\)?$/.test(cell.trim())),
            ),
        'a citation.unknown-key row mentioning nosuchkey2020 in the Problems panel',
      );
      await screenshot(page, 'problems');
    } finally {
      // Give the editor its room back for the next checks.
      if (await panel.isVisible().catch(() => false)) await page.keyboard.press(`${MOD}+J`);
    }
  });

  await check('hovering a citation key shows the formatted reference', async () => {
    await openFile(page, 'manuscript-en.md', 'Interleukin-6');
    const rect = await textRect(page, '@hirano2020', 1);
    await waitForHover(page, rect, ['Hirano', 'International Immunology'], 'the hover of @hirano2020');
    await screenshot(page, 'hover-citation');
  });

  await check('hovering a key in a Chinese manuscript shows the formatted reference', async () => {
    await openFile(page, 'manuscript-zh.md', '白细胞介素');
    const rect = await textRect(page, '@li2018', 1);
    await waitForHover(page, rect, ['Li J', 'Medical Science Monitor'], 'the hover of @li2018');
    await screenshot(page, 'hover-citation-zh');
  });

  await check('hovering [16] of the built-in corpus shows "identified (certain)"', async () => {
    await openFile(page, 'builtin-corpus.md', '结直肠癌');
    const rect = await textRect(page, '[16]', 1, 2);
    await waitForHover(page, rect, ['identified (certain)', 'Upregulation of TLRs'], 'the hover of [16]');
    await screenshot(page, 'hover-builtin-numeric');
  });

  await check('hovering a glossary term (gp130) shows its definition', async () => {
    await openFile(page, 'manuscript-en.md', 'Interleukin-6');
    const rect = await textRect(page, 'gp130');
    // The definition from the glossary: the warning squiggle's hover would name the term too.
    await waitForHover(page, rect, ['signal-transducing receptor subunit'], 'the hover of the term gp130');
    await screenshot(page, 'hover-term');
  });

  await check('typing [@ opens the suggestion widget with the bibliography keys', async () => {
    await openFile(page, 'completion.md', 'trans-signalling');
    // End of the document (the empty last line), then type as a user would.
    await page.locator(`${EDITOR} .view-lines`).first().click();
    await page.keyboard.press(`${MOD}+End`);
    await page.keyboard.type('[@', { delay: 50 });
    const rows = page.locator('.suggest-widget.visible .monaco-list-row');
    await waitForText(
      rows,
      (text) => /johnson2018|hirano2020|mace2016|li2018|raskova2022|matsuoka2016/.test(text),
      'the suggestion widget to list a key of refs.bib or refs.json',
    );
    await screenshot(page, 'completion');
    // Narrow to a CSL-JSON key: the list filters as the user types.
    await page.keyboard.type('rask', { delay: 50 });
    await waitForText(rows, (text) => text.includes('raskova2022'), 'the suggestion widget to offer raskova2022 after typing "rask"');
    await page.keyboard.press('Escape');
    // Leave the buffer as it was (it is never saved either way).
    await page.keyboard.press(`${MOD}+Z`);
  });

  await check('the quick fix on a mistyped key ([@hiranno2020]) corrects it and clears the finding', async () => {
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
      await items
        .first()
        .waitFor({ state: 'visible', timeout: 3000 })
        .catch(() => {});
      menu = (await items.allInnerTexts().catch(() => [])).join('\n');
    }
    await screenshot(page, 'quick-fix');
    // Choose with the keyboard, as people do: move the focus to the fix, then Enter.
    for (let i = 0; i < 10 && !(await focused.innerText().catch(() => '')).includes('@hirano2020'); i++) {
      await page.keyboard.press('ArrowDown');
    }
    if (!(await focused.innerText().catch(() => '')).includes('@hirano2020'))
      throw new Error(`could not focus the fix in ${JSON.stringify(menu)}`);
    await page.keyboard.press('Enter');
    await waitForText(
      page.locator(`${EDITOR} .view-lines`).first(),
      (text) => text.includes('[@hirano2020]'),
      'the key to read hirano2020 after the fix',
    );
    const squiggles = page.locator(SQUIGGLES);
    const deadlineAfter = Date.now() + WAIT;
    while ((await squiggles.count()) >= squigglesBefore) {
      if (Date.now() > deadlineAfter)
        throw new Error(`the squiggle under the key did not go away after the fix (${squigglesBefore} before)`);
      await page.waitForTimeout(200);
    }
    await page.keyboard.press(`${MOD}+Z`);
  });

  await writerChecks(page, workspace);
  await check('in an untrusted folder, a bibliography outside it is not read (a finding says why) until trust is granted', async () => {
    await untrustedChecks(page.context().browser(), server.port, extension, untrusted);
  });
}

// ---------------------------------------------------------------------------------------
// The writer's tools (issue 11), each driven as a person would: palette, clicks, keyboard.

/** Runs a command from the palette (F1), by the title it shows there. */
async function runCommand(page, title) {
  const input = page.locator('.quick-input-widget input');
  const deadline = Date.now() + WAIT;
  for (;;) {
    await page.keyboard.press(`${MOD}+Shift+P`);
    if (
      await input.waitFor({ state: 'visible', timeout: 3000 }).then(
        () => true,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`the command palette did not open within ${WAIT} ms`);
    await page.keyboard.press('Escape');
  }
  await input.fill(`>${title}`);
  // The palette ranks fuzzily ("Open Locked Preview to the Side" can come before "Open Preview
  // to the Side"): choose the row whose label is exactly the title.
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) }).first();
  await row.waitFor({ state: 'visible', timeout: WAIT });
  await row.click();
}

/** The 1-based line and the 0-based column range of the first `needle` in a fixture file. */
function placeOf(file, needle) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`${needle} is not in ${file}`);
  const start = lines[line].indexOf(needle);
  return { line: line + 1, start, end: start + needle.length };
}

/** The rows of the sidebar pane titled `title` (References, Terms). */
function paneRows(page, title) {
  const pane = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: title }) });
  return { pane, rows: pane.locator('.pane-body .monaco-list-row') };
}

/** Opens the Citokine view container from its activity bar icon. */
async function openCitokineViews(page) {
  const { pane } = paneRows(page, 'References');
  if (
    await pane
      .locator('.pane-body')
      .isVisible()
      .catch(() => false)
  )
    return;
  await page.locator('.activitybar .action-item [aria-label^="Citokine"]').first().click({ timeout: WAIT });
  await pane.locator('.pane-body').waitFor({ state: 'visible', timeout: WAIT });
}

/**
 * Checks the checkbox of a picker row until the picker counts `count` selected. The picker
 * replaces its items as each search answers; a click on a row that was being replaced is
 * lost, so (as a person would) we look again and click again.
 */
async function checkItem(widget, row, count) {
  const box = row.locator('.quick-input-list-checkbox, input[type=checkbox], .monaco-custom-toggle').first();
  const counter = widget.locator('.quick-input-count');
  const deadline = Date.now() + WAIT;
  let seen = '';
  while (Date.now() < deadline) {
    if (!(await box.isChecked().catch(() => false))) await box.click({ timeout: 5000 }).catch(() => {});
    await widget.page().waitForTimeout(1000);
    seen = (await counter.innerText().catch(() => '')).trim();
    if (new RegExp(`\\b${count}\\b`).test(seen) && (await box.isChecked().catch(() => false))) return;
  }
  throw new Error(`the picker did not count ${count} selected; last seen: ${JSON.stringify(seen)}`);
}

async function writerChecks(page, workspace) {
  await check(
    'Insert Citation: the QuickPick searches with the server ranking, multi-selects two, inserts [@hirano2020; @raskova2022]',
    async () => {
      await openFile(page, 'completion.md', 'trans-signalling');
      await page.locator(`${EDITOR} .view-lines`).first().click();
      await page.keyboard.press(`${MOD}+End`);
      await runCommand(page, 'Citokine: Insert Citation…');
      const widget = page.locator('.quick-input-widget', { hasText: 'Insert Citation' });
      await widget.waitFor({ state: 'visible', timeout: WAIT });
      const input = widget.locator('input.input').first();
      const rows = widget.locator('.quick-input-list .monaco-list-row');
      // The journal of hirano2020: only the server's search (authors, title, journal, key, DOI) finds it by that.
      await input.pressSequentially('International Immunology', { delay: 20 });
      await waitForText(
        rows.first(),
        (text) => text.includes('@hirano2020'),
        'the first item for "International Immunology" to be @hirano2020',
      );
      await checkItem(widget, rows.first(), 1);
      await input.fill('');
      await input.pressSequentially('raskova', { delay: 20 });
      const raskova = rows.filter({ hasText: '@raskova2022' }).first();
      await raskova.waitFor({ state: 'visible', timeout: WAIT });
      // The first pick stays listed and checked under the new query.
      await checkItem(widget, raskova, 2);
      await screenshot(page, 'insert-citation');
      await input.press('Enter');
      await widget.waitFor({ state: 'hidden', timeout: WAIT });
      await waitForText(
        page.locator(`${EDITOR} .view-lines`).first(),
        (text) => text.includes('[@hirano2020; @raskova2022]'),
        'the editor to show the inserted [@hirano2020; @raskova2022]',
      );
      // One undoable edit: one undo takes it away whole.
      await page.keyboard.press(`${MOD}+Z`);
      await waitForText(
        page.locator(`${EDITOR} .view-lines`).first(),
        (text) => !text.includes('@hirano2020') && !text.includes('@raskova2022'),
        'one undo to remove the whole insertion',
      );
    },
  );

  await check(
    'the References view lists cited works (the unknown key marked) and a click on a citing place lands on its line',
    async () => {
      await openFile(page, 'manuscript-en.md', 'Interleukin-6');
      await openCitokineViews(page);
      const { rows } = paneRows(page, 'References');
      const text = await waitForText(
        rows,
        (t) => /Hirano/.test(t) && /@nosuchkey2020/.test(t) && /unknown/i.test(t),
        'the References view to list Hirano (first cited) and @nosuchkey2020 (unknown)',
      );
      const lines = text.split('\n');
      if (!/Hirano/.test(lines[0])) throw new Error(`the first cited work should be Hirano's: ${JSON.stringify(lines.slice(0, 4))}`);
      const { rows: termRows } = paneRows(page, 'Terms');
      await waitForText(termRows, (t) => t.includes('gp130'), 'the Terms view to list gp130');
      await screenshot(page, 'views');
      // Expand @johnson2018 and click the place citing it.
      const work = rows.filter({ hasText: '@johnson2018' }).first();
      await work.locator('.monaco-tl-twistie').click();
      const place = paneRows(page, 'References').pane.locator('.pane-body .monaco-list-row[aria-level="2"]').first();
      await place.waitFor({ state: 'visible', timeout: WAIT });
      await place.click();
      const expected = placeOf(path.join(workspace, 'manuscript-en.md'), '@johnson2018');
      const cursor = page.locator('[id="status.editor.selection"]');
      await waitForText(
        cursor,
        (t) => new RegExp(`Ln ${expected.line}, Col (${expected.start + 1}|${expected.end + 1})\\b`).test(t),
        `the cursor at line ${expected.line} on @johnson2018 after the click`,
      );
    },
  );

  await check(
    'the status bar item names the bibliographies and glossary with counts and the findings; a click reveals the views',
    async () => {
      await openFile(page, 'manuscript-en.md', 'Interleukin-6');
      const item = page.locator('.statusbar-item', { has: page.locator('.codicon-book') }).filter({ hasText: /glossary/ });
      const text = await waitForText(
        item,
        (t) => /\d+ bibliographies \d+\s+·\s+glossary \d+\s+·\s+[1-9]\d*/.test(t),
        'the Citokine status bar item',
      );
      if (!(await item.locator('.codicon-warning').count())) throw new Error(`no warning icon beside the findings count: ${text}`);
      await page.keyboard.press(`${MOD}+B`); // hide the sidebar, for the click to show it again
      await item.first().hover();
      await page
        .locator('.monaco-hover:not(.hidden)', { hasText: 'Bibliography' })
        .first()
        .waitFor({ state: 'visible', timeout: WAIT })
        .catch(() => {});
      const box = await item.first().boundingBox();
      await page.screenshot({ path: path.join(logDir, 'status-bar.png') });
      if (!options.noScreenshots && box) {
        await page.screenshot({
          path: path.join(SCREENSHOTS, 'status-bar.png'),
          clip: { x: 1400 - 760, y: Math.max(0, box.y - 230), width: 760, height: 230 + box.height + 4 },
        });
      }
      await item.first().click();
      await paneRows(page, 'References').pane.locator('.pane-body').waitFor({ state: 'visible', timeout: WAIT });
    },
  );

  await check('the Markdown preview renders the citations in the document style, marks the unknown key and appends the list', async () => {
    await openFile(page, 'manuscript-en.md', 'Interleukin-6');
    await runCommand(page, 'Markdown: Open Preview to the Side');
    // VS Code nests the preview: an iframe.webview, and inside it the document in #active-frame.
    const preview = page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
    try {
      const list = preview.locator('.citokine-references');
      await list.waitFor({ state: 'visible', timeout: WAIT });
      const citations = await preview.locator('.citokine-citation').allInnerTexts();
      // Vancouver (the default) numbers by first citation: @hirano2020 is [1].
      if (citations[0] !== '[1]') throw new Error(`the first citation should read [1]: ${JSON.stringify(citations)}`);
      const unknown = preview.locator('.citokine-citation.citokine-unknown');
      const title = await unknown.first().getAttribute('title', { timeout: WAIT });
      if (!/@nosuchkey2020/.test(title ?? '')) throw new Error(`the unknown citation should be marked with its key: ${title}`);
      const listText = await list.innerText();
      if (!/\[1\][\s\S]*Hirano/.test(listText) || !/Rašková/.test(listText))
        throw new Error(`the list should start with [1] Hirano and name Rašková: ${listText.slice(0, 400)}`);
      await screenshot(page, 'preview');
    } finally {
      await runCommand(page, 'View: Close All Editors').catch(() => {});
    }
  });

  await check('a Quarto manuscript (.qmd) gets its findings in the Problems panel', async () => {
    await openFile(page, 'quarto-check.qmd', 'nosuchquartokey');
    await page.keyboard.press(`${MOD}+Shift+M`);
    const panel = page.locator('.markers-panel');
    try {
      await panel.waitFor({ state: 'visible', timeout: WAIT });
      await waitForText(
        panel.locator('.monaco-list-row'),
        (text) =>
          text
            .split('\n')
            .some(
              (row, i, all) =>
                row.includes('nosuchquartokey') &&
                all.slice(i + 1, i + 4).some((cell) => /^\(?citation\.unknown-key\)?$/.test(cell.trim())),
            ),
        'a citation.unknown-key row for @nosuchquartokey of quarto-check.qmd',
      );
    } finally {
      if (await panel.isVisible().catch(() => false)) await page.keyboard.press(`${MOD}+J`);
    }
  });
}

// ---------------------------------------------------------------------------------------
// Workspace Trust (issue 13): a folder the user does not trust.

/**
 * A folder `project` with a manuscript whose bibliographies are `../outside.bib` (beside the
 * folder: refs.bib's entries) and `/etc/hostname.bib`; made before the server starts.
 */
function untrustedFolder() {
  const root = tempDir('untrusted');
  const project = path.join(root, 'project');
  fs.mkdirSync(project);
  fs.copyFileSync(path.join(FIXTURE_WORKSPACE, 'refs.bib'), path.join(root, 'outside.bib'));
  fs.writeFileSync(
    path.join(project, 'paper.md'),
    '---\ntitle: Untrusted\nbibliography:\n  - ../outside.bib\n  - /etc/hostname.bib\n---\n\nIL-6 in inflammation [@hirano2020].\n',
  );
  return project;
}

async function untrustedChecks(browser, port, extension, project) {
  // A fresh browser context: no trust remembered from the first folder.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  try {
    await page.goto(workbenchUrl({ port, folder: project, extensionDevelopmentPath: extension }), {
      waitUntil: 'domcontentloaded',
      timeout: 120_000,
    });
    const dontTrust = page.getByRole('button', { name: /No, I don.t trust the authors/ });
    await dontTrust.waitFor({ state: 'visible', timeout: 60_000 });
    await dontTrust.click();
    const restricted = page.locator('.statusbar-item', { hasText: 'Restricted Mode' });
    await restricted.waitFor({ state: 'visible', timeout: WAIT });
    await openFile(page, 'paper.md', 'inflammation');
    await page.keyboard.press(`${MOD}+Shift+M`);
    const rows = page.locator('.markers-panel .monaco-list-row');
    const outside = 'is outside the workspace, not read in an untrusted workspace';
    await waitForText(
      rows,
      (t) => t.includes(`'../outside.bib' ${outside}`) && t.includes(`'/etc/hostname.bib' ${outside}`) && t.includes('hirano2020'),
      'findings that ../outside.bib and /etc/hostname.bib are not read, and @hirano2020 unknown',
    );
    await page.mouse.move(700, 300); // no stray tooltip in the picture
    await screenshot(page, 'untrusted');
    // Trust the folder (the Restricted Mode item opens the Workspace Trust editor): the file beside it is read.
    await restricted.click();
    await page
      .getByRole('button', { name: /^Trust$/ })
      .first()
      .click({ timeout: WAIT });
    await waitForText(
      rows,
      (t) => !t.includes('../outside.bib') && !t.includes('hirano2020') && t.includes('/etc/hostname.bib'),
      'after trusting: ../outside.bib read (@hirano2020 known), /etc/hostname.bib merely not found',
    );
  } finally {
    await context.close().catch(() => {});
  }
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
