/**
 * The terminology half of the language service: which glossary a manuscript uses, its term
 * index, and the term features (checks, hover, completion, code actions) over them. The
 * facade (languageService.ts) owns one of these and calls it after the citation features:
 * a citation hover or a citation completion site wins over a term.
 */
import type { CodeAction, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-types';
import { analyzeAbbreviations, DEFAULT_NO_DEFINITION_NEEDED } from './abbreviations';
import { builtinNumber, builtinReferencesUri, type BibliographyStore, type Library } from '../bibliography/library';
import type { GlossaryTerm } from './glossary';
import { builtinGlossaryUri, GlossaryStore, resolveGlossary, type ResolvedGlossary } from './store';
import type { Manuscript } from '../markdown/manuscript';
import { shortDescription } from '../bibliography/referenceCard';
import { RULES } from '../rules';
import { displayLanguage } from './language';
import { indexTerms, type TermIndex } from './termIndex';
import { LineMap } from '../text/textRange';
import type { Workspace } from '../workspace';
import type { CitokineSettings } from '../settings';
import { DiagnosticSink, sourceFileDiagnostics, type ActionRequest } from '../findings';
import { termCodeActions } from './codeActions';
import { completeTerm, termSiteAnswer } from './completion';
import { termDiagnostics, termFindings } from './checks';
import { hoverTerm } from './hover';
import type { ReferenceLink, TermHoverContext } from './termCard';
import { URI, Utils } from 'vscode-uri';

/** What the facade shares with the term service: the workspace, the bibliography cache and live settings. */
export interface TermServiceOptions {
  readonly workspace: Workspace;
  readonly bibliographies: BibliographyStore;
  readonly builtinCorpusUri: string;
  readonly settings: () => CitokineSettings;
  readonly workspaceFolderUri: () => string | undefined;
  /** The client's display language (LSP `initialize` `locale`), the last resort for the hover's language. */
  readonly locale?: string;
}

/** Terminology features for the facade; one per language service. */
export class TermService {
  readonly glossaries: GlossaryStore;
  private readonly lineMaps = new Map<string, Promise<LineMap | undefined>>();

  constructor(private readonly options: TermServiceOptions) {
    this.glossaries = new GlossaryStore(options.workspace);
  }

  /** The glossary in force for a manuscript and its files; `quick`: from the last good parse of a glossary being re-read. */
  glossaryOf(manuscript: Manuscript, quick = false): Promise<ResolvedGlossary> {
    return resolveGlossary(manuscript, {
      store: this.glossaries,
      settings: this.options.settings(),
      builtinCorpusUri: this.options.builtinCorpusUri,
      workspaceFolderUri: this.options.workspaceFolderUri(),
      homeFolderUri: this.options.workspace.homeFolderUri,
      quick,
    });
  }

  /** The term index of a manuscript under its glossary (cached per version and glossary); `quick` as for `glossaryOf`. */
  async indexOf(manuscript: Manuscript, quick = false): Promise<TermIndex> {
    return indexTerms(manuscript, (await this.glossaryOf(manuscript, quick)).glossary);
  }

  /** Term findings and unreadable glossary files, as diagnostics of the manuscript. */
  async diagnostics(manuscript: Manuscript): Promise<Diagnostic[]> {
    const settings = this.options.settings();
    const resolved = await this.glossaryOf(manuscript);
    const sink = new DiagnosticSink(manuscript.lines, settings);
    for (const source of resolved.sources) {
      if (source.parsed || source.origin === 'builtin') continue;
      const where = source.origin === 'setting' ? ' (setting citokine.glossary.files)' : '';
      sink.add(
        RULES.glossaryNotFound.code,
        source.declaredAt ?? { start: 0, end: manuscript.lines.lineEnd(0) },
        `Glossary '${source.declaredAs}'${where} ${source.readError ?? 'was not found or cannot be read'}.`,
      );
    }
    return [...sink.diagnostics, ...termDiagnostics(manuscript, indexTerms(manuscript, resolved.glossary), settings)];
  }

  /** The glossary files a manuscript reads (the built-in one included), so the host can publish their errors. */
  async glossaryFilesOf(manuscript: Manuscript): Promise<string[]> {
    return (await this.glossaryOf(manuscript)).sources.filter((s) => s.parsed).map((s) => s.uri);
  }

  /** Errors of a glossary file, as diagnostics in that file (`glossary.invalid`). */
  async glossaryFileDiagnostics(uri: string): Promise<Diagnostic[]> {
    const parsed = await this.glossaries.get(uri);
    if (!parsed || parsed.errors.length === 0) return [];
    // Placed in the text the parse read (every check's tail asks, and the file may have changed since).
    const text = this.glossaries.textOf(uri, parsed) ?? (await this.options.workspace.readFile(uri)) ?? '';
    return sourceFileDiagnostics(text, parsed.errors, RULES.glossaryParseError.code, this.options.settings());
  }

  /** The term card under `offset`; `library` gives the document's own numbered list for a user glossary's references. */
  async hover(manuscript: Manuscript, offset: number, library: Library | undefined): Promise<Hover | undefined> {
    const index = await this.indexOf(manuscript, true);
    if (!index.occurrenceAt(offset)) return undefined;
    return hoverTerm(manuscript, index, offset, await this.hoverContext(manuscript, library));
  }

  /** Term completion at `offset` (the facade has already ruled out citation sites). */
  async completion(manuscript: Manuscript, offset: number, library: Library | undefined): Promise<CompletionList | undefined> {
    // Where the site alone decides (nothing or too little typed), the same answer without indexing the terms.
    const decided = termSiteAnswer(manuscript, (await this.glossaryOf(manuscript, true)).glossary, offset);
    if (decided) return decided.list;
    const index = await this.indexOf(manuscript, true);
    const abbreviations = analyzeAbbreviations(
      manuscript,
      index,
      this.options.settings().noDefinitionNeeded ?? DEFAULT_NO_DEFINITION_NEEDED,
    );
    return completeTerm(manuscript, index, abbreviations, offset, await this.hoverContext(manuscript, library));
  }

  /** Quick fixes of the term findings at the request's range, and fix all. */
  async codeActions(manuscript: Manuscript, request: ActionRequest): Promise<CodeAction[]> {
    const settings = this.options.settings();
    const findings = termFindings(manuscript, await this.indexOf(manuscript), { noDefinitionNeeded: settings.noDefinitionNeeded });
    return termCodeActions(manuscript, findings, settings, request);
  }

  /**
   * Reads the built-in references' lines, which term completions and hovers link to, ahead of
   * the first one: read then, the 214 KB file (read, decoded, its lines found) was 10 of the
   * 17-29 ms the first term completion of a session took while a writer typed.
   */
  prepareRequests(): void {
    void this.lineMapOf(builtinReferencesUri(this.options.builtinCorpusUri)).catch(() => undefined);
  }

  /** A file changed: forget it. True when it was a glossary in use (or the built-in references the hover links to). */
  fileChanged(uri: string): boolean {
    const lines = this.lineMaps.delete(uri);
    return this.glossaries.invalidate(uri) || lines;
  }

  private async hoverContext(manuscript: Manuscript, library: Library | undefined): Promise<TermHoverContext> {
    const builtinGlossary = builtinGlossaryUri(this.options.builtinCorpusUri);
    const builtinLink = await this.builtinReferenceLinks();
    const own = library?.numbered.kind === 'own-section' ? library.numbered : undefined;
    return {
      language: displayLanguage(manuscript, this.options.locale),
      referenceLink: (term: GlossaryTerm, n: number) => {
        // The built-in glossary's numbers are the review's; a user's glossary means the document's own list when it has one.
        if (term.source.uri === builtinGlossary || !own) return builtinLink(n);
        const entry = own.entries.get(n);
        return entry
          ? { target: `${manuscript.uri}#L${manuscript.lines.positionAt(entry.range.start).line + 1}`, title: entry.text.slice(0, 160) }
          : undefined;
      },
      sourceName: (term: GlossaryTerm) => (term.source.uri === builtinGlossary ? undefined : Utils.basename(URI.parse(term.source.uri))),
    };
  }

  /** Links to the built-in references by the review's numbers: the entry's line in references/ and a one-line description. */
  private async builtinReferenceLinks(): Promise<(n: number) => ReferenceLink | undefined> {
    const references = builtinReferencesUri(this.options.builtinCorpusUri);
    const [builtin, builtinLines] = await Promise.all([this.options.bibliographies.get(references), this.lineMapOf(references)]);
    const builtinByNumber = new Map<number, NonNullable<typeof builtin>['entries'][number]>();
    for (const entry of builtin?.entries ?? []) {
      const n = builtinNumber(entry);
      if (n !== undefined) builtinByNumber.set(n, entry);
    }
    return (n: number) => {
      const entry = builtinByNumber.get(n);
      if (!entry) return undefined;
      const line = builtinLines ? builtinLines.positionAt(entry.range.start).line + 1 : undefined;
      return { target: line ? `${entry.uri}#L${line}` : entry.uri, title: shortDescription({ ...entry, origin: 'builtin', number: n }) };
    };
  }

  private lineMapOf(uri: string): Promise<LineMap | undefined> {
    let pending = this.lineMaps.get(uri);
    if (!pending) {
      pending = this.options.workspace.readFile(uri).then((text) => (text === undefined ? undefined : new LineMap(text)));
      this.lineMaps.set(uri, pending);
    }
    return pending;
  }
}
