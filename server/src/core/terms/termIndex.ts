/**
 * The term index of a manuscript: every place a glossary term is written, in English or
 * Chinese, and how it is written (the canonical form, an accepted alias, a full name, or a
 * spelling to flag).
 *
 * One matcher is compiled per glossary object (a trie over folded characters) and walked
 * once over the text, so indexing costs one pass whatever the glossary's size. Folding
 * makes case, full-width forms, dashes and spacing at Chinese/Latin boundaries irrelevant
 * to *finding* a term; whether what was found is the accepted spelling is decided after,
 * by comparing the written text with the glossary forms that fold to it.
 *
 * Matching rules, the same for every term:
 * - Latin edges need a boundary: `IL-6` is not in `IL-60`, `sIL-6R` or `IL-6x`; a Chinese
 *   edge needs none (`白细胞介素6` inside a Chinese sentence matches). A term after a hyphen
 *   (`anti-IL-6`, `p-STAT3`) matches; a term followed by a hyphen and a digit does not.
 * - A form ending in a capital letter also matches with a plural `s` (`CAFs`, `EMTs`, `CRCs`).
 * - Whitespace inside a form matches any run of spaces or one line break; at a boundary
 *   between Chinese and Latin or digits it is optional (`白细胞介素 6` = `白细胞介素6`).
 * - Nothing is found inside `scan.excluded` (code, HTML comments, math, URLs, link
 *   destinations, front matter) or inside citations.
 */
import type { Glossary, GlossaryTerm } from './glossary';
import type { Manuscript } from '../markdown/manuscript';
import type { Heading } from '../markdown/syntax';
import { rangeContaining, type OffsetRange } from '../text/textRange';
import { editDistance } from '../text/editDistance';

/** How an occurrence is written, relative to its term. */
export type TermFormKind = 'canonical' | 'alias' | 'name' | 'variant';

/** Where in the document an occurrence stands; checks treat these differently. */
export type OccurrenceContext = 'body' | 'heading' | 'keywords' | 'references';

/** One place where a glossary term is written. */
export interface TermOccurrence {
  readonly term: GlossaryTerm;
  /** The written text, including a plural `s` the form took. */
  readonly range: OffsetRange;
  readonly kind: TermFormKind;
  /** The glossary form (or the form derived from one) that the text was matched against. */
  readonly form: string;
  /** For a variant: the accepted spelling to write instead (plural `s` included when written). */
  readonly suggestion?: string;
  /** The text took a plural `s` that the form does not have. */
  readonly plural: boolean;
  /** An abbreviation use: the term is an abbreviation and this is its short form (any spelling). */
  readonly short: boolean;
  /** A full name of the term (`interleukin-6`, `白细胞介素6`), not a symbol. */
  readonly long: boolean;
  readonly context: OccurrenceContext;
}

/** The abstract (each one, when a manuscript has two) and the main text are separate scopes for definitions. */
export interface TermScope {
  readonly kind: 'abstract' | 'main';
  /** For an abstract: its section. The main text is everything outside the abstracts. */
  readonly range?: OffsetRange;
}

/** A manuscript's terms, for one glossary. Built once per document version and glossary. */
export interface TermIndex {
  readonly glossary: Glossary;
  /** Sorted by start offset, never overlapping. */
  readonly occurrences: readonly TermOccurrence[];
  readonly scopes: readonly TermScope[];
  /** The occurrence under the cursor (its end counts as on it), if any. */
  occurrenceAt(offset: number): TermOccurrence | undefined;
  /** The scope an offset belongs to. */
  scopeAt(offset: number): TermScope;
}

// ---------------------------------------------------------------------------------------
// Characters

const SPACE = 32;
const HYPHEN = 45;

/** Folded code of every BMP character seen so far (-2 = not computed yet). */
let lowerTable: Int32Array | undefined;

/**
 * One character as matching sees it: lower case, half-width, every dash a hyphen, every
 * space a space, typographic apostrophes straight, the micro sign as Greek mu.
 */
export function foldChar(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c === 9 || c === 10 || c === 13 ? SPACE : c;
  if (c >= 0xff01 && c <= 0xff5e) return foldChar(c - 0xfee0);
  if (c === 0x3000 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f) return SPACE;
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe63) return HYPHEN;
  if (c === 0x2018 || c === 0x2019 || c === 0x2032) return 39;
  if (c === 0xb5) return 0x3bc;
  if (c >= 0xd800 && c <= 0xdfff) return c;
  lowerTable ??= new Int32Array(65536).fill(-2);
  let folded = lowerTable[c];
  if (folded === -2) {
    const lower = String.fromCharCode(c).toLowerCase();
    folded = lower.length === 1 ? lower.charCodeAt(0) : c;
    lowerTable[c] = folded;
  }
  return folded;
}

/** Spaces as matching sees them (after folding a line break is a space too). */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f;
}

/** Chinese (and Japanese) ideographs: text with no spaces between words. */
export function isCjk(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/** Characters that continue a Latin word or identifier, on folded codes. */
function isWordChar(f: number): boolean {
  return (f >= 97 && f <= 122) || (f >= 48 && f <= 57) || f === 95 || (f >= 0xc0 && f <= 0x24f && f !== 0xd7 && f !== 0xf7) || (f >= 0x370 && f <= 0x3ff);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A form as the trie stores it: folded characters, whitespace runs as one space, and no
 * space at a Chinese/non-Chinese boundary (it is optional there in the text).
 */
function foldForm(form: string): number[] {
  const out: number[] = [];
  let pendingSpace = false;
  let previousRaw = -1;
  for (let i = 0; i < form.length; i++) {
    const c = form.charCodeAt(i);
    if (isSpace(c)) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace && !isCjk(previousRaw) && !isCjk(c)) out.push(SPACE);
    pendingSpace = false;
    out.push(foldChar(c));
    previousRaw = c;
  }
  return out;
}

/** Text compared for exactness: spacing normalized the way matching ignores it, nothing else. */
function loose(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/ (?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])|(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]) /g, '').trim();
}

/** Width, dashes, spaces and apostrophes folded, case kept: to tell a case change from the rest. */
function foldKeepCase(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe63) c = HYPHEN;
    else if (c === 0x2018 || c === 0x2019 || c === 0x2032) c = 39;
    else if (isSpace(c)) c = SPACE;
    out += String.fromCharCode(c);
  }
  return loose(out);
}

/**
 * A symbol (`IL-6`, `STAT3`, `gp130`, `miR-204-5p`) rather than a word: no spaces, no Chinese,
 * a capital or a digit, and no run of four lower-case letters (`interleukin-6` is a word).
 * For symbols, case, width and dash differences are spelling variants; for words they are not.
 */
export function isSymbolLike(form: string): boolean {
  return !/\s/.test(form) && !/[\u3400-\u9fff]/.test(form) && /[A-Z0-9]/.test(form) && !/[a-z]{4}/.test(form);
}

/** Compares abbreviations across spellings: `IL6`, `IL-6`, `Il-6`; `CAF`, `CAFs`, `CAF's`; `TGF-β`, `TGF beta`. */
function abbreviationKey(form: string): string {
  return form
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-‐‑‒–—―−.'’]/g, '')
    .replace(/alpha|α/g, 'a')
    .replace(/beta|β|ß/g, 'b')
    .replace(/gamma|γ/g, 'g')
    .replace(/kappa|κ/g, 'k')
    .replace(/s$/, '');
}

const GREEK: Readonly<Record<string, string>> = { α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', κ: 'kappa' };

// ---------------------------------------------------------------------------------------
// The matcher

interface FormEntry {
  readonly term: GlossaryTerm;
  readonly form: string;
  readonly kind: TermFormKind;
  /** Lower is preferred when several forms fold to the same key. */
  readonly rank: number;
  readonly symbol: boolean;
  readonly digits: boolean;
  readonly short: boolean;
  readonly long: boolean;
  /** Ends in a capital letter, so `form + s` is its plural. */
  readonly plural: boolean;
  /** For variants: the accepted spelling. */
  readonly suggestion?: string;
  readonly loose: string;
  readonly keepCase: string;
}

interface TrieNode {
  next: Map<number, TrieNode> | undefined;
  /** Forms that end here, best first. */
  entries: FormEntry[] | undefined;
}

/** A compiled glossary: one trie of every form. Build with `termMatcher`, which caches. */
export interface TermMatcher {
  readonly glossary: Glossary;
  /** Every form by which a term can be found (for completion): accepted forms only. */
  readonly forms: readonly { readonly term: GlossaryTerm; readonly form: string; readonly kind: Exclude<TermFormKind, 'variant'> }[];
  /** Number of forms in the trie, generated ones included. */
  readonly size: number;
  /** Matches in text[start, end), each [start, end) with its classification. */
  find(text: string, start: number, end: number, out: RawMatch[]): void;
}

/** A match before the manuscript's context is known. */
export interface RawMatch {
  readonly start: number;
  readonly end: number;
  readonly entry: Pick<FormEntry, 'term' | 'form' | 'short' | 'long'>;
  readonly kind: TermFormKind;
  readonly suggestion?: string;
  readonly plural: boolean;
}

const matchers = new WeakMap<Glossary, TermMatcher>();

/** The matcher of a glossary, compiled once per glossary object (glossaries are immutable). */
export function termMatcher(glossary: Glossary): TermMatcher {
  let matcher = matchers.get(glossary);
  if (!matcher) {
    matcher = compile(glossary);
    matchers.set(glossary, matcher);
  }
  return matcher;
}

const KIND_RANK: Readonly<Record<TermFormKind, number>> = { canonical: 0, alias: 1, name: 2, variant: 3 };

function compile(glossary: Glossary): TermMatcher {
  const root: TrieNode = { next: undefined, entries: undefined };
  /** Folded key -> the term that owns it, so a generated form never takes another term's key. */
  const owners = new Map<string, GlossaryTerm>();
  let size = 0;
  const forms: { term: GlossaryTerm; form: string; kind: Exclude<TermFormKind, 'variant'> }[] = [];

  const insert = (term: GlossaryTerm, form: string, kind: TermFormKind, generated: boolean, suggestion?: string) => {
    const folded = foldForm(form);
    if (folded.length === 0) return;
    const key = String.fromCharCode(...folded);
    const owner = owners.get(key);
    if (generated && owner) return;
    if (!owner) owners.set(key, term);
    let node = root;
    for (const c of folded) {
      node.next ??= new Map();
      let child = node.next.get(c);
      if (!child) {
        child = { next: undefined, entries: undefined };
        node.next.set(c, child);
      }
      node = child;
    }
    const symbol = isSymbolLike(form);
    const short = term.abbreviation && abbreviationKey(form) === abbreviationKey(term.canonical);
    const entry: FormEntry = {
      term,
      form,
      kind,
      rank: KIND_RANK[kind] * 2 + (generated ? 1 : 0),
      symbol,
      digits: /\d/.test(form),
      short,
      long: !short && !symbol && kind !== 'canonical',
      plural: /[A-Z]$/.test(form),
      suggestion,
      loose: loose(form),
      keepCase: foldKeepCase(form),
    };
    const entries = (node.entries ??= []);
    if (entries.some((e) => e.term === term && e.loose === entry.loose)) return;
    entries.push(entry);
    entries.sort((a, b) => a.rank - b.rank);
    size++;
  };

  const accepted: [GlossaryTerm, string, Exclude<TermFormKind, 'variant'>][] = [];
  for (const term of glossary.terms) {
    accepted.push([term, term.canonical, 'canonical']);
    for (const alias of term.aliases) accepted.push([term, alias, 'alias']);
    if (term.name.en) accepted.push([term, term.name.en, 'name']);
    if (term.name.zh) accepted.push([term, term.name.zh, 'name']);
  }
  // Accepted forms first, so that a variant listed by one term never hides another's form.
  for (const [term, form, kind] of accepted) {
    insert(term, form, kind, false);
    forms.push({ term, form, kind });
  }
  for (const term of glossary.terms) for (const variant of term.variants) insert(term, variant, 'variant', false, variantFix(term, variant));

  // Derived forms: spelled-out Greek letters, the singular of a plural abbreviation, and the
  // hyphen dropped or spaced in a symbol's letter-digit joint (IL-6 -> IL6, IL 6; STAT3 -> STAT-3).
  for (const term of glossary.terms) {
    for (const [form, kind] of [[term.canonical, 'canonical'], ...term.aliases.map((a) => [a, 'alias']), ...term.variants.map((v) => [v, 'variant'])] as [string, TermFormKind][]) {
      if (/[αβγδκ]/.test(form)) {
        const spelled = form.replace(/[αβγδκ]/g, (g) => GREEK[g]);
        insert(term, spelled, kind === 'canonical' ? 'alias' : kind, true, kind === 'variant' ? term.canonical : undefined);
      }
    }
    if (/[A-Z]s$/.test(term.canonical)) insert(term, term.canonical.slice(0, -1), 'alias', true);
    if (isSymbolLike(term.canonical) && term.canonical.length <= 12) {
      for (const derived of jointSpellings(term.canonical)) insert(term, derived, 'variant', true, term.canonical);
    }
  }
  return Object.freeze({ glossary, forms: Object.freeze(forms), size, find: (text: string, start: number, end: number, out: RawMatch[]) => find(root, text, start, end, out) });
}

/**
 * What a listed variant should be written as: the canonical form for a spelling of the
 * abbreviation (`IL6` -> `IL-6`); for a misspelt name, the nearest accepted name
 * (`synthetic longpeptide` -> `synthetic long peptide`, not `SLP`).
 */
function variantFix(term: GlossaryTerm, variant: string): string {
  if (abbreviationKey(variant) === abbreviationKey(term.canonical) || isSymbolLike(variant)) return term.canonical;
  const accepted = [term.canonical, ...[term.name.en, term.name.zh].filter((n): n is string => !!n), ...term.aliases];
  const lower = variant.toLowerCase();
  let best = term.canonical;
  let bestDistance = editDistance(lower, best.toLowerCase());
  for (const form of accepted) {
    const distance = editDistance(lower, form.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [form, distance];
  }
  return best;
}

/** `IL-6` -> `IL6`, `IL 6`; `STAT3` -> `STAT-3`, `STAT 3`: one letter-digit joint at a time. */
function jointSpellings(symbol: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < symbol.length; i++) {
    const a = symbol[i - 1];
    const b = symbol[i];
    if (/[A-Za-z]/.test(a) && b === '-' && /\d/.test(symbol[i + 1] ?? '')) {
      out.push(symbol.slice(0, i) + symbol.slice(i + 1), `${symbol.slice(0, i)} ${symbol.slice(i + 1)}`);
    } else if (/[A-Za-z]/.test(a) && /\d/.test(b) && (i < 2 || !/\d/.test(symbol[i - 2]))) {
      out.push(`${symbol.slice(0, i)}-${symbol.slice(i)}`, `${symbol.slice(0, i)} ${symbol.slice(i)}`);
    }
  }
  return out;
}

function leftBoundary(text: string, start: number, first: number): boolean {
  if (!isWordChar(first) || start === 0) return true;
  const before = foldChar(text.charCodeAt(start - 1));
  return !isWordChar(before) && before !== 64 /* @ */;
}

function rightBoundary(text: string, end: number, last: number): boolean {
  if (!isWordChar(last) || end >= text.length) return true;
  const after = foldChar(text.charCodeAt(end));
  if (isWordChar(after)) return false;
  // `IL-6-174` and `IL-6.5` are not IL-6.
  if ((after === HYPHEN || after === 46) && isDigit(text.charCodeAt(end + 1))) return false;
  return true;
}

function find(root: TrieNode, text: string, start: number, end: number, out: RawMatch[]): void {
  const ends: { node: TrieNode; end: number; last: number }[] = [];
  let i = start;
  while (i < end) {
    const first = foldChar(text.charCodeAt(i));
    const child = root.next?.get(first);
    if (!child || !leftBoundary(text, i, first)) {
      i++;
      continue;
    }
    // Walk the trie as far as the text follows it, remembering every place a form ends.
    ends.length = 0;
    let node = child;
    let j = i + 1;
    let previousRaw = text.charCodeAt(i);
    if (node.entries) ends.push({ node, end: j, last: first });
    while (j < end && node.next) {
      const c = text.charCodeAt(j);
      if (isSpace(c)) {
        let k = j;
        let breaks = 0;
        while (k < end && isSpace(text.charCodeAt(k))) if (text.charCodeAt(k++) === 10) breaks++;
        if (breaks > 1 || k >= end) break;
        const next = text.charCodeAt(k);
        if (isCjk(previousRaw) || isCjk(next)) {
          j = k; // optional at a Chinese boundary: skip without consuming a trie space
          continue;
        }
        const spaced = node.next.get(SPACE);
        if (!spaced) break;
        node = spaced;
        j = k;
        continue;
      }
      const f = foldChar(c);
      const nextNode = node.next.get(f);
      if (!nextNode) break;
      node = nextNode;
      j++;
      previousRaw = c;
      if (node.entries) ends.push({ node, end: j, last: f });
    }
    let matched: RawMatch | undefined;
    for (let e = ends.length - 1; e >= 0 && !matched; e--) matched = classify(text, i, ends[e]);
    if (matched) {
      out.push(matched);
      i = matched.end;
    } else i++;
  }
}

/** Decides whether a trie path that ended at `at` is a use, and what kind. */
function classify(text: string, start: number, at: { node: TrieNode; end: number; last: number }): RawMatch | undefined {
  const entries = at.node.entries!;
  let end = at.end;
  let plural = false;
  if (!rightBoundary(text, end, at.last)) {
    // A plural `s` on a form ending in a capital: `CAFs`, `EMTs`.
    if (text.charCodeAt(end) === 115 && rightBoundary(text, end + 1, 115) && entries.some((e) => e.plural)) plural = true;
    else return undefined;
  }
  const written = text.slice(start, at.end);
  const candidates = plural ? entries.filter((e) => e.plural) : entries;
  const writtenLoose = loose(written);
  const exact = candidates.find((e) => e.loose === writtenLoose);
  const s = plural ? 's' : '';
  if (exact) {
    end += plural ? 1 : 0;
    return { start, end, entry: exact, kind: exact.kind, suggestion: exact.suggestion !== undefined ? sameInitialCase(written, exact.suggestion) + s : undefined, plural };
  }
  // Folded equal only: a different case, width or dash.
  const best = candidates[0];
  if (!best) return undefined;
  if (best.symbol && !best.digits && foldKeepCase(written) !== best.keepCase) {
    // `ras`, `Emt`: for a symbol without digits a case change is more likely an ordinary word.
    return undefined;
  }
  end += plural ? 1 : 0;
  if (best.kind === 'variant') return { start, end, entry: best, kind: 'variant', suggestion: best.suggestion + s, plural };
  if (best.symbol) return { start, end, entry: best, kind: 'variant', suggestion: best.form + s, plural };
  return { start, end, entry: best, kind: best.kind, plural };
}

/** A word suggested for a capitalized word is capitalized too (`Synthetic longpeptide` -> `Synthetic long peptide`). */
function sameInitialCase(written: string, suggestion: string): string {
  if (isSymbolLike(suggestion) || !/^[A-Z][a-z]/.test(written) || !/^[a-z]/.test(suggestion)) return suggestion;
  return suggestion[0].toUpperCase() + suggestion.slice(1);
}

// ---------------------------------------------------------------------------------------
// The index of a manuscript

const ABSTRACT_HEADING = /^(?:abstract|summary|摘\s*要|中文摘要|英文摘要)$/i;
/** "Keywords: ...", "**关键词**：...": a list of terms, not prose, so abbreviations need no definition there. */
const KEYWORDS_LINE = /^[ \t>]*[*_]{0,2}(?:key ?words?|关键词|关键字)[*_]{0,2}\s*(?:[:：]|$)/i;
/** A paragraph opening "**Abstract**", "Abstract:" or "摘要：" starts an abstract without a heading. */
const ABSTRACT_LINE = /^[ \t]*(?:[*_]{1,2}(?:abstract|摘\s*要)\s*[:：]?[*_]{1,2}|(?:abstract|摘\s*要)\s*[:：])/i;

/** Heading text as a reader names it: without numbering, emphasis, attributes `{...}` or a colon. */
export function headingName(heading: Heading): string {
  return heading.text
    .replace(/\{[^}]*\}\s*$/, '')
    .replace(/[*_`]/g, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[IVXLCivxlc]+\.|[一二三四五六七八九十]+[、.．])\s*/, '')
    .replace(/[:：]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const indexes = new WeakMap<Manuscript, { glossary: Glossary; index: TermIndex }>();

/** The term index of a manuscript for a glossary; cached per manuscript version and glossary. */
export function indexTerms(manuscript: Manuscript, glossary: Glossary): TermIndex {
  const cached = indexes.get(manuscript);
  if (cached && cached.glossary === glossary) return cached.index;
  const index = buildIndex(manuscript, glossary);
  indexes.set(manuscript, { glossary, index });
  return index;
}

function buildIndex(manuscript: Manuscript, glossary: Glossary): TermIndex {
  const text = manuscript.text;
  const matcher = termMatcher(glossary);
  const raw: RawMatch[] = [];
  for (const segment of searchableSegments(manuscript)) matcher.find(text, segment.start, segment.end, raw);

  const headings = manuscript.scan.headings.map((h) => h.range);
  const keywordLines = findLines(text, KEYWORDS_LINE, true);
  const referenceRange = manuscript.scan.referenceSection?.range;
  const occurrences: TermOccurrence[] = raw.map((m) => ({
    term: m.entry.term,
    range: { start: m.start, end: m.end },
    kind: m.kind,
    form: m.entry.form,
    ...(m.suggestion !== undefined ? { suggestion: m.suggestion } : {}),
    plural: m.plural,
    short: m.entry.short,
    long: m.entry.long,
    context: referenceRange && m.start >= referenceRange.start && m.start < referenceRange.end ? 'references' : inAny(headings, m.start) ? 'heading' : inAny(keywordLines, m.start) ? 'keywords' : 'body',
  }));

  const scopes = findScopes(manuscript);
  const main = scopes.find((s) => s.kind === 'main')!;
  const abstracts = scopes.filter((s) => s.kind === 'abstract');
  return Object.freeze({
    glossary,
    occurrences: Object.freeze(occurrences),
    scopes,
    occurrenceAt(offset: number) {
      let lo = 0;
      let hi = occurrences.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const o = occurrences[mid];
        if (o.range.end < offset) lo = mid + 1;
        else if (o.range.start > offset) hi = mid - 1;
        else return o;
      }
      return undefined;
    },
    scopeAt(offset: number) {
      return abstracts.find((s) => s.range && offset >= s.range.start && offset < s.range.end) ?? main;
    },
  });
}

/**
 * The text where terms may be found: everything outside `scan.excluded` (which already
 * holds the front matter) and outside citations, in order.
 */
export function searchableSegments(manuscript: Manuscript): OffsetRange[] {
  const blocked = [...manuscript.scan.excluded, ...manuscript.citations.map((c) => c.range)].sort((a, b) => a.start - b.start);
  const segments: OffsetRange[] = [];
  let at = 0;
  for (const span of blocked) {
    if (span.start > at) segments.push({ start: at, end: span.start });
    at = Math.max(at, span.end);
  }
  if (at < manuscript.text.length) segments.push({ start: at, end: manuscript.text.length });
  return segments;
}

/** Abstract sections (a heading "Abstract"/"摘要", or a paragraph opening with "**Abstract**"), then the main text. */
function findScopes(manuscript: Manuscript): TermScope[] {
  const headings = manuscript.scan.headings;
  const scopes: TermScope[] = [];
  const sectionEnd = (from: number, level: number) => headings.find((h) => h.range.start > from && h.level <= level)?.range.start ?? manuscript.text.length;
  for (const heading of headings) {
    if (ABSTRACT_HEADING.test(headingName(heading))) scopes.push({ kind: 'abstract', range: { start: heading.range.start, end: sectionEnd(heading.range.start, heading.level) } });
  }
  for (const line of findLines(manuscript.text, ABSTRACT_LINE)) {
    if (scopes.some((s) => s.range && line.start >= s.range.start && line.start < s.range.end)) continue;
    if (manuscript.scan.frontMatter && line.start < manuscript.scan.frontMatter.range.end) continue;
    scopes.push({ kind: 'abstract', range: { start: line.start, end: headings.find((h) => h.range.start > line.start)?.range.start ?? manuscript.text.length } });
  }
  scopes.sort((a, b) => a.range!.start - b.range!.start);
  scopes.push({ kind: 'main' });
  return scopes;
}

/**
 * The ranges of the lines matching `pattern` at their start. With `continueBare`, a line
 * that holds nothing after the match ("Keywords" alone) runs on to the next non-blank line.
 */
function findLines(text: string, pattern: RegExp, continueBare = false): OffsetRange[] {
  const out: OffsetRange[] = [];
  const global = new RegExp(pattern.source, `${pattern.flags.replace(/[gm]/g, '')}gm`);
  const lineEndAt = (from: number) => {
    const end = text.indexOf('\n', from);
    return end < 0 ? text.length : end;
  };
  for (let m = global.exec(text); m; m = global.exec(text)) {
    let end = lineEndAt(m.index);
    if (continueBare && !/[^\s*_]/.test(text.slice(m.index + m[0].length, end))) {
      const next = /\S/g;
      next.lastIndex = end;
      const found = next.exec(text);
      if (found) end = lineEndAt(found.index);
    }
    out.push({ start: m.index, end });
    if (global.lastIndex === m.index) global.lastIndex++;
  }
  return out;
}

function inAny(ranges: readonly OffsetRange[], offset: number): boolean {
  return rangeContaining(ranges, offset) !== undefined;
}

// ---------------------------------------------------------------------------------------
// Language

/** The language a reader of this document reads first. */
export type DisplayLanguage = 'en' | 'zh';

const languages = new WeakMap<Manuscript, DisplayLanguage | undefined>();

/**
 * Front matter `lang:` (zh*, en*); else the document's dominant script (Chinese characters
 * against Latin words); else the client's locale; else English.
 */
export function displayLanguage(manuscript: Manuscript, locale?: string): DisplayLanguage {
  const declared = manuscript.frontMatter.lang;
  if (declared && /^zh/i.test(declared)) return 'zh';
  if (declared && /^en/i.test(declared)) return 'en';
  let dominant = languages.get(manuscript);
  if (!languages.has(manuscript)) {
    dominant = dominantScript(manuscript.text);
    languages.set(manuscript, dominant);
  }
  if (dominant) return dominant;
  if (locale && /^zh/i.test(locale)) return 'zh';
  return 'en';
}

/** Chinese when its characters clearly outnumber Latin words, English the other way round, else undecided. */
function dominantScript(text: string): DisplayLanguage | undefined {
  let cjk = 0;
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (letter && !inWord) words++;
    inWord = letter;
    if (isCjk(c)) cjk++;
  }
  // About 1.5 Chinese characters make a word.
  const zhWords = cjk / 1.5;
  if (zhWords === 0 && words === 0) return undefined;
  if (zhWords > words * 1.2) return 'zh';
  if (words > zhWords * 1.2) return 'en';
  return undefined;
}

/**
 * Whether the text around text[from, to) is Chinese: Chinese characters and full-width
 * punctuation within 20 characters on either side (same line) against English words (runs
 * of two or more lower-case letters). Symbols such as IL-6 or STAT3 count for neither.
 */
export function isChineseContext(text: string, from: number, to: number = from): boolean {
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  let lineEnd = text.indexOf('\n', to);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(Math.max(lineStart, from - 20), from);
  const after = text.slice(to, Math.min(lineEnd, to + 20));
  const window = `${before} ${after}`;
  const chinese = (window.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff20]/g) ?? []).length;
  const english = (window.match(/(?<![A-Za-z])[a-z]{2,}/g) ?? []).length;
  return chinese > 0 && chinese >= english;
}
