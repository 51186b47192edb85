/**
 * The one place where citation style lives: a CSL item in, a formatted reference out.
 * citation-js with citeproc-js does the formatting; results are cached per item and style
 * (renderCache.ts) because the first render of a style costs tens of milliseconds and later
 * ones one to three. A host may render elsewhere with this same module (`setRenderHelper`).
 */
import { plugins, util } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { CslItem } from './parse';
import { GBT7714_CSL, ZH_CN_LOCALE_XML } from './styles.generated';
import { hasHan } from '../text/script';
import { cachedText, storeText } from './renderCache';
import { currentHelper, renderedElsewhere, renderElsewhere, settledElsewhere, useHelper, type RenderHelper } from './renderHelper';

/**
 * GB/T 7714-2015 numeric: the CSL project's `china-national-standard-gb-t-7714-2015-numeric.csl`
 * (styles/, CC BY-SA 3.0, unmodified; see THIRD-PARTY-NOTICES.md).
 */
export const GBT7714_STYLE = 'gb-t-7714-2015';

/** Built-in styles: the three citation-js ships and GB/T 7714; a name outside them falls back to Vancouver. */
export const BUILTIN_STYLES = ['vancouver', 'apa', 'harvard1', GBT7714_STYLE] as const;
/** The style used when none is chosen. */
export const DEFAULT_STYLE = 'vancouver';

const STYLE_ALIASES: Readonly<Record<string, string>> = {
  harvard: 'harvard1',
  'harvard-cite-them-right': 'harvard1',
  'american-psychological-association': 'apa',
  nlm: 'vancouver',
  'nlm-citation-sequence': 'vancouver',
  'gb-t-7714-2015-numeric': GBT7714_STYLE,
  'gb-t-7714': GBT7714_STYLE,
  'gb/t 7714-2015': GBT7714_STYLE,
  'gb/t 7714': GBT7714_STYLE,
  'gb/t7714': GBT7714_STYLE,
  gbt7714: GBT7714_STYLE,
  'gbt-7714': GBT7714_STYLE,
  'gbt7714-2015': GBT7714_STYLE,
  gb7714: GBT7714_STYLE,
  'gb7714-2015': GBT7714_STYLE,
  'china-national-standard-gb-t-7714-2015-numeric': GBT7714_STYLE,
};

/** Names shown to the author (hover footer) for the built-in styles. */
const STYLE_TITLES: Record<string, string> = {
  vancouver: 'Vancouver',
  apa: 'APA',
  harvard1: 'Harvard',
  [GBT7714_STYLE]: 'GB/T 7714-2015',
};

/** Output locale a registered style asks for (its `default-locale`), used when citation-js has it. */
const styleLocales = new Map<string, string>();
/**
 * Styles that write each item in its own language (Chinese items with zh-CN: 等, 译; the others
 * with en-US or the style's own locale: et al., trans.): GB/T 7714 and every user's .csl file.
 * The bundled Western styles keep en-US: Vancouver and APA write Chinese works in English.
 */
const perItemLocale = new Set<string>([GBT7714_STYLE]);

/** Styles registered with `registerStyle` (users' .csl files), with their XML and title for a render helper. */
const registered = new Map<string, { readonly xml: string; readonly title: string | undefined }>();
let cslReady = false;

/**
 * citation-js's CSL register, with what Citokine adds (the zh-CN locale, GB/T 7714) on first
 * use: the bundles load citation-js when it is first used (scripts/build.mjs), and resolving a
 * built-in style's name must not load it.
 */
function cslRegister() {
  const csl = plugins.config.get('@csl');
  if (!cslReady) {
    // citation-js ships no Chinese locale (en-US, de-DE, es-ES, fr-FR, nl-NL only).
    if (!csl.locales.has('zh-CN')) csl.locales.add('zh-CN', ZH_CN_LOCALE_XML);
    if (!csl.styles.has(GBT7714_STYLE)) csl.styles.add(GBT7714_STYLE, GBT7714_CSL);
    // Users' styles registered before citation-js was needed on this thread (their probe ran in the render helper).
    for (const [name, { xml }] of registered) csl.styles.add(name, xml);
    cslReady = true;
  }
  return csl;
}

/** True when `name` is a style citation-js knows: a built-in one or one `registerStyle` added. */
function isStyle(name: string): boolean {
  return (BUILTIN_STYLES as readonly string[]).includes(name) || registered.has(name);
}

/**
 * The style name citation-js knows for a user's `csl:` value or setting (case-insensitive),
 * or a name registered with `registerStyle` given exactly.
 */
export function resolveStyleName(name: string | undefined): string {
  if (name && isStyle(name)) return name;
  const wanted = (name ?? '')
    .trim()
    .toLowerCase()
    .replace(/\.csl$/, '');
  const resolved = STYLE_ALIASES[wanted] ?? wanted;
  return resolved && isStyle(resolved) ? resolved : DEFAULT_STYLE;
}

/** The CSL XML of a style (resolved as `resolveStyleName` does), or undefined when citation-js has none. */
export function styleXml(style: string): string | undefined {
  const xml = cslRegister().styles.get(resolveStyleName(style)) as unknown;
  return typeof xml === 'string' ? xml : undefined;
}

/** True when `name` is a built-in style name or one of its aliases (not a path to a .csl file). */
export function isKnownStyleName(name: string): boolean {
  const wanted = name
    .trim()
    .toLowerCase()
    .replace(/\.csl$/, '');
  return wanted in STYLE_ALIASES || (BUILTIN_STYLES as readonly string[]).includes(wanted);
}

/**
 * Registers a CSL style given as XML (a user's .csl file) under `name`, with `title` for
 * display. Items are written in their own language; the others in the style's
 * `default-locale` when citation-js has that locale. It reaches citation-js on this thread
 * when that is loaded (a render here needs it), not before: with a render helper, a check
 * need not load it here at all.
 */
export function registerStyle(name: string, xml: string, title?: string): void {
  if (cslReady) cslRegister().styles.add(name, xml);
  registered.set(name, { xml, title });
  currentHelper()?.registerStyle(name, xml, title);
  const locale = /<style\b[^>]*\bdefault-locale="([^"]+)"/.exec(xml)?.[1];
  if (locale) styleLocales.set(name, locale);
  else styleLocales.delete(name);
  perItemLocale.add(name);
  const ownTitle = /<info>[\s\S]*?<title>([^<]*)<\/title>/.exec(xml)?.[1]?.trim();
  STYLE_TITLES[name] = title ?? ownTitle ?? name;
}

/**
 * Removes a style `registerStyle` added (a user's .csl file that changed or is no longer
 * used): citation-js keeps styles in one register for the whole process. Built-in styles stay.
 */
export function unregisterStyle(name: string): void {
  if ((BUILTIN_STYLES as readonly string[]).includes(name)) return;
  if (registered.delete(name)) {
    if (cslReady) cslRegister().styles.delete(name);
    currentHelper()?.unregisterStyle(name);
  }
  styleLocales.delete(name);
  perItemLocale.delete(name);
  delete STYLE_TITLES[name];
}

/**
 * Why a registered style cannot render, found by the render helper when there is one (loading
 * citeproc and compiling the style take 100 ms or more: a check must not wait for that here),
 * else on this thread; undefined when it renders.
 */
export function checkStyle(name: string): Promise<string | undefined> {
  const helper = currentHelper();
  if (!helper) return Promise.resolve(styleProblem(name));
  return helper.styleProblem(name).catch(() => styleProblem(name));
}

/**
 * Renders a probe item with a registered style, so that a style citeproc cannot compile is
 * found when it is loaded. Returns the engine's message, or undefined when it renders.
 */
export function styleProblem(name: string): string | undefined {
  try {
    cslRegister();
    const probe = {
      id: 'probe',
      type: 'book',
      title: 'Probe',
      author: [{ family: 'Probe', given: 'A' }],
      issued: { 'date-parts': [[2000]] },
    };
    formatBibliography(probe, name, 'en-US');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The style's name for people: "Vancouver", "GB/T 7714-2015", or a .csl file's own title. */
export function styleTitle(style: string): string {
  const name = resolveStyleName(style);
  return STYLE_TITLES[name] ?? name;
}

/**
 * True when an item is a Chinese-language work: its `language` says so, or it has none and
 * its title or an author's name is written in Han characters. GB/T 7714 writes such items
 * with Chinese terms (等, 出版地不详).
 */
export function isChineseItem(item: CslItem): boolean {
  const language = typeof item.language === 'string' ? item.language.trim().toLowerCase() : '';
  if (language)
    return (
      language === 'zh' ||
      language.startsWith('zh-') ||
      language.startsWith('zh_') ||
      language === 'chi' ||
      language === 'zho' ||
      language === 'chinese' ||
      language === '中文'
    );
  if (typeof item.title === 'string' && hasHan(item.title)) return true;
  const authors = Array.isArray(item.author) ? (item.author as { family?: unknown; literal?: unknown }[]) : [];
  return authors.some((a) => (typeof a.family === 'string' && hasHan(a.family)) || (typeof a.literal === 'string' && hasHan(a.literal)));
}

/**
 * The CSL output locale for an item in a style. citation-js builds its citeproc engine with
 * `forceLang` set, so this `lang` wins over the style's `default-locale` (the official GB/T
 * style says zh-CN): Chinese items get zh-CN (等), the others en-US (et al.) or, in a user's
 * style, its own non-Chinese locale.
 */
function outputLocale(item: CslItem, styleName: string): string {
  if (!perItemLocale.has(styleName)) return 'en-US';
  if (isChineseItem(item)) return 'zh-CN';
  const own = styleLocales.get(styleName);
  return own && !own.toLowerCase().startsWith('zh') && cslRegister().locales.has(own) ? own : 'en-US';
}

/**
 * The reference as plain text in `style`, without the list number. Never throws: an item
 * citeproc cannot format comes back as its key and title, so a card is never empty.
 */
export function renderReference(item: CslItem, style: string = DEFAULT_STYLE): string {
  const styleName = resolveStyleName(style);
  const hit = cachedText(item, styleName);
  if (hit !== undefined) return hit;
  let text: string;
  try {
    const { input, template, lang } = formatterInput(item, styleName);
    text = formatBibliography(input, template, lang)
      .trim()
      .replace(/^\[?\d+\]?\.?\s+/, '');
  } catch {
    text = '';
  }
  if (!text) text = fallbackText(item);
  storeText(item, styleName, text);
  return text;
}

/**
 * Renders through `helper` from now on (a host's worker thread running this same module; see
 * renderHelper.ts), with the styles registered so far; undefined renders on this thread again.
 */
export function setRenderHelper(helper: RenderHelper | undefined): void {
  useHelper(helper);
  for (const [name, { xml, title }] of registered) helper?.registerStyle(name, xml, title);
}

/**
 * Resolves when `items` are rendered in `style`, so that `renderReference` answers them from
 * the cache: by the render helper, awaited rather than loading citeproc on this thread; at once
 * without one (they then render here when asked).
 */
export function whenRendered(items: readonly CslItem[], style: string): Promise<void> {
  return renderedElsewhere(items, resolveStyleName(style));
}

/**
 * Sends the items `items()` gives to the render helper now, as a request's items go (before its
 * background work), for a request expected soon. Without a helper it does nothing, not even
 * call `items` (a check in the CLI gathers nothing for it), so that nothing is rendered on this
 * thread before it is asked for.
 */
export function renderSoon(items: () => readonly CslItem[], style: string): void {
  if (currentHelper()) renderElsewhere(items(), resolveStyleName(style), true);
}

/**
 * What is handed to citation-js for `item` in a resolved `styleName`: the item as citeproc
 * should read it, the style and the output locale. Exported for the test that compares this
 * module's formatting with citation-js's `Cite` on the same input.
 */
export function formatterInput(item: CslItem, styleName: string): { input: CslItem; template: string; lang: string } {
  cslRegister();
  return { input: forRendering(item), template: styleName, lang: outputLocale(item, styleName) };
}

/**
 * citation-js's bibliography of one item as `new Cite([item]).format('bibliography', ...)`
 * writes it, without the `Cite`: its input chain (type detection, a parse graph, copies) is a
 * fifth of a render. The item gets what that chain and `format` do to CSL-JSON (a copy, the
 * CSL 1.0.2 upgrade, the field clean-up) and goes to the same formatter, which keeps one
 * citeproc engine per style and locale; test/render-direct.test.ts compares the two.
 */
function formatBibliography(item: CslItem, template: string, lang: string): string {
  const data = plugins.input.util.clean(util.upgradeCsl([util.deepCopy(item)]));
  return plugins.output.format('bibliography', data, { format: 'text', template, lang });
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
    copy[role] = names.map((n: { given?: unknown }) =>
      typeof n.given === 'string' && /^[A-Z]{2,4}$/.test(n.given) ? { ...n, given: n.given.split('').join('. ') + '.' } : n,
    );
  }
  return copy;
}

function fallbackText(item: CslItem): string {
  const title = typeof item.title === 'string' && item.title ? item.title : undefined;
  return title ? `${title} [${item.id}]` : `[${item.id}]`;
}

/** Items waiting for a render in the background, in the order they will be rendered, and their style. */
let backlog: { readonly items: readonly CslItem[]; readonly style: string; next: number } | undefined;
/**
 * Renders `items` in `style` in the background, one item per timer turn, so that a request
 * arriving meanwhile waits for one render at most; a later call replaces the list.
 * Hovering a key rendered this way finds it cached (a first render costs 1-3 ms, more on a
 * busy machine). With a render helper the items go to it instead, a few a turn
 * (`HELPER_BATCH`), and this thread renders none: they wait for the same quiet as renders
 * here, because on a machine of two cores a helper rendering a manuscript's 400 cited works
 * (1.5-2 s of a core) while a writer types takes the core the requests' answers need (the
 * editor's own, the server's collector): the first 80 keystrokes after a load waited 7 ms
 * at the median and up to 65, against 4 ms after the helper was done.
 */
export function renderInBackground(items: readonly CslItem[], style: string): void {
  const idle = backlog === undefined;
  backlog = { items, style, next: 0 };
  if (idle) setTimeout(renderTurn, 0);
}

/**
 * Items sent to a render helper per background turn: a turn's renders run on after a request
 * arrives (1-3 ms each there), so few, yet enough that the round trip (a message each way and
 * a timer turn here) is small beside them.
 */
const HELPER_BATCH = 4;

/**
 * How long background renders wait after a request is answered. Requests that come back to
 * back (a completion per keystroke of fast typing, hovers swept over a paragraph) follow each
 * other's answers within a few milliseconds, or tens when the machine is busy: a render
 * started between them would delay the next one. A writer's pauses are longer (a second
 * after typing, 150-300 ms between slow keystrokes), and the background renders in them;
 * waiting 300 ms after each request, as it once did, it never caught up with a writer who
 * types and then hovers.
 */
const BACKGROUND_QUIET_MS = 100;

/** Until when background renders wait. */
let quietUntil = 0;
/** Requests started and not yet answered: background renders wait for them all. */
let requestsInFlight = 0;

/**
 * Runs a request's `work` with background renders held until `BACKGROUND_QUIET_MS` after its
 * answer: a request that waits (for a library, for the search index being built in timer
 * turns) must not find renders slipped in between its steps, and the next request usually
 * follows the answer at once.
 */
export async function duringRequest<T>(work: () => Promise<T>): Promise<T> {
  requestsInFlight++;
  try {
    return await work();
  } finally {
    requestsInFlight--;
    quietUntil = Date.now() + BACKGROUND_QUIET_MS;
  }
}

function renderTurn(): void {
  const work = backlog;
  if (!work) return;
  const wait = requestsInFlight > 0 ? BACKGROUND_QUIET_MS : quietUntil - Date.now();
  if (wait > 0) {
    setTimeout(renderTurn, wait);
    return;
  }
  const styleName = resolveStyleName(work.style);
  // Cached items are skipped at no cost; one render a turn, so a request waits for one at most.
  while (work.next < work.items.length && cachedText(work.items[work.next], styleName) !== undefined) work.next++;
  if (work.next >= work.items.length) {
    backlog = undefined;
    return;
  }
  const batch = work.items.slice(work.next, work.next + HELPER_BATCH);
  if (renderElsewhere(batch, styleName, false)) {
    // The next turn once the helper has answered these (or failed: then this thread renders the rest).
    work.next += batch.length;
    void settledElsewhere(batch, styleName).then(() => setTimeout(renderTurn, 0));
    return;
  }
  renderReference(work.items[work.next++], work.style);
  setTimeout(renderTurn, 0);
}
