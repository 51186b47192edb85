// Stands in for `linkify-it` in the server and CLI bundles (build.mjs). markdown-it makes a
// LinkifyIt in its constructor, which compiles linkify-it's large patterns (5-9 ms of every
// CLI check and server start); the scan's parser runs with `linkify: false`, so the instance
// is never used. This one makes the real instance on first use of any of its members, with
// the arguments it was made with, and answers as it does.
import LinkifyIt from 'linkify-it/index.mjs';

/** A constructor of `Real` instances that are made only when first used. */
export function madeOnFirstUse(Real) {
  return function Lazy(schemas, options) {
    let real;
    const instance = () => (real ??= new Real(schemas, options));
    return new Proxy(
      {},
      {
        get(_, key) {
          const value = Reflect.get(instance(), key);
          return typeof value === 'function' ? value.bind(instance()) : value;
        },
        set: (_, key, value) => Reflect.set(instance(), key, value),
        has: (_, key) => Reflect.has(instance(), key),
        getPrototypeOf: () => Reflect.getPrototypeOf(instance()),
      },
    );
  };
}

export default madeOnFirstUse(LinkifyIt);
