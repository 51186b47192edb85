/**
 * The bundled language server (dist/server.js --stdio) in a child process, spoken to with
 * real JSON-RPC (vscode-jsonrpc, the library VS Code's own client uses). Every diagnostics
 * notification is kept, per document, so that tests wait on conditions rather than sleep.
 * The process is killed when the test ends, whether it passed or failed.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { REPO_ROOT } from './fixture';

export const SERVER_PATH = path.join(REPO_ROOT, 'dist', 'server.js');
const TIMEOUT_MS = 10_000;

export interface InitializeOptions {
  readonly capabilities?: object;
  readonly workspaceFolders?: readonly { uri: string; name: string }[] | null;
  readonly locale?: string;
}

export interface LspClient {
  readonly connection: MessageConnection;
  /** Sends `initialize` (then `initialized`) and returns the server's answer. */
  initialize<R = { capabilities: Record<string, unknown> }>(rootUri: string, options?: InitializeOptions): Promise<R>;
  /** Opens a document at version 1. */
  open(uri: string, text: string, languageId?: string): Promise<void>;
  request<R>(method: string, ...params: unknown[]): Promise<R>;
  notify(method: string, ...params: unknown[]): Promise<void>;
  /** Every diagnostics list published for `uri` so far, oldest first. */
  published(uri: string): readonly Diagnostic[][];
  /** The first list ever published for `uri` that satisfies `condition`, once it has come. */
  firstDiagnostics(uri: string, condition?: (diagnostics: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** The newest list published for `uri`, once it satisfies `condition`. */
  waitForDiagnostics(uri: string, condition: (diagnostics: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Sends `shutdown` and `exit`; resolves with the process's exit code. */
  shutdown(): Promise<number | null>;
  /** Closes the connection and kills the process (harmless when it has exited). */
  dispose(): void;
}

/** The codes of diagnostics, as strings. */
export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

interface Waiter {
  check(): void;
  fail(error: Error): void;
}

/** Starts the server; `t.after` disposes of it when the test ends. */
export function startServer(t: { after(fn: () => void): void }): LspClient {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const waiters = new Set<Waiter>();
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      for (const waiter of [...waiters])
        waiter.fail(
          new Error(`the server exited (${code ?? signal}) while a test waited for it${stderr ? `; its stderr:\n${stderr}` : ''}`),
        );
      resolve(code);
    }),
  );

  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnostics = new Map<string, Diagnostic[][]>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
    const list = diagnostics.get(params.uri) ?? [];
    list.push(params.diagnostics);
    diagnostics.set(params.uri, list);
    for (const waiter of [...waiters]) waiter.check();
  });
  connection.listen();

  const published = (uri: string): Diagnostic[][] => diagnostics.get(uri) ?? [];

  /** Resolves with what `find` finds, checked now and after each notification; rejects after `timeoutMs` or if the server exits. */
  function waitFor(find: () => Diagnostic[] | undefined, what: string, uri: string, timeoutMs: number): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(waiter);
      };
      const waiter: Waiter = {
        check() {
          const found = find();
          if (found === undefined) return;
          finish();
          resolve(found);
        },
        fail(error) {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(
        () =>
          waiter.fail(
            new Error(`timed out after ${timeoutMs} ms waiting for ${what} of ${uri}; last: ${JSON.stringify(published(uri).at(-1))}`),
          ),
        timeoutMs,
      );
      waiters.add(waiter);
      waiter.check();
      if (waiters.has(waiter) && exit) waiter.fail(new Error(`the server has exited (${exit.code ?? exit.signal})`));
    });
  }

  const client: LspClient = {
    connection,
    async initialize<R>(rootUri: string, options: InitializeOptions = {}) {
      const result = await connection.sendRequest<R>('initialize', {
        processId: process.pid,
        rootUri,
        capabilities: options.capabilities ?? {},
        workspaceFolders: options.workspaceFolders ?? null,
        ...(options.locale === undefined ? {} : { locale: options.locale }),
      });
      await connection.sendNotification('initialized', {});
      return result;
    },
    open: (uri, text, languageId = 'markdown') =>
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } }),
    request: (method, ...params) => connection.sendRequest(method, ...params),
    notify: (method, ...params) => connection.sendNotification(method, ...params),
    published,
    firstDiagnostics: (uri, condition = () => true, timeoutMs = TIMEOUT_MS) =>
      waitFor(() => published(uri).find(condition), 'diagnostics', uri, timeoutMs),
    waitForDiagnostics: (uri, condition, timeoutMs = TIMEOUT_MS) =>
      waitFor(
        () => {
          const last = published(uri).at(-1);
          return last && condition(last) ? last : undefined;
        },
        'diagnostics satisfying the condition',
        uri,
        timeoutMs,
      ),
    async shutdown() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      return exited;
    },
    dispose() {
      connection.dispose();
      child.kill();
    },
  };
  t.after(() => client.dispose());
  return client;
}
