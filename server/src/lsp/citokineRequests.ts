/**
 * Citokine's own LSP requests, for the VS Code client's picker, views and status bar:
 *   `citokine/citationCandidates` {uri, query} -> CitationCandidates
 *   `citokine/documentOutline`    {uri}        -> DocumentOutline
 *   `citokine/renderedCitations`  {uri}        -> RenderedCitations (the Markdown preview)
 *   `citokine/serverPid`          {}           -> the server process's id (the crash-recovery test kills it)
 * The document requests answer null for a document the server does not hold as a manuscript.
 */
import type { CitationCandidates, DocumentOutline, RenderedCitations } from '../core';
import { guarded, NOTHING } from './guard';
import type { Session } from './session';

/** Request names, shared with the client by value. */
export const CITOKINE_REQUESTS = {
  citationCandidates: 'citokine/citationCandidates',
  documentOutline: 'citokine/documentOutline',
  renderedCitations: 'citokine/renderedCitations',
  serverPid: 'citokine/serverPid',
} as const;

/** Notification names, shared with the client by value. `workspaceTrusted`: the user now trusts the workspace. */
export const CITOKINE_NOTIFICATIONS = {
  workspaceTrusted: 'citokine/workspaceTrusted',
} as const;

export interface CitationCandidatesParams {
  readonly uri: string;
  readonly query?: string;
}

export interface DocumentOutlineParams {
  readonly uri: string;
}

/** Registers the requests, guarded like every request (guard.ts). */
export function registerCitokineRequests(session: Session): void {
  const { connection } = session;
  const manuscript = (params: { uri?: unknown } | null | undefined) =>
    typeof params?.uri === 'string' ? session.manuscriptInput(params.uri) : undefined;
  connection.onRequest(
    CITOKINE_REQUESTS.citationCandidates,
    guarded(
      session,
      CITOKINE_REQUESTS.citationCandidates,
      NOTHING,
      async (params: CitationCandidatesParams): Promise<CitationCandidates | null> => {
        const document = manuscript(params);
        return document ? session.service.citationCandidates(document, typeof params.query === 'string' ? params.query : '') : null;
      },
    ),
  );
  connection.onRequest(
    CITOKINE_REQUESTS.documentOutline,
    guarded(session, CITOKINE_REQUESTS.documentOutline, NOTHING, async (params: DocumentOutlineParams): Promise<DocumentOutline | null> => {
      const document = manuscript(params);
      return document ? session.service.documentOutline(document) : null;
    }),
  );
  connection.onRequest(
    CITOKINE_REQUESTS.renderedCitations,
    guarded(
      session,
      CITOKINE_REQUESTS.renderedCitations,
      NOTHING,
      async (params: DocumentOutlineParams): Promise<RenderedCitations | null> => {
        const document = manuscript(params);
        return document ? session.service.renderedCitations(document) : null;
      },
    ),
  );
  connection.onRequest(CITOKINE_REQUESTS.serverPid, () => process.pid);
}
