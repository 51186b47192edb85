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
import {
  buildSearchIndex,
  builtinAfter,
  extendedIndex,
  extendedKeyColumns,
  searchIndexBuilder,
  type KeyColumns,
  type SearchIndexData,
} from './searchIndex';

/** A large file's index build, started when its parse ended: its remaining steps, its key columns once made, its index once built. */
interface FileIndex {
  readonly steps: Generator<KeyColumns<SearchedEntry> | undefined, SearchIndexData<SearchedEntry>, void>;
  columns?: KeyColumns<SearchedEntry>;
  data?: SearchIndexData<SearchedEntry>;
}

/** The index builds of large files, by their parse's entry list. */
const loadedFiles = new WeakMap<readonly BibEntry[], FileIndex>();

/** Runs one step of a file's build; true once it is built. */
function stepOf(file: FileIndex): boolean {
  if (file.data) return true;
  const step = file.steps.next();
  if (step.done) file.data = step.value;
  else file.columns ??= step.value;
  return step.done === true;
}

/** How long one timer turn of a file's build runs. */
const FILE_TURN_MS = 16;

/**
 * Starts indexing a large file's entries as soon as its sliced parse ends (the bibliography
 * store calls it), in timer turns: the check that follows runs first (its work is queued
 * before the first turn), and the build then runs while the diagnostics go out, rather than
 * starting once they are out. The load does not wait for it: at 50,000 entries it is a
 * second of work.
 */
export function indexLoadedFile(entries: readonly BibEntry[]): void {
  const file: FileIndex = { steps: searchIndexBuilder(entries) };
  loadedFiles.set(entries, file);
  const turn = () => {
    const until = Date.now() + FILE_TURN_MS;
    while (!stepOf(file)) if (Date.now() >= until) return void setTimeout(turn, 0);
  };
  setTimeout(turn, 0);
}

/**
 * The build of a library's index from a loaded file's build, when the library is that file's
 * entries and the built-in corpus (the usual case): it runs the file's remaining steps (the
 * same ones its timer turns run, so nothing is built twice), giving first the key columns
 * extended by the corpus, and ends with the file's index extended by it. Undefined when the
 * library is anything else.
 */
export function fromLoadedFile(
  library: Library,
  list: readonly LibraryEntry[],
): Generator<KeyColumns | undefined, SearchIndexData, void> | undefined {
  for (const source of library.sources) {
    const file = source.parsed && loadedFiles.get(source.parsed.entries);
    const extra = file && builtinAfter(source.parsed!.entries, list);
    if (file && extra) return extending(file, list, buildSearchIndex(extra));
  }
  return undefined;
}

function* extending(
  file: FileIndex,
  list: readonly LibraryEntry[],
  added: SearchIndexData,
): Generator<KeyColumns | undefined, SearchIndexData, void> {
  let yielded = false;
  while (!stepOf(file)) {
    if (!yielded && file.columns) {
      yielded = true;
      yield extendedKeyColumns(file.columns, list, added);
    } else yield;
  }
  return extendedIndex(file.data!, list, added);
}
