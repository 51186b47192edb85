/**
 * Which references a manuscript can cite, and how they are found:
 *   1. front matter `bibliography:` (paths relative to the document),
 *   2. front matter `references:` (inline CSL items),
 *   3. the setting `citokine.bibliography.files` (relative to the workspace folder),
 *   4. the built-in review corpus, unless `citokine.builtinLibrary` is false.
 * A key defined by more than one source resolves to the first in this order.
 * Bibliography files are parsed once and cached until the host says they changed.
 */
import { URI, Utils } from 'vscode-uri';
import type { BibEntry } from './cslItem';
import { parseBibliography, parseBibliographyInSlices, type ParsedBibliography } from './parse';
import { ParseCache } from '../text/parseCache';
import type { Manuscript } from '../markdown/manuscript';
import { findGeneratedList } from '../markdown/generatedList';
import type { OwnReferenceEntry, OwnReferenceSection } from '../markdown/syntax';
import type { OffsetRange } from '../text/textRange';
import { bibliographyFormatOf } from '../fileKinds';
import type { Workspace } from '../workspace';
import type { CitokineSettings } from '../settings';

/** Where an entry of a library comes from, in the order keys resolve. */
export type EntryOrigin = 'front-matter-file' | 'front-matter-inline' | 'setting' | 'builtin';

/** An entry of a manuscript's library: the parsed entry and where it comes from. */
export interface LibraryEntry extends BibEntry {
  readonly origin: EntryOrigin;
  /** Its number in the built-in corpus (1..55); undefined for users' entries. */
  readonly number?: number;
}

/** Where a bibliography named by the document or the settings comes from, for diagnostics. */
export interface BibliographySource {
  readonly uri: string;
  readonly origin: EntryOrigin;
  /** The front matter value naming it, when it was named there. */
  readonly declaredAt?: OffsetRange;
  /** The path as the user wrote it. */
  readonly declaredAs: string;
  /** Undefined when the file could not be read. */
  readonly parsed: ParsedBibliography | undefined;
  /** Set when the path names no bibliography format Citokine reads. */
  readonly unsupported?: boolean;
  /** Why the file could not be read, when the host says (`Workspace.readError`). */
  readonly readError?: string;
  /** Set when a request answered without the file because its first read is still under way (`getQuickly`). */
  readonly loading?: boolean;
}

/** The numbered list numeric citations refer to. */
export type NumberedList =
  | { readonly kind: 'builtin'; readonly size: number; readonly entries: ReadonlyMap<number, LibraryEntry> }
  | { readonly kind: 'own-section'; readonly size: number; readonly entries: ReadonlyMap<number, OwnReferenceEntry> }
  | { readonly kind: 'none'; readonly size: 0 };

/** What a manuscript can cite: entries by key, the sources read, and the numbered list numbers refer to. */
export interface Library {
  readonly byKey: ReadonlyMap<string, LibraryEntry>;
  readonly sources: readonly BibliographySource[];
  readonly numbered: NumberedList;
  /** Number of every built-in entry by its key, for hover and completion details. */
  readonly builtinNumbers: ReadonlyMap<string, number>;
}

/** Built-in corpus file names inside the corpus folder. */
export const BUILTIN_REFERENCES_FILE = 'review-55.json';

/**
 * Files this long (about 5,000 BibTeX entries, a second's parse) are parsed in slices, and
 * requests answered meanwhile without them; a smaller file is worth waiting for.
 */
const LARGE_FILE = 2_000_000;

/** How many merged libraries a store keeps (a few documents with different bibliographies). */
const MERGED_LIBRARIES_KEPT = 8;

/**
 * Parses and caches bibliography files by URI (a `ParseCache`: read and parsed once per
 * text, answering from the last good parse while a changed file is re-read), and keeps the
 * last few merged libraries.
 */
export class BibliographyStore {
  private readonly parses: ParseCache<ParsedBibliography>;
  /** Requests waiting for a file's first parse, answered at once (without the file) if it turns out to be large. */
  private readonly waiting = new Map<string, Set<() => void>>();
  /** Large files being parsed in slices. */
  private readonly slicing = new Set<string>();

  /**
   * @param indexLargeFile the work a large file's load does after its parse, in turns, before
   * the file counts as read (the search index: indexing counts in the load, and requests are
   * answered meanwhile).
   */
  constructor(
    private readonly workspace: Workspace,
    indexLargeFile: (entries: readonly BibEntry[]) => Promise<void> = async () => {},
  ) {
    this.parses = new ParseCache({
      read: (uri) => (bibliographyFormatOf(uri) ? workspace.readFile(uri) : Promise.resolve(undefined)),
      parse: (text, uri) => {
        const format = bibliographyFormatOf(uri) ?? 'csl-json';
        if (text.length < LARGE_FILE) return parseBibliography(text, uri, format);
        for (const answer of this.waiting.get(uri) ?? []) answer();
        this.waiting.delete(uri);
        this.slicing.add(uri);
        return parseBibliographyInSlices(text, uri, format)
          .then((parsed) => indexLargeFile(parsed.entries).then(() => parsed))
          .finally(() => this.slicing.delete(uri));
      },
    });
  }

  /** The file's current parse, waiting for it when the file changed since the last one. */
  get(uri: string): Promise<ParsedBibliography | undefined> {
    return this.parses.get(uri);
  }

  /**
   * For requests that must answer now (completion, hover): while a changed file is being
   * re-parsed, the previous parse; while a large file is read the first time, nothing: the
   * library without it, until it is read. Otherwise the same as `get`.
   */
  getQuickly(uri: string): Promise<ParsedBibliography | undefined> {
    const answer = this.parses.getQuickly(uri);
    if (this.parses.lastGood(uri) !== undefined) return answer;
    if (this.slicing.has(uri)) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const early = () => resolve(undefined);
      const waiting = this.waiting.get(uri) ?? new Set();
      waiting.add(early);
      this.waiting.set(uri, waiting);
      void answer.then(resolve, () => resolve(undefined)).finally(() => waiting.delete(early));
    });
  }

  /** The text `parsed` was read from, while it is the file's last good parse (positions in its errors and entries are in that text). */
  textOf(uri: string, parsed: ParsedBibliography): string | undefined {
    return this.parses.textOf(uri, parsed);
  }

  /** True while a large file is read for the first time (requests answer without it meanwhile). */
  isLoading(uri: string): boolean {
    return this.slicing.has(uri) && this.parses.lastGood(uri) === undefined;
  }

  /** Forgets a file so the next request re-reads it. Returns true when it was in use. */
  invalidate(uri: string): boolean {
    return this.parses.invalidate(uri);
  }

  /** True when the file has been read since it last changed. */
  has(uri: string): boolean {
    return this.parses.has(uri);
  }

  /** Why `uri` could not be read, when the workspace says. */
  readError(uri: string): string | undefined {
    return this.workspace.readError?.(uri);
  }

  /** Recently merged libraries, most recent first, keyed by the parts they were merged from. */
  private readonly merged: { readonly parts: readonly unknown[]; readonly entries: MergedEntries }[] = [];

  /** The library merged from `parts` (compared by identity), merging it with `merge` only when it is not among the last few. */
  mergedEntries(parts: readonly unknown[], merge: () => MergedEntries): MergedEntries {
    const index = this.merged.findIndex((m) => m.parts.length === parts.length && m.parts.every((p, i) => p === parts[i]));
    const entries = index >= 0 ? this.merged.splice(index, 1)[0].entries : merge();
    this.merged.unshift({ parts, entries });
    if (this.merged.length > MERGED_LIBRARIES_KEPT) this.merged.pop();
    return entries;
  }
}

/** What resolving a manuscript's library needs from its caller. */
export interface LibraryContext {
  readonly store: BibliographyStore;
  readonly settings: CitokineSettings;
  /** Folder of the built-in corpus (URI). */
  readonly builtinCorpusUri: string;
  /** The workspace folder (URI) for settings paths; the document's folder when absent. */
  readonly workspaceFolderUri?: string;
  /** Answer from the previous parse of a file being re-parsed (requests), rather than wait (diagnostics). */
  readonly quick?: boolean;
  /** The user's home folder (URI) for `~/` paths, from the host. */
  readonly homeFolderUri?: string;
}

/**
 * Resolves a bibliography path as written by the user against a base folder URI; `~/...`
 * against the home folder the host gives (the core does not read the environment).
 */
export function resolvePath(base: string, path: string, homeFolderUri?: string): string {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(path)) return path;
  if (path.startsWith('/')) return URI.file(path).toString();
  if (homeFolderUri && path.startsWith('~/')) return Utils.joinPath(URI.parse(homeFolderUri), path.slice(2)).toString();
  return Utils.joinPath(URI.parse(base), path).toString();
}

/** The URI of the built-in corpus's references file. */
export function builtinReferencesUri(builtinCorpusUri: string): string {
  return Utils.joinPath(URI.parse(builtinCorpusUri), BUILTIN_REFERENCES_FILE).toString();
}

/** Builds the library a manuscript cites from. */
export async function resolveLibrary(manuscript: Manuscript, context: LibraryContext): Promise<Library> {
  const documentFolder = Utils.dirname(URI.parse(manuscript.uri)).toString();
  const settingsBase = context.workspaceFolderUri ?? documentFolder;
  const wanted: { uri: string; origin: EntryOrigin; declaredAt?: OffsetRange; declaredAs: string }[] = [];
  for (const value of manuscript.frontMatter.bibliography) {
    wanted.push({
      uri: resolvePath(documentFolder, value.value, context.homeFolderUri),
      origin: 'front-matter-file',
      declaredAt: value.range,
      declaredAs: value.value,
    });
  }
  for (const path of context.settings.bibliographyFiles) {
    wanted.push({ uri: resolvePath(settingsBase, path, context.homeFolderUri), origin: 'setting', declaredAs: path });
  }
  const read = (uri: string) => (context.quick ? context.store.getQuickly(uri) : context.store.get(uri));
  const parsed = await Promise.all(wanted.map((w) => read(w.uri)));
  const sources: BibliographySource[] = wanted.map((w, i) => ({
    ...w,
    parsed: parsed[i],
    unsupported: !bibliographyFormatOf(w.uri),
    readError: parsed[i] ? undefined : context.store.readError(w.uri),
    loading: !parsed[i] && context.store.isLoading(w.uri),
  }));

  const builtin = context.settings.builtinLibrary ? await read(builtinReferencesUri(context.builtinCorpusUri)) : undefined;
  // The same parsed files and inline items give the same entries: reuse them rather than
  // rebuild a 10,000-entry map at every keystroke (completion, hover).
  const parts: unknown[] = [
    ...sources.map((s) => s.parsed),
    ...manuscript.frontMatter.references.map(
      (e) => `${e.key}\u0000${e.range.start}\u0000${e.keyRange.start}\u0000${JSON.stringify(e.item)}`,
    ),
    context.settings.builtinLibrary ? builtin : 'no-builtin',
    manuscript.frontMatter.references.length > 0 ? manuscript.uri : '',
    ...sources.map((s) => s.origin),
  ];
  const { byKey, builtinNumbers, builtinByNumber } = context.store.mergedEntries(parts, () =>
    mergeEntries(sources, manuscript.frontMatter.references, builtin),
  );

  const own = ownReferenceSection(manuscript);
  let numbered: NumberedList;
  if (own && own.entries.length > 0) {
    numbered = { kind: 'own-section', size: Math.max(...own.entries.map((e) => e.n)), entries: new Map(own.entries.map((e) => [e.n, e])) };
  } else if (builtinByNumber.size > 0) {
    numbered = { kind: 'builtin', size: Math.max(...builtinByNumber.keys()), entries: builtinByNumber };
  } else {
    numbered = { kind: 'none', size: 0 };
  }
  return { byKey, sources, numbered, builtinNumbers };
}

/** The entries merged from a library's sources, with the built-in corpus's numbers both ways. */
export interface MergedEntries {
  readonly byKey: Map<string, LibraryEntry>;
  readonly builtinNumbers: Map<string, number>;
  readonly builtinByNumber: Map<number, LibraryEntry>;
}

/** Merges the sources in the documented order; a key defined twice resolves to the first. */
function mergeEntries(
  sources: readonly BibliographySource[],
  inline: readonly BibEntry[],
  builtin: ParsedBibliography | undefined,
): MergedEntries {
  const byKey = new Map<string, LibraryEntry>();
  const add = (entry: BibEntry, origin: EntryOrigin, number?: number) => {
    if (!byKey.has(entry.key)) byKey.set(entry.key, libraryEntry(entry, origin, number));
  };
  sources.filter((s) => s.origin === 'front-matter-file').forEach((s) => s.parsed?.entries.forEach((e) => add(e, s.origin)));
  inline.forEach((e) => add(e, 'front-matter-inline'));
  sources.filter((s) => s.origin === 'setting').forEach((s) => s.parsed?.entries.forEach((e) => add(e, s.origin)));

  const builtinNumbers = new Map<string, number>();
  const builtinByNumber = new Map<number, LibraryEntry>();
  for (const entry of builtin?.entries ?? []) {
    const number = builtinNumber(entry);
    if (number === undefined) continue;
    builtinNumbers.set(entry.key, number);
    add(entry, 'builtin', number);
    builtinByNumber.set(number, { ...entry, origin: 'builtin', number });
  }
  return { byKey, builtinNumbers, builtinByNumber };
}

/**
 * The library's view of a parsed entry, made once per parsed entry and origin: rebuilding
 * 10,000 of them for every completion request cost more than the request's own work.
 */
const libraryEntries = new WeakMap<BibEntry, LibraryEntry>();
function libraryEntry(entry: BibEntry, origin: EntryOrigin, number: number | undefined): LibraryEntry {
  const cached = libraryEntries.get(entry);
  if (cached && cached.origin === origin && cached.number === number) return cached;
  const made = asLibraryEntry(entry, origin, number);
  libraryEntries.set(entry, made);
  return made;
}

/**
 * `{ ...entry, origin, number }`, written out when the entry has a parse's five fields in
 * their order: a spread of objects of several shapes went through V8's slow path, 2-4 µs an
 * entry (35 ms of a 10,000-entry load).
 */
export function asLibraryEntry(entry: BibEntry, origin: EntryOrigin, number: number | undefined): LibraryEntry {
  const keys = Object.keys(entry);
  if (keys.length !== 5 || keys[0] !== 'key' || keys[1] !== 'item' || keys[2] !== 'uri' || keys[3] !== 'range' || keys[4] !== 'keyRange')
    return { ...entry, origin, number };
  return { key: entry.key, item: entry.item, uri: entry.uri, range: entry.range, keyRange: entry.keyRange, origin, number };
}

/** The review's number of a built-in entry, kept in CSL `custom.number`. */
export function builtinNumber(entry: BibEntry): number | undefined {
  const custom = entry.item.custom as { number?: unknown } | undefined;
  return typeof custom?.number === 'number' ? custom.number : undefined;
}

/**
 * The document's own numbered reference list, less the entries of a list Citokine generated
 * between `<!-- citokine:references -->` markers: that list renders the numbers in use (the
 * built-in corpus's, or first appearance of keys), it does not define them.
 */
export function ownReferenceSection(manuscript: Manuscript): OwnReferenceSection | undefined {
  const own = manuscript.scan.referenceSection;
  if (!own) return undefined;
  const generated = findGeneratedList(manuscript.text, manuscript.scan);
  if (!generated) return own;
  const entries = own.entries.filter((e) => e.range.end <= generated.range.start || e.range.start >= generated.range.end);
  return entries.length === own.entries.length ? own : { ...own, entries };
}
