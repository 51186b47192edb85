/**
 * A large bibliography file's search index, made as part of its load: the bibliography store
 * parses such a file in slices, answering requests meanwhile, and then indexes its entries in
 * turns (`indexWhileLoading`) before the file counts as read. A library made of that file and
 * the built-in corpus then has its index at once (`fromLoadedFile`): no completion after the
 * load meets an index still being built, or finishes the build itself.
 */
import type { BibEntry } from './cslItem';
import type { Library, LibraryEntry } from './library';
import type { SearchedEntry } from './searchFields';
import { buildSearchIndex, builtinAfter, extendedIndex, loadedFileIndexBuilder, type SearchIndexData } from './searchIndex';

/** The indexes of large files' entries, made while each file loaded (`indexWhileLoading`), by their parse's entry list. */
const loadedFiles = new WeakMap<readonly BibEntry[], SearchIndexData<SearchedEntry>>();

/** The library's index made from a loaded file's index, when the library is that file's entries and the built-in corpus (the usual case). */
export function fromLoadedFile(library: Library, list: readonly LibraryEntry[]): SearchIndexData | undefined {
  for (const source of library.sources) {
    const file = source.parsed && loadedFiles.get(source.parsed.entries);
    const extra = file && builtinAfter(file.entries, list);
    if (file && extra) return extendedIndex(file, list, buildSearchIndex(extra));
  }
  return undefined;
}

/** How long one turn of a load's index build runs before it lets requests in (a load's parse slices take longer). */
const LOAD_TURN_MS = 16;

/**
 * Indexes a large file's entries as part of its load (the bibliography store calls it when
 * the sliced parse ends, before the file counts as read), in turns with `pause` between them
 * so that requests are answered meanwhile: the first completion after the load then finds the
 * library's index whole (`fromLoadedFile`), rather than a build under way in the background.
 */
export async function indexWhileLoading(
  entries: readonly BibEntry[],
  pause: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
): Promise<void> {
  const steps = loadedFileIndexBuilder(entries);
  for (;;) {
    const until = Date.now() + LOAD_TURN_MS;
    let step = steps.next();
    while (!step.done && Date.now() < until) step = steps.next();
    if (step.done) {
      loadedFiles.set(entries, step.value);
      return;
    }
    await pause();
  }
}
