/**
 * Where each abbreviation is defined, per scope, and which uses come before any definition:
 * what a copy editor checks, read from the term index.
 *
 * A definition is an abbreviation use in one of these shapes, on one line:
 *   - full name (ABBR)          interleukin-6 (IL-6), 白细胞介素6（IL-6）
 *   - name (other name, ABBR)   白细胞介素 6 (Interleukin-6, IL-6), as the review writes
 *   - ABBR (full name)          IL-6 (interleukin-6)
 * where the full name is one the glossary knows (its English or Chinese name, or an alias
 * that is a name), or, for English, words whose initials spell the abbreviation in order
 * (the Schwartz–Hearst rule: "tumour necrosis factor (TNF)").
 * Half-width and full-width parentheses both count. Uses in headings, keyword lines and the
 * reference list neither define nor need a definition.
 */
import type { GlossaryTerm } from './glossary';
import type { Manuscript } from '../markdown/manuscript';
import type { OffsetRange } from '../text/textRange';
import { hasHan } from '../text/script';
import type { TermIndex, TermOccurrence } from './termIndex';
import type { TermScope } from './scopes';

/** Abbreviations no journal asks to spell out; `citokine.terms.noDefinitionNeeded` replaces this list. */
export const DEFAULT_NO_DEFINITION_NEEDED: readonly string[] = Object.freeze([
  'DNA',
  'RNA',
  'mRNA',
  'cDNA',
  'miRNA',
  'PCR',
  'qPCR',
  'RT-PCR',
  'HIV',
  'AIDS',
  'ATP',
  'ELISA',
  'COVID-19',
  'SARS-CoV-2',
]);

/** One place where an abbreviation is defined. */
export interface AbbreviationDefinition {
  readonly term: GlossaryTerm;
  /** The abbreviation inside the definition. */
  readonly occurrence: TermOccurrence;
  /** The whole definition, e.g. `interleukin-6 (IL-6)`: what a redundant definition's fix replaces. */
  readonly span: OffsetRange;
  readonly scope: TermScope;
}

/** An abbreviation used before any definition in its scope (only the first such use is kept). */
export interface UndefinedUse {
  readonly occurrence: TermOccurrence;
  readonly scope: TermScope;
  /** The scope's first definition, when it comes later. */
  readonly laterDefinition?: AbbreviationDefinition;
}

export interface AbbreviationAnalysis {
  /** Every definition, in document order. */
  readonly definitions: readonly AbbreviationDefinition[];
  /** Definitions after the first one of the same term in the same scope, with that first one. */
  readonly redefinitions: readonly { readonly definition: AbbreviationDefinition; readonly first: AbbreviationDefinition }[];
  readonly undefinedUses: readonly UndefinedUse[];
  /** True when the term is defined in the scope of `offset` before it, or needs no definition. */
  isDefinedBefore(term: GlossaryTerm, offset: number): boolean;
}

const analyses = new WeakMap<TermIndex, { key: string; analysis: AbbreviationAnalysis }>();

/** True when `term` is on the no-definition-needed list (by canonical form or id, any case). */
export function needsNoDefinition(term: GlossaryTerm, noDefinitionNeeded: readonly string[]): boolean {
  const canonical = term.canonical.toLowerCase();
  return noDefinitionNeeded.some((a) => {
    const wanted = a.toLowerCase();
    return wanted === canonical || wanted === term.id;
  });
}

/** Analyses a manuscript's abbreviations; cached per term index and list. */
export function analyzeAbbreviations(
  manuscript: Manuscript,
  index: TermIndex,
  noDefinitionNeeded: readonly string[] = DEFAULT_NO_DEFINITION_NEEDED,
): AbbreviationAnalysis {
  const key = noDefinitionNeeded.join('\n');
  const cached = analyses.get(index);
  if (cached && cached.key === key) return cached.analysis;
  const analysis = analyze(index, noDefinitionNeeded, definitionSpans(manuscript.text, index.occurrences));
  analyses.set(index, { key, analysis });
  return analysis;
}

/**
 * The analysis from definition spans already known (`spans[k]` for `index.occurrences[k]`,
 * see `definitionSpans`), kept as `analyzeAbbreviations`' answer for this index: after an
 * edit the term checks find again only the spans of the edited paragraph.
 */
export function analyzeAbbreviationsWith(
  index: TermIndex,
  noDefinitionNeeded: readonly string[],
  spans: readonly (OffsetRange | undefined)[],
): AbbreviationAnalysis {
  const key = noDefinitionNeeded.join('\n');
  const cached = analyses.get(index);
  if (cached && cached.key === key) return cached.analysis;
  const analysis = analyze(index, noDefinitionNeeded, spans);
  analyses.set(index, { key, analysis });
  return analysis;
}

/** True when an occurrence can be an abbreviation's definition or a use needing one. */
function isCandidate(occurrence: TermOccurrence): boolean {
  return occurrence.short && occurrence.term.abbreviation === true && occurrence.context === 'body';
}

/**
 * The definition each occurrence in [from, to) of `occurrences` stands in, if any (`interleukin-6
 * (IL-6)`), indexed like `occurrences`; a span reads only the occurrence's own line.
 */
export function definitionSpans(
  text: string,
  occurrences: readonly TermOccurrence[],
  from = 0,
  to = occurrences.length,
  into: (OffsetRange | undefined)[] = new Array<OffsetRange | undefined>(occurrences.length),
): (OffsetRange | undefined)[] {
  for (let k = from; k < to; k++) into[k] = isCandidate(occurrences[k]) ? definitionSpan(text, occurrences, k) : undefined;
  return into;
}

function analyze(
  index: TermIndex,
  noDefinitionNeeded: readonly string[],
  spans: readonly (OffsetRange | undefined)[],
): AbbreviationAnalysis {
  const occurrences = index.occurrences;
  const definitions: AbbreviationDefinition[] = [];
  const redefinitions: { definition: AbbreviationDefinition; first: AbbreviationDefinition }[] = [];
  const undefinedUses: { occurrence: TermOccurrence; scope: TermScope }[] = [];
  const firstByScope = new Map<TermScope, Map<GlossaryTerm, AbbreviationDefinition>>();
  const reported = new Map<TermScope, Set<GlossaryTerm>>();
  const exempt = new Map<GlossaryTerm, boolean>();

  for (let k = 0; k < occurrences.length; k++) {
    const occurrence = occurrences[k];
    if (!isCandidate(occurrence)) continue;
    const term = occurrence.term;
    if (!exempt.has(term)) exempt.set(term, needsNoDefinition(term, noDefinitionNeeded));
    const scope = index.scopeAt(occurrence.range.start);
    const span = spans[k];
    const defined = firstByScope.get(scope) ?? new Map<GlossaryTerm, AbbreviationDefinition>();
    firstByScope.set(scope, defined);
    if (span) {
      const definition: AbbreviationDefinition = { term, occurrence, span, scope };
      definitions.push(definition);
      const first = defined.get(term);
      if (first) redefinitions.push({ definition, first });
      else defined.set(term, definition);
      continue;
    }
    if (exempt.get(term) || defined.has(term)) continue;
    const seen = reported.get(scope) ?? new Set<GlossaryTerm>();
    reported.set(scope, seen);
    if (seen.has(term)) continue;
    seen.add(term);
    undefinedUses.push({ occurrence, scope });
  }

  const withLater: UndefinedUse[] = undefinedUses.map((use) => {
    const later = firstByScope.get(use.scope)?.get(use.occurrence.term);
    return later ? { ...use, laterDefinition: later } : use;
  });
  return Object.freeze({
    definitions,
    redefinitions,
    undefinedUses: withLater,
    isDefinedBefore(term: GlossaryTerm, offset: number) {
      if (!term.abbreviation || needsNoDefinition(term, noDefinitionNeeded)) return true;
      const scope = index.scopeAt(offset);
      return definitions.some((d) => d.term === term && d.scope === scope && d.span.start < offset);
    },
  });
}

const OPEN = new Set(['(', '（']);
const CLOSE = new Set([')', '）']);
const SEPARATOR = /[,，;；、]/;
/** How far a definition's parentheses may reach from the abbreviation. */
/** How far from an abbreviation its definition's parentheses and name are looked for. */
export const DEFINITION_REACH = 160;
const REACH = DEFINITION_REACH;

/** The definition the abbreviation at `occurrences[k]` belongs to, if it is one. */
function definitionSpan(text: string, occurrences: readonly TermOccurrence[], k: number): OffsetRange | undefined {
  const occurrence = occurrences[k];
  const { start, end } = occurrence.range;

  // Inside parentheses, as one item of them: "full name (ABBR)", "name (other name, ABBR)".
  const open = openingParen(text, start);
  const close = open >= 0 ? closingParen(text, end) : -1;
  if (open >= 0 && close >= 0 && isWholeItem(text, open, close, occurrence.range)) {
    let spanStart: number | undefined;
    // A known name right before the parenthesis.
    for (let j = k - 1; j >= 0 && occurrences[j].range.end > open - REACH; j--) {
      const other = occurrences[j];
      if (other.range.end > open) continue;
      if (other.term === occurrence.term && other.long && text.slice(other.range.end, open).trim() === '') spanStart = other.range.start;
      break;
    }
    // A known name inside the same parentheses.
    if (spanStart === undefined) {
      for (const other of occurrences.slice(Math.max(0, k - 4), k + 5)) {
        if (other.term === occurrence.term && other.long && other.range.start > open && other.range.end <= close) spanStart = open;
      }
    }
    // Words whose initials spell it.
    spanStart ??= initialsStart(text, open, text.slice(start, end));
    if (spanStart !== undefined) return { start: spanStart, end: close + 1 };
  }

  // "ABBR (full name)".
  let p = end;
  while (p < text.length && (text[p] === ' ' || text[p] === '\t')) p++;
  if (OPEN.has(text[p])) {
    const after = closingParen(text, p + 1);
    if (after >= 0) {
      let itemStart = p + 1;
      while (itemStart < after && /\s/.test(text[itemStart])) itemStart++;
      const name = occurrences.slice(k + 1, k + 4).find((o) => o.range.start === itemStart);
      if (name && name.term === occurrence.term && name.long) {
        const rest = text.slice(name.range.end, after);
        if (rest.trim() === '' || SEPARATOR.test(rest.trim()[0])) return { start, end: after + 1 };
      }
    }
  }
  return undefined;
}

/** The `(` or `（` that an offset sits inside, on the same line, or -1. */
function openingParen(text: string, from: number): number {
  for (let i = from - 1; i >= 0 && from - i <= REACH; i--) {
    const c = text[i];
    if (c === '\n' || CLOSE.has(c)) return -1;
    if (OPEN.has(c)) return i;
  }
  return -1;
}

/** The `)` or `）` closing the parenthesis an offset sits inside, on the same line, or -1. */
function closingParen(text: string, from: number): number {
  for (let i = from; i < text.length && i - from <= REACH; i++) {
    const c = text[i];
    if (c === '\n' || OPEN.has(c)) return -1;
    if (CLOSE.has(c)) return i;
  }
  return -1;
}

/** The abbreviation is one whole item of the parenthesis: `(IL-6)`, `(Interleukin-6, IL-6)`; not `(IL-6 levels)`. */
function isWholeItem(text: string, open: number, close: number, range: OffsetRange): boolean {
  const before = text.slice(open + 1, range.start);
  const after = text.slice(range.end, close);
  const beforeOk = before.trim() === '' || SEPARATOR.test(before.trimEnd().slice(-1));
  const afterOk = after.trim() === '' || SEPARATOR.test(after.trimStart()[0]);
  return beforeOk && afterOk;
}

/**
 * Schwartz–Hearst: the characters of the abbreviation, last to first, found in order in the
 * words before the parenthesis, the first one at the start of a word. Returns where the
 * long form starts. English only: Chinese names have no initials.
 */
function initialsStart(text: string, open: number, abbreviation: string): number | undefined {
  const letters = abbreviation.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (letters.length < 2 || !/^[a-z]/.test(letters)) return undefined;
  let end = open;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  // The candidate: at most min(|A| + 5, 2|A|) words, back to the start of the clause.
  const maxWords = Math.min(letters.length + 5, letters.length * 2);
  let begin = end;
  let words = 0;
  while (begin > 0 && words < maxWords) {
    let b = begin;
    while (b > 0 && /\s/.test(text[b - 1]) && text[b - 1] !== '\n') b--;
    let w = b;
    while (w > 0 && !/[\s.;:!?。；：！？,，()（）[\]]/.test(text[w - 1])) w--;
    if (w === b) break;
    begin = w;
    words++;
  }
  const candidate = text.slice(begin, end);
  if (!candidate || hasHan(candidate) || candidate.length <= letters.length) return undefined;
  const lower = candidate.toLowerCase();
  let l = lower.length - 1;
  for (let s = letters.length - 1; s >= 0; s--) {
    const c = letters[s];
    const wordStart = (i: number) => i === 0 || !/[a-z0-9]/.test(lower[i - 1]);
    while (l >= 0 && (lower[l] !== c || (s === 0 && !wordStart(l)))) l--;
    if (l < 0) return undefined;
    l--;
  }
  return begin + l + 1;
}
