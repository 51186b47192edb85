// Seeded generator of benchmark inputs: BibTeX and CSL-JSON libraries of any size and
// bilingual (English and Chinese) manuscripts that cite them. The same seed always gives the
// same bytes, so two runs of the benchmark (or two machines) measure the same inputs.
//
//   node bench/generate.mjs DIR [--sizes 1000,10000,50000]   writes the inputs into DIR
//
// bench/run.mjs imports the functions instead and writes into a temporary folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * mulberry32: a small, fast 32-bit PRNG. Math.random cannot be seeded, and the inputs must
 * be identical from run to run for the numbers to be comparable.
 * @param {number} seed
 * @returns {() => number} a function returning floats in [0, 1)
 */
export function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one random sequence. */
function chooser(random) {
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const chance = (p) => random() < p;
  return { int, pick, chance };
}

// Names as they appear in real libraries. `tex` is how a BibTeX file often spells an accented
// name; half of the generated entries use it, half the UTF-8 spelling, as exported files mix both.
const WESTERN = [
  { family: 'Smith' },
  { family: 'Johnson' },
  { family: 'Brown' },
  { family: 'Nguyen' },
  { family: 'Kim' },
  { family: 'Patel' },
  { family: 'Okafor' },
  { family: 'Ivanova' },
  { family: 'Rossi' },
  { family: 'Tanaka' },
  { family: 'Andersson' },
  { family: 'Greene' },
  { family: 'Pérez', tex: "P{\\'e}rez" },
  { family: 'Müller', tex: 'M{\\"u}ller' },
  { family: 'García', tex: "Garc{\\'\\i}a" },
  { family: 'Gómez', tex: "G{\\'o}mez" },
  { family: 'Dvořák', tex: "Dvo{\\v{r}}{\\'a}k" },
  { family: 'Søndergaard', tex: 'S{\\o}ndergaard' },
  { family: 'Löwenthal', tex: 'L{\\"o}wenthal' },
  { family: 'Çelik', tex: '{\\c{C}}elik' },
  { family: 'Núñez', tex: "N{\\'u}{\\~n}ez" },
];
const GIVEN = ['Jane', 'A. B.', 'Maria José', 'Hans-Peter', 'Wei', 'Olga', 'Kwame', 'Aiko', 'J.', 'Casey S.', 'François', 'Zoë'];
const GIVEN_TEX = { François: 'Fran{\\c{c}}ois', Zoë: 'Zo{\\"e}' };
// Chinese names: family, given, and the pinyin a key is made of.
const CHINESE = [
  ['王', '小明', 'wang'],
  ['李', '华', 'li'],
  ['张', '伟', 'zhang'],
  ['陈', '静', 'chen'],
  ['刘', '洋', 'liu'],
  ['杨', '帆', 'yang'],
  ['黄', '磊', 'huang'],
  ['赵', '敏', 'zhao'],
  ['周', '杰', 'zhou'],
  ['吴', '晓燕', 'wu'],
];
const WORDS = [
  'interleukin-6',
  'signalling',
  'colorectal',
  'cancer',
  'tumour',
  'STAT3',
  'macrophage',
  'inflammation',
  'cohort',
  'prognosis',
  'receptor',
  'therapy',
  'deep',
  'learning',
  'single-cell',
  'sequencing',
  'microbiome',
  'metastasis',
  'biomarker',
  'survival',
  'randomised',
  'trial',
  'gp130',
  'JAK2',
  'fibroblasts',
  'immune',
  'checkpoint',
  'organoids',
  'transcriptomic',
  'atlas',
];
const TITLE_EXTRAS = ['\\textit{Escherichia coli}', '{IL-6}', '\\emph{in vivo}', '{TGF-$\\beta$}', 'M{\\"u}llerian', '{CRISPR}--Cas9'];
const TITLE_EXTRAS_PLAIN = ['Escherichia coli', 'IL-6', 'in vivo', 'TGF-β', 'Müllerian', 'CRISPR–Cas9'];
const ZH_TITLE = [
  '白细胞介素6',
  '结直肠癌',
  '预后',
  '免疫治疗',
  '肿瘤微环境',
  '单细胞测序',
  '队列研究',
  '信号通路',
  '巨噬细胞',
  '生物标志物',
];
// Journals, some through @string macros as many shared libraries define them.
const JOURNALS = [
  { name: 'Nature Communications', macro: 'natcomms' },
  { name: 'Cell Reports', macro: 'cellrep' },
  { name: 'Journal of Immunology' },
  { name: 'Gut', macro: 'gut' },
  { name: 'Oncogene' },
  { name: 'PLOS Computational Biology', macro: 'ploscb' },
  { name: '中华肿瘤杂志' },
  { name: 'Bioinformatics' },
  { name: 'The Lancet Oncology', macro: 'lancetonc' },
];
const PUBLISHERS = ['Springer', 'Elsevier', 'Cold Spring Harbor Laboratory Press', '人民卫生出版社', 'Oxford University Press'];
const TYPES = [
  ['article', 0.55],
  ['book', 0.06],
  ['incollection', 0.08],
  ['inproceedings', 0.14],
  ['thesis', 0.05],
  ['misc', 0.12],
];

/** One generated work, independent of the file format it is written in. */
function makeWork(index, c, usedKeys) {
  let type = 'misc';
  let roll = c.int(0, 9999) / 10000;
  for (const [name, share] of TYPES) {
    if (roll < share) {
      type = name;
      break;
    }
    roll -= share;
  }
  const chineseWork = c.chance(0.12);
  // One work in ten has a long author list (consortium papers have dozens of authors).
  const authorCount = c.chance(0.1) ? c.int(20, 60) : c.int(1, 8);
  const authors = [];
  for (let i = 0; i < authorCount; i++) {
    if (chineseWork || c.chance(0.15)) {
      const [family, given, pinyin] = c.pick(CHINESE);
      // Some exports keep a Chinese name in one field (`{王小明}`), others split it.
      authors.push({ family, given, pinyin, chinese: true, whole: c.chance(0.4) });
    } else {
      const western = c.pick(WESTERN);
      authors.push({ ...western, given: c.pick(GIVEN) });
    }
  }
  const year = c.int(1975, 2025);
  const words = Array.from({ length: c.int(5, 14) }, () => c.pick(WORDS));
  let title;
  let titleTex;
  if (chineseWork) {
    title = Array.from({ length: c.int(3, 5) }, () => c.pick(ZH_TITLE)).join('与');
    titleTex = title;
  } else {
    const extra = c.int(0, TITLE_EXTRAS.length * 3);
    const cap = (s) => s[0].toUpperCase() + s.slice(1);
    title = cap(words.join(' '));
    titleTex = title;
    if (extra < TITLE_EXTRAS.length) {
      title += ` in ${TITLE_EXTRAS_PLAIN[extra]}`;
      titleTex += ` in ${TITLE_EXTRAS[extra]}`;
    }
  }
  const first = authors[0];
  const stem =
    (first.pinyin ?? first.family)
      .normalize('NFKD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase() || 'anon';
  let key = `${stem}${year}${words[0].replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
  for (let n = 2; usedKeys.has(key); n++) key = `${stem}${year}${words[0].replace(/[^a-z0-9]/gi, '').toLowerCase()}${n}`;
  usedKeys.add(key);
  const journal = c.pick(JOURNALS);
  return {
    index,
    key,
    type,
    authors,
    editors: type === 'incollection' ? [{ ...c.pick(WESTERN), given: c.pick(GIVEN) }] : [],
    title,
    titleTex,
    journal,
    booktitle:
      type === 'inproceedings'
        ? `Proceedings of the ${c.int(1, 40)}th Conference on ${c.pick(WORDS)} ${c.pick(WORDS)}`
        : `Handbook of ${c.pick(WORDS)}`,
    publisher: c.pick(PUBLISHERS),
    year,
    month: c.pick(['jan', 'mar', 'jun', 'sep', 'nov', undefined]),
    volume: c.int(1, 120),
    issue: c.int(1, 12),
    firstPage: c.int(1, 2000),
    pageCount: c.int(3, 20),
    doi: c.chance(0.8) ? `10.${c.int(1000, 9999)}/${c.pick(WORDS).replace(/[^a-z0-9]/gi, '')}.${year}.${index}` : undefined,
    arxiv:
      type === 'misc' && c.chance(0.5)
        ? `${String(year % 100).padStart(2, '0')}${String(c.int(1, 12)).padStart(2, '0')}.${c.int(10000, 99999)}`
        : undefined,
    school: `${c.pick(['University of ', 'Universidad de ', 'Technische Universität '])}${c.pick(['Oslo', 'Granada', 'München', 'Toronto'])}`,
  };
}

/**
 * The works of a library of `count` entries. About one work in 200 is the same work again
 * under a second key (same DOI), as merged libraries have.
 * @param {number} count
 * @param {number} [seed]
 */
export function generateWorks(count, seed = 12) {
  const c = chooser(mulberry32(seed));
  const usedKeys = new Set();
  const works = [];
  for (let i = 0; i < count; i++) {
    if (i > 10 && c.chance(0.005)) {
      const again = works[c.int(0, works.length - 1)];
      let key = `${again.key}dup`;
      for (let n = 2; usedKeys.has(key); n++) key = `${again.key}dup${n}`;
      usedKeys.add(key);
      works.push({ ...again, index: i, key });
      continue;
    }
    works.push(makeWork(i, c, usedKeys));
  }
  return works;
}

/** BibTeX braces protect the value; a field's value with an unbalanced brace would break the file, and ours never has one. */
function bibtexName(person, useTex) {
  if (person.chinese) return person.whole ? `{${person.family}${person.given}}` : `${person.family}, ${person.given}`;
  const family = useTex && person.tex ? person.tex : person.family;
  const given = useTex && GIVEN_TEX[person.given] ? GIVEN_TEX[person.given] : person.given;
  return `${family}, ${given}`;
}

/**
 * A BibTeX library: `@string` macros first, then one entry per work, in the varied shapes
 * of real files (macros, `#` concatenation, month macros, LaTeX escapes, BibLaTeX fields).
 * @param {ReturnType<typeof generateWorks>} works
 * @returns {string}
 */
export function toBibtex(works) {
  const out = ['% Generated by bench/generate.mjs (seeded): not real works.\n'];
  for (const j of JOURNALS) if (j.macro) out.push(`@string{${j.macro} = "${j.name}"}\n`);
  out.push('@string{suppl = " (Supplement)"}\n\n');
  for (const w of works) {
    const tex = w.index % 2 === 0;
    const fields = [];
    const field = (name, value) => fields.push(`  ${name} = ${value}`);
    field('author', `{${w.authors.map((a) => bibtexName(a, tex)).join(' and ')}}`);
    field('title', `{${w.titleTex}}`);
    let entryType = w.type;
    switch (w.type) {
      case 'article':
        if (w.journal.macro) field('journal', w.index % 7 === 0 ? `${w.journal.macro} # suppl` : w.journal.macro);
        else field('journal', `{${w.journal.name}}`);
        field('volume', `{${w.volume}}`);
        field('number', `{${w.issue}}`);
        field('pages', `{${w.firstPage}--${w.firstPage + w.pageCount}}`);
        break;
      case 'book':
        field('publisher', `{${w.publisher}}`);
        field('address', '{Berlin}');
        break;
      case 'incollection':
        field('booktitle', `{${w.booktitle}}`);
        field('editor', `{${w.editors.map((a) => bibtexName(a, tex)).join(' and ')}}`);
        field('publisher', `{${w.publisher}}`);
        field('pages', `{${w.firstPage}--${w.firstPage + w.pageCount}}`);
        break;
      case 'inproceedings':
        field('booktitle', `{${w.booktitle}}`);
        field('pages', `"${w.firstPage}--${w.firstPage + w.pageCount}"`);
        break;
      case 'thesis':
        // Classic BibTeX and BibLaTeX spell a thesis differently; libraries hold both.
        if (w.index % 3 === 0) entryType = 'phdthesis';
        else field('type', '{phdthesis}');
        field(entryType === 'phdthesis' ? 'school' : 'institution', `{${w.school}}`);
        break;
      case 'misc':
        if (w.arxiv) {
          field('eprint', `{${w.arxiv}}`);
          field('archiveprefix', '{arXiv}');
        } else field('howpublished', `{\\url{https://example.org/${w.key}}}`);
        field('note', '{Preprint}');
        break;
    }
    field('year', w.index % 5 === 0 ? `${w.year}` : `{${w.year}}`);
    if (w.month) field('month', w.month);
    if (w.doi) field('doi', `{${w.doi}}`);
    out.push(`@${entryType}{${w.key},\n${fields.join(',\n')}\n}\n\n`);
  }
  return out.join('');
}

const CSL_TYPE = {
  article: 'article-journal',
  book: 'book',
  incollection: 'chapter',
  inproceedings: 'paper-conference',
  thesis: 'thesis',
  misc: 'article',
};

/**
 * The same works as CSL-JSON, as Zotero or Manubot export them.
 * @param {ReturnType<typeof generateWorks>} works
 * @returns {string}
 */
export function toCslJson(works) {
  const name = (p) => (p.chinese && p.whole ? { literal: `${p.family}${p.given}` } : { family: p.family, given: p.given });
  const items = works.map((w) => {
    const item = { id: w.key, type: CSL_TYPE[w.type], title: w.title, author: w.authors.map(name), issued: { 'date-parts': [[w.year]] } };
    if (w.type === 'article')
      Object.assign(item, {
        'container-title': w.journal.name,
        volume: String(w.volume),
        issue: String(w.issue),
        page: `${w.firstPage}-${w.firstPage + w.pageCount}`,
      });
    if (w.type === 'book' || w.type === 'incollection') item.publisher = w.publisher;
    if (w.type === 'incollection' || w.type === 'inproceedings') item['container-title'] = w.booktitle;
    if (w.type === 'incollection') item.editor = w.editors.map(name);
    if (w.type === 'thesis') Object.assign(item, { genre: 'PhD thesis', publisher: w.school });
    if (w.arxiv) item.number = `arXiv:${w.arxiv}`;
    if (w.doi) item.DOI = w.doi;
    return item;
  });
  return `${JSON.stringify(items, null, 2)}\n`;
}

const EN_SENTENCES = [
  'Interleukin-6 (IL-6) signals through gp130 and STAT3 in colorectal cancer',
  'Deep learning models trained on single-cell data predicted survival in the validation cohort',
  'Tumour-associated macrophages secrete IL-6, which promotes invasion and metastasis',
  'A randomised trial reported no benefit of the checkpoint inhibitor in this subgroup',
  'Serum IL-6 was 12 pg/mL at baseline and fell after resection',
  'Organoids derived from patients reproduced the transcriptomic signature of the primary tumour',
];
const ZH_SENTENCES = [
  '白细胞介素6（IL-6）通过 gp130 激活 JAK2/STAT3 信号通路',
  '研究表明，肿瘤相关巨噬细胞分泌的 IL-6 促进结直肠癌的侵袭与转移',
  '单细胞测序揭示了肿瘤微环境中成纤维细胞的异质性',
  '队列研究显示血清 IL-6 水平与总生存期相关',
  '免疫检查点抑制剂在该亚组中未见明显获益',
];
const EN_HEADINGS = ['Introduction', 'Methods', 'Results', 'Discussion', 'Cohort and samples', 'Statistical analysis'];
const ZH_HEADINGS = ['引言', '方法', '结果', '讨论', '研究对象', '统计分析'];

/**
 * A bilingual manuscript of about `bytes` UTF-8 bytes, with front matter naming
 * `bibliography`. Paragraphs alternate English and Chinese; citations are Pandoc keys (single,
 * grouped with locators, in-text, suppressed author) and, in one paragraph in ten, numbers of
 * the built-in corpus (1-55), so both citation styles are checked. About one key in 150 is
 * unknown, so there is something to report.
 * @param {{ keys: readonly string[], bytes: number, bibliography: string, seed?: number, title?: string }} options
 * @returns {{ text: string, firstKey: string }}
 */
export function generateManuscript({ keys, bytes, bibliography, seed = 34, title = 'Generated benchmark manuscript' }) {
  const c = chooser(mulberry32(seed));
  // A manuscript cites a few hundred works of a library, some many times.
  const cited = Array.from({ length: Math.min(keys.length, 1500) }, () => c.pick(keys));
  const key = () => (c.chance(0.007) ? `missing${c.int(1, 999)}` : c.pick(cited));
  const keyCitation = (zh) => {
    switch (c.int(0, 5)) {
      case 0:
        return `@${key()} [${zh ? '第 ' : 'p. '}${c.int(1, 300)}${zh ? ' 页' : ''}]`;
      case 1:
        return `[@${key()}; @${key()}, ${zh ? `第 ${c.int(1, 30)} 页` : `p. ${c.int(1, 30)}`}]`;
      case 2:
        return `[see @${key()}, chap. ${c.int(1, 9)}; @${key()}; @${key()}]`;
      case 3:
        return `[-@${key()}]`;
      default:
        return `[@${key()}]`;
    }
  };
  const numberCitation = () => {
    const a = c.int(1, 50);
    return c.pick([`[${a}]`, `[${a}-${a + c.int(1, 4)}]`, `[${a}, ${c.int(1, 55)}]`, `[${a}]-[${a + 2}]`]);
  };
  const firstKey = cited[0];
  const parts = [
    `---\ntitle: ${title}\nbibliography: ${bibliography}\nlang: zh-CN\n---\n\n# ${title}\n\nThis study [@${firstKey}] builds on earlier work.\n\n`,
  ];
  let size = Buffer.byteLength(parts[0]);
  for (let p = 0; size < bytes; p++) {
    const zh = p % 2 === 1;
    let block = '';
    if (p % 12 === 0) block += `## ${c.pick(zh ? ZH_HEADINGS : EN_HEADINGS)}\n\n`;
    const numeric = p % 10 === 7;
    const sentences = Array.from({ length: c.int(2, 5) }, () => {
      const base = c.pick(zh ? ZH_SENTENCES : EN_SENTENCES);
      const cite = numeric ? numberCitation() : keyCitation(zh);
      return zh ? `${base}${cite}。` : `${base} ${cite}.`;
    });
    block += `${sentences.join(zh ? '' : ' ')}\n\n`;
    parts.push(block);
    size += Buffer.byteLength(block);
  }
  return { text: parts.join(''), firstKey };
}

/**
 * Writes every benchmark input into `dir`: `lib-<n>.bib` and `lib-<n>.json` per size, and
 * `paper-<n>.md` (about 40 KB, citing that library) and `paper-<n>-csl.md` (the same, naming the CSL-JSON file), `ms-100kb.md` and `ms-1mb.md` (citing the
 * 10k library, or the largest one generated when 10k is not among `sizes`).
 * @param {string} dir
 * @param {{ sizes?: readonly number[] }} [options]
 * @returns {{ libraries: Record<number, { bib: string, json: string, paper: string, cslPaper: string, firstKey: string, keys: string[] }>, large: Record<string, { path: string, firstKey: string }> }}
 */
export function writeInputs(dir, { sizes = [1000, 10000, 50000] } = {}) {
  mkdirSync(dir, { recursive: true });
  const libraries = {};
  let largeKeys;
  let largeBib;
  for (const n of sizes) {
    const works = generateWorks(n);
    const keys = works.map((w) => w.key);
    const label = sizeLabel(n);
    const bib = path.join(dir, `lib-${label}.bib`);
    const json = path.join(dir, `lib-${label}.json`);
    writeFileSync(bib, toBibtex(works));
    writeFileSync(json, toCslJson(works));
    const paper = path.join(dir, `paper-${label}.md`);
    const { text, firstKey } = generateManuscript({ keys, bytes: 40_000, bibliography: path.basename(bib), seed: 56 });
    writeFileSync(paper, text);
    // The same manuscript naming the CSL-JSON version of the library.
    const cslPaper = path.join(dir, `paper-${label}-csl.md`);
    writeFileSync(cslPaper, text.replace(`bibliography: ${path.basename(bib)}`, `bibliography: ${path.basename(json)}`));
    libraries[n] = { bib, json, paper, cslPaper, firstKey, keys };
    if (n === 10000 || !largeKeys || (!sizes.includes(10000) && n > largeKeys.length)) {
      largeKeys = keys;
      largeBib = path.basename(bib);
    }
  }
  const large = {};
  for (const [name, bytes] of [
    ['100kb', 100 * 1024],
    ['1mb', 1024 * 1024],
  ]) {
    const file = path.join(dir, `ms-${name}.md`);
    const { text, firstKey } = generateManuscript({
      keys: largeKeys,
      bytes,
      bibliography: largeBib,
      seed: 78,
      title: `Bilingual manuscript of ${name}`,
    });
    writeFileSync(file, text);
    large[name] = { path: file, firstKey };
  }
  return { libraries, large };
}

/** 1000 -> "1k", 50000 -> "50k". */
export function sizeLabel(n) {
  return n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node bench/generate.mjs DIR [--sizes 1000,10000,50000]');
    process.exit(2);
  }
  const at = process.argv.indexOf('--sizes');
  const sizes = at > 0 ? process.argv[at + 1].split(',').map(Number) : undefined;
  const { libraries, large } = writeInputs(path.resolve(dir), { sizes });
  for (const lib of Object.values(libraries)) console.log(lib.bib, lib.json, lib.paper);
  for (const ms of Object.values(large)) console.log(ms.path);
}
