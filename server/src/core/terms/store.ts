/**
 * Which glossary a manuscript uses, and how glossary files are cached:
 *   1. the built-in glossary (`references/glossary.json`),
 *   2. the setting `citokine.glossary.files` (relative to the workspace folder),
 *   3. front matter `glossary:` (relative to the document),
 * each laid over the ones before it (`mergeGlossaries`: a term with a known id replaces it,
 * a new id adds a term). Files are parsed once per text in a `ParseCache` (as bibliographies
 * are), and while a changed file is re-read, hover and completion answer from its last good
 * parse; the merged glossary is rebuilt only when one of its parts did, so the compiled matcher
 * (cached per glossary object) survives edits of the manuscript.
 */
import { URI, Utils } from 'vscode-uri';
import { EMPTY_GLOSSARY, mergeGlossaries, parseGlossary, type Glossary, type ParsedGlossary } from './glossary';
import { resolvePath } from '../bibliography/library';
import type { Manuscript } from '../markdown/manuscript';
import { ParseCache } from '../text/parseCache';
import type { OffsetRange } from '../text/textRange';
import type { Workspace } from '../workspace';
import type { CitokineSettings } from '../settings';

/** The built-in glossary's file name inside the corpus folder. */
export const BUILTIN_GLOSSARY_FILE = 'glossary.json';

export function builtinGlossaryUri(builtinCorpusUri: string): string {
  return Utils.joinPath(URI.parse(builtinCorpusUri), BUILTIN_GLOSSARY_FILE).toString();
}

/** Parses and caches glossary files by URI; concurrent requests share one parse. */
export class GlossaryStore {
  private readonly parses: ParseCache<ParsedGlossary>;
  private readonly merged = new Map<string, { parts: readonly Glossary[]; glossary: Glossary }>();

  constructor(private readonly workspace: Workspace) {
    this.parses = new ParseCache({ read: (uri) => workspace.readFile(uri), parse: (text, uri) => parseGlossary(text, uri) });
  }

  /** The parsed file, waiting for it when the file changed since the last parse; undefined when it cannot be read. */
  get(uri: string): Promise<ParsedGlossary | undefined> {
    return this.parses.get(uri);
  }

  /** For requests that must answer now (hover, completion): while a changed file is re-read, its last good parse; otherwise `get`. */
  getQuickly(uri: string): Promise<ParsedGlossary | undefined> {
    return this.parses.getQuickly(uri);
  }

  /** The text `parsed` was read from, while it is the file's last good parse. */
  textOf(uri: string, parsed: ParsedGlossary): string | undefined {
    return this.parses.textOf(uri, parsed);
  }

  /** Forgets a file so the next request re-reads it. Returns true when it was in use. */
  invalidate(uri: string): boolean {
    return this.parses.invalidate(uri);
  }

  /** Why `uri` could not be read, when the workspace says. */
  readError(uri: string): string | undefined {
    return this.workspace.readError?.(uri);
  }

  /** The merge of `parts`, the same object as last time when no part changed. */
  merge(key: string, parts: readonly Glossary[]): Glossary {
    const last = this.merged.get(key);
    if (last && last.parts.length === parts.length && last.parts.every((p, i) => p === parts[i])) return last.glossary;
    const glossary = parts.length === 0 ? EMPTY_GLOSSARY : parts.length === 1 ? parts[0] : mergeGlossaries(parts[0], parts.slice(1));
    // Keys are per set of files; a handful at most, but never let the map grow without bound.
    if (this.merged.size > 64) this.merged.clear();
    this.merged.set(key, { parts, glossary });
    return glossary;
  }
}

/** Where a glossary file was named: the built-in corpus, the settings or the document's front matter. */
export type GlossaryOrigin = 'builtin' | 'setting' | 'front-matter';

/** One glossary file a manuscript uses. */
export interface GlossarySource {
  readonly uri: string;
  readonly origin: GlossaryOrigin;
  /** The path as the user wrote it. */
  readonly declaredAs: string;
  /** The front matter value naming it. */
  readonly declaredAt?: OffsetRange;
  /** Undefined when the file could not be read. */
  readonly parsed: ParsedGlossary | undefined;
  /** Why the file could not be read, when the host says (`Workspace.readError`). */
  readonly readError?: string;
}

/** The merged glossary a manuscript uses, and the files it was merged from (in order). */
export interface ResolvedGlossary {
  readonly glossary: Glossary;
  readonly sources: readonly GlossarySource[];
}

/** What `resolveGlossary` needs from the language service. */
export interface GlossaryContext {
  readonly store: GlossaryStore;
  readonly settings: CitokineSettings;
  readonly builtinCorpusUri: string;
  readonly workspaceFolderUri?: string;
  /** The user's home folder (URI) for `~/` paths, from the host. */
  readonly homeFolderUri?: string;
  /** Answer from the last good parse of a file being re-read (hover, completion). */
  readonly quick?: boolean;
}

/** The glossary a manuscript uses, with the files it comes from. */
export async function resolveGlossary(manuscript: Manuscript, context: GlossaryContext): Promise<ResolvedGlossary> {
  const documentFolder = Utils.dirname(URI.parse(manuscript.uri)).toString();
  const wanted: Omit<GlossarySource, 'parsed'>[] = [
    { uri: builtinGlossaryUri(context.builtinCorpusUri), origin: 'builtin', declaredAs: BUILTIN_GLOSSARY_FILE },
  ];
  for (const path of context.settings.glossaryFiles ?? []) {
    wanted.push({
      uri: resolvePath(context.workspaceFolderUri ?? documentFolder, path, context.homeFolderUri),
      origin: 'setting',
      declaredAs: path,
    });
  }
  for (const value of manuscript.frontMatter.glossary) {
    wanted.push({
      uri: resolvePath(documentFolder, value.value, context.homeFolderUri),
      origin: 'front-matter',
      declaredAs: value.value,
      declaredAt: value.range,
    });
  }
  const parsed = await Promise.all(wanted.map((w) => (context.quick ? context.store.getQuickly(w.uri) : context.store.get(w.uri))));
  const sources: GlossarySource[] = wanted.map((w, i) => ({
    ...w,
    parsed: parsed[i],
    readError: parsed[i] ? undefined : context.store.readError(w.uri),
  }));
  const parts = sources.filter((s) => s.parsed).map((s) => s.parsed!.glossary);
  return { glossary: context.store.merge(sources.map((s) => s.uri).join('\n'), parts), sources };
}
