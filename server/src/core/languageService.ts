/**
 * The Citokine language service: one facade over parsing, indexing and features, with no
 * transport and no file system. Hosts (the LSP server, the CLI, tests) inject a Workspace
 * and tell the service when files change. The state lives in a DocumentContext; here are
 * the delegations to the features and the merge rules where both domains answer: citations
 * first, then terms.
 */
import type {
  CodeAction,
  CodeActionContext,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentLink,
  Hover,
  Location,
  Position,
  Range,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import {
  completeCitation,
  citationCompletionSite,
  resolveCitationCompletionRendered,
  warmCitationCompletion,
} from './citations/completion';
import { manuscriptDiagnostics } from './citations/diagnostics';
import { hoverCitationRendered, prepareFirstHoverCards, prepareHoverCards } from './citations/hover';
import { duringRequest } from './bibliography/render';
import { prepareSearchIndex } from './bibliography/search';
import { citationCodeActions } from './citations/codeActions';
import { runDocumentCommand, type DocumentEditResult } from './citations/commands/documentCommands';
import { findDefinition } from './citations/navigation/definition';
import { documentLinks } from './citations/navigation/documentLinks';
import { findReferences } from './citations/navigation/references';
import { prepareRename, renameKey } from './citations/navigation/rename';
import { workspaceSymbols } from './citations/navigation/workspaceSymbols';
import { DocumentContext, type DocumentInput, type LanguageServiceOptions } from './documentContext';
import type { CitokineSettings } from './settings';
import { citationCandidates, documentOutline, type CitationCandidates, type DocumentOutline } from './outline';
import { renderedCitations, type RenderedCitations } from './previewCitations';
import { localizerFor } from './l10n/localizer';
import { localizeService } from './l10n/localizeService';

export type { DocumentInput, LanguageServiceOptions } from './documentContext';

export interface LanguageService {
  diagnostics(document: DocumentInput): Promise<Diagnostic[]>;
  /** Parse errors of a bibliography file, for diagnostics in that file. */
  bibliographyFileDiagnostics(uri: string): Promise<Diagnostic[]>;
  completion(document: DocumentInput, position: Position): Promise<CompletionList | undefined>;
  resolveCompletion(document: DocumentInput, item: CompletionItem): Promise<CompletionItem>;
  hover(document: DocumentInput, position: Position): Promise<Hover | undefined>;
  /**
   * Prepares in the background what requests on a manuscript will need (its library's search
   * index, its cited works formatted), so that completion and hover answer at once; the host
   * calls it after publishing the manuscript's diagnostics.
   */
  prepareRequests(document: DocumentInput): Promise<void>;
  /** Where the key or number at `position` is defined: its bibliography entry, front matter item, own References entry or built-in entry. */
  definition(document: DocumentInput, position: Position): Promise<Location[]>;
  /** Every place the workspace's manuscripts cite the reference at `position` (of a manuscript or a bibliography file's key). */
  references(document: DocumentInput, position: Position, includeDeclaration: boolean): Promise<Location[]>;
  /** The key at `position` and its range, when it can be renamed; throws RenameRefusedError saying why not. */
  prepareRename(document: DocumentInput, position: Position): Promise<{ range: Range; placeholder: string } | undefined>;
  /** Renames the key at `position` in every manuscript citing it and in its bibliography; throws RenameRefusedError when refused. */
  rename(document: DocumentInput, position: Position, newName: string): Promise<WorkspaceEdit | undefined>;
  /** DOI links of a manuscript (bare DOIs and `@doi:` keys), to https://doi.org/. */
  documentLinks(document: DocumentInput): Promise<DocumentLink[]>;
  /** Reference entries of the workspace's bibliographies matching `query` (key, author, title, year, journal). */
  workspaceSymbols(query: string): Promise<SymbolInformation[]>;
  /** Quick fixes and refactorings at `range` (unknown key, duplicates, ranges), and the document-wide actions as commands. */
  codeActions(document: DocumentInput, range: Range, context: CodeActionContext): Promise<CodeAction[]>;
  /** Runs `citokine.renumber`, `citokine.insertReferenceList` or `citokine.convertCitations` on a manuscript: the edit to apply, or why there is none. */
  documentCommand(command: string, document: DocumentInput, args?: readonly unknown[]): Promise<DocumentEditResult>;
  /** The files (URIs) a manuscript's library reads, so the host can re-check when one changes. */
  bibliographyFilesOf(document: DocumentInput): Promise<string[]>;
  /** The glossary files (URIs) a manuscript uses, the built-in one included, so the host can publish their errors. */
  glossaryFilesOf(document: DocumentInput): Promise<string[]>;
  /** Errors of a glossary file (`glossary.invalid`), for diagnostics in that file. */
  glossaryFileDiagnostics(uri: string): Promise<Diagnostic[]>;
  /** A file changed on disk or in an editor: drop what was parsed from it. Returns true when it was in use. */
  fileChanged(uri: string): boolean;
  updateSettings(settings: CitokineSettings, workspaceFolderUri?: string): void;
  readonly settings: CitokineSettings;
  /** The references a manuscript can cite, ranked for `query` (the Insert Citation picker), and its citation style. */
  citationCandidates(document: DocumentInput, query: string): Promise<CitationCandidates>;
  /** Cited works, uncited entries, terms, sources, findings and style of a manuscript (the views and the status bar). */
  documentOutline(document: DocumentInput): Promise<DocumentOutline>;
  /** The manuscript's citations rendered in its style and its reference list, as plain text (the Markdown preview). */
  renderedCitations(document: DocumentInput): Promise<RenderedCitations>;
}

/** Creates the language service over a host's workspace. */
export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const ctx = new DocumentContext(options);
  const { terms, lineMaps, workspaceContext } = ctx;
  // Messages leave in the client's display language; the checks write English.
  return localizeService(
    Object.freeze({
      get settings() {
        return ctx.settings;
      },
      diagnostics: (document: DocumentInput) => mergedDiagnostics(ctx, document),
      bibliographyFileDiagnostics: (uri: string) => ctx.bibliographyFileDiagnostics(uri),
      completion: (document: DocumentInput, position: Position) => mergedCompletion(ctx, document, position),
      resolveCompletion: (document: DocumentInput, item: CompletionItem) =>
        ctx
          .open(document, true)
          .then(({ manuscript, library }) => resolveCitationCompletionRendered(item, library, ctx.styleOf(manuscript))),
      hover: (document: DocumentInput, position: Position) => mergedHover(ctx, document, position),
      prepareRequests: (document: DocumentInput) =>
        ctx.open(document, true).then(({ manuscript, library }) => {
          prepareSearchIndex(library, () => warmCitationCompletion(library));
          prepareHoverCards(manuscript, library, ctx.styleOf(manuscript));
          ctx.terms.prepareRequests();
        }),
      definition: (document: DocumentInput, position: Position) =>
        findDefinition(workspaceContext, lineMaps, document, ctx.offsetIn(document, position)),
      references: (document: DocumentInput, position: Position, includeDeclaration: boolean) =>
        findReferences(workspaceContext, lineMaps, document, ctx.offsetIn(document, position), includeDeclaration),
      prepareRename: (document: DocumentInput, position: Position) =>
        prepareRename(workspaceContext, document, ctx.offsetIn(document, position)),
      rename: (document: DocumentInput, position: Position, newName: string) =>
        renameKey(workspaceContext, lineMaps, document, ctx.offsetIn(document, position), newName),
      documentLinks: async (document: DocumentInput) => documentLinks(ctx.manuscriptOf(document)),
      workspaceSymbols: (query: string) => workspaceSymbols(workspaceContext, lineMaps, query),
      codeActions: (document: DocumentInput, range: Range, context: CodeActionContext) => mergedCodeActions(ctx, document, range, context),
      documentCommand: (command: string, document: DocumentInput, args: readonly unknown[] = []) =>
        ctx
          .open(document)
          .then(({ manuscript, library }) => runDocumentCommand(command, manuscript, library, ctx.styleOf(manuscript), args)),
      bibliographyFilesOf: (document: DocumentInput) => ctx.open(document).then(({ library }) => library.sources.map((s) => s.uri)),
      glossaryFilesOf: (document: DocumentInput) => terms.glossaryFilesOf(ctx.manuscriptOf(document)),
      glossaryFileDiagnostics: (uri: string) => terms.glossaryFileDiagnostics(uri),
      fileChanged: (uri: string) => ctx.fileChanged(uri),
      updateSettings: (next: CitokineSettings, folder?: string) => ctx.updateSettings(next, folder),
      citationCandidates: (document: DocumentInput, query: string) =>
        ctx.open(document, true).then(({ manuscript, library }) => citationCandidates(manuscript, library, query)),
      documentOutline: (document: DocumentInput) =>
        ctx.open(document).then(({ manuscript, library }) => documentOutline(manuscript, { library, terms, settings: ctx.settings })),
      renderedCitations: (document: DocumentInput) =>
        ctx.open(document).then(({ manuscript, library }) => renderedCitations(manuscript, library, ctx.styleOf(manuscript))),
    }),
    localizerFor(options.locale, { log: options.log }),
  );
}

// Merge rules: where both domains answer, citations come first.

/** Citation diagnostics, then term diagnostics. */
async function mergedDiagnostics(ctx: DocumentContext, document: DocumentInput): Promise<Diagnostic[]> {
  const manuscript = ctx.manuscriptOf(document);
  const [citations, terms] = await Promise.all([
    ctx.libraryOf(manuscript).then((library) => {
      prepareFirstHoverCards(manuscript, library, ctx.styleOf(manuscript));
      return manuscriptDiagnostics(manuscript, library, ctx.settings);
    }),
    ctx.terms.diagnostics(manuscript),
  ]);
  return [...ctx.styleDiagnostics(manuscript), ...citations, ...terms];
}

/** A citation site gives citation items (or none); everywhere else, terms. */
async function mergedCompletion(ctx: DocumentContext, document: DocumentInput, position: Position): Promise<CompletionList | undefined> {
  return duringRequest(async () => {
    const { manuscript, library } = await ctx.open(document, true);
    const offset = manuscript.lines.offsetAt(position);
    return citationCompletionSite(manuscript, library, offset)
      ? completeCitation(manuscript, library, offset, ctx.detailAtResolve)
      : ctx.terms.completion(manuscript, offset, library);
  });
}

/** The first kind that matches wins: a citation, then a term. */
async function mergedHover(ctx: DocumentContext, document: DocumentInput, position: Position): Promise<Hover | undefined> {
  return duringRequest(async () => {
    const { manuscript, library } = await ctx.open(document, true);
    const offset = manuscript.lines.offsetAt(position);
    return (
      (await hoverCitationRendered(manuscript, library, offset, ctx.styleOf(manuscript))) ?? ctx.terms.hover(manuscript, offset, library)
    );
  });
}

/** Citation actions, then term actions. */
async function mergedCodeActions(
  ctx: DocumentContext,
  document: DocumentInput,
  range: Range,
  context: CodeActionContext,
): Promise<CodeAction[]> {
  const { manuscript, library } = await ctx.open(document, true);
  const request = {
    range: { start: manuscript.lines.offsetAt(range.start), end: manuscript.lines.offsetAt(range.end) },
    diagnostics: context.diagnostics,
    only: context.only,
  };
  return [...citationCodeActions(manuscript, library, ctx.settings, request), ...(await ctx.terms.codeActions(manuscript, request))];
}
