/**
 * `workspace/executeCommand`: the document-wide commands (renumber, insert reference list,
 * convert citations). The service computes the edit; this applies it, versioned when the
 * client allows, and tells the user what happened.
 */
import { URI } from 'vscode-uri';
import { TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { guarded, NOTHING } from './guard';
import type { Session } from './session';

/**
 * The document a command names as its first argument: a URI string (our code actions), or a
 * VS Code Uri object as editor menus pass it (`{ scheme, path, ... }` once serialised).
 */
export function commandDocumentUri(arg: unknown): string | undefined {
  if (typeof arg === 'string') return /^[a-z][\w+.-]*:/i.test(arg) ? arg : undefined;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const value = arg as { external?: unknown; scheme?: unknown; authority?: unknown; path?: unknown; query?: unknown; fragment?: unknown };
  if (typeof value.external === 'string') return value.external;
  if (typeof value.scheme !== 'string' || typeof value.path !== 'string') return undefined;
  const part = (v: unknown) => (typeof v === 'string' ? v : '');
  return URI.from({
    scheme: value.scheme,
    authority: part(value.authority),
    path: value.path,
    query: part(value.query),
    fragment: part(value.fragment),
  }).toString();
}

/**
 * Registers the command handler. A command without a document argument (the command
 * palette passes none) acts on the manuscript the editor last asked code actions for, which
 * VS Code does for the active editor whenever its cursor moves.
 */
export function registerCommands(session: Session): void {
  const { connection } = session;
  connection.onExecuteCommand(
    guarded(session, 'workspace/executeCommand', NOTHING, async ({ command, arguments: args = [] }) => {
      const given = commandDocumentUri(args[0]);
      const document = session.openManuscript(given ?? session.lastCodeActionUri ?? '');
      if (!document) {
        void connection.window.showWarningMessage(session.l10n.message('Citokine: open the Markdown manuscript to act on first.'));
        return null;
      }
      const version = document.version; // the text the edit is computed from; the document may change while we work
      const result = await session.service.documentCommand(command, session.input(document), given ? args.slice(1) : args);
      if (!result.edit) void connection.window.showInformationMessage(`Citokine: ${result.message}`);
      // A versioned edit is refused by the editor if the text changed meanwhile, instead of landing in the wrong place.
      else
        await applyEdit(
          session,
          result.message,
          session.client.versionedEdits
            ? { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version }, result.edit.changes?.[document.uri] ?? [])] }
            : result.edit,
        );
      return null;
    }),
  );
}

/** Asks the client to apply `edit`, and says so when it does not. */
async function applyEdit(session: Session, label: string, edit: WorkspaceEdit): Promise<void> {
  const { window, workspace } = session.connection;
  const { l10n } = session;
  try {
    const applied = await workspace.applyEdit({ label, edit });
    if (!applied.applied) {
      void window.showWarningMessage(
        l10n.message(
          applied.failureReason
            ? `Citokine: the edit was not applied: ${applied.failureReason}.`
            : 'Citokine: the edit was not applied (the document changed meanwhile?).',
        ),
      );
    }
  } catch (e) {
    void window.showErrorMessage(
      l10n.message(`Citokine: this editor cannot apply edits from the server (${e instanceof Error ? e.message : String(e)}).`),
    );
  }
}
