/**
 * Terminology: matching of glossary terms in Chinese, English and mixed text (tables of
 * sentence -> occurrences, the non-matches included), the checks and their quick fixes
 * (applied, and the whole document compared), user glossaries, hover and completion.
 * Matching runs on the built-in glossary loaded by the product's own loader.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, MarkupContent } from 'vscode-languageserver-types';
import { parseManuscript } from '../server/src/core/markdown/manuscript';
import { displayLanguage } from '../server/src/core/terms/language';
import { indexTerms } from '../server/src/core/terms/termIndex';
import { LineMap } from '../server/src/core/text/textRange';
import { shiftDecimal } from '../server/src/core/terms/units';
import type { CitokineSettings } from '../server/src/core/settings';
import { applyEdits, textInRange } from './util/edits';
import { BUILTIN_CORPUS_URI, builtinGlossary, complete, fixture, hoverText } from './util/fixture';

const BUILTIN = builtinGlossary();

/** The occurrences of a text as `written id kind`, with `->fix` for variants. */
function occurrences(text: string): string[] {
  const manuscript = parseManuscript('file:///t.md', text);
  return indexTerms(manuscript, BUILTIN).occurrences.map(
    (o) => `${text.slice(o.range.start, o.range.end)} ${o.term.id} ${o.kind}${o.suggestion ? `->${o.suggestion}` : ''}`,
  );
}

function checkMatches(table: readonly (readonly [string, readonly string[]])[]) {
  for (const [text, expected] of table) assert.deepEqual(occurrences(text), expected, JSON.stringify(text));
}

test('matching in Chinese: no word boundaries, optional spaces at script boundaries, full-width forms', () => {
  checkMatches([
    ['研究表明白细胞介素6促进结直肠癌进展。', ['白细胞介素6 il-6 name', '结直肠癌 crc name']],
    [
      '白细胞介素 6 (Interleukin-6, IL-6)是一种细胞因子',
      ['白细胞介素 6 il-6 name', 'Interleukin-6 il-6 name', 'IL-6 il-6 canonical', '细胞因子 cytokine name'],
    ],
    ['IL-6通过JAK2/STAT3通路激活下游基因', ['IL-6 il-6 canonical', 'JAK2 jak2 canonical', 'STAT3 stat3 canonical']],
    ['可溶性白细胞介素6受体与白细胞介素6受体不同', ['可溶性白细胞介素6受体 sil-6r name', '白细胞介素6受体 il-6r name']],
    ['白介素-6和上皮-间充质转化', ['白介素-6 il-6 alias', '上皮-间充质转化 emt alias']],
    ['血清ＩＬ－６水平升高', ['ＩＬ－６ il-6 variant->IL-6']],
    ['白细胞介素60不是白细胞介素6', ['白细胞介素6 il-6 name']],
    ['转化生长因子-β（TGF-β）', ['转化生长因子-β tgf-beta name', 'TGF-β tgf-beta canonical']],
  ]);
});

test('matching in English: boundaries, plurals, case and dash variants, Greek letters', () => {
  checkMatches([
    ['IL-60, STAT30, sIL-6R and IL-6x are not IL-6.', ['sIL-6R sil-6r canonical', 'IL-6 il-6 canonical']],
    [
      'EMTs, CRCs, CAFs and MMPs; one CAF, one MSC.',
      ['EMTs emt canonical', 'CRCs crc canonical', 'CAFs cafs canonical', 'MMPs mmps canonical', 'CAF cafs alias', 'MSC mscs alias'],
    ],
    [
      'IL6, Il-6, IL–6, Stat3, stat3, gp 130, GP130',
      [
        'IL6 il-6 variant->IL-6',
        'Il-6 il-6 variant->IL-6',
        'IL–6 il-6 variant->IL-6',
        'Stat3 stat3 variant->STAT3',
        'stat3 stat3 variant->STAT3',
        'gp 130 gp130 variant->gp130',
        'GP130 gp130 variant->gp130',
      ],
    ],
    [
      'TGF-β, TGF-beta, TGFβ and TGF beta',
      ['TGF-β tgf-beta canonical', 'TGF-beta tgf-beta alias', 'TGFβ tgf-beta variant->TGF-β', 'TGF beta tgf-beta variant->TGF-β'],
    ],
    ['anti-IL-6 and p-STAT3, but not IL-6-174, KRAS or BRAFV600E', ['IL-6 il-6 canonical', 'STAT3 stat3 canonical']],
    ['Autophagy and Interleukin-6 open sentences.', ['Autophagy autophagy canonical', 'Interleukin-6 il-6 name']],
    ['ras, emt and cea are ordinary lower-case letters here', []],
    ['colorectal\ncancer across a line break', ['colorectal\ncancer crc name']],
    ['the IL-6/STAT3 pathway, written IL-6-STAT3 too', ['IL-6/STAT3 il-6-stat3 canonical', 'IL-6-STAT3 il-6-stat3 variant->IL-6/STAT3']],
    ['IL-6R, the IL-6 receptor (IL-6Rα)', ['IL-6R il-6r canonical', 'IL-6 receptor il-6r alias', 'IL-6Rα il-6r alias']],
  ]);
});

test('matching in mixed sentences', () => {
  checkMatches([
    [
      'IL-6 (白细胞介素6) and CRP（C反应蛋白）were measured',
      ['IL-6 il-6 canonical', '白细胞介素6 il-6 name', 'CRP crp canonical', 'C反应蛋白 crp name'],
    ],
    [
      '在 CRC 中，STAT3 and 自噬 (autophagy) matter',
      ['CRC crc canonical', 'STAT3 stat3 canonical', '自噬 autophagy name', 'autophagy autophagy canonical'],
    ],
  ]);
});

test('never inside code, comments, math, URLs, link destinations, citations or front matter', () => {
  checkMatches([
    ['---\ntitle: IL-6 and STAT3\nglossary: IL-6.yaml\n---\nBody without terms.\n', []],
    ['`IL-6` <!-- IL-6 --> $IL-6$ https://example.org/IL-6 [a link](https://x.org/IL-6)\n', []],
    ['[@smith2020, IL-6 p. 3] and [see @a; STAT3 @b] but STAT3 here\n', ['STAT3 stat3 canonical']],
    ['```\nIL-6 in a fence\n```\n\n    IL-6 indented code\n\nIL6 in text\n', ['IL6 il-6 variant->IL-6']],
  ]);
});

test('occurrence contexts and scopes: headings, keyword lines, the reference list, abstracts', () => {
  const text =
    '# Abstract\n\nIL-6 here.\n\n**Keywords**: IL-6, CRC\n\n# IL-6 in CRC\n\nIL-6 again.\n\n# References\n\n1. Il-6 in a cited title.\n';
  const manuscript = parseManuscript('file:///t.md', text);
  const index = indexTerms(manuscript, BUILTIN);
  assert.deepEqual(
    index.occurrences.map(
      (o) => `${new LineMap(text).positionAt(o.range.start).line + 1} ${o.context} ${index.scopeAt(o.range.start).kind}`,
    ),
    [
      '3 body abstract',
      '5 keywords abstract',
      '5 keywords abstract',
      '7 heading main',
      '7 heading main',
      '9 body main',
      '13 references main',
    ],
  );
  // Both abstracts of a bilingual manuscript are scopes of their own.
  const bilingual = parseManuscript('file:///t.md', '## 摘  要\n\nA\n\n## Abstract {.unnumbered}\n\nB\n\n## 1. 引言\n\nC\n');
  assert.deepEqual(
    indexTerms(bilingual, BUILTIN).scopes.map((s) => s.kind),
    ['abstract', 'abstract', 'main'],
  );
  const paragraph = parseManuscript('file:///t.md', '**Abstract:** IL-6.\n\n# Introduction\n\nIL-6.\n');
  assert.deepEqual(
    indexTerms(paragraph, BUILTIN).occurrences.map((o) => indexTerms(paragraph, BUILTIN).scopeAt(o.range.start).kind),
    ['abstract', 'main'],
  );
});

test('display language: front matter lang, then the dominant script, then the client locale', () => {
  const of = (text: string, locale?: string) => displayLanguage(parseManuscript('file:///t.md', text), locale);
  assert.equal(of('---\nlang: zh-CN\n---\nEnglish words only here.\n'), 'zh');
  assert.equal(of('---\nlang: en-US\n---\n中文内容为主的一段文字。\n'), 'en');
  assert.equal(of('白细胞介素6是一种多效细胞因子，参与炎症与肿瘤。'), 'zh');
  assert.equal(of('Interleukin-6 is a pleiotropic cytokine in inflammation.'), 'en');
  assert.equal(of('2024-11-27', 'zh-cn'), 'zh');
  assert.equal(of('', 'en'), 'en');
});

// ---------------------------------------------------------------------------------------
// Checks and quick fixes through the language service

async function findings(source: string, settings: Partial<CitokineSettings> = {}) {
  const f = fixture(source, settings);
  const diagnostics = await f.service.diagnostics({ uri: f.uri, text: f.text });
  return { f, diagnostics: diagnostics.filter((d) => String(d.code).startsWith('term.') || String(d.code).startsWith('glossary.')) };
}

/** Term diagnostics as `line:col code` (1-based). */
async function codesOf(source: string, settings: Partial<CitokineSettings> = {}): Promise<string[]> {
  const { diagnostics } = await findings(source, settings);
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`);
}

/** Applies the quick fix titled `title` offered at the first diagnostic with `code`; returns the whole document. */
async function applyFix(source: string, code: string, title: RegExp, settings: Partial<CitokineSettings> = {}, nth = 0): Promise<string> {
  const { f, diagnostics } = await findings(source, settings);
  const diagnostic = diagnostics.filter((d) => d.code === code)[nth];
  assert.ok(diagnostic, `no ${code} in ${JSON.stringify(diagnostics.map((d) => d.code))}`);
  const actions = await f.service.codeActions({ uri: f.uri, text: f.text }, diagnostic.range, { diagnostics: [diagnostic] });
  const action = actions.find((a: CodeAction) => title.test(a.title));
  assert.ok(action, `no action ${title} in ${JSON.stringify(actions.map((a) => a.title))}`);
  assert.equal(action.diagnostics?.[0]?.code, code, 'the action names the diagnostic it fixes');
  return applyEdits(f.text, action.edit!.changes![f.uri]);
}

const EN = '---\nlang: en\n---\n';

test('term.variant: non-canonical spellings, at their places, not in the reference list', async () => {
  const off = { diagnostics: { 'term.undefined-abbreviation': 'off' } };
  assert.deepEqual(
    await codesOf(
      `${EN}Interleukin-6 (IL-6) binds gp130. IL6 and Stat3 and gp 130 rise.\n\n# References\n\n1. Il6 in a cited title.\n`,
      off,
    ),
    ['4:35 term.variant', '4:43 term.variant', '4:53 term.variant'],
  );
  const { diagnostics } = await findings(`${EN}IL6 is written.\n`, { diagnostics: { 'term.undefined-abbreviation': 'off' } });
  assert.equal(diagnostics[0].message, "'IL6' is not the glossary's spelling of IL-6 (interleukin-6): write 'IL-6'.");
  assert.equal(diagnostics[0].severity, 2);
});

test('term.variant: the quick fix and "fix all" rewrite only the spellings', async () => {
  const source = `${EN}Interleukin-6 (IL-6) and TGF-β. Then IL6, TGF beta and CAF's; IL-6 stays.\n`;
  assert.equal(
    await applyFix(source, 'term.variant', /^Change to 'IL-6'$/),
    `${EN}Interleukin-6 (IL-6) and TGF-β. Then IL-6, TGF beta and CAF's; IL-6 stays.\n`,
  );
  assert.equal(
    await applyFix(source, 'term.variant', /^Fix all 3 term spellings/),
    `${EN}Interleukin-6 (IL-6) and TGF-β. Then IL-6, TGF-β and CAFs; IL-6 stays.\n`,
  );
  // The same edit as source.fixAll.citokine, for fix-on-save.
  const f = fixture(source);
  const actions = await f.service.codeActions(
    { uri: f.uri, text: f.text },
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    { diagnostics: [], only: ['source.fixAll'] },
  );
  assert.deepEqual(
    actions.map((a) => a.kind),
    ['source.fixAll.citokine'],
  );
  assert.equal(
    applyEdits(f.text, actions[0].edit!.changes![f.uri]),
    `${EN}Interleukin-6 (IL-6) and TGF-β. Then IL-6, TGF-β and CAFs; IL-6 stays.\n`,
  );
});

test('term.undefined-abbreviation: every definition form counts', async () => {
  const defined = [
    'Interleukin-6 (IL-6) rises; IL-6 falls.',
    'IL-6 (interleukin-6) rises; IL-6 falls.',
    '白细胞介素6（IL-6）升高，IL-6下降。',
    '白细胞介素 6 (Interleukin-6, IL-6)是一种细胞因子，IL-6 下降。',
    'Cancer-associated fibroblasts (CAFs) secrete it; CAFs grow.',
    'The tumour necrosis factor (TNF) and the glycoprotein 130 (gp130) signal; gp130 binds.',
    'Many reviews cover DNA, RNA and PCR.',
  ];
  for (const text of defined) assert.deepEqual(await codesOf(`${text}\n`), [], text);
});

test('term.undefined-abbreviation: the first use before a definition, per scope; headings and keywords exempt', async () => {
  assert.deepEqual(
    await codesOf(
      `${EN}# Abstract\n\nInterleukin-6 (IL-6) acts. CRC is common.\n\n**Keywords**: EMT, CRC\n\n# Introduction to IL-6\n\nIL-6 again, and IL-6 once more. Colorectal cancer (CRC) later; CRC.\n`,
    ),
    ['6:28 term.undefined-abbreviation', '12:1 term.undefined-abbreviation'],
  );
  const { diagnostics } = await findings(`${EN}IL-6 first. Then interleukin-6 (IL-6).\n`);
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['term.undefined-abbreviation'],
  );
  assert.equal(
    diagnostics[0].message,
    "'IL-6' (interleukin-6) is used before it is defined in the main text: spell it out at its first use, 'Interleukin-6 (IL-6)'. Its definition comes later, at line 4.",
  );
  // The setting replaces the list of abbreviations that need no definition.
  assert.deepEqual(await codesOf(`${EN}DNA and IL-6 and CRC.\n`, { noDefinitionNeeded: ['IL-6', 'crc'] }), []);
  assert.deepEqual(await codesOf(`${EN}DNA and CRC.\n`, { diagnostics: { 'term.undefined-abbreviation': 'off' } }), []);
});

test('term.undefined-abbreviation: the quick fix spells out this use, in the language around it', async () => {
  assert.equal(
    await applyFix(`${EN}IL-6 rises in CRC.\n`, 'term.undefined-abbreviation', /^Spell out/),
    `${EN}Interleukin-6 (IL-6) rises in CRC.\n`,
  );
  assert.equal(
    await applyFix(`${EN}Serum IL-6 rises.\n`, 'term.undefined-abbreviation', /^Spell out/),
    `${EN}Serum interleukin-6 (IL-6) rises.\n`,
  );
  assert.equal(await applyFix('血清IL-6水平升高。\n', 'term.undefined-abbreviation', /^Spell out/), '血清白细胞介素6（IL-6）水平升高。\n');
  assert.equal(
    await applyFix(`${EN}One CAF.\n`, 'term.undefined-abbreviation', /^Spell out/),
    `${EN}One cancer-associated fibroblast (CAF).\n`,
  );
  assert.equal(await applyFix(`${EN}IL6 rises.\n`, 'term.undefined-abbreviation', /^Spell out/), `${EN}Interleukin-6 (IL-6) rises.\n`);
});

test('term.redefined: a second definition in the same scope, information; the fix keeps the abbreviation', async () => {
  const source = `${EN}# Abstract\n\nInterleukin-6 (IL-6).\n\n# Introduction\n\nInterleukin-6 (IL-6) acts, and later interleukin-6 (IL-6) again.\n`;
  const { diagnostics } = await findings(source);
  assert.deepEqual(
    diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.severity}`),
    ['10:38 term.redefined 3'],
  );
  assert.equal(
    await applyFix(source, 'term.redefined', /^Write 'IL-6' alone$/),
    `${EN}# Abstract\n\nInterleukin-6 (IL-6).\n\n# Introduction\n\nInterleukin-6 (IL-6) acts, and later IL-6 again.\n`,
  );
});

/** Unit findings of one sentence, after the abbreviations are defined: `value | fix or -`. */
async function unitCase(sentence: string, glossary?: string): Promise<string> {
  const source = glossary
    ? `%! main.md\n---\nglossary: my.glossary.yaml\n---\n${sentence}\n%! my.glossary.yaml\n${glossary}`
    : `${sentence}\n`;
  const { f, diagnostics } = await findings(source, { diagnostics: { 'term.undefined-abbreviation': 'off' } });
  const units = diagnostics.filter((d) => d.code === 'term.unit');
  if (units.length === 0) return 'none';
  const d = units[0];
  const value = textInRange(f.text, d.range);
  const actions = await f.service.codeActions({ uri: f.uri, text: f.text }, d.range, { diagnostics: [d] });
  const fix = actions.find((a) => a.diagnostics?.[0]?.code === 'term.unit');
  if (!fix) return `${value} | -`;
  const after = applyEdits(f.text, fix.edit!.changes![f.uri]);
  return `${value} | ${after.split('\n')[d.range.start.line]}`;
}

const IL6_PG_ONLY =
  'terms:\n  - id: il-6\n    canonical: IL-6\n    name: { en: interleukin-6, zh: 白细胞介素6 }\n    abbreviation: true\n    units: [pg/mL]\n';
const CRP_MG_L_ONLY =
  'terms:\n  - id: crp\n    canonical: CRP\n    name: { en: C-reactive protein }\n    abbreviation: true\n    units: [mg/L]\n';

test('term.unit: values in an unconventional unit; exact conversions as fixes, the rest as warnings', async () => {
  const table: [string, string | undefined, string][] = [
    ['Serum IL-6 was 12 mg/L.', undefined, '12 mg/L | -'],
    ['CRP 5 pg/mL at baseline.', undefined, '5 pg/mL | -'],
    ['CEA was 5 ng/L.', undefined, '5 ng/L | CEA was 0.005 ng/mL.'],
    ['IL-6 was 12 pmol/L.', undefined, '12 pmol/L | -'],
    ['Serum IL-6 was 12 ng/L and 7.5 pg/ml later.', undefined, 'none'],
    ['CRP was 0.5 mg/dL.', undefined, 'none'],
    ['血清IL-6水平为12 mg/L。', undefined, '12 mg/L | -'],
    ['Serum IL-6 was 12 ng/L.', IL6_PG_ONLY, '12 ng/L | Serum IL-6 was 12 pg/mL.'],
    ['IL-6 ranged 5–10 ng/L.', IL6_PG_ONLY, '5–10 ng/L | IL-6 ranged 5–10 pg/mL.'],
    ['CRP was 0.5 mg/dL.', CRP_MG_L_ONLY, '0.5 mg/dL | CRP was 5 mg/L.'],
    ['CRP was 1.25 ± 0.5 mg/dL.', CRP_MG_L_ONLY, '1.25 ± 0.5 mg/dL | CRP was 12.5 ± 5 mg/L.'],
    // Conservative: lists of analytes, another analyte between, the value first, another unit first.
    ['IL-6 and CRP were 12 pg/mL and 5 mg/L, respectively.', undefined, 'none'],
    ['IL-6 and TNF-α were 12 mg/L.', undefined, 'none'],
    ['We measured 12 mg/L of IL-6.', undefined, 'none'],
    ['IL-6 fell by 30% to 12 mg/L.', undefined, 'none'],
    ['IL-6 (`12 mg/L` in code) was raised.', undefined, 'none'],
    ['IL-6 [12] rose. Then 5 mg/L of something.', undefined, 'none'],
    ['IL-6 (50 ng/mL) was added to the culture medium.', undefined, 'none'],
    ['细胞经IL-6（50 ng/mL）刺激24小时。', undefined, 'none'],
    ['IL-6 (median 12.4 pg/mL, IQR 5.1–20.3) was raised; CRP ≥ 10 mg/L in 120 patients.', undefined, 'none'],
  ];
  for (const [sentence, glossary, expected] of table) assert.equal(await unitCase(sentence, glossary), expected, sentence);
});

test('exact decimal shifts for unit conversions', () => {
  assert.deepEqual(
    [
      shiftDecimal('0.5', 1),
      shiftDecimal('12', 3),
      shiftDecimal('12.5', -2),
      shiftDecimal('1,200', -3),
      shiftDecimal('0.0001', 4),
      shiftDecimal('7', 0),
    ],
    ['5', '12000', '0.125', '1.2', '1', '7'],
  );
});

// ---------------------------------------------------------------------------------------
// Users' glossaries

const USER_GLOSSARY = `terms:
  - id: il-6
    canonical: IL-6
    name: { en: interleukin six, zh: 白介素六 }
    abbreviation: true
    definition: { en: Our own definition. }
  - id: hif-1a
    canonical: HIF-1α
    name: { en: hypoxia-inducible factor 1-alpha }
    variants: [HIF1a]
    abbreviation: true
`;

test('user glossary: front matter glossary: and citokine.glossary.files extend and override the built-in one', async () => {
  const source = `%! main.md\n---\nglossary: my.glossary.yaml\n---\nHypoxia-inducible factor 1-alpha (HIF-1α) and HIF1a; IL-6 (interleukin six); STAT3 (signal transducer and activator of transcription 3).\n%! my.glossary.yaml\n${USER_GLOSSARY}`;
  assert.deepEqual(await codesOf(source), ['4:47 term.variant']);
  const f = fixture(source.replace('IL-6 (interleukin six)', 'I{|}L-6 (interleukin six)'));
  const hover = await f.service.hover({ uri: f.uri, text: f.text }, f.cursor!);
  assert.match((hover!.contents as MarkupContent).value, /Our own definition\./);
  assert.match((hover!.contents as MarkupContent).value, /From glossary my\.glossary\.yaml/);
  // The same file from the settings.
  assert.deepEqual(
    await codesOf(`%! main.md\nHIF1a.\n%! lib/terms.glossary.yaml\n${USER_GLOSSARY}`, {
      glossaryFiles: ['lib/terms.glossary.yaml'],
      diagnostics: { 'term.undefined-abbreviation': 'off' },
    }),
    ['1:1 term.variant'],
  );
});

test('user glossary: a missing file is reported where it is named; a broken one in itself', async () => {
  assert.deepEqual(await codesOf('%! main.md\n---\nglossary: [missing.yaml]\n---\nText.\n'), ['2:12 glossary.not-found']);
  assert.deepEqual(await codesOf('%! main.md\nText.\n', { glossaryFiles: ['nowhere.json'] }), ['1:1 glossary.not-found']);
  const f = fixture(
    '%! main.md\n---\nglossary: bad.glossary.yaml\n---\nIL-6 (interleukin-6).\n%! bad.glossary.yaml\nterms:\n  - id: x\n    canonical: X\n    category: nonsense\n',
  );
  assert.deepEqual(await f.service.glossaryFilesOf({ uri: f.uri, text: f.text }), [
    `${BUILTIN_CORPUS_URI}/glossary.json`,
    f.uriOf('bad.glossary.yaml'),
  ]);
  const errors = await f.service.glossaryFileDiagnostics(f.uriOf('bad.glossary.yaml'));
  assert.deepEqual(
    errors.map((d) => `${d.range.start.line + 1} ${String(d.code)}`),
    ['4 glossary.invalid'],
  );
});

test('user glossary: a change to the file is seen after fileChanged', async () => {
  const f = fixture(`%! main.md\n---\nglossary: my.glossary.yaml\n---\nHIF1a.\n%! my.glossary.yaml\n${USER_GLOSSARY}`, {
    diagnostics: { 'term.undefined-abbreviation': 'off' },
  });
  const before = await f.service.diagnostics({ uri: f.uri, text: f.text });
  assert.deepEqual(
    before.map((d) => d.code),
    ['term.variant'],
  );
  f.workspace.files.set(f.uriOf('my.glossary.yaml'), USER_GLOSSARY.replace('variants: [HIF1a]', 'aliases: [HIF1a]'));
  assert.equal(f.service.fileChanged(f.uriOf('my.glossary.yaml')), true);
  assert.deepEqual(await f.service.diagnostics({ uri: f.uri, text: f.text }), []);
});

// ---------------------------------------------------------------------------------------
// Hover and completion

test('hover: a term card with both names, the definition in the reader language first, and the review references as links', async () => {
  const en = await hoverText(`${EN}It binds g{|}p130 here.\n`);
  assert.ok(en);
  const lines = en.split('\n');
  assert.equal(lines[0], '**gp130** — glycoprotein 130 · 糖蛋白130');
  assert.equal(lines[2], '*receptor* · abbreviation: spell out at first use');
  const english = en.indexOf('\n\nThe signal-transducing receptor subunit');
  const chinese = en.indexOf('\n\nIL-6 家族细胞因子共用的信号转导受体亚基');
  assert.ok(english > 0 && chinese > english, 'English definition before the Chinese one');
  assert.match(en, /Related: IL-6, IL-6R, sIL-6R, JAK2, STAT3/);
  assert.match(en, /Discussed in the review: \[\\\[4\\\]\]\(file:\/\/\/.*review-55\.json#L\d+ "[^"]*"\)/);

  const zh = await hoverText('---\nlang: zh\n---\n研究表明白细胞{|}介素6促进肿瘤。\n');
  assert.ok(zh);
  assert.match(zh.split('\n')[0], /^\*\*IL-6\*\* — interleukin-6 · 白细胞介素6$/);
  assert.ok(
    zh.indexOf('\n\n一种多效细胞因子') > 0 && zh.indexOf('\n\n一种多效细胞因子') < zh.indexOf('\n\nA pleiotropic cytokine'),
    'Chinese definition first',
  );
  assert.match(zh, /^\*细胞因子\* · 缩写，首次出现时需给出全称$/m);
  assert.match(zh, /综述中讨论它的文献/);

  const variant = await hoverText(`${EN}Then Sta{|}t3 rises.\n`);
  assert.match(variant!, /`Stat3` is not the canonical spelling: write \*\*STAT3\*\*\./);
  assert.equal(await hoverText(`${EN}No t{|}erm here.\n`), undefined);
});

test('hover: a citation wins over a term; a term next to a citation is still a term', async () => {
  const citation = await hoverText(`${EN}IL-6 [1{|}6] rises.\n`);
  assert.match(citation!, /\*\*\[16\]\*\*/);
  const term = await hoverText(`${EN}IL-{|}6[16] rises.\n`);
  assert.match(term!, /^\*\*IL-6\*\*/);
});

test('completion: by Chinese name, alias or canonical form; the defining form at first use, in the language around it', async () => {
  const zh = await complete('研究表明白细胞{|}\n');
  assert.deepEqual(zh.labels.slice(0, 2), ['白细胞介素6（IL-6）', 'IL-6']);
  assert.equal(zh.items[0].textEdit && 'range' in zh.items[0].textEdit ? zh.items[0].textEdit.range.start.character : -1, 4);
  assert.ok(zh.labels.includes('IL-10'));

  const gp = await complete(`${EN}It binds gp1{|}\n`);
  assert.deepEqual(gp.labels, ['glycoprotein 130 (gp130)', 'gp130']);

  const afterDefinition = await complete(`${EN}Interleukin-6 (IL-6) acts. Then IL-{|}\n`);
  assert.equal(afterDefinition.labels[0], 'IL-6');

  const english = await complete(`${EN}It is inter{|}\n`);
  assert.ok(english.labels.includes('interleukin-6 (IL-6)'));
  assert.ok(english.labels.includes('IL-6'));

  const abstractScope = await complete(`${EN}# Abstract\n\nInterleukin-6 (IL-6).\n\n# Introduction\n\nSerum IL{|}\n`);
  assert.equal(abstractScope.labels[0], 'interleukin-6 (IL-6)', "the abstract's definition does not count in the main text");

  const word = await complete('细胞自{|}\n');
  assert.ok(word.labels.includes('自噬'), 'a word-like term is written by its Chinese name in Chinese text');
});

test('completion: nothing before two characters, nothing in code or front matter, citations at citation sites', async () => {
  assert.deepEqual((await complete(`${EN}It binds g{|}\n`)).list, { isIncomplete: true, items: [] });
  assert.equal((await complete(`${EN}Code \`gp1{|}\` here.\n`)).list, undefined);
  assert.equal((await complete('---\ntitle: gp1{|}\n---\nText.\n')).list, undefined);
  const citation = await complete(`${EN}See [@gp1{|}]\n`);
  assert.ok(!citation.labels.includes('gp130'));
});
