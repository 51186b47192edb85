#!/usr/bin/env node
/**
 * Builds the built-in reference corpus, references/review-55.json, from
 *   - references/sources/review-55.research.json: what public records establish about each
 *     of the review's 55 references (facts; the only source of bibliographic fields), and
 *   - references/review-55.context.json: the team's own bilingual account of what each
 *     reference is cited for, its sections and the review's citing clause.
 * It also rewrites the table in references/README.md between `<!-- table -->` and
 * `<!-- /table -->`.
 *
 * Run by hand after either input changes; the output is committed:
 *   node scripts/build-corpus.mjs          write both files
 *   node scripts/build-corpus.mjs --check  exit 1 if either file is out of date
 *
 * The rule it enforces: bibliographic fields come only from the research data's `csl`, and
 * only for entries identified as certain or probable. Entries not identified carry no
 * bibliographic field at all; their candidates stay inside `custom.candidates`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const researchPath = path.join(repoRoot, 'references/sources/review-55.research.json');
const contextPath = path.join(repoRoot, 'references/review-55.context.json');
const outputPath = path.join(repoRoot, 'references/review-55.json');
const readmePath = path.join(repoRoot, 'references/README.md');

const COUNT = 55;
const IDENTIFIED = new Set(['certain', 'probable']);
const STATUSES = new Set(['certain', 'probable', 'candidate', 'unknown']);
/** The CSL-JSON fields the research data may carry; anything else in `csl` is a mistake. */
const CSL_FIELDS = new Set([
  'type',
  'title',
  'author',
  'container-title',
  'issued',
  'volume',
  'issue',
  'page',
  'DOI',
  'PMID',
  'PMCID',
  'publisher',
]);
/** Pandoc citation keys as this corpus writes them: a letter first, no trailing punctuation. */
const KEY_PATTERN = /^[A-Za-z](?:[A-Za-z0-9_:.-]*[A-Za-z0-9_])?$/;
const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'of',
  'on',
  'in',
  'and',
  'or',
  'for',
  'to',
  'with',
  'by',
  'at',
  'from',
  'as',
  'is',
  'are',
  'via',
  'into',
  'its',
]);

function fail(message) {
  console.error(`build-corpus: ${message}`);
  process.exit(1);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`cannot read ${path.relative(repoRoot, file)}: ${e.message}`);
  }
}

/** Lower-case ASCII letters and digits only: "Beyranvand Nejad" -> "beyranvandnejad". */
function asciiSlug(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Significant words of a title, each as an ASCII slug. A hyphen joins only a short symbol to
 * its number ("IL-6" -> "il6"); otherwise it separates ("Stromal-derived" -> "stromal").
 */
function titleWords(title) {
  const tokens = title.match(/[\p{L}]+(?:-?\d+[\p{L}\d]*)?|\d+[\p{L}\d]*/gu) ?? [];
  return tokens.map(asciiSlug).filter((w) => w && !STOPWORDS.has(w));
}

/**
 * The citation key of an identified entry, from the fields the research data saw:
 * `<family><year><first title word>` (lu2015upregulation); parts that were not seen are left
 * out. Without an author the title's first three words and the year, joined by hyphens
 * (nek9-novel-effector); without author and title, the PMID (pmid26799163).
 */
function identifiedKey(csl, n) {
  const family = csl.author?.[0]?.family ? asciiSlug(csl.author[0].family) : '';
  const year = csl.issued?.['date-parts']?.[0]?.[0] ? String(csl.issued['date-parts'][0][0]) : '';
  const words = csl.title ? titleWords(csl.title) : [];
  if (family) return `${family}${year}${words[0] ?? ''}`;
  if (words.length) return [...words.slice(0, 3), ...(year ? [year] : [])].join('-');
  if (csl.PMID) return `pmid${csl.PMID}`;
  if (csl.DOI)
    return `doi-${csl.DOI.toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/-+$/, '')}`;
  fail(`[${n}] is identified but has neither author, title, PMID nor DOI to make a key from`);
}

function unidentifiedKey(n, slug) {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+){0,3}$/.test(slug ?? ''))
    fail(`[${n}] needs a 1-4 word lower-case topic slug in the context file, got ${JSON.stringify(slug)}`);
  return `review${String(n).padStart(2, '0')}-${slug}`;
}

/** Numbers named by a citation group as the review prints it: "[4] [8]-[13]" -> 4,8..13. */
function numbersIn(group) {
  const numbers = [];
  for (const m of group.matchAll(/\[(\d+)\](?:\s*-\s*\[(\d+)\])?/g)) {
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    for (let k = from; k <= to; k++) numbers.push(k);
  }
  return numbers;
}

function candidateNote(n, citedAs) {
  const groups = citedAs.filter((g) => numbersIn(g).length > 1);
  const general =
    "Candidates are plausible works found by searching; none is singled out, and none may be used as this reference until checked against the review's own reference list.";
  if (groups.length === 0) return general;
  return `Cited as part of ${groups.join(' and ')}: which candidate belongs to which number in the group is a guess, and the same papers may belong to a neighbouring number. ${general}`;
}

function sectionsOf(researchSection) {
  return [...new Set(researchSection.match(/\d+/g) ?? [])].sort((a, b) => Number(a) - Number(b));
}

function build() {
  const research = readJson(researchPath);
  const context = readJson(contextPath);
  if (!Array.isArray(research) || research.length !== COUNT) fail(`expected ${COUNT} research entries`);
  const contextByNumber = new Map(context.references.map((c) => [c.n, c]));

  const items = [];
  const keys = new Set();
  for (let n = 1; n <= COUNT; n++) {
    const r = research[n - 1];
    const c = contextByNumber.get(n);
    if (r?.n !== n) fail(`research entry ${n} is out of order`);
    if (!c) fail(`context has no entry for [${n}]`);
    if (!STATUSES.has(r.confidence)) fail(`[${n}] has unknown confidence ${r.confidence}`);
    const identified = IDENTIFIED.has(r.confidence);
    const expectedSections = sectionsOf(r.section);
    if (JSON.stringify(c.sections) !== JSON.stringify(expectedSections))
      fail(`[${n}] sections ${JSON.stringify(c.sections)} differ from the research data's ${JSON.stringify(expectedSections)}`);
    for (const field of ['reviewClause']) if (typeof c[field] !== 'string' || !c[field]) fail(`[${n}] context lacks ${field}`);
    if (!c.citedFor?.en || !c.citedFor?.zh) fail(`[${n}] context lacks citedFor.en/zh`);
    if (!Array.isArray(c.citedAs) || !c.citedAs.every((g) => numbersIn(g).includes(n)))
      fail(`[${n}] citedAs must list the groups that cite it`);

    let item;
    if (identified) {
      if (!r.csl?.type) fail(`[${n}] is ${r.confidence} but has no csl.type`);
      if (c.slug) fail(`[${n}] is identified; its key comes from its fields, so the context must not give a slug`);
      for (const field of Object.keys(r.csl)) if (!CSL_FIELDS.has(field)) fail(`[${n}] csl has unexpected field ${field}`);
      item = { id: identifiedKey(r.csl, n), ...structuredClone(r.csl) };
    } else {
      if (r.csl) fail(`[${n}] is ${r.confidence} but carries csl fields`);
      item = { id: unidentifiedKey(n, c.slug), type: 'article' };
    }
    if (!KEY_PATTERN.test(item.id)) fail(`[${n}] key ${item.id} is not a valid citation key`);
    if (keys.has(item.id)) fail(`[${n}] key ${item.id} is not unique`);
    keys.add(item.id);

    const custom = {
      number: n,
      status: r.confidence,
      sections: c.sections,
      citedFor: { en: c.citedFor.en, zh: c.citedFor.zh },
      reviewClause: c.reviewClause,
    };
    if (r.confidence === 'candidate') {
      custom.candidates = structuredClone(r.candidates ?? []);
      custom.candidateNote = c.candidateNote ?? candidateNote(n, c.citedAs);
    }
    custom.evidence = [...(r.evidence ?? [])];
    custom.notes = c.notes ?? r.notes;
    item.custom = custom;
    items.push(item);
  }
  return items;
}

function escapeCell(text) {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function shorten(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/[\s,;:.-]+$/, '')}…`;
}

function table(items) {
  const rows = ['| # | key | status | short title (identified) / cited for (not identified) |', '|---:|---|---|---|'];
  for (const item of items) {
    const { number, status, citedFor } = item.custom;
    let what;
    if (IDENTIFIED.has(status)) {
      const year = item.issued?.['date-parts']?.[0]?.[0];
      const where = [item['container-title'], year].filter(Boolean).join(' ');
      what = item.title ? shorten(item.title, 90) : `(title not seen) ${where}${item.PMID ? `, PMID ${item.PMID}` : ''}`;
    } else {
      what = `*cited for:* ${shorten(citedFor.en, 110)}`;
    }
    rows.push(`| ${number} | \`${item.id}\` | ${status} | ${escapeCell(what)} |`);
  }
  return rows.join('\n');
}

function withTable(readme, items) {
  const open = '<!-- table -->';
  const close = '<!-- /table -->';
  const start = readme.indexOf(open);
  const end = readme.indexOf(close);
  if (start < 0 || end < start) fail(`${path.relative(repoRoot, readmePath)} needs the markers ${open} and ${close}`);
  return `${readme.slice(0, start + open.length)}\n${table(items)}\n${readme.slice(end)}`;
}

const items = build();
const json = `${JSON.stringify(items, null, 2)}\n`;
const readme = withTable(readFileSync(readmePath, 'utf8'), items);

if (process.argv.includes('--check')) {
  const current = (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const stale = [];
  if (current(outputPath) !== json) stale.push(path.relative(repoRoot, outputPath));
  if (current(readmePath) !== readme) stale.push(path.relative(repoRoot, readmePath));
  if (stale.length) fail(`out of date: ${stale.join(', ')}; run node scripts/build-corpus.mjs`);
  console.log('build-corpus: up to date');
} else {
  writeFileSync(outputPath, json);
  writeFileSync(readmePath, readme);
  const counts = {};
  for (const item of items) counts[item.custom.status] = (counts[item.custom.status] ?? 0) + 1;
  console.log(
    `build-corpus: wrote ${items.length} references (${Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')})`,
  );
}
