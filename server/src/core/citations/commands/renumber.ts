/**
 * Renumbering: every numeric citation rewritten so that numbers first appear in order
 * (1, 2, 3...), and the document's own References section reordered to match. Cited entries
 * come first in order of first appearance, uncited ones after them in their old order, so no
 * entry is lost; on a document already in order it changes nothing.
 *
 * Only the digits of a citation change when its shape survives (`[3]` -> `[1]`, `[4-6]` ->
 * `[2-4]`); a group whose range no longer maps to a range is written anew, its numbers
 * ascending (`[2-4]` -> `[1,5,6]`). Entries keep their places (slots): each slot receives the
 * text of the entry that now has its number; a list written `1.`, `1.`, `1.` stays so.
 */
import { applyOffsetEdits, type OffsetEdit } from '../../text/edits';
import { formatNumbers, numericStyleOf } from '../numbers';
import { ownReferenceSection, type Library } from '../../bibliography/library';
import { numbersOf, type Manuscript } from '../../markdown/manuscript';
import type { NumericCitation, OwnReferenceEntry } from '../../markdown/syntax';

/** The edits of a renumbering, or why it cannot be done. */
export type RenumberResult = { readonly edits: OffsetEdit[]; readonly mapping: ReadonlyMap<number, number> } | { readonly refused: string };

const LIST_MARKER = /^(\d{1,9})([.)])/;
const BRACKET_MARKER = /^([[［])(\d{1,4})([\]］])/;

/** Computes the renumbering of `manuscript` against its own numbered References section. */
export function renumber(manuscript: Manuscript, library: Library): RenumberResult {
  const list = library.numbered;
  if (list.kind === 'builtin') {
    return {
      refused:
        "Renumbering needs the document's own numbered References section: these numbers refer to the built-in corpus, whose numbers are the review's own and cannot change.",
    };
  }
  if (list.kind !== 'own-section') return { refused: 'Renumbering needs a numbered "References" / "参考文献" section in the document.' };
  const text = manuscript.text;
  const entries = [...(ownReferenceSection(manuscript)?.entries ?? [])].sort((a, b) => a.range.start - b.range.start);
  if (entries.length !== list.entries.size) {
    const numbers = entries.map((e) => e.n);
    const twice = numbers.find((n, i) => numbers.indexOf(n) !== i);
    return { refused: `The References section numbers [${twice}] twice: give each entry its own number first.` };
  }
  const lineOf = (offset: number) => manuscript.lines.positionAt(offset).line + 1;
  const malformed = manuscript.citations.find((c) => c.kind === 'malformed');
  if (malformed)
    return {
      refused: `Fix the citation ${text.slice(malformed.range.start, malformed.range.end)} on line ${lineOf(malformed.range.start)} first: renumbering cannot tell what it means.`,
    };
  const numeric = manuscript.citations.filter((c): c is NumericCitation => c.kind === 'numeric');
  for (const citation of numeric) {
    for (const item of citation.items) {
      const missing = numbersOf(item).find((n) => !list.entries.has(n));
      if (missing !== undefined)
        return {
          refused: `[${missing}] on line ${lineOf(item.range.start)} is not in the References section: fix it first, so that no citation loses its work.`,
        };
    }
  }
  for (const entry of entries) {
    const head = text.slice(entry.range.start, entry.range.start + 16);
    if (!LIST_MARKER.test(head) && !BRACKET_MARKER.test(head))
      return { refused: `Cannot read the number of the reference on line ${lineOf(entry.range.start)}.` };
  }

  // Old number -> new number: cited ones by first appearance, then the rest in list order.
  const mapping = new Map<number, number>();
  for (const citation of numeric)
    for (const item of citation.items) for (const n of numbersOf(item)) if (!mapping.has(n)) mapping.set(n, mapping.size + 1);
  for (const entry of entries) if (!mapping.has(entry.n)) mapping.set(entry.n, mapping.size + 1);

  const citationEdits = numeric.flatMap((citation) => rewriteCitation(text, citation, mapping));
  const inEntry = (edit: OffsetEdit, entry: OwnReferenceEntry) =>
    edit.range.start >= entry.range.start && edit.range.end <= entry.range.end;
  // Citations inside an entry move with it; only those within the entries' span need the per-entry test.
  const span = { start: entries[0].range.start, end: entries[entries.length - 1].range.end };
  const inSpan = citationEdits.filter((edit) => edit.range.start >= span.start && edit.range.end <= span.end);
  const edits: OffsetEdit[] = citationEdits.filter(
    (edit) => !(edit.range.start >= span.start && edit.range.end <= span.end) || !entries.some((entry) => inEntry(edit, entry)),
  );

  // Each slot (an entry's place) receives the entry whose new number is the slot's.
  const byNewNumber = [...entries].sort((a, b) => mapping.get(a.n)! - mapping.get(b.n)!);
  entries.forEach((slot, k) => {
    const moved = byNewNumber[k];
    const own = inSpan
      .filter((edit) => inEntry(edit, moved))
      .map((edit) => ({
        range: { start: edit.range.start - moved.range.start, end: edit.range.end - moved.range.start },
        newText: edit.newText,
      }));
    const movedText = applyOffsetEdits(text.slice(moved.range.start, moved.range.end), own);
    const newText = markerFor(text, slot, k + 1) + movedText.slice(markerLength(movedText));
    if (newText !== text.slice(slot.range.start, slot.range.end)) edits.push({ range: slot.range, newText });
  });
  return { edits: edits.sort((a, b) => a.range.start - b.range.start), mapping };
}

/** The slot's own marker, with its number changed only where the author wrote numbers out. */
function markerFor(text: string, slot: OwnReferenceEntry, newNumber: number): string {
  const head = text.slice(slot.range.start, slot.range.start + 16);
  const list = LIST_MARKER.exec(head);
  if (list) return Number(list[1]) === slot.n ? `${newNumber}${list[2]}` : list[0];
  const bracket = BRACKET_MARKER.exec(head)!;
  return `${bracket[1]}${newNumber}${bracket[3]}`;
}

function markerLength(entryText: string): number {
  return (LIST_MARKER.exec(entryText) ?? BRACKET_MARKER.exec(entryText))?.[0].length ?? 0;
}

/** The edits of one group: digits only when each item keeps its shape, else the group anew. */
function rewriteCitation(text: string, citation: NumericCitation, mapping: ReadonlyMap<number, number>): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  let keepsShape = true;
  for (const item of citation.items) {
    if (item.kind === 'single') {
      edits.push({ range: item.range, newText: String(mapping.get(item.n)) });
      continue;
    }
    const mapped = numbersOf(item).map((n) => mapping.get(n)!);
    if (!mapped.every((n, i) => n === mapped[0] + i)) {
      keepsShape = false;
      break;
    }
    edits.push({ range: item.fromRange, newText: String(mapped[0]) }, { range: item.toRange, newText: String(mapped[mapped.length - 1]) });
  }
  if (keepsShape) return edits.filter((e) => text.slice(e.range.start, e.range.end) !== e.newText);
  // Ascending; a number the group cites twice stays twice (the duplicate check reports it, renumbering does not decide it).
  const numbers = citation.items.flatMap((item) => numbersOf(item).map((n) => mapping.get(n)!)).sort((a, b) => a - b);
  return [{ range: citation.range, newText: `[${formatNumbers(numbers, numericStyleOf(text, citation))}]` }];
}
