/**
 * Citations as the paper will show them, for the Markdown preview: each citation's source
 * text with its rendered text in the document's style, unknown keys and numbers named, and
 * the reference list. Plain text only: the preview plugin escapes it into HTML. Numbers
 * follow the reference list command (built-in numbers, or order of first citation), and the
 * list's entries come from the one reference renderer.
 */
import type { Library, LibraryEntry } from './bibliography/library';
import { builtinContext, firstAuthor, isIdentified } from './bibliography/referenceCard';
import { renderReference } from './bibliography/render';
import { issuedYear } from './bibliography/cslItem';
import { citedWorks, isNumericStyle, whenCitedWorksRendered } from './citations/commands/referenceList';
import { numbersOf, type Manuscript } from './markdown/manuscript';
import type { KeyCitation, NumericCitation } from './markdown/syntax';

/** One citation of the document, as written and as rendered. */
export interface RenderedCitation {
  /** The citation's text in the document, e.g. `[@hirano2020; @li2018]`. */
  readonly source: string;
  readonly text: string;
  /** Keys or numbers no bibliography or list knows: the preview marks them. */
  readonly unknown: readonly string[];
}

/** The answer to `citokine/renderedCitations`. */
export interface RenderedCitations {
  readonly uri: string;
  readonly version: number;
  readonly numeric: boolean;
  readonly citations: readonly RenderedCitation[];
  /** The reference list, each entry with its label (`[3]`) in a numeric style; empty when the document has its own list. */
  readonly references: readonly { readonly label?: string; readonly text: string }[];
}

/** 1,2,3,5 -> "1-3,5". */
function compress(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}-${sorted[j]}` : sorted.slice(i, j + 1).join(','));
    i = j + 1;
  }
  return parts.join(',');
}

/** "Hirano, 2020" for author-date styles. */
function authorYear(entry: LibraryEntry): string {
  return [firstAuthor(entry.item) ?? entry.key, issuedYear(entry.item) ?? 'n.d.'].join(', ');
}

function referenceText(entry: LibraryEntry, style: string): string {
  const context = builtinContext(entry.item);
  if (context && !isIdentified(context)) return `Reference ${context.number} of the built-in review corpus: not identified.`;
  return renderReference(entry.item, style).replace(/\s*\n\s*/g, ' ');
}

/** The document's citations and reference list in `style`. */
export async function renderedCitations(manuscript: Manuscript, library: Library, style: string): Promise<RenderedCitations> {
  await whenCitedWorksRendered(manuscript, library, style);
  const numeric = isNumericStyle(style);
  const { works } = citedWorks(manuscript, library);
  const hasBuiltinNumbers = works.some((w) => w.number !== undefined);
  const numberOf = new Map<string, number>();
  works.forEach((w, i) => {
    const n = hasBuiltinNumbers ? w.number : i + 1;
    if (n !== undefined) numberOf.set(w.entry.key, n);
  });
  const citations: RenderedCitation[] = [];
  const seen = new Set<string>();
  for (const citation of manuscript.citations) {
    if (citation.kind === 'malformed') continue;
    const source = manuscript.text.slice(citation.range.start, citation.range.end);
    if (seen.has(source)) continue;
    seen.add(source);
    citations.push(
      citation.kind === 'key'
        ? renderKeyCitation(citation, source, library, numeric, numberOf)
        : renderNumericCitation(citation, source, library),
    );
  }
  const ownList = library.numbered.kind === 'own-section';
  const references = ownList
    ? []
    : numeric
      ? works
          .map((w) => ({
            label: numberOf.has(w.entry.key) ? `[${numberOf.get(w.entry.key)}]` : undefined,
            text: referenceText(w.entry, style),
          }))
          .sort((a, b) => labelNumber(a.label) - labelNumber(b.label))
      : works
          .map((w) => ({ text: referenceText(w.entry, style) }))
          .sort((a, b) => a.text.localeCompare(b.text, 'en', { sensitivity: 'base' }));
  return { uri: manuscript.uri, version: manuscript.version, numeric, citations, references };
}

function labelNumber(label: string | undefined): number {
  return label ? Number(label.slice(1, -1)) : Number.MAX_SAFE_INTEGER;
}

function renderKeyCitation(
  citation: KeyCitation,
  source: string,
  library: Library,
  numeric: boolean,
  numberOf: ReadonlyMap<string, number>,
): RenderedCitation {
  const unknown = citation.items.filter((i) => !library.byKey.has(i.key)).map((i) => `@${i.key}`);
  const known = citation.items.map((i) => library.byKey.get(i.key)).filter((e): e is LibraryEntry => e !== undefined);
  if (numeric) {
    const numbers = known.map((e) => numberOf.get(e.key)).filter((n): n is number => n !== undefined);
    const parts = [numbers.length ? compress(numbers) : '', ...unknown].filter(Boolean);
    return { source, text: `[${parts.join(',')}]`, unknown };
  }
  if (!citation.bracketed && known.length === 1) {
    const entry = known[0];
    return { source, text: `${firstAuthor(entry.item) ?? entry.key} (${issuedYear(entry.item) ?? 'n.d.'})`, unknown };
  }
  return { source, text: `(${[...known.map(authorYear), ...unknown].join('; ')})`, unknown };
}

function renderNumericCitation(citation: NumericCitation, source: string, library: Library): RenderedCitation {
  const numbered = library.numbered;
  const unknown = citation.items
    .flatMap(numbersOf)
    .filter((n) => numbered.kind === 'none' || !numbered.entries.has(n))
    .map(String);
  return { source, text: source, unknown };
}
