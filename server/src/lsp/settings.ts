/**
 * The `citokine.*` configuration: read from the initialize options, pulled from the client
 * when it supports `workspace/configuration`, or taken from `didChangeConfiguration`; then
 * handed to the language service and to the disk workspace (its size cap).
 */
import { DidChangeConfigurationNotification, type InitializeParams } from 'vscode-languageserver/node';
import { DEFAULT_MAX_FILE_SIZE_MB, normalizeSettings, type CitokineSettings } from '../core';
import type { Publisher } from './publisher';
import type { Session } from './session';

/** The setting whose value caps the size of files read; named in the refusal message. */
export const SIZE_LIMIT_SETTING = 'citokine.files.maxSizeMB';

/** Settings the client sent with `initialize` (`initializationOptions.settings`). */
export function initialSettings(params: InitializeParams): CitokineSettings {
  return normalizeSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
}

/** The disk workspace's size cap for `settings`. */
export function sizeLimitOf(settings: CitokineSettings): { megabytes: number; source: string } {
  return { megabytes: settings.maxFileSizeMB ?? DEFAULT_MAX_FILE_SIZE_MB, source: SIZE_LIMIT_SETTING };
}

/**
 * Applies new settings: the service's, the size cap (files refused under the old cap are read
 * again), then a re-check. Settings equal to those in force change nothing: the pull that
 * follows `initialized` usually brings what `initialize` had, and re-checking then would put a
 * second full check of each document just opened in front of the writer's first requests.
 */
export function applySettings(session: Session, publisher: Publisher, settings: CitokineSettings): void {
  const applied = JSON.stringify(settings);
  if (applied === session.appliedSettings) return;
  session.appliedSettings = applied;
  const limit = sizeLimitOf(settings);
  if (limit.megabytes !== session.workspace.sizeLimit.megabytes) {
    session.workspace.sizeLimit = limit;
    for (const uri of session.workspace.refusedFiles()) session.service.fileChanged(uri);
  }
  session.service.updateSettings(settings);
  publisher.revalidateAll();
}

/** Asks the client for the `citokine` section, when it answers `workspace/configuration`. */
async function pullSettings(session: Session, publisher: Publisher): Promise<void> {
  if (!session.client.configuration) return;
  const [raw] = await session.connection.workspace.getConfiguration([{ section: 'citokine' }]);
  applySettings(session, publisher, normalizeSettings(raw));
}

/** Registers for configuration changes and follows them. */
export function registerSettings(session: Session, publisher: Publisher): void {
  const { connection } = session;
  connection.onInitialized(() => {
    if (!session.client.configuration) return;
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'citokine' }).catch(() => undefined);
    void pullSettings(session, publisher).catch(() => undefined);
  });
  connection.onDidChangeConfiguration((change) => {
    if (session.client.configuration) void pullSettings(session, publisher).catch(() => undefined);
    else applySettings(session, publisher, normalizeSettings((change.settings as { citokine?: unknown } | undefined)?.citokine));
  });
}
