/**
 * Reading a large BibTeX file on two threads. The file is read in slices of entries
 * (bibtex.ts); a host with a second core (the language server: a worker thread) provides a
 * `BibtexHelper` that reads slices from the last one down with this same code while this
 * thread reads from the first one up, each claiming a slice before reading it, until they
 * meet. The helper's entries come back as this thread would have made them (keyed, LaTeX made
 * Unicode, read as pandoc reads them); crossrefs, errors and positions are settled here. A
 * slice the helper could not read, and every slice after it failed or could not start, is read
 * here as before, so the parse is the same with or without it.
 */
import type { CslItem } from './cslItem';

/** One slice's entries as the helper read them: each entry's index among the file's entries and its item. */
export type HelperSlice = readonly (readonly [number, CslItem])[];

/** One file's reading shared with the helper. */
export interface BibtexHelperJob {
  /** Claims slice `slice` for this thread: false when the helper has claimed it. */
  claim(slice: number): boolean;
  /** Resolves once the helper claims no more and every slice it claimed is answered (or it failed). */
  readonly finished: Promise<void>;
  /** The helper's entries of `slice`, or undefined when it did not read that slice. */
  result(slice: number): HelperSlice | undefined;
}

/** What a host provides: a job for a file of `slices` slices of `size` entries, or undefined when it cannot help now. */
export interface BibtexHelper {
  start(text: string, uri: string, slices: number, size: number): BibtexHelperJob | undefined;
}

let helper: BibtexHelper | undefined;

/**
 * Installs (or, with undefined, removes) the host's helper for large BibTeX files read in
 * slices (`parseBibliographyInSlices`); a whole-file parse never uses it.
 */
export function setBibtexHelper(next: BibtexHelper | undefined): void {
  helper = next;
}

/** The helper installed, if any. */
export function currentBibtexHelper(): BibtexHelper | undefined {
  return helper;
}
