/**
 * Collects V8's young generation while the server is idle, once a library's load and the
 * request warm-ups after it are done. What the load's last turns leave alive (the bibliography
 * file's findings, the index's last columns, the warm-ups' compiled paths and caches) sits in
 * the young generation until a collection copies it out; without this, that first collection
 * (10-14 ms at 10,000 entries, against 1-5 ms for the later ones) ran on one of the writer's
 * first keystrokes. Node exposes no collection to a script started without `--expose-gc`
 * (an editor starts the server with none), so the flag is set here and the `gc` function taken
 * from a context made after it; where that fails, nothing is collected and nothing else changes.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { readonly type: 'minor' | 'major' }) => void;
let collect: Collect | null | undefined;

function collector(): Collect | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
      collect = typeof gc === 'function' ? (gc as Collect) : null;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * One young-generation collection in a timer turn of its own (a request arriving meanwhile
 * waits for it at most): what the load left young has already survived the load's own
 * collections, so this one promotes it, and the writer's next collections copy only their own.
 */
export function collectYoungGenerationSoon(): void {
  const gc = collector();
  if (gc) setTimeout(() => gc({ type: 'minor' }), 0);
}
