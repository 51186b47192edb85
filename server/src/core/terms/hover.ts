/**
 * Hover on a glossary term (its canonical form, an alias, a full name in English or
 * Chinese, or a variant): the term's card (termCard.ts) over the written occurrence.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { Manuscript } from '../markdown/manuscript';
import { termCard, type TermHoverContext } from './termCard';
import type { TermIndex } from './termIndex';

/** The hover for the term under `offset`, or undefined when there is none. */
export function hoverTerm(manuscript: Manuscript, index: TermIndex, offset: number, context: TermHoverContext): Hover | undefined {
  const occurrence = index.occurrenceAt(offset);
  if (!occurrence) return undefined;
  return {
    range: manuscript.lines.rangeOf(occurrence.range),
    contents: { kind: MarkupKind.Markdown, value: termCard(occurrence.term, index.glossary, context, occurrence, manuscript.text) },
  };
}
