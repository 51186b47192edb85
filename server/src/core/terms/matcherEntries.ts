/**
 * The forms in the term matcher's trie (matcher.ts): one `FormEntry` per way a term can be
 * written, with what `classify` needs to judge a match against it. A glossary's matcher holds
 * some 450 of them (the built-in one), and a manuscript matches a few: what each entry knows
 * beyond its term, form and rank is worked out the first time it is asked for, so compiling
 * the matcher (every check of a new process does) costs the trie alone.
 */
import type { GlossaryTerm } from './glossary';
import { editDistance } from '../text/editDistance';
import { abbreviationKey, foldKeepCase, isSymbolLike, loose } from './folding';

/** How an occurrence is written, relative to its term. */
export type TermFormKind = 'canonical' | 'alias' | 'name' | 'variant';

const KIND_RANK: Readonly<Record<TermFormKind, number>> = { canonical: 0, alias: 1, name: 2, variant: 3 };

/** A variant's accepted spelling, or how to find it when first asked (`variantFix` is an edit-distance search). */
export type Suggestion = string | (() => string);

/** One form of a term in the trie; its derived properties are computed on first read and kept. */
export class FormEntry {
  /** Lower is preferred when several forms fold to the same key. */
  readonly rank: number;
  private fix: Suggestion | undefined;
  private shortForm: boolean | undefined;
  private symbolForm: boolean | undefined;
  private looseForm: string | undefined;
  private keepCaseForm: string | undefined;

  constructor(
    readonly term: GlossaryTerm,
    readonly form: string,
    readonly kind: TermFormKind,
    /** Derived from a written form (matcher.ts `insertDerivedForms`), not written in the glossary. */
    readonly generated: boolean,
    suggestion: Suggestion | undefined,
  ) {
    this.rank = KIND_RANK[kind] * 2 + (generated ? 1 : 0);
    this.fix = suggestion;
  }

  /**
   * For variants: the accepted spelling. A listed variant's fix is an edit-distance search run
   * on first read: most listed variants never occur in a given manuscript, and computing every
   * fix up front cost the first check 8-13 ms on each start.
   */
  get suggestion(): string | undefined {
    if (typeof this.fix === 'function') this.fix = this.fix();
    return this.fix;
  }

  /** The suggestion as given to the constructor while not yet worked out (a function), or as worked out since. */
  get givenSuggestion(): Suggestion | undefined {
    return this.fix;
  }

  get symbol(): boolean {
    return (this.symbolForm ??= isSymbolLike(this.form));
  }

  get digits(): boolean {
    return /\d/.test(this.form);
  }

  /** An abbreviation's short form (any spelling of it). */
  get short(): boolean {
    return (this.shortForm ??= this.term.abbreviation && abbreviationKey(this.form) === abbreviationKey(this.term.canonical));
  }

  /** A full name: not the short form, not a symbol, not the canonical form. */
  get long(): boolean {
    return !this.short && !this.symbol && this.kind !== 'canonical';
  }

  /** Ends in a capital letter, so `form + s` is its plural. */
  get plural(): boolean {
    return /[A-Z]$/.test(this.form);
  }

  get loose(): string {
    return (this.looseForm ??= loose(this.form));
  }

  get keepCase(): string {
    return (this.keepCaseForm ??= foldKeepCase(this.form));
  }
}

/**
 * What a listed variant should be written as: the canonical form for a spelling of the
 * abbreviation (`IL6` -> `IL-6`); for a misspelt name, the nearest accepted name
 * (`synthetic longpeptide` -> `synthetic long peptide`, not `SLP`).
 */
export function variantFix(term: GlossaryTerm, variant: string): string {
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
