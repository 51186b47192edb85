/**
 * Completion of glossary terms by canonical form, alias or Chinese name: typing `白细胞`
 * offers IL-6, typing `gp1` offers gp130. At an abbreviation's first use in the current
 * scope the defining form comes first ("interleukin-6 (IL-6)" in English text,
 * "白细胞介素6（IL-6）" in Chinese text). Asked for only once two characters of a word are
 * typed, and never in citations, code, URLs or the front matter (citation completion owns
 * citation sites; the facade asks it first).
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { AbbreviationAnalysis } from './abbreviations';
import type { Glossary, GlossaryTerm } from './glossary';
import { findCitationAt, isExcluded, type Manuscript } from '../markdown/manuscript';
import { isCjk } from './folding';
import { isChineseContext } from './language';
import { termMatcher } from './matcher';
import type { TermIndex } from './termIndex';
import type { OffsetRange } from '../text/textRange';
import { atSentenceStart, definingFormFor } from './definingForm';
import { termCard, type TermHoverContext } from './termCard';

/** Fewer typed characters than this give no items (and ask again on the next keystroke). */
export const MIN_TERM_PREFIX = 2;
const MAX_ITEMS = 50;

/** The word being typed: what completion replaces and which language surrounds it. */
export interface TermCompletionSite {
  readonly prefix: string;
  readonly replace: OffsetRange;
  readonly chinese: boolean;
}

interface SearchForm {
  readonly term: GlossaryTerm;
  readonly form: string;
  readonly key: string;
  readonly rank: number;
}

const searchForms = new WeakMap<Glossary, SearchForm[]>();

/** Lower case, one kind of dash, no spaces: how typed text and forms are compared. */
function searchKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/\s+/g, '');
}

function formsOf(glossary: Glossary): SearchForm[] {
  let forms = searchForms.get(glossary);
  if (!forms) {
    const rank = { canonical: 0, alias: 1, name: 2 } as const;
    forms = termMatcher(glossary).forms.map((f) => ({ term: f.term, form: f.form, key: searchKey(f.form), rank: rank[f.kind] }));
    searchForms.set(glossary, forms);
  }
  return forms;
}

const LATIN_WORD = /[A-Za-z0-9αβγκ\-]/;

/** The typed word before `offset`, if terms may be completed there. */
export function termCompletionSite(manuscript: Manuscript, glossary: Glossary, offset: number): TermCompletionSite | undefined {
  const text = manuscript.text;
  if (offset > 0 && isExcluded(manuscript.scan, offset - 1)) return undefined;
  if (manuscript.scan.frontMatter && offset < manuscript.scan.frontMatter.range.end) return undefined;
  if (findCitationAt(manuscript.citations, offset) || (offset > 0 && findCitationAt(manuscript.citations, offset - 1))) return undefined;

  // The run of Latin, digits and Chinese characters before the cursor; any suffix of it may be the word being typed.
  let start = offset;
  while (start > 0 && offset - start < 24 && (LATIN_WORD.test(text[start - 1]) || isCjk(text.charCodeAt(start - 1)))) start--;
  if (offset - start < MIN_TERM_PREFIX) return { prefix: text.slice(start, offset), replace: { start, end: offset }, chinese: false };
  const forms = formsOf(glossary);
  for (let s = start; offset - s >= MIN_TERM_PREFIX; s++) {
    // A suffix starting inside a Latin word is not a word: `xgp1` does not complete gp130.
    if (s > start && LATIN_WORD.test(text[s]) && LATIN_WORD.test(text[s - 1]) && text[s - 1] !== '-') continue;
    const prefix = text.slice(s, offset);
    const key = searchKey(prefix);
    if (!forms.some((f) => f.key.startsWith(key))) continue;
    let end = offset;
    if (LATIN_WORD.test(text[offset - 1] ?? '')) while (end < text.length && LATIN_WORD.test(text[end])) end++;
    return { prefix, replace: { start: s, end }, chinese: isCjk(text.charCodeAt(s)) || isChineseContext(text, s, end) };
  }
  return { prefix: text.slice(start, offset), replace: { start, end: offset }, chinese: isChineseContext(text, start, offset) };
}

/**
 * The answer when the site alone decides it: none outside a term site, an empty incomplete list
 * when too little is typed; undefined when the glossary must be searched. The host asks it
 * before indexing the manuscript's terms, which only a search needs (`[@zhang ` in a citation
 * being typed indexed the 40 KB manuscript's terms again at every keystroke there).
 */
export function termSiteAnswer(
  manuscript: Manuscript,
  glossary: Glossary,
  offset: number,
): { readonly list: CompletionList | undefined } | undefined {
  return answerAt(termCompletionSite(manuscript, glossary, offset));
}

/** `termSiteAnswer` for a site already found. */
function answerAt(site: TermCompletionSite | undefined): { readonly list: CompletionList | undefined } | undefined {
  if (!site) return { list: undefined };
  if (site.prefix.length < MIN_TERM_PREFIX) return { list: { isIncomplete: true, items: [] } };
  return undefined;
}

/** Term items for the word before `offset`; an empty incomplete list when too little is typed. */
export function completeTerm(
  manuscript: Manuscript,
  index: TermIndex,
  abbreviations: AbbreviationAnalysis,
  offset: number,
  hover: TermHoverContext,
): CompletionList | undefined {
  const site = termCompletionSite(manuscript, index.glossary, offset);
  const decided = answerAt(site);
  if (decided || !site) return decided?.list;
  const key = searchKey(site.prefix);
  const best = new Map<GlossaryTerm, SearchForm>();
  for (const form of formsOf(index.glossary)) {
    if (!form.key.startsWith(key)) continue;
    const known = best.get(form.term);
    if (!known || form.rank < known.rank || (form.rank === known.rank && form.key.length < known.key.length)) best.set(form.term, form);
  }
  const ranked = [...best.values()].sort(
    (a, b) => a.rank - b.rank || a.term.canonical.length - b.term.canonical.length || a.term.canonical.localeCompare(b.term.canonical),
  );
  const range = manuscript.lines.rangeOf(site.replace);
  const items: CompletionItem[] = [];
  const sentenceStart = atSentenceStart(manuscript.text, site.replace.start);
  ranked.slice(0, MAX_ITEMS).forEach((match, i) => {
    const term = match.term;
    const documentation = { kind: MarkupKind.Markdown, value: termCard(term, index.glossary, hover) };
    const detail = [term.name.en, term.name.zh].filter(Boolean).join(' · ');
    const order = String(i).padStart(3, '0');
    if (!abbreviations.isDefinedBefore(term, site.replace.start)) {
      const defining = definingFormFor(term, term.canonical, site.chinese, sentenceStart);
      if (defining) {
        items.push({
          label: defining,
          kind: CompletionItemKind.Text,
          detail: site.chinese ? '首次使用：给出全称' : 'first use: with its full name',
          documentation,
          sortText: `${order}0`,
          filterText: `${site.prefix} ${match.form} ${term.canonical}`,
          insertTextFormat: InsertTextFormat.PlainText,
          textEdit: { range, newText: defining },
          data: { uri: manuscript.uri, termId: term.id },
        });
      }
    }
    // Chinese text writes a word-like term by its Chinese name; symbols stay as they are.
    const written = site.chinese && !term.abbreviation && term.name.zh && !/[A-Z0-9]/.test(term.canonical) ? term.name.zh : term.canonical;
    items.push({
      label: written,
      kind: CompletionItemKind.Text,
      detail,
      documentation,
      sortText: `${order}1`,
      filterText: `${site.prefix} ${match.form} ${written}`,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range, newText: written },
      data: { uri: manuscript.uri, termId: term.id },
    });
  });
  return { isIncomplete: true, items };
}
