/**
 * Citokine's own LSP requests, for the VS Code client's picker, views and status bar:
 *   `citokine/citationCandidates` {uri, query} -> CitationCandidates
 *   `citokine/documentOutline`    {uri}        -> DocumentOutline
 *   `citokine/renderedCitations`  {uri}        -> RenderedCitations (the Markdown preview)
 * Both answer null for a document the server does not hold as a manuscript.
 */
import type { Connection } from 'vscode-languageserver/node';
import type { CitationCandidates, DocumentInput, DocumentOutline, LanguageService, RenderedCitations } from '../core';

/** Request names, shared with the client by value. */
export const CITOKINE_REQUESTS = {
  citationCandidates: 'citokine/citationCandidates',
  documentOutline: 'citokine/documentOutline',
  renderedCitations: 'citokine/renderedCitations',
} as const;

export interface CitationCandidatesParams {
  readonly uri: string;
  readonly query?: string;
}

export interface DocumentOutlineParams {
  readonly uri: string;
}

/**
 * Registers the requests. `service` is read at each request because the server makes its
 * language service at `initialize`; `manuscript` gives an open manuscript's current text.
 */
export function registerCitokineRequests(connection: Connection, service: () => LanguageService, manuscript: (uri: string) => DocumentInput | undefined): void {
  connection.onRequest(CITOKINE_REQUESTS.citationCandidates, async (params: CitationCandidatesParams): Promise<CitationCandidates | null> => {
    const document = typeof params?.uri === 'string' ? manuscript(params.uri) : undefined;
    return document ? service().citationCandidates(document, typeof params.query === 'string' ? params.query : '') : null;
  });
  connection.onRequest(CITOKINE_REQUESTS.documentOutline, async (params: DocumentOutlineParams): Promise<DocumentOutline | null> => {
    const document = typeof params?.uri === 'string' ? manuscript(params.uri) : undefined;
    return document ? service().documentOutline(document) : null;
  });
  connection.onRequest(CITOKINE_REQUESTS.renderedCitations, async (params: DocumentOutlineParams): Promise<RenderedCitations | null> => {
    const document = typeof params?.uri === 'string' ? manuscript(params.uri) : undefined;
    return document ? service().renderedCitations(document) : null;
  });
}
