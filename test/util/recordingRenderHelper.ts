import { setRenderHelper } from '../../server/src/core/bibliography/render';
import type { RenderHelper } from '../../server/src/core/bibliography/renderHelper';

/**
 * A render helper that records what it is sent (`<id> <style>[ urgent]`) and answers each item
 * with `rendered elsewhere: <id>`, so that a text rendered on this thread instead would show.
 * It is uninstalled when the test ends; the caller installs it (`setRenderHelper`) when it should be used.
 */
export function recordingRenderHelper(t: { after: (fn: () => void) => void }): { sent: string[]; helper: RenderHelper } {
  const sent: string[] = [];
  const helper: RenderHelper = {
    registerStyle() {},
    unregisterStyle() {},
    styleProblem: async () => undefined,
    async render(items, style, urgent, onText) {
      sent.push(...items.map((item) => `${item.id} ${style}${urgent ? ' urgent' : ''}`));
      items.forEach((item, index) => onText(index, `rendered elsewhere: ${item.id}`));
    },
  };
  t.after(() => setRenderHelper(undefined));
  return { sent, helper };
}
