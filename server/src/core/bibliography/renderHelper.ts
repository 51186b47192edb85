/**
 * Rendering outside this thread. Loading citation-js and building citeproc's engine for a style
 * cost about 190 ms, as long as the first check of a large manuscript: a host with a second
 * core (the language server, a worker thread) provides a `RenderHelper` that runs the same
 * `renderReference` there, and its texts fill this thread's cache (renderCache.ts). Requests
 * await the items they need from it instead of loading citeproc here; without a helper, or once
 * it has failed, everything renders on this thread as before.
 */
import type { CslItem } from './parse';
import { cachedText, storeText } from './renderCache';

/** A renderer the host runs elsewhere with the same code; `setRenderHelper` (render.ts) installs it. */
export interface RenderHelper {
  /** Registers a user's style there too, as `registerStyle` does here. */
  registerStyle(name: string, xml: string, title: string | undefined): void;
  /** Removes a style `registerStyle` added there. */
  unregisterStyle(name: string): void;
  /** Why a style registered there cannot render (`styleProblem` there); undefined when it renders. Rejects when the helper failed. */
  styleProblem(name: string): Promise<string | undefined>;
  /**
   * Renders `items` in the resolved style name `style` (`urgent`: before the work already
   * queued), calling `onText` with each item's index and text as it is done (undefined when the
   * helper cannot render it); resolves when all are done, rejects when the helper failed.
   */
  render(
    items: readonly CslItem[],
    style: string,
    urgent: boolean,
    onText: (index: number, text: string | undefined) => void,
  ): Promise<void>;
}

let helper: RenderHelper | undefined;

/** An item sent to the helper and not yet answered: what a request awaits. */
interface Pending {
  readonly done: Promise<void>;
  readonly urgent: boolean;
}
const pending = new WeakMap<CslItem, Map<string, Pending>>();

/** The helper in use, if any. */
export function currentHelper(): RenderHelper | undefined {
  return helper;
}

/** Uses `next` from now on (undefined: render on this thread). */
export function useHelper(next: RenderHelper | undefined): void {
  helper = next;
}

/**
 * Sends the items of `items` that are neither cached nor already on their way to the helper
 * (for an `urgent` request: on their way urgently, since background work may be long) and
 * returns true, or returns false when there is no helper.
 */
export function renderElsewhere(items: readonly CslItem[], styleName: string, urgent: boolean): boolean {
  const current = helper;
  if (!current) return false;
  const batch = [...new Set(items)].filter((item) => {
    if (cachedText(item, styleName) !== undefined) return false;
    const waiting = pending.get(item)?.get(styleName);
    return !waiting || (urgent && !waiting.urgent);
  });
  if (batch.length === 0) return true;
  const settles = batch.map((item) => {
    let settle!: () => void;
    const entry: Pending = { done: new Promise<void>((resolve) => (settle = resolve)), urgent };
    let perItem = pending.get(item);
    if (!perItem) pending.set(item, (perItem = new Map()));
    perItem.set(styleName, entry);
    return () => {
      if (perItem.get(styleName) === entry) perItem.delete(styleName);
      settle();
    };
  });
  const onText = (index: number, text: string | undefined) => {
    if (text !== undefined && helper === current) storeText(batch[index], styleName, text);
    settles[index]();
  };
  let sent: Promise<void>;
  try {
    sent = current.render(batch, styleName, urgent, onText);
  } catch (error) {
    sent = Promise.reject(error);
  }
  sent.then(
    () => settles.forEach((settle) => settle()),
    () => {
      // A helper that failed is not asked again: what it did not answer renders here.
      if (helper === current) helper = undefined;
      settles.forEach((settle) => settle());
    },
  );
  return true;
}

/** Resolves when `items` in `styleName` are rendered by the helper or it has failed: at once without a helper. */
export async function renderedElsewhere(items: readonly CslItem[], styleName: string): Promise<void> {
  if (!renderElsewhere(items, styleName, true)) return;
  await Promise.all(items.map((item) => pending.get(item)?.get(styleName)?.done));
}

/** Resolves when those of `items` on their way to the helper in `styleName` are answered or it has failed; sends nothing. */
export async function settledElsewhere(items: readonly CslItem[], styleName: string): Promise<void> {
  await Promise.all(items.map((item) => pending.get(item)?.get(styleName)?.done));
}
