/**
 * Every request handler runs guarded: a handler that throws answers its empty result and
 * costs a log line, never an error the editor shows on every keystroke, never the session.
 * A deliberate refusal (a `ResponseError`, such as a refused rename) still reaches the client.
 * The guard is also where an operation is counted for load progress (progress.ts).
 */
import { ResponseError } from 'vscode-languageserver/node';
import type { Session } from './session';

/** `handler` guarded: on a throw, `empty(params)` is the answer and the error goes to the log with the request's name. */
export function guarded<P, R, E>(
  session: Session,
  method: string,
  empty: (params: P) => E,
  handler: (params: P) => R | Promise<R>,
): (params: P) => Promise<R | E> {
  return async (params: P) => {
    try {
      return await session.progress.around(async () => handler(params));
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      session.logError(`${method} failed; answered with an empty result`, e);
      return empty(params);
    }
  };
}

/** The empty answer of most requests. */
export const NOTHING = (): null => null;
