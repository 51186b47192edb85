/**
 * Every request handler runs guarded: a handler that throws answers its empty result and
 * costs a log line, never an error the editor shows on every keystroke, never the session.
 * A deliberate refusal (a `ResponseError`, such as a refused rename) still reaches the client.
 * The guard is also where an operation is counted for load progress (progress.ts), and where
 * `$/cancelRequest` is honoured: a request the client cancelled before it ran is not computed.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import type { Session } from './session';

/** The answer LSP asks for a request the client cancelled: the RequestCancelled error (-32800). */
function cancelled(method: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, `${method} was cancelled`);
}

/**
 * `handler` guarded: on a throw, `empty(params)` is the answer and the error goes to the log
 * with the request's name. A request already cancelled when its turn comes (vscode-jsonrpc
 * queues messages and marks the token of one whose cancel arrived while it waited) answers
 * RequestCancelled without running; one cancelled while it ran answers the same, its result
 * being stale for the client.
 */
export function guarded<P, R, E>(
  session: Session,
  method: string,
  empty: (params: P) => E,
  handler: (params: P, token?: CancellationToken) => R | Promise<R>,
): (params: P, token?: CancellationToken) => Promise<R | E> {
  return async (params: P, token?: CancellationToken) => {
    if (token?.isCancellationRequested) throw cancelled(method);
    let result: R | E;
    try {
      result = await session.progress.around(async () => handler(params, token));
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      session.logError(`${method} failed; answered with an empty result`, e);
      result = empty(params);
    }
    if (token?.isCancellationRequested) throw cancelled(method);
    return result;
  };
}

/** The empty answer of most requests. */
export const NOTHING = (): null => null;
