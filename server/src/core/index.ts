/**
 * The API boundary of the language service: everything a host (the LSP server, the CLI, the
 * Markdown preview, tests of the hosts) may import from the core. Modules behind it may move
 * or change shape freely; what is exported here is the contract. Enforced by
 * dependency-cruiser (`.dependency-cruiser.cjs`: hosts import only this file).
 */
export { createLanguageService } from './languageService';
export type { DocumentInput, LanguageService, LanguageServiceOptions } from './languageService';
export { DEFAULT_MAX_FILE_SIZE_MB, DEFAULT_SETTINGS, normalizeSettings } from './settings';
export type { CitokineSettings } from './settings';
export type { Workspace } from './workspace';
export { bibliographyFormatOf, isBibliographyFile, isGlossaryFile, isManuscriptFile } from './fileKinds';
export type { BibliographyFormat } from './fileKinds';
export { CODE_ACTION_KINDS } from './citations/codeActions';
export { DOCUMENT_COMMANDS } from './citations/commands/documentCommands';
export { RenameRefusedError } from './citations/navigation/rename';
export { TERM_FIX_ALL_KIND } from './terms/codeActions';
export type {
  CitationCandidate,
  CitationCandidates,
  CitationStyle,
  CitedWork,
  DocumentOutline,
  SourceInUse,
  TermUse,
  UncitedEntry,
} from './outline';
export type { RenderedCitation, RenderedCitations } from './previewCitations';
export { isChineseLocale, localizerFor } from './l10n/localizer';
export type { Localizer } from './l10n/localizer';
export {
  DEFAULT_STYLE,
  registerStyle,
  renderReference,
  resolveStyleName,
  setRenderHelper,
  styleProblem,
  unregisterStyle,
} from './bibliography/render';
export type { RenderHelper } from './bibliography/renderHelper';
export type { CslItem } from './bibliography/parse';
