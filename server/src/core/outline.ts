/**
 * What the editor's views, picker and status bar show about one manuscript: the works it
 * cites in order of first citation, the uncited entries of its own list, the glossary terms it
 * uses, the bibliographies and glossaries in force, its findings and its citation style; and
 * the references it can cite, ranked for what the writer typed in the picker. Plain data with
 * LSP ranges, made from the same parse, library and term index as every other feature.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { builtinContext, shortDescription, type IdentificationStatus } from './bibliography/referenceCard';
import type { Library, LibraryEntry } from './bibliography/library';
import { ownReferenceSection } from './bibliography/library';
import { issuedYear } from './bibliography/cslItem';
import { rankEntries, searchIndex } from './bibliography/search';
import { manuscriptDiagnostics } from './citations/diagnostics';
import { numbersOf, type Manuscript } from './markdown/manuscript';
import type { OwnReferenceEntry } from './markdown/syntax';
import { analyzeAbbreviations } from './terms/abbreviations';
import { termDiagnostics } from './terms/checks';
import type { TermService } from './terms/service';
import type { OffsetRange } from './text/textRange';
import { hasHan } from './text/script';
import type { CitokineSettings } from './settings';

/** How a manuscript cites: Pandoc keys (`[@a; @b]`) or the numbers of a numbered list (`[3,5]`). */
export type CitationStyle = 'key' | 'numeric';

/** One reference the picker offers. */
export interface CitationCandidate {
  /** The key to insert in a key document; for an entry of the document's own list, its number as text. */
  readonly key: string;
  /** Its number in the numbered list in use, when it has one. */
  readonly number?: number;
  readonly authors: string;
  readonly year?: string;
  readonly title: string;
  readonly journal?: string;
  /** Identification status of a built-in entry. */
  readonly status?: IdentificationStatus;
  readonly builtin: boolean;
}

/** The answer to `citokine/citationCandidates`. */
export interface CitationCandidates {
  readonly style: CitationStyle;
  readonly items: readonly CitationCandidate[];
}

/** A work the manuscript cites, with the places that cite it. */
export interface CitedWork {
  readonly key?: string;
  readonly number?: number;
  /** One line: author, year and title, or the entry's text. */
  readonly label: string;
  /** False when no bibliography or numbered list knows it. */
  readonly known: boolean;
  readonly status?: IdentificationStatus;
  readonly places: readonly Range[];
}

/** An entry of the manuscript's own list (front matter bibliography or References section) it never cites. */
export interface UncitedEntry {
  readonly key?: string;
  readonly number?: number;
  readonly label: string;
  /** Where it is written, when in the manuscript itself. */
  readonly range?: Range;
}

/** A glossary term the manuscript uses. */
export interface TermUse {
  readonly id: string;
  readonly canonical: string;
  readonly name?: string;
  readonly uses: number;
  readonly firstUse: Range;
  /** The first definition (`interleukin-6 (IL-6)`), for abbreviations. */
  readonly definition?: Range;
  readonly findings: readonly { readonly code: string; readonly message: string; readonly range: Range }[];
}

/** A bibliography or glossary file in force. */
export interface SourceInUse {
  readonly kind: 'bibliography' | 'glossary';
  readonly uri: string;
  /** The path as the user wrote it (or the built-in file's name). */
  readonly name: string;
  readonly builtin: boolean;
  readonly readable: boolean;
  readonly entries: number;
}

/** The answer to `citokine/documentOutline`. */
export interface DocumentOutline {
  readonly uri: string;
  readonly version: number;
  readonly style: CitationStyle;
  readonly cited: readonly CitedWork[];
  readonly uncited: readonly UncitedEntry[];
  /** Uncited entries beyond those listed (a shared library named in front matter can be large). */
  readonly uncitedNotListed: number;
  readonly terms: readonly TermUse[];
  readonly sources: readonly SourceInUse[];
  readonly findings: { readonly citations: number; readonly terms: number };
}

const MAX_CANDIDATES = 100;
const MAX_UNCITED = 500;

/** Key citations against numeric ones; a document with neither is numeric only when it has its own numbered list. */
export function citationStyleOf(manuscript: Manuscript, library: Library): CitationStyle {
  let keys = 0;
  let numbers = 0;
  for (const citation of manuscript.citations) {
    if (citation.kind === 'key') keys++;
    else if (citation.kind === 'numeric') numbers++;
  }
  if (keys !== numbers) return numbers > keys ? 'numeric' : 'key';
  return library.numbered.kind === 'own-section' ? 'numeric' : 'key';
}

/** Keys the manuscript cites, in order of first citation. */
function citedKeys(manuscript: Manuscript): Set<string> {
  const keys = new Set<string>();
  for (const citation of manuscript.citations) if (citation.kind === 'key') for (const item of citation.items) keys.add(item.key);
  return keys;
}

/** Entries of a document's own References section as library entries, so the one ranking searches them too. */
const ownEntries = new WeakMap<readonly OwnReferenceEntry[], LibraryEntry[]>();
function ownListEntries(manuscript: Manuscript, entries: readonly OwnReferenceEntry[]): LibraryEntry[] {
  const cached = ownEntries.get(entries);
  if (cached) return cached;
  // The entry's whole text stands as its title: the ranking then finds authors, title words and year in it.
  const made = entries.map((e): LibraryEntry => ({
    key: String(e.n),
    item: { id: String(e.n), type: 'article', title: e.text },
    uri: manuscript.uri,
    range: e.range,
    keyRange: e.range,
    origin: 'front-matter-inline',
    number: e.n,
  }));
  ownEntries.set(entries, made);
  return made;
}

function authorsOf(entry: LibraryEntry): string {
  const names = entry.item.author;
  if (!Array.isArray(names)) return '';
  const all = (names as { family?: unknown; given?: unknown; literal?: unknown }[]).map((n) =>
    typeof n.literal === 'string'
      ? n.literal
      : [n.family, n.given].filter((p) => typeof p === 'string').join(hasHan(String(n.family ?? '')) ? '' : ' '),
  );
  return all.length > 3 ? `${all.slice(0, 3).join(', ')} et al.` : all.join(', ');
}

function candidate(entry: LibraryEntry, number: number | undefined, own: boolean): CitationCandidate {
  const context = own ? undefined : builtinContext(entry.item);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    key: entry.key,
    number,
    authors: authorsOf(entry),
    year: issuedYear(entry.item),
    title: str(entry.item.title) ?? '',
    journal: str(entry.item['container-title']),
    status: context?.status,
    builtin: entry.origin === 'builtin',
  };
}

/**
 * The references the manuscript can cite, best first for `query`, ranked by completion's own
 * ranking: every entry of its library in a key document; the numbered list in use in a numeric one.
 */
export function citationCandidates(manuscript: Manuscript, library: Library, query: string, limit = MAX_CANDIDATES): CitationCandidates {
  const style = citationStyleOf(manuscript, library);
  const cited = citedKeys(manuscript);
  if (style === 'key') {
    const items = rankEntries(searchIndex(library), query, cited, limit).map(({ entry }) => candidate(entry, entry.number, false));
    return { style, items };
  }
  const numbered = library.numbered;
  if (numbered.kind === 'own-section') {
    const own = ownReferenceSection(manuscript);
    const ranked = rankEntries(ownListEntries(manuscript, own?.entries ?? []), query, new Set(), limit);
    return { style, items: ranked.map(({ entry }) => candidate(entry, entry.number, true)) };
  }
  if (numbered.kind === 'builtin') {
    const ranked = rankEntries([...numbered.entries.values()], query, cited, limit);
    return { style, items: ranked.map(({ entry }) => candidate(entry, entry.number, false)) };
  }
  return { style, items: [] };
}

/** What the outline is made from: the facade's parse, library, term service and settings. */
export interface OutlineContext {
  readonly library: Library;
  readonly terms: TermService;
  readonly settings: CitokineSettings;
}

/** The manuscript's outline for the views and the status bar. */
export async function documentOutline(manuscript: Manuscript, context: OutlineContext): Promise<DocumentOutline> {
  const { library, settings } = context;
  const resolved = await context.terms.glossaryOf(manuscript);
  const index = await context.terms.indexOf(manuscript);
  const citationFindings = manuscriptDiagnostics(manuscript, library, settings);
  const termFindings = termDiagnostics(manuscript, index, settings);
  const cited = citedWorks(manuscript, library);
  const { uncited, notListed } = uncitedEntries(manuscript, library, cited);
  const sources: SourceInUse[] = [
    ...library.sources.map((s): SourceInUse => ({
      kind: 'bibliography',
      uri: s.uri,
      name: s.declaredAs,
      builtin: false,
      readable: s.parsed !== undefined,
      entries: s.parsed?.entries.length ?? 0,
    })),
    ...(settings.builtinLibrary && library.builtinNumbers.size > 0
      ? [
          {
            kind: 'bibliography' as const,
            uri: '',
            name: 'review-55.json',
            builtin: true,
            readable: true,
            entries: library.builtinNumbers.size,
          },
        ]
      : []),
    ...resolved.sources.map((s): SourceInUse => ({
      kind: 'glossary',
      uri: s.uri,
      name: s.declaredAs,
      builtin: s.origin === 'builtin',
      readable: s.parsed !== undefined,
      entries: s.parsed?.glossary.terms.length ?? 0,
    })),
  ];
  return {
    uri: manuscript.uri,
    version: manuscript.version,
    style: citationStyleOf(manuscript, library),
    cited,
    uncited,
    uncitedNotListed: notListed,
    terms: termUses(manuscript, index, termFindings, settings),
    sources,
    findings: { citations: citationFindings.length, terms: termFindings.length },
  };
}

/** Cited works in order of first citation, keys and numbers alike. */
function citedWorks(manuscript: Manuscript, library: Library): CitedWork[] {
  const works = new Map<string, { key?: string; number?: number; places: OffsetRange[] }>();
  const add = (id: string, work: { key?: string; number?: number }, range: OffsetRange) => {
    const found = works.get(id) ?? { ...work, places: [] };
    found.places.push(range);
    works.set(id, found);
  };
  for (const citation of manuscript.citations) {
    if (citation.kind === 'key') for (const item of citation.items) add(`@${item.key}`, { key: item.key }, item.range);
    else if (citation.kind === 'numeric')
      for (const item of citation.items) for (const n of numbersOf(item)) add(`#${n}`, { number: n }, item.range);
  }
  const numbered = library.numbered;
  return [...works.values()].map((work): CitedWork => {
    const places = work.places.map((p) => manuscript.lines.rangeOf(p));
    if (work.key !== undefined) {
      const entry = library.byKey.get(work.key);
      const status = entry ? builtinContext(entry.item)?.status : undefined;
      return {
        key: work.key,
        number: entry?.number,
        label: entry ? shortDescription(entry) : work.key,
        known: entry !== undefined,
        status,
        places,
      };
    }
    const n = work.number!;
    if (numbered.kind === 'builtin') {
      const entry = numbered.entries.get(n);
      return {
        key: entry?.key,
        number: n,
        label: entry ? shortDescription(entry) : String(n),
        known: entry !== undefined,
        status: entry ? builtinContext(entry.item)?.status : undefined,
        places,
      };
    }
    if (numbered.kind === 'own-section') {
      const entry = numbered.entries.get(n);
      return { number: n, label: entry ? entry.text.slice(0, 120) : String(n), known: entry !== undefined, places };
    }
    return { number: n, label: String(n), known: false, places };
  });
}

/** Entries of the document's own list that it never cites: its References section, or the bibliographies its front matter names. */
function uncitedEntries(
  manuscript: Manuscript,
  library: Library,
  cited: readonly CitedWork[],
): { uncited: UncitedEntry[]; notListed: number } {
  const uncited: UncitedEntry[] = [];
  let notListed = 0;
  const push = (entry: UncitedEntry) => (uncited.length < MAX_UNCITED ? uncited.push(entry) : notListed++);
  const own = ownReferenceSection(manuscript);
  if (own && library.numbered.kind === 'own-section') {
    const citedNumbers = new Set(cited.map((w) => w.number));
    for (const e of own.entries)
      if (!citedNumbers.has(e.n)) push({ number: e.n, label: e.text.slice(0, 120), range: manuscript.lines.rangeOf(e.range) });
    return { uncited, notListed };
  }
  const citedKeySet = new Set(cited.map((w) => w.key));
  for (const entry of library.byKey.values()) {
    if (entry.origin !== 'front-matter-file' && entry.origin !== 'front-matter-inline') continue;
    if (citedKeySet.has(entry.key)) continue;
    const range = entry.uri === manuscript.uri ? manuscript.lines.rangeOf(entry.keyRange) : undefined;
    push({ key: entry.key, label: shortDescription(entry), range });
  }
  return { uncited, notListed };
}

/** Terms in order of first use, with their first definition and their findings. */
function termUses(
  manuscript: Manuscript,
  index: Awaited<ReturnType<TermService['indexOf']>>,
  findings: readonly Diagnostic[],
  settings: CitokineSettings,
): TermUse[] {
  const definitions = new Map<string, OffsetRange>();
  for (const d of analyzeAbbreviations(manuscript, index, settings.noDefinitionNeeded).definitions)
    if (!definitions.has(d.term.id)) definitions.set(d.term.id, d.span);
  const findingsByTerm = new Map<string, TermUse['findings'][number][]>();
  for (const f of findings) {
    const termId = (f.data as { termId?: unknown } | undefined)?.termId;
    if (typeof termId !== 'string') continue;
    const list = findingsByTerm.get(termId) ?? [];
    list.push({ code: String(f.code), message: f.message, range: f.range });
    findingsByTerm.set(termId, list);
  }
  const uses = new Map<string, { first: OffsetRange; count: number; o: (typeof index.occurrences)[number] }>();
  for (const o of index.occurrences) {
    const seen = uses.get(o.term.id);
    if (seen) seen.count++;
    else uses.set(o.term.id, { first: o.range, count: 1, o });
  }
  return [...uses.entries()].map(([id, use]) => {
    const definition = definitions.get(id);
    const term = use.o.term;
    return {
      id,
      canonical: term.canonical,
      name: term.name.en ?? term.name.zh,
      uses: use.count,
      firstUse: manuscript.lines.rangeOf(use.first),
      definition: definition ? manuscript.lines.rangeOf(definition) : undefined,
      findings: findingsByTerm.get(id) ?? [],
    };
  });
}
