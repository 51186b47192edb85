/**
 * markdown-it's inline state for the scan's parser, with a skip cache that holds far positions
 * cheaply. markdown-it's `skipToken` (every link label is read with it) memoises where a token
 * starting at a position ends in `state.cache[pos]`, a plain object: the first write at a
 * position past a few hundred makes V8 grow the object's elements to that index (or turn them
 * into a dictionary), and a paragraph's later labels grow them again. In a cold check of a
 * 300 KB manuscript (1,343 calls, positions up to 19,441) that was 10-20 ms of `skipToken` and
 * megabytes of garbage. Here the cache is backed by a `Map`; markdown-it's own code reads and
 * writes it as before, and nothing else touches it. test/markdown-inline-state.test.ts compares
 * the parse with markdown-it's own state on the real documents and random text.
 */
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';

/** markdown-it's `StateInline` constructor, as `ParserInline` calls it (`new this.State(src, md, env, outTokens)`). */
export type StateInlineConstructor = new (src: string, md: unknown, env: unknown, outTokens: unknown[]) => StateInline;

/** What a state's cache proxies: its `Map`, made on the first write (most inline states never write one). */
interface CacheTarget {
  entries: Map<string | symbol, unknown> | undefined;
}

/** One handler for every state's cache: no closures, and no `Map` per state until it is written. */
const CACHE_HANDLER: ProxyHandler<CacheTarget> = {
  get: (target, key) => target.entries?.get(key),
  set: (target, key, value) => {
    (target.entries ??= new Map()).set(key, value);
    return true;
  },
};

/** An object whose properties live in a `Map`: `cache[pos]` is undefined until written, then what was written. */
function mapBackedCache(): Record<number, number> {
  const target: CacheTarget = { entries: undefined };
  return new Proxy(target, CACHE_HANDLER) as unknown as Record<number, number>;
}

/** A constructor that `ParserInline` can use in place of `Original` (`md.inline.State`): its state with a `Map`-backed cache. */
export function mapCachedInlineState(Original: StateInlineConstructor): StateInlineConstructor {
  function State(this: StateInline, src: string, md: unknown, env: unknown, outTokens: unknown[]): void {
    (Original as unknown as (this: StateInline, ...args: unknown[]) => void).call(this, src, md, env, outTokens);
    (this as unknown as { cache: Record<number, number> }).cache = mapBackedCache();
  }
  State.prototype = Original.prototype;
  return State as unknown as StateInlineConstructor;
}
