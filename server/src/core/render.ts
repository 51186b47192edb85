/**
 * The one place where citation style lives: a CSL item in, a formatted reference out.
 * citation-js with citeproc-js does the formatting; results are cached per item and style
 * because the first render of a style costs tens of milliseconds and later ones about two.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { CslItem } from './bibliography';

/** Styles citation-js ships; a name outside this list falls back to Vancouver. */
export const BUILTIN_STYLES = ['vancouver', 'apa', 'harvard1'] as const;
export const DEFAULT_STYLE = 'vancouver';

const STYLE_ALIASES: Readonly<Record<string, string>> = {
  harvard: 'harvard1',
  'harvard-cite-them-right': 'harvard1',
  'american-psychological-association': 'apa',
  nlm: 'vancouver',
  'nlm-citation-sequence': 'vancouver',
};

/** The style name citation-js knows for a user's `csl:` value or setting (case-insensitive). */
export function resolveStyleName(name: string | undefined): string {
  const wanted = (name ?? '').trim().toLowerCase().replace(/\.csl$/, '');
  const resolved = STYLE_ALIASES[wanted] ?? wanted;
  const templates = plugins.config.get('@csl').styles;
  return resolved && templates.has(resolved) ? resolved : DEFAULT_STYLE;
}

/** Registers a CSL style given as XML (a user's .csl file) under `name`. */
export function registerStyle(name: string, xml: string): void {
  plugins.config.get('@csl').styles.add(name, xml);
}

const cache = new WeakMap<CslItem, Map<string, string>>();

/**
 * The reference as plain text in `style`, without the list number. Never throws: an item
 * citeproc cannot format comes back as its key and title, so a card is never empty.
 */
export function renderReference(item: CslItem, style: string = DEFAULT_STYLE): string {
  const styleName = resolveStyleName(style);
  let perItem = cache.get(item);
  if (!perItem) {
    perItem = new Map();
    cache.set(item, perItem);
  }
  const hit = perItem.get(styleName);
  if (hit !== undefined) return hit;
  let text: string;
  try {
    const cite = new Cite([forRendering(item)]);
    text = cite
      .format('bibliography', { format: 'text', template: styleName, lang: 'en-US' })
      .trim()
      .replace(/^\[?\d+\]?\.?\s+/, '');
  } catch {
    text = '';
  }
  if (!text) text = fallbackText(item);
  perItem.set(styleName, text);
  return text;
}

/**
 * citeproc reads a given name written as run-together initials ("CC", as PubMed writes
 * them) as a name and keeps one letter; spelled out as "C. C." it keeps both. This changes
 * only what is handed to the formatter, never the stored data.
 */
function forRendering(item: CslItem): CslItem {
  const copy: CslItem = { ...item };
  for (const role of ['author', 'editor', 'translator']) {
    const names = item[role];
    if (!Array.isArray(names)) continue;
    copy[role] = names.map((n: { given?: unknown }) => (typeof n.given === 'string' && /^[A-Z]{2,4}$/.test(n.given) ? { ...n, given: n.given.split('').join('. ') + '.' } : n));
  }
  return copy;
}

function fallbackText(item: CslItem): string {
  const title = typeof item.title === 'string' && item.title ? item.title : undefined;
  return title ? `${title} [${item.id}]` : `[${item.id}]`;
}
