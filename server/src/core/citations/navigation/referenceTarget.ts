/**
 * What a navigation request is about: the reference under the cursor, found from a
 * manuscript (a key, a number, an inline front matter item) or from a bibliography file
 * (an entry's key), and the places across manuscripts that cite the same reference.
 * Definition, find references and rename share this so they agree on what "the same" is.
 */
import type { BibEntry } from '../../bibliography/parse';
import { builtinReferencesUri, type Library } from '../../bibliography/library';
import { citationTargetAt, numbersOf, type Manuscript } from '../../markdown/manuscript';
import type { NumericItem, OwnReferenceEntry } from '../../markdown/syntax';
import { containsOffset, type OffsetRange } from '../../text/textRange';
import type { DocumentText, IndexedManuscript, WorkspaceContext } from '../../workspaceIndex';
import { isBibliographyFile } from '../../fileKinds';

/**
 * A reference as a request sees it. `entry` reference: a key and the entry it resolves to
 * (undefined when no bibliography defines it); `own-number`: an entry of a document's own
 * numbered References section, which only that document cites.
 */
export type ReferenceTarget =
  | {
      readonly kind: 'entry';
      readonly key: string;
      readonly entry: BibEntry | undefined;
      /** Its number when it is a built-in corpus entry (numeric citations cite it too). */
      readonly builtinNumber: number | undefined;
      /** What the cursor is on, in the requesting document: the key text or the number. */
      readonly origin: OffsetRange;
      /** True when the cursor is on a number (of the built-in corpus), not on a key. */
      readonly fromNumber?: boolean;
    }
  | {
      readonly kind: 'own-number';
      readonly n: number;
      readonly documentUri: string;
      readonly entry: OwnReferenceEntry | undefined;
      readonly origin: OffsetRange;
    };

/** True when an entry is the built-in corpus's (which Citokine never edits). */
export function isBuiltinEntry(entry: BibEntry, context: Pick<WorkspaceContext, 'builtinCorpusUri'>): boolean {
  return entry.uri === builtinReferencesUri(context.builtinCorpusUri);
}

/** The reference at `offset` of a manuscript or bibliography file, or undefined. */
export async function targetAt(
  context: WorkspaceContext,
  document: DocumentText,
  offset: number,
): Promise<{ target: ReferenceTarget; manuscript?: Manuscript; library?: Library } | undefined> {
  if (isBibliographyFile(document.uri)) {
    const parsed = await context.store.get(document.uri);
    const entry = parsed?.entries.find((e) => e.keyRange.end > e.keyRange.start && containsOffset(e.keyRange, offset));
    if (!entry) return undefined;
    return { target: { kind: 'entry', key: entry.key, entry, builtinNumber: undefined, origin: entry.keyRange } };
  }
  const manuscript = context.manuscriptOf(document);
  const library = await context.libraryOf(manuscript);
  const inline = manuscript.frontMatter.references.find((e) => containsOffset(e.keyRange, offset) && e.keyRange.end > e.keyRange.start);
  if (inline) {
    const resolved = library.byKey.get(inline.key);
    // Only the first definition of a key is in force; a shadowed inline item is its own entry.
    const entry = resolved && resolved.uri === inline.uri && resolved.keyRange.start === inline.keyRange.start ? resolved : inline;
    return { target: { kind: 'entry', key: inline.key, entry, builtinNumber: undefined, origin: inline.keyRange }, manuscript, library };
  }
  const at = citationTargetAt(manuscript, offset);
  if (!at) return undefined;
  if (at.kind === 'key') {
    const entry = library.byKey.get(at.item.key);
    return {
      target: { kind: 'entry', key: at.item.key, entry, builtinNumber: entry?.number, origin: at.item.keyRange },
      manuscript,
      library,
    };
  }
  const numbered = library.numbered;
  if (numbered.kind === 'builtin') {
    const entry = numbered.entries.get(at.n);
    if (entry)
      return {
        target: { kind: 'entry', key: entry.key, entry, builtinNumber: at.n, origin: at.range, fromNumber: true },
        manuscript,
        library,
      };
    return undefined;
  }
  if (numbered.kind === 'own-section') {
    return {
      target: { kind: 'own-number', n: at.n, documentUri: manuscript.uri, entry: numbered.entries.get(at.n), origin: at.range },
      manuscript,
      library,
    };
  }
  return undefined;
}

/** Same definition: the same key defined at the same file (both unknown counts as the same). */
function sameEntry(a: BibEntry | undefined, b: BibEntry | undefined): boolean {
  if (!a || !b) return a === b;
  return a.key === b.key && a.uri === b.uri;
}

/** One place a manuscript cites the target. */
export interface CitingPlace {
  /** `@key` (from `@` to the key's end, braces included) or the number's text. */
  readonly range: OffsetRange;
  /** The key text alone, what rename replaces; undefined for numbers. */
  readonly keyRange?: OffsetRange;
}

/** Every place `indexed` cites `target`, in text order. */
export function citingPlaces(indexed: IndexedManuscript, target: ReferenceTarget): CitingPlace[] {
  const { manuscript, library } = indexed;
  const places: CitingPlace[] = [];
  if (target.kind === 'own-number') {
    if (manuscript.uri !== target.documentUri || library.numbered.kind !== 'own-section') return places;
    for (const citation of manuscript.citations) {
      if (citation.kind !== 'numeric') continue;
      for (const item of citation.items) if (numbersOf(item).includes(target.n)) places.push({ range: numberRange(item, target.n) });
    }
    return places;
  }
  const numberedBuiltin = target.builtinNumber !== undefined && library.numbered.kind === 'builtin';
  for (const citation of manuscript.citations) {
    if (citation.kind === 'key') {
      for (const item of citation.items) {
        if (item.key === target.key && sameEntry(library.byKey.get(item.key), target.entry))
          places.push({ range: item.range, keyRange: item.keyRange });
      }
    } else if (citation.kind === 'numeric' && numberedBuiltin) {
      for (const item of citation.items)
        if (numbersOf(item).includes(target.builtinNumber!)) places.push({ range: numberRange(item, target.builtinNumber!) });
    }
  }
  return places;
}

/** The text of `n` in a numeric item: its own end of a range, or the whole range when `n` is inside it. */
function numberRange(item: NumericItem, n: number): OffsetRange {
  if (item.kind === 'single') return item.range;
  if (item.from === n) return item.fromRange;
  if (item.to === n) return item.toRange;
  return item.range;
}
