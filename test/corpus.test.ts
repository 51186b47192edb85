/**
 * The built-in corpus is data a researcher may paste into a manuscript, so these tests hold
 * it to its sources: references/review-55.json to the research data (no field that was not
 * seen, none on entries not identified) and to the review's text; references/glossary.json
 * to the review's text and to its schema. Everything is loaded through the product's own
 * loaders (parseBibliography, parseGlossary) and through citation-js, as the server does.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBibliography, type CslItem } from '../server/src/core/bibliography/parse';
import { mergeGlossaries, parseGlossary, type GlossaryTerm } from '../server/src/core/terms/glossary';
import { GLOSSARY_SCHEMA } from '../server/src/core/terms/glossarySchema.generated';
import { LineMap } from '../server/src/core/text/textRange';

/* eslint-disable @typescript-eslint/no-require-imports -- citation-js ships no types; the test reads it as the product does */
const { Cite } = require('@citation-js/core') as {
  Cite: new (data: unknown) => { data: unknown[]; format(kind: string, options: object): string };
};
require('@citation-js/plugin-csl');
/* eslint-enable @typescript-eslint/no-require-imports */

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SOURCES = path.join(REPO_ROOT, 'references', 'sources');
const read = (...parts: string[]): string => readFileSync(path.join(...parts), 'utf8');

interface ResearchEntry {
  n: number;
  section: string;
  confidence: 'certain' | 'probable' | 'candidate' | 'unknown';
  csl?: Record<string, unknown>;
  candidates?: Record<string, unknown>[];
  evidence: string[];
}
interface Custom {
  number: number;
  status: string;
  sections: string[];
  citedFor: { en: string; zh: string };
  reviewClause: string;
  candidates?: unknown[];
  candidateNote?: string;
  evidence: string[];
  notes: string;
}

const research = JSON.parse(read(SOURCES, 'review-55.research.json')) as ResearchEntry[];
const corpusUri = 'file:///citokine/references/review-55.json';
const corpusText = read(REPO_ROOT, 'references', 'review-55.json');
const glossaryText = read(REPO_ROOT, 'references', 'glossary.json');
const seed = read(SOURCES, 'review-text.zh.txt');

// ---------------------------------------------------------------------------------------
// The review's text, as the checks read it

/** The seed has spaces inserted and words broken across lines: compare without whitespace. */
const squash = (s: string): string => s.replace(/\s+/g, '');
/** A running page header interrupts the text mid-word ("线粒体转 … 录终止因子"). */
const PAGE_HEADER = /https:\/\/doi\.org\/10\.12677\/acm\.2023\.132365[\s\S]*?临床医学进展/;
const SEED = squash(seed.replace(PAGE_HEADER, ''));
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Latin forms match as whole words, case-insensitively; Chinese forms as substrings. */
function occursIn(text: string, form: string): boolean {
  const f = squash(form);
  return /[A-Za-z0-9]/.test(f) ? new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(f)}(?![A-Za-z0-9])`, 'i').test(text) : text.includes(f);
}

/** "[4][8]-[13]" -> 4, 8..13 */
function citedNumbers(text: string): number[] {
  const numbers: number[] = [];
  for (const m of text.matchAll(/\[(\d+)\](?:\s*-\s*\[(\d+)\])?/g)) {
    for (let k = Number(m[1]); k <= Number(m[2] ?? m[1]); k++) numbers.push(k);
  }
  return numbers;
}

/** The section (1..6) of the review that cites each number. */
function sectionsBySeed(): Map<number, Set<string>> {
  const body = seed.slice(seed.indexOf('1. 引言'));
  const headings = [...body.matchAll(/^\s*([1-6])\. \S/gm)];
  const sections = new Map<number, Set<string>>();
  headings.forEach((h, i) => {
    const text = body.slice(h.index, headings[i + 1]?.index ?? body.length);
    for (const n of citedNumbers(text)) sections.set(n, (sections.get(n) ?? new Set()).add(h[1]));
  });
  return sections;
}

// ---------------------------------------------------------------------------------------
// References

const bibliography = parseBibliography(corpusText, corpusUri, 'csl-json');
const items = bibliography.entries.map((e) => e.item as CslItem & { custom: Custom });
const IDENTIFIED = new Set(['certain', 'probable']);
const BIBLIOGRAPHIC = [
  'title',
  'author',
  'editor',
  'container-title',
  'issued',
  'volume',
  'issue',
  'page',
  'DOI',
  'PMID',
  'PMCID',
  'URL',
  'publisher',
  'ISSN',
  'ISBN',
  'note',
  'abstract',
];

test('the corpus loads through parseBibliography: 55 references numbered 1..55 with unique, valid keys', () => {
  assert.deepEqual(bibliography.errors, []);
  assert.deepEqual(
    items.map((i) => i.custom.number),
    Array.from({ length: 55 }, (_, k) => k + 1),
  );
  const keys = items.map((i) => i.id);
  assert.equal(new Set(keys).size, 55);
  for (const key of keys) assert.match(key, /^[A-Za-z](?:[A-Za-z0-9_:.-]*[A-Za-z0-9_])?$/, key);
  for (const item of items) {
    if (!IDENTIFIED.has(item.custom.status))
      assert.match(item.id, new RegExp(`^review${String(item.custom.number).padStart(2, '0')}-[a-z0-9-]+$`));
  }
});

test('the corpus is valid CSL for citation-js and renders every entry', () => {
  const cite = new Cite(JSON.parse(corpusText));
  assert.equal(cite.data.length, 55);
  const html = cite.format('bibliography', { format: 'text', template: 'vancouver', lang: 'en-US' });
  assert.equal(html.trim().split('\n').length, 55);
  assert.match(html, /Upregulation of TLRs and IL-6 as a Marker in Human Colorectal Cancer/);
});

test("identified entries carry exactly the research data's fields, unchanged", () => {
  for (const item of items) {
    const source = research[item.custom.number - 1];
    assert.equal(item.custom.status, source.confidence, `[${source.n}] status`);
    if (!IDENTIFIED.has(source.confidence)) continue;
    const { id, custom, ...fields } = item;
    assert.ok(id && custom);
    assert.deepEqual(fields, source.csl, `[${source.n}] fields differ from the research data`);
    assert.equal(item.DOI, source.csl?.DOI, `[${source.n}] DOI`);
    assert.equal(item.PMID, source.csl?.PMID, `[${source.n}] PMID`);
  }
  assert.equal(items.filter((i) => IDENTIFIED.has(i.custom.status)).length, 17);
});

test('entries not identified carry no bibliographic field; candidates stay suggestions', () => {
  for (const item of items) {
    const source = research[item.custom.number - 1];
    if (IDENTIFIED.has(source.confidence)) continue;
    assert.deepEqual(Object.keys(item).sort(), ['custom', 'id', 'type'], `[${source.n}] has fields of its own`);
    assert.equal(item.type, 'article');
    for (const field of BIBLIOGRAPHIC) assert.equal(item[field], undefined, `[${source.n}] ${field}`);
    if (source.confidence === 'candidate') {
      assert.deepEqual(item.custom.candidates, source.candidates, `[${source.n}] candidates`);
      assert.ok(item.custom.candidateNote, `[${source.n}] candidateNote`);
    } else {
      assert.equal(item.custom.candidates, undefined);
    }
  }
  const groupNote = (n: number): string => items[n - 1].custom.candidateNote ?? '';
  for (const n of [8, 9, 10, 11, 12, 29, 30, 31, 32, 33, 34, 35]) assert.match(groupNote(n), /guess/, `[${n}]`);
});

test("each reference's sections and quoted clause come from the review's text", () => {
  const sections = sectionsBySeed();
  for (const item of items) {
    const n = item.custom.number;
    assert.deepEqual(item.custom.sections, [...(sections.get(n) ?? [])].sort(), `[${n}] sections`);
    for (const piece of item.custom.reviewClause.split('……'))
      assert.ok(SEED.includes(squash(piece)), `[${n}] clause not in the review: ${piece}`);
    assert.ok(citedNumbers(item.custom.reviewClause).includes(n), `[${n}] clause does not cite it`);
    assert.ok(item.custom.citedFor.en && /[\u4e00-\u9fff]/.test(item.custom.citedFor.zh), `[${n}] citedFor`);
    assert.deepEqual(item.custom.evidence, research[n - 1].evidence, `[${n}] evidence`);
  }
});

test('the committed corpus and README table are what the generator writes', () => {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-corpus.mjs'), '--check'], { stdio: 'pipe' });
});

// ---------------------------------------------------------------------------------------
// Glossary

const builtin = parseGlossary(glossaryText, 'file:///citokine/references/glossary.json');
const terms = builtin.glossary.terms;

/** The terms the review needs, by canonical form. */
const REQUIRED = [
  'IL-6',
  'IL-6R',
  'sIL-6R',
  'gp130',
  'STAT3',
  'JAK2',
  'classic signalling',
  'trans-signalling',
  'cyclin D1',
  'Bcl-xL',
  'VEGF',
  'MMPs',
  'IL-10',
  'TGF-β',
  'EMT',
  'CAFs',
  'MSCs',
  'TLR8',
  'CL075',
  'NEK9',
  'RhoA',
  'pre-metastatic niche',
  'CRC',
  'TNM',
  'CEA',
  'CRP',
  'PFS',
  'BRAF',
  'RAS',
  'miR-204-5p',
  'BECN1',
  'autophagy',
  'PD-1',
  'PD-L1',
  'trastuzumab',
  'bevacizumab',
  'cetuximab',
  'MTERFD1',
  'glycolysis',
  'radioresistance',
  'methylprednisolone',
  'probiotics',
  'siltuximab',
  'tocilizumab',
  'MCD',
  'rheumatoid arthritis',
  'SLP',
  'COVID-19',
  'chemoresistance',
  'liver metastasis',
  'cytokine',
];

test('the built-in glossary loads without errors and matches its schema file', () => {
  assert.deepEqual(builtin.errors, []);
  assert.deepEqual(GLOSSARY_SCHEMA, JSON.parse(read(REPO_ROOT, 'schemas', 'glossary.schema.json')));
  assert.equal(JSON.parse(glossaryText).$schema, '../schemas/glossary.schema.json');
  assert.ok(terms.length >= REQUIRED.length);
});

test('every required term is present with both names and both definitions', () => {
  for (const canonical of REQUIRED) {
    const term = builtin.glossary.byCanonical.get(canonical.toLowerCase());
    assert.ok(term, `missing ${canonical}`);
    assert.equal(term.canonical, canonical);
    for (const text of [term.name.en, term.name.zh, term.definition.en, term.definition.zh])
      assert.ok(text && text.trim(), `${canonical}: empty name or definition`);
    assert.match(term.name.zh!, /[\u4e00-\u9fff]|^[A-Z0-9]/, `${canonical}: zh name`);
  }
  const plural = (id: string, singular: string): void =>
    assert.ok(builtin.glossary.byId.get(id)?.aliases.includes(singular), `${id} lists ${singular}`);
  plural('mmps', 'MMP');
  plural('cafs', 'CAF');
  plural('mscs', 'MSC');
});

test("every term's canonical form or Chinese name occurs in the review's text", () => {
  // A standard Chinese name the review does not use stands beside the review's own (`reviewNames`).
  const reviewNames = new Map(
    (JSON.parse(glossaryText) as { terms: { id: string; reviewNames?: { zh?: string[] } }[] }).terms.map((t) => [
      t.id,
      t.reviewNames?.zh ?? [],
    ]),
  );
  const writes = (term: GlossaryTerm): boolean =>
    [term.name.zh ?? '-', ...(reviewNames.get(term.id) ?? [])].some((name) => SEED.includes(squash(name)));
  for (const term of terms) assert.ok(occursIn(SEED, term.canonical) || writes(term), `${term.id} does not occur in the review`);
});

// Each term's reference numbers: test/glossary-data.test.ts (the clause each citation closes).

test('related ids exist, and units are given for the serum analytes', () => {
  for (const term of terms) for (const id of term.related) assert.ok(builtin.glossary.byId.has(id), `${term.id} -> ${id}`);
  const units = Object.fromEntries(terms.filter((t) => t.units).map((t) => [t.canonical, t.units]));
  assert.deepEqual(units, { 'IL-6': ['pg/mL', 'ng/L'], CEA: ['ng/mL', 'μg/L'], CRP: ['mg/L', 'mg/dL'] });
});

// ---------------------------------------------------------------------------------------
// Users' glossary files

/**
 * Parses a user's glossary and compares what loads and what is reported, each error as
 * "<line> <severity> <text it underlines>".
 */
function checkUserGlossary(text: string, uri: string, expected: { loads: string[]; errors: string[] }): GlossaryTerm[] {
  const { glossary, errors } = parseGlossary(text, uri);
  const lines = new LineMap(text);
  const actual = errors.map((e) => `${lines.positionAt(e.range.start).line + 1} ${e.severity} ${text.slice(e.range.start, e.range.end)}`);
  assert.deepEqual(actual, expected.errors, errors.map((e) => e.message).join('\n'));
  assert.deepEqual(
    glossary.terms.map((t) => t.id),
    expected.loads,
  );
  return [...glossary.terms];
}

test('a broken YAML glossary: each error at its line, the valid terms still load', () => {
  const yaml = [
    '# my lab glossary', // 1
    'version: 1', // 2
    'terms:', // 3
    '  - id: il-6', // 4
    '    canonical: IL-6', // 5
    '    name: { en: interleukin-6, zh: 白细胞介素-6 }', // 6
    '    category: cytokin', // 7  not in the enum
    '  - id: Bad Id', // 8  pattern
    '    canonical: X', // 9
    '  - id: sting', // 10
    '    canonical: STING', // 11
    '    colour: blue', // 12 unknown property
    '  - id: cgas', // 13
    '    canonical: cGAS', // 14
    '    abbreviation: yes please', // 15 not a boolean
    '  - id: ifn-b', // 16
    '    canonical: IFN-β', // 17
    '    units: [pg/mL]', // 18
    '  - canonical: no id here', // 19 required
    '',
  ].join('\n');
  checkUserGlossary(yaml, 'file:///ws/lab.glossary.yaml', {
    loads: ['ifn-b'],
    errors: ['7 error cytokin', '8 error Bad Id', '12 error colour', '15 error yes please', '19 error canonical'],
  });
});

test('a broken JSON glossary: schema errors and a syntax error at their lines', () => {
  const json = `{
  "terms": [
    { "id": "tnf", "canonical": "TNF-α", "variants": ["TNFa", "TNFa"] },
    { "id": "il-1b", "canonical": "IL-1β", "references": [0] },
    { "id": "il-8", "canonical": "IL-8", "name": { "fr": "interleukine-8" } },
    { "id": "ok", "canonical": "OK" }
  ],
  "extra": true
}
`;
  checkUserGlossary(json, 'file:///ws/terms.glossary.json', {
    loads: ['ok'],
    errors: ['3 error TNFa', '4 error 0', '5 error fr', '8 error extra'],
  });
  const broken = '{\n  "terms": [\n    { "id": "a", "canonical": "A" }\n    { "id": "b", "canonical": "B" }\n  ]\n}\n';
  // A missing comma: one syntax error, on the line of the second item, and no schema noise.
  const { errors } = parseGlossary(broken, 'file:///ws/broken.glossary.json');
  assert.equal(errors.length, 1, errors.map((e) => e.message).join('\n'));
  assert.equal(new LineMap(broken).positionAt(errors[0].range.start).line + 1, 4, errors[0].message);
  assert.match(errors[0].message, /^Not valid JSON: Missing ,/);
});

test('duplicate ids and shared forms in one file are reported, not thrown', () => {
  const yaml = 'terms:\n  - id: a\n    canonical: IL-6\n  - id: a\n    canonical: IL6\n  - id: b\n    canonical: Il-6\n';
  checkUserGlossary(yaml, 'file:///ws/dup.glossary.yaml', { loads: ['a', 'b'], errors: ['4 error a', '7 warning Il-6'] });
  assert.deepEqual(parseGlossary('', 'file:///ws/empty.glossary.yaml').errors, []);
  assert.equal(parseGlossary('terms: [', 'file:///ws/x.glossary.yaml').errors[0].severity, 'error');
});

test('a user glossary overrides built-in terms by id and extends with new ids', () => {
  const user = parseGlossary(
    `terms:
  - id: il-6
    canonical: IL-6
    name: { en: interleukin 6, zh: 白介素-6 }
    definition: { en: Our lab's definition. }
  - id: ifn-gamma
    canonical: IFN-γ
    name: { en: interferon-γ, zh: γ干扰素 }
`,
    'file:///ws/lab.glossary.yaml',
  );
  assert.deepEqual(user.errors, []);
  const merged = mergeGlossaries(builtin.glossary, [user.glossary]);
  assert.equal(merged.terms.length, terms.length + 1);
  const il6 = merged.byId.get('il-6')!;
  assert.equal(il6.definition.en, "Our lab's definition.");
  assert.equal(il6.source.uri, 'file:///ws/lab.glossary.yaml');
  assert.equal(merged.byCanonical.get('il-6'), il6);
  assert.equal(merged.terms[0], il6, "an override keeps the built-in term's place");
  assert.equal(merged.byCanonical.get('ifn-γ')?.name.zh, 'γ干扰素');
  assert.equal(merged.byId.get('stat3'), builtin.glossary.byId.get('stat3'));
  assert.equal(builtin.glossary.byId.get('il-6')?.source.uri, 'file:///citokine/references/glossary.json', 'the base is not changed');
});
