/**
 * The term matcher: one trie over the folded forms of a glossary's terms (their canonical
 * forms, aliases, names, listed variants and the spellings derived from them), compiled once
 * per glossary object and walked once over a text, so finding terms costs one pass whatever
 * the glossary's size. Whether what was found is the accepted spelling is decided after,
 * by comparing the written text with the glossary forms that fold to it.
 *
 * Matching rules, the same for every term:
 * - Latin edges need a boundary: `IL-6` is not in `IL-60`, `sIL-6R` or `IL-6x`; a Chinese
 *   edge needs none (`白细胞介素6` inside a Chinese sentence matches). A term after a hyphen
 *   (`anti-IL-6`, `p-STAT3`) matches; a term followed by a hyphen and a digit does not.
 * - A form ending in a capital letter also matches with a plural `s` (`CAFs`, `EMTs`, `CRCs`).
 * - Whitespace inside a form matches any run of spaces or one line break; at a boundary
 *   between Chinese and Latin or digits it is optional (`白细胞介素 6` = `白细胞介素6`).
 */
import type { Glossary, GlossaryTerm } from './glossary';
import { foldChar, foldForm, foldKeepCase, HYPHEN, isCjk, isDigit, isSpace, isSymbolLike, isWordChar, loose, SPACE } from './folding';
import { FormEntry, variantFix, type Suggestion, type TermFormKind } from './matcherEntries';
import { startPattern } from './matcherStarts';
import { prebuiltTrie, type PrebuiltMatcher, serializeTrie, type TrieNode } from './matcherPrebuilt';

export type { TermFormKind };

const GREEK: Readonly<Record<string, string>> = { α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', κ: 'kappa' };

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

/** An accepted form of a term: what completion offers and what the trie holds first. */
type AcceptedForm = TermMatcher['forms'][number];

/**
 * The built-in glossary's trie and start pattern come prebuilt (matcherPrebuilt.ts: the same
 * trie, made at build time and read back without folding a form); any other glossary's are
 * built here.
 */
function compile(glossary: Glossary): TermMatcher {
  const forms = glossary.terms.flatMap(acceptedForms);
  const { root, size, starts } = prebuiltTrie(glossary) ?? buildTrie(glossary, forms);
  return Object.freeze({
    glossary,
    forms: Object.freeze(forms),
    size,
    find: (text: string, start: number, end: number, out: RawMatch[]) => find(root, starts, text, start, end, out),
  });
}

/** The trie of every form of `glossary` (`forms`: its accepted forms, by default all), its size and start pattern, built form by form. */
export function buildTrie(
  glossary: Glossary,
  forms: readonly AcceptedForm[] = glossary.terms.flatMap(acceptedForms),
): { root: TrieNode; size: number; starts: RegExp } {
  const trie = new TrieBuilder();
  // Accepted forms first, so that a variant listed by one term never hides another's form.
  for (const { term, form, kind } of forms) trie.insert(term, form, kind, false);
  for (const term of glossary.terms)
    for (const variant of term.variants) trie.insert(term, variant, 'variant', false, () => variantFix(term, variant));
  for (const term of glossary.terms) insertDerivedForms(trie, term);
  return { root: trie.root, size: trie.size, starts: startPattern(trie.root) };
}

/** What scripts/generate.mjs writes for the built-in glossary: its trie built here, as data (matcherPrebuilt.ts). */
export function prebuildMatcher(glossary: Glossary): PrebuiltMatcher {
  const { root, size, starts } = buildTrie(glossary);
  return serializeTrie(glossary, root, size, starts);
}

function acceptedForms(term: GlossaryTerm): AcceptedForm[] {
  const forms: AcceptedForm[] = [
    { term, form: term.canonical, kind: 'canonical' },
    ...term.aliases.map((alias) => ({ term, form: alias, kind: 'alias' as const })),
  ];
  if (term.name.en) forms.push({ term, form: term.name.en, kind: 'name' });
  if (term.name.zh) forms.push({ term, form: term.name.zh, kind: 'name' });
  return forms;
}

/**
 * Derived forms: spelled-out Greek letters, the singular of a plural abbreviation, and the
 * hyphen dropped or spaced in a symbol's letter-digit joint (IL-6 -> IL6, IL 6; STAT3 -> STAT-3).
 */
function insertDerivedForms(trie: TrieBuilder, term: GlossaryTerm): void {
  const written: [string, TermFormKind][] = [
    [term.canonical, 'canonical'],
    ...term.aliases.map((a): [string, TermFormKind] => [a, 'alias']),
    ...term.variants.map((v): [string, TermFormKind] => [v, 'variant']),
  ];
  for (const [form, kind] of written) {
    if (/[αβγδκ]/.test(form)) {
      const spelled = form.replace(/[αβγδκ]/g, (g) => GREEK[g]);
      trie.insert(term, spelled, kind === 'canonical' ? 'alias' : kind, true, kind === 'variant' ? term.canonical : undefined);
    }
  }
  if (/[A-Z]s$/.test(term.canonical)) trie.insert(term, term.canonical.slice(0, -1), 'alias', true);
  if (isSymbolLike(term.canonical) && term.canonical.length <= 12) {
    for (const derived of jointSpellings(term.canonical)) trie.insert(term, derived, 'variant', true, term.canonical);
  }
}

/** The trie being built for one glossary. */
class TrieBuilder {
  readonly root: TrieNode = { next: undefined, entries: undefined };
  /** Number of forms inserted, generated ones included. */
  size = 0;
  /** Folded key -> the term that owns it, so a generated form never takes another term's key. */
  private readonly owners = new Map<string, GlossaryTerm>();

  /** Adds a form of `term`; a `generated` form (derived, not written in the glossary) yields to any form already there. */
  insert(term: GlossaryTerm, form: string, kind: TermFormKind, generated: boolean, suggestion?: Suggestion): void {
    const folded = foldForm(form);
    if (folded.length === 0) return;
    const key = String.fromCharCode(...folded);
    const owner = this.owners.get(key);
    if (generated && owner) return;
    if (!owner) this.owners.set(key, term);
    const entry = new FormEntry(term, form, kind, generated, suggestion);
    const entries = (this.nodeAt(folded).entries ??= []);
    if (entries.some((e) => e.term === term && e.loose === entry.loose)) return;
    entries.push(entry);
    entries.sort((a, b) => a.rank - b.rank);
    this.size++;
  }

  private nodeAt(folded: readonly number[]): TrieNode {
    let node = this.root;
    for (const c of folded) {
      node.next ??= new Map();
      let child = node.next.get(c);
      if (!child) {
        child = { next: undefined, entries: undefined };
        node.next.set(c, child);
      }
      node = child;
    }
    return node;
  }
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
  return !isWordChar(before) && before !== 64; /* @ */
}

function rightBoundary(text: string, end: number, last: number): boolean {
  if (!isWordChar(last) || end >= text.length) return true;
  const after = foldChar(text.charCodeAt(end));
  if (isWordChar(after)) return false;
  // `IL-6-174` and `IL-6.5` are not IL-6.
  if ((after === HYPHEN || after === 46) && isDigit(text.charCodeAt(end + 1))) return false;
  return true;
}

function find(root: TrieNode, starts: RegExp, text: string, start: number, end: number, out: RawMatch[]): void {
  const ends: { node: TrieNode; end: number; last: number }[] = [];
  // `starts` searches a view that ends where the range does (a slice shares the text's
  // characters) and starts one character early, for its look-behind.
  const base = start > 0 ? start - 1 : 0;
  const view = text.slice(base, end);
  let i = start;
  while (i < end) {
    // Every match of `starts` is one character long: it ends at lastIndex.
    starts.lastIndex = i - base;
    if (!starts.test(view)) return;
    i = base + starts.lastIndex - 1;
    const raw = text.charCodeAt(i);
    const first = foldChar(raw);
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
    return {
      start,
      end,
      entry: exact,
      kind: exact.kind,
      suggestion: exact.suggestion !== undefined ? sameInitialCase(written, exact.suggestion) + s : undefined,
      plural,
    };
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
