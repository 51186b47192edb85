/**
 * Hover on a citation key or number, and only on it: the formatted reference, its
 * identification status for built-in entries, and where this document cites it.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Library, LibraryEntry } from '../bibliography/library';
import { citationTargetAt, numbersOf, type CitationTarget, type Manuscript } from '../markdown/manuscript';
import { cardItems, escapeMarkdown, referenceCard } from '../bibliography/referenceCard';
import { renderInBackground, renderSoon, styleTitle, whenRendered } from '../bibliography/render';
import { citedWorks } from './commands/referenceList';

/** The library entry whose card a hover on `target` shows: the key's entry, or the built-in corpus's numbered one. */
function cardEntry(target: CitationTarget, library: Library): LibraryEntry | undefined {
  if (target.kind === 'key') return library.byKey.get(target.item.key);
  return library.numbered.kind === 'builtin' ? library.numbered.entries.get(target.n) : undefined;
}

/** The reference card of the key or number under `offset`, rendered in `style`; undefined off a citation. */
export function hoverCitation(manuscript: Manuscript, library: Library, offset: number, style: string): Hover | undefined {
  const target = citationTargetAt(manuscript, offset);
  if (!target) return undefined;
  const range = manuscript.lines.rangeOf(target.range);
  const entry = cardEntry(target, library);
  if (target.kind === 'key') {
    const loading = library.sources.find((s) => s.loading);
    const value = entry
      ? `${referenceCard(entry, style)}\n\n${citedHere(manuscript, (key) => key === target.item.key)} ${styleNote(style)}`
      : loading
        ? `\`@${escapeMarkdown(target.item.key)}\`: ${escapeMarkdown(loading.declaredAs)} is still being read; hover again in a moment.`
        : `\`@${escapeMarkdown(target.item.key)}\`: no bibliography in use defines this key.`;
    return { range, contents: { kind: MarkupKind.Markdown, value } };
  }
  const numbered = library.numbered;
  let value: string;
  if (entry) {
    value = referenceCard(entry, style);
  } else if (numbered.kind === 'own-section' && numbered.entries.has(target.n)) {
    value = `**[${target.n}]** ${escapeMarkdown(numbered.entries.get(target.n)!.text)}\n\n*From this document's reference list.*`;
  } else {
    value = `**[${target.n}]** is not in the numbered reference list in use${numbered.size ? ` (1-${numbered.size})` : ''}.`;
  }
  return {
    range,
    contents: {
      kind: MarkupKind.Markdown,
      value: `${value}\n\n${citedHere(manuscript, undefined, target.n)}${entry ? ` ${styleNote(style)}` : ''}`,
    },
  };
}

/**
 * `hoverCitation` once the references its card shows are rendered: by the host's render
 * helper when there is one (a hover awaits it rather than loading citeproc on this thread).
 */
export async function hoverCitationRendered(
  manuscript: Manuscript,
  library: Library,
  offset: number,
  style: string,
): Promise<Hover | undefined> {
  const target = citationTargetAt(manuscript, offset);
  const entry = target && cardEntry(target, library);
  if (entry) await whenRendered(cardItems(entry), style);
  return hoverCitation(manuscript, library, offset, style);
}

/** "Cited 3 times in this document: lines 12, 40, 41." */
function citedHere(manuscript: Manuscript, keyMatches?: (key: string) => boolean, n?: number): string {
  const lines: number[] = [];
  for (const citation of manuscript.citations) {
    if (citation.kind === 'key' && keyMatches) {
      for (const item of citation.items) if (keyMatches(item.key)) lines.push(manuscript.lines.positionAt(item.range.start).line + 1);
    } else if (citation.kind === 'numeric' && n !== undefined) {
      for (const item of citation.items)
        if (numbersOf(item).includes(n)) lines.push(manuscript.lines.positionAt(item.range.start).line + 1);
    }
  }
  const unique = [...new Set(lines)];
  const shown = unique.slice(0, 12).join(', ') + (unique.length > 12 ? ', …' : '');
  return `Cited ${lines.length} time${lines.length === 1 ? '' : 's'} in this document${unique.length ? ` (line${unique.length === 1 ? '' : 's'} ${shown})` : ''}.`;
}

/** Which style the reference is shown in, so the author knows what `csl:` or the setting chose. */
function styleNote(style: string): string {
  return `*Style: ${escapeMarkdown(styleTitle(style))}.*`;
}

/**
 * Renders the works a manuscript cites (keys, and built-in numbers) in the background, in
 * the order they appear, so that hovering one finds its reference already formatted. The
 * host calls it once a document's diagnostics are out.
 */
export function prepareHoverCards(manuscript: Manuscript, library: Library, style: string): void {
  const { works } = citedWorks(manuscript, library);
  if (works.length > 0)
    renderInBackground(
      works.map((work) => work.entry.item),
      style,
    );
}

/**
 * How many works, the first a manuscript cites, `prepareFirstHoverCards` sends: about what an
 * editor shows of a manuscript on opening it, few enough that rendering them (30-40 ms there)
 * takes little of the second core from the end of the check.
 */
const FIRST_CARDS = 4;

/**
 * Has the render helper render the cards of the first works a manuscript cites, ahead of the
 * work queued there, as a hover would: the check calls it as soon as it has the library, so a
 * hover on the text shown first, right after the first diagnostics, finds its card rendered
 * instead of waiting for it. Without a helper it does nothing: nothing renders here for it.
 */
export function prepareFirstHoverCards(manuscript: Manuscript, library: Library, style: string): void {
  renderSoon(
    () =>
      citedWorks(manuscript, library)
        .works.slice(0, FIRST_CARDS)
        .flatMap((work) => cardItems(work.entry)),
    style,
  );
}
