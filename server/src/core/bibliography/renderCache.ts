/**
 * Formatted references per item and resolved style name: what `renderReference` answers from,
 * whether the text was rendered on this thread or by the host's render helper (renderHelper.ts).
 */
import type { CslItem } from './parse';

const cache = new WeakMap<CslItem, Map<string, string>>();

/** The text cached for `item` in `styleName`, or undefined when it has not been rendered. */
export function cachedText(item: CslItem, styleName: string): string | undefined {
  return cache.get(item)?.get(styleName);
}

/** Keeps `text` as the rendering of `item` in `styleName`. */
export function storeText(item: CslItem, styleName: string, text: string): void {
  let perItem = cache.get(item);
  if (!perItem) {
    perItem = new Map();
    cache.set(item, perItem);
  }
  perItem.set(styleName, text);
}
