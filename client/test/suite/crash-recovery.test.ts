/// <reference types="mocha" />
/**
 * Crash recovery in a real editor: the language server's process is killed (its id asked of
 * the server itself through `citokine.serverPid`), the client starts a new one, and hover
 * works again on the same open manuscript, without the user doing anything.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { hoverAt, normalize, openFixture, positionOf, waitFor } from './helpers';

/** The running server's process id, once the client has one. */
async function serverPid(): Promise<number> {
  return waitFor('the language server to tell its process id', async () => {
    const pid = await vscode.commands.executeCommand<number | undefined>('citokine.serverPid');
    return typeof pid === 'number' && pid > 0 ? pid : undefined;
  });
}

/** True while a process with `pid` exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

suite('Citokine in a real editor: crash recovery', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a killed server is restarted and hover works again', async () => {
    const editor = await openFixture('manuscript-en.md');
    const document = editor.document;
    const position = positionOf(document, '@hirano2020', 3);
    const hoverShowsEntry = async () =>
      (await hoverAt(document.uri, position).catch(() => '')).toLowerCase().includes('hirano') ? true : undefined;
    await waitFor('hover on @hirano2020 before the crash', hoverShowsEntry);

    const before = await serverPid();
    process.kill(before, 'SIGKILL');
    await waitFor(`server process ${before} to end`, () => (alive(before) ? undefined : true));

    const after = await waitFor('a new server process', async () => {
      const pid = await vscode.commands.executeCommand<number | undefined>('citokine.serverPid').then(
        (p) => p,
        () => undefined,
      );
      return typeof pid === 'number' && pid !== before ? pid : undefined;
    });
    assert.ok(alive(after), `the new server ${after} is not running`);
    let last = '';
    await waitFor(
      'hover on @hirano2020 after the restart',
      async () => {
        last = await hoverAt(document.uri, position).catch(() => '');
        return normalize(last).includes('hirano') ? true : undefined;
      },
      () => JSON.stringify(last.slice(0, 200)),
    );
  });
});
