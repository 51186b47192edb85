/**
 * The shapes of Citokine's own LSP requests as the client receives them, and the names of its
 * own requests and notifications (the server's `lsp/citokineRequests.ts` names them and
 * `core/outline.ts` makes the answers; test/client-protocol.test.ts proves the two agree).
 * No `vscode` here: these modules are imported by Node tests.
 */

/** LSP position and range, as they come over the wire. */
export interface WirePosition {
  readonly line: number;
  readonly character: number;
}
export interface WireRange {
  readonly start: WirePosition;
  readonly end: WirePosition;
}

export const CITOKINE_REQUESTS = {
  citationCandidates: 'citokine/citationCandidates',
  documentOutline: 'citokine/documentOutline',
  renderedCitations: 'citokine/renderedCitations',
  serverPid: 'citokine/serverPid',
} as const;

export const CITOKINE_NOTIFICATIONS = {
  workspaceTrusted: 'citokine/workspaceTrusted',
} as const;

export type CitationStyle = 'key' | 'numeric';
export type IdentificationStatus = 'certain' | 'probable' | 'candidate' | 'unknown';

export interface CitationCandidate {
  readonly key: string;
  readonly number?: number;
  readonly authors: string;
  readonly year?: string;
  readonly title: string;
  readonly journal?: string;
  readonly status?: IdentificationStatus;
  readonly builtin: boolean;
}

export interface CitationCandidates {
  readonly style: CitationStyle;
  readonly items: readonly CitationCandidate[];
}

export interface CitedWork {
  readonly key?: string;
  readonly number?: number;
  readonly label: string;
  readonly known: boolean;
  readonly status?: IdentificationStatus;
  readonly places: readonly WireRange[];
}

export interface UncitedEntry {
  readonly key?: string;
  readonly number?: number;
  readonly label: string;
  readonly range?: WireRange;
}

export interface TermUse {
  readonly id: string;
  readonly canonical: string;
  readonly name?: string;
  readonly uses: number;
  readonly firstUse: WireRange;
  readonly definition?: WireRange;
  readonly findings: readonly { readonly code: string; readonly message: string; readonly range: WireRange }[];
}

export interface SourceInUse {
  readonly kind: 'bibliography' | 'glossary';
  readonly uri: string;
  readonly name: string;
  readonly builtin: boolean;
  readonly readable: boolean;
  readonly entries: number;
}

export interface DocumentOutline {
  readonly uri: string;
  readonly version: number;
  readonly style: CitationStyle;
  readonly cited: readonly CitedWork[];
  readonly uncited: readonly UncitedEntry[];
  readonly uncitedNotListed: number;
  readonly terms: readonly TermUse[];
  readonly sources: readonly SourceInUse[];
  readonly findings: { readonly citations: number; readonly terms: number };
}

export interface RenderedCitation {
  readonly source: string;
  readonly text: string;
  readonly unknown: readonly string[];
}

/** The answer to `citokine/renderedCitations`: plain text, escaped by the preview plugin. */
export interface RenderedCitations {
  readonly uri: string;
  readonly version: number;
  readonly numeric: boolean;
  readonly citations: readonly RenderedCitation[];
  readonly references: readonly { readonly label?: string; readonly text: string }[];
}
