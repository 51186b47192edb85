/**
 * Every server message in Chinese for a client whose locale is `zh-cn`: the language service
 * is run over documents that produce every finding, action, command result, rename refusal
 * and hover label the server makes, with the zh-cn localizer at its boundary; no outgoing
 * message may be left without a translation, and every template of the catalogs must have
 * translated something here (or be named below with the test that covers it).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Diagnostic, MarkupContent, Position } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../server/src/core/languageService';
import { localizerFor } from '../server/src/core/l10n/localizer';
import { localizeService } from '../server/src/core/l10n/localizeService';
import { Catalog, MessageTemplate } from '../server/src/core/l10n/template';
import { ZH_CN_MESSAGES } from '../server/src/core/l10n/zh-cn';
import { ZH_CN_CARD_LINES, ZH_CN_LABELS } from '../server/src/core/l10n/zh-cn.hover';
import { HOVER_KINDS, MESSAGE_KINDS } from '../server/src/core/l10n/zh-cn.phrases';
import { DEFAULT_SETTINGS, type CitokineSettings } from '../server/src/core/settings';
import { LineMap } from '../server/src/core/text/textRange';
import { BUILTIN_CORPUS_URI, MemoryWorkspace, wsUri } from './util/fixture';
import { applyWorkspaceEdit } from './util/edits';
import { L10N_CASES } from './util/l10nCases';

const FAILURES_TEST = 'messages that only a failing library or a race makes are translated';

/** Messages the cases cannot provoke (a parser library throwing, a file changing during a rename, a built-in entry without a note), as the checks write them. */
const FAILURES: readonly [string, string][] = [
  ['Front matter could not be read: Maximum call stack size exceeded', '无法读取前置元数据：Maximum call stack size exceeded'],
  ['RIS record: Unexpected tag', 'RIS 记录：Unexpected tag'],
  ['Could not read this bibliography: out of memory', '无法读取此参考文献文件：out of memory'],
  ['Could not read this glossary: out of memory', '无法读取此术语表：out of memory'],
  ["refs.bib, which defines '@smith2020', cannot be read.", '定义“@smith2020”的 refs.bib 无法读取。'],
  ['refs.bib changed since it was read: try again.', 'refs.bib 在读取后已被修改：请重试。'],
];

/** Templates another test shows translating, with that test's name. */
const COVERED_ELSEWHERE: Readonly<Record<string, string>> = {
  'Front matter could not be read: {0}': FAILURES_TEST,
  'RIS record: {0}': FAILURES_TEST,
  'Could not read this bibliography: {0}': FAILURES_TEST,
  'Could not read this glossary: {0}': FAILURES_TEST,
  "{0}, which defines '@{1}', cannot be read.": FAILURES_TEST,
  '{0} changed since it was read: try again.': FAILURES_TEST,
  '[{0}] not identified': FAILURES_TEST,
  'Citokine: open the Markdown manuscript to act on first.': 'protocol-l10n: a command before any manuscript is open answers in Chinese',
  'Citokine: the edit was not applied: {0}.': 'lsp adapter notice (the client refuses an edit with a reason)',
  'Citokine: the edit was not applied (the document changed meanwhile?).': 'lsp adapter notice (the client refuses an edit)',
  'Citokine: this editor cannot apply edits from the server ({0}).': 'lsp adapter notice (the client has no applyEdit)',
  '`@{0}`: {1} is still being read; hover again in a moment.': 'library-loading: a hover while a large library is read the first time',
  'Reading {0}': 'protocol-l10n: work-done progress while a large bibliography is read',
};

interface Run {
  readonly matched: Set<string>;
  readonly unmatched: string[];
  readonly outputs: string[];
}

/** A service over `files` answering in zh-cn, and what its localizer saw. */
function chineseService(
  files: Readonly<Record<string, string>>,
  settings: Partial<CitokineSettings>,
  run: Run,
): { service: LanguageService; workspace: MemoryWorkspace } {
  const workspace = new MemoryWorkspace();
  for (const [name, text] of Object.entries(files)) workspace.files.set(wsUri(name), text);
  const english = createLanguageService({
    workspace,
    builtinCorpusUri: BUILTIN_CORPUS_URI,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    workspaceFolderUri: 'file:///ws',
  });
  const l10n = localizerFor('zh-cn', { log: (line) => run.unmatched.push(line), onMatch: (t) => run.matched.add(t.english) });
  return { service: localizeService(english, l10n), workspace };
}

/** Positions worth hovering and renaming at: each `@`, `[`, and start of a word. */
function interestingPositions(text: string): Position[] {
  const lines = new LineMap(text);
  const out: Position[] = [];
  for (let i = 0; i < text.length; i++)
    if (/[@[\p{L}\d]/u.test(text[i]) && (i === 0 || !/[\p{L}\d]/u.test(text[i - 1])))
      out.push(lines.positionAt(i + (text[i] === '@' || text[i] === '[' ? 1 : 0)));
  return out;
}

/** Everything a user can meet on the documents of one case: diagnostics, actions, commands, hovers, completion, renames, links, outline, preview. */
async function exercise(
  files: Readonly<Record<string, string>>,
  settings: Partial<CitokineSettings>,
  renames: readonly string[],
  run: Run,
): Promise<void> {
  const { service } = chineseService(files, settings, run);
  const said = (text: string | undefined) => text !== undefined && run.outputs.push(text);
  for (const [name, text] of Object.entries(files)) {
    const uri = wsUri(name);
    const document = { uri, text };
    if (/\.(bib|json|ya?ml|ris)$/.test(name)) {
      const fileDiagnostics = /glossary/.test(name)
        ? await service.glossaryFileDiagnostics(uri)
        : await service.bibliographyFileDiagnostics(uri);
      fileDiagnostics.forEach((d) => said(d.message));
      continue;
    }
    const diagnostics: Diagnostic[] = await service.diagnostics(document);
    diagnostics.forEach((d) => said(d.message));
    const end = new LineMap(text).positionAt(text.length);
    const actions: CodeAction[] = await service.codeActions(document, { start: { line: 0, character: 0 }, end }, { diagnostics });
    for (const only of [['source'], ['refactor'], ['quickfix'], ['source.fixAll']])
      actions.push(...(await service.codeActions(document, { start: { line: 0, character: 0 }, end }, { diagnostics, only })));
    actions.forEach((a) => said(a.title));
    for (const [command, args] of [
      ['citokine.renumber', []],
      ['citokine.insertReferenceList', []],
      ['citokine.convertCitations', ['toKeys']],
      ['citokine.convertCitations', ['toNumbers']],
      ['citokine.noSuchCommand', []],
    ] as const) {
      const result = await service.documentCommand(command, document, args);
      said(result.message);
      // A list just written is up to date the second time.
      if (command === 'citokine.insertReferenceList' && result.edit)
        said((await service.documentCommand(command, { uri, text: applyWorkspaceEdit(text, result.edit, uri) })).message);
    }
    for (const position of interestingPositions(text)) {
      const hover = await service.hover(document, position);
      if (hover) said((hover.contents as MarkupContent).value);
      for (const newName of renames) await service.rename(document, position, newName).catch((e: Error) => said(e.message));
      await service.prepareRename(document, position).catch((e: Error) => said(e.message));
      const list = await service.completion(document, position);
      for (const item of list?.items.slice(0, 3) ?? []) {
        said(item.detail);
        const resolved = await service.resolveCompletion(document, item);
        said((resolved.documentation as MarkupContent | undefined)?.value);
      }
    }
    (await service.documentLinks(document)).forEach((l) => said(l.tooltip));
    const outline = await service.documentOutline(document);
    outline.cited.forEach((w) => said(w.label));
    (await service.renderedCitations(document)).references.forEach((r) => said(r.text));
  }
}

test('every message the server sends to a zh-cn client is Chinese, and every template is in use', { timeout: 240_000 }, async () => {
  const run: Run = { matched: new Set(), unmatched: [], outputs: [] };
  for (const c of L10N_CASES) await exercise(c.files, c.settings ?? {}, c.renames ?? [], run);
  assert.deepEqual([...new Set(run.unmatched)], [], 'messages left in English');
  // The labels of cards and lists are Chinese too (their content, a title or a definition, may be English).
  const englishLabel =
    /^(?:Cited \d|Cited for:|Cited in section|Also written:|Related:|Discussed in|\*From |Possible matches|Only the fields|\*Built-in corpus|\*(?:cytokine|receptor|protein|gene|term)\*|`@[^`]+`: no bibliography|\*\*\[\d+\]\*\* is not in|Open doi:|first use:)|(?<!\S) and \d+ more$/m;
  assert.deepEqual(
    run.outputs.filter((text) => englishLabel.test(text)),
    [],
    'labels left in English',
  );
  assert.ok(run.outputs.length > 500, `only ${run.outputs.length} outputs`);
  const all = [...ZH_CN_MESSAGES, ...ZH_CN_CARD_LINES, ...ZH_CN_LABELS].map(([en]) => en);
  const unused = all.filter((en) => !run.matched.has(en) && !COVERED_ELSEWHERE[en]);
  assert.deepEqual(unused, [], 'templates no case produced: add a case, or name the test that covers them');
});

test('a translation keeps the placeholders of its English, and the catalogs compile', () => {
  const catalogs = [
    new Catalog(ZH_CN_MESSAGES, MESSAGE_KINDS),
    new Catalog(ZH_CN_CARD_LINES, HOVER_KINDS),
    new Catalog(ZH_CN_LABELS, HOVER_KINDS),
  ];
  for (const template of catalogs.flatMap((c) => c.templates)) {
    const used = [...template.translation.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1]));
    for (const n of used)
      assert.ok(template.placeholders.includes(n), `${template.translation} uses {${n}}, which ${template.english} lacks`);
    // Only an English plural may be left out.
    const dropped = template.placeholders.filter((n) => !used.includes(n));
    for (const n of dropped)
      assert.match(template.english, new RegExp(`\\{${n}\\|plural\\}`), `${template.english}: {${n}} is not in ${template.translation}`);
    // Words outside the placeholders are translated (a template of placeholders and punctuation has none).
    if (/[a-z]{2}/i.test(template.english.replace(/\{\d+(\|[\w-]+)?\}/g, '')))
      assert.match(template.translation, /\p{Script=Han}/u, `${template.english} has no Chinese`);
  }
});

test('templates match whole messages only, with their placeholder kinds', () => {
  const t = new MessageTemplate("Bibliography '{0}' {1|readError}.", '参考文献文件“{0}”{1}。', MESSAGE_KINDS);
  assert.equal(t.translate("Bibliography 'refs.bib' was not found."), '参考文献文件“refs.bib”未找到。');
  assert.equal(
    t.translate("Bibliography 'big.bib' is 80 MB, over the 50 MB limit (citokine.files.maxSizeMB)."),
    '参考文献文件“big.bib”大小为 80 MB，超过了 50 MB 的上限（citokine.files.maxSizeMB）。',
  );
  assert.equal(t.translate("Bibliography 'refs.bib' is on fire."), undefined, 'an unknown read error is not guessed at');
  assert.equal(t.translate("Note: Bibliography 'refs.bib' was not found."), undefined, 'anchored at the start');
  const repeated = new MessageTemplate(
    'This @{0} entry has no key: write it as @{0}{key, ...}.',
    '这个 @{0} 条目没有键：请写成 @{0}{key, ...}。',
    MESSAGE_KINDS,
  );
  assert.equal(
    repeated.translate('This @article entry has no key: write it as @article{key, ...}.'),
    '这个 @article 条目没有键：请写成 @article{key, ...}。',
  );
  assert.equal(
    repeated.translate('This @article entry has no key: write it as @book{key, ...}.'),
    undefined,
    'a repeated placeholder is the same text',
  );
});

test(FAILURES_TEST, () => {
  const l10n = localizerFor('zh-cn');
  for (const [english, chinese] of FAILURES) assert.equal(l10n.message(english), chinese);
  assert.equal(l10n.label('[12] not identified'), '[12] 未确认');
});

test('English and other locales leave messages as the checks write them', () => {
  for (const locale of [undefined, 'en', 'en-gb', 'de', 'zhx'])
    assert.equal(
      localizerFor(locale).message("Unknown citation key '@x': no bibliography in use defines it."),
      "Unknown citation key '@x': no bibliography in use defines it.",
    );
  for (const locale of ['zh-cn', 'zh-CN', 'zh', 'zh-tw', 'zh_Hans'])
    assert.equal(
      localizerFor(locale).message("Unknown citation key '@x': no bibliography in use defines it."),
      '未知的引文键“@x”：所用的参考文献中没有定义它。',
    );
});
