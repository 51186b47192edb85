/**
 * Which citation style a manuscript uses: front matter `csl:` or else the setting
 * `citokine.style`, each either a style name (`vancouver`, `apa`, `harvard`, `gb-t-7714-2015`)
 * or a path to a .csl file. A file is read through the Workspace (relative to the document
 * for front matter, to the workspace folder for the setting), registered with the CSL
 * engine once, and read again only after the host says it changed; the old registration is
 * then removed. A name Citokine does not know, or a file it cannot read or compile, is a
 * finding (`style.not-found`, `style.invalid`): references are still shown, in a fall-back
 * style the message names.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import { DiagnosticSink, type Finding } from '../findings';
import { resolvePath } from './library';
import type { Manuscript } from '../markdown/manuscript';
import { RULES } from '../rules';
import type { CitokineSettings } from '../settings';
import type { OffsetRange } from '../text/textRange';
import { checkStyle, isKnownStyleName, registerStyle, resolveStyleName, styleTitle, unregisterStyle } from './render';
import type { Workspace } from '../workspace';

/**
 * A style value that names a file rather than a built-in style: anything ending in `.csl`
 * (`apa.csl` is the user's file, not the built-in APA), or a path with a slash that is not a
 * style name (`GB/T 7714-2015` is one).
 */
export function isStylePath(value: string): boolean {
  const trimmed = value.trim();
  return /\.csl$/i.test(trimmed) || (/[\\/]/.test(trimmed) && !isKnownStyleName(trimmed));
}

/** A .csl file once read: the name it is registered under, or why it is not. */
type LoadedStyle = { readonly name: string } | { readonly problem: 'not-found' | 'invalid'; readonly detail?: string };

/** Where a manuscript's style comes from, and what it says. */
interface StyleChoice {
  readonly value: string;
  readonly fromFrontMatter: boolean;
  /** The .csl file's URI when the value is a path. */
  readonly uri?: string;
}

let storeCount = 0;

/** Loads and registers users' .csl files; answers a manuscript's style name synchronously once prepared. */
export class StyleStore {
  /** .csl URI -> the load in flight or done. */
  private readonly loaded = new Map<string, Promise<LoadedStyle>>();
  private readonly results = new Map<string, LoadedStyle>();
  /** Registered names are global to the process: this store's own prefix keeps two stores (two servers in one test run) apart. */
  private readonly prefix = `csl-file:${++storeCount}:`;

  constructor(private readonly workspace: Workspace) {}

  /** The .csl URI a manuscript's style value names, or undefined for a style name. */
  styleFileOf(manuscript: Manuscript, settingsStyle: string, workspaceFolderUri: string | undefined): string | undefined {
    return this.choiceOf(manuscript, settingsStyle, workspaceFolderUri)?.uri;
  }

  /** Reads and registers the manuscript's .csl file, if it names one and it is not loaded yet. */
  async prepare(manuscript: Manuscript, settingsStyle: string, workspaceFolderUri: string | undefined): Promise<void> {
    const uri = this.styleFileOf(manuscript, settingsStyle, workspaceFolderUri);
    if (!uri) return;
    let pending = this.loaded.get(uri);
    if (!pending) {
      pending = this.load(uri);
      this.loaded.set(uri, pending);
    }
    const result = await pending;
    // A change reported while this load was in flight has dropped it: keep only the current one.
    if (this.loaded.get(uri) === pending) this.results.set(uri, result);
  }

  /** The registered style name for a manuscript: its .csl file once prepared, else the named style (Vancouver when unknown). */
  nameFor(manuscript: Manuscript, settingsStyle: string, workspaceFolderUri: string | undefined): string {
    const choice = this.choiceOf(manuscript, settingsStyle, workspaceFolderUri);
    if (!choice?.uri) return resolveStyleName(choice?.value);
    const result = this.results.get(choice.uri);
    if (result && 'name' in result) return result.name;
    return fallbackStyle(choice.value);
  }

  /** The manuscript's style findings (after `prepare`): a style name Citokine does not know, a .csl file it cannot read or compile. */
  findings(manuscript: Manuscript, settingsStyle: string, workspaceFolderUri: string | undefined): Finding[] {
    const choice = this.choiceOf(manuscript, settingsStyle, workspaceFolderUri);
    if (!choice) return [];
    const range: OffsetRange = (choice.fromFrontMatter ? manuscript.frontMatter.csl?.range : undefined) ?? {
      start: 0,
      end: manuscript.lines.lineEnd(0),
    };
    const named = `'${choice.value.trim()}'${choice.fromFrontMatter ? '' : ' (setting citokine.style)'}`;
    const shownIn = `references are shown in ${styleTitle(fallbackStyle(choice.value))}`;
    if (!choice.uri) {
      if (isKnownStyleName(choice.value)) return [];
      const message = `Unknown citation style ${named}: use vancouver, apa, harvard or gb-t-7714-2015, or a path to a .csl file; ${shownIn}.`;
      return [{ code: RULES.styleNotFound.code, range, message }];
    }
    const result = this.results.get(choice.uri);
    if (!result || 'name' in result) return [];
    if (result.problem === 'not-found')
      return [
        { code: RULES.styleNotFound.code, range, message: `Citation style file ${named} was not found or cannot be read; ${shownIn}.` },
      ];
    return [
      {
        code: RULES.styleInvalid.code,
        range,
        message: `Citation style file ${named} is not a CSL style the engine can use${result.detail ? ` (${result.detail})` : ''}; ${shownIn}.`,
      },
    ];
  }

  /** The findings as diagnostics, at the levels the settings give. */
  diagnostics(manuscript: Manuscript, settings: CitokineSettings, workspaceFolderUri: string | undefined): Diagnostic[] {
    const sink = new DiagnosticSink(manuscript.lines, settings);
    sink.report(this.findings(manuscript, settings.style, workspaceFolderUri));
    return sink.diagnostics;
  }

  /** Forgets a .csl file, and unregisters it, so the next request reads it again. Returns true when it was loaded. */
  invalidate(uri: string): boolean {
    const result = this.results.get(uri);
    if (result && 'name' in result) unregisterStyle(result.name);
    this.results.delete(uri);
    return this.loaded.delete(uri);
  }

  private choiceOf(manuscript: Manuscript, settingsStyle: string, workspaceFolderUri: string | undefined): StyleChoice | undefined {
    const fromFrontMatter = manuscript.frontMatter.csl?.value;
    const value = fromFrontMatter ?? settingsStyle;
    if (!value || !value.trim()) return undefined;
    if (!isStylePath(value)) return { value, fromFrontMatter: fromFrontMatter !== undefined };
    const documentFolder = Utils.dirname(URI.parse(manuscript.uri)).toString();
    const uri = resolvePath(
      fromFrontMatter !== undefined ? documentFolder : (workspaceFolderUri ?? documentFolder),
      value.trim(),
      this.workspace.homeFolderUri,
    );
    return { value, fromFrontMatter: fromFrontMatter !== undefined, uri };
  }

  private async load(uri: string): Promise<LoadedStyle> {
    const xml = await this.workspace.readFile(uri);
    if (xml === undefined) return { problem: 'not-found' };
    if (!/<style\b[^>]*xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(xml))
      return { problem: 'invalid', detail: 'no <style> element in the CSL namespace' };
    const missing = missingPart(xml);
    if (missing) return { problem: 'invalid', detail: missing };
    // A name per content: the engine caches compiled styles by name, and an edited file must not render with the old one.
    const name = `${this.prefix}${uri}#${contentHash(xml)}`;
    registerStyle(name, xml);
    const problem = await checkStyle(name);
    if (problem === undefined) return { name };
    unregisterStyle(name);
    return { problem: 'invalid', detail: problem.split('\n')[0] };
  }
}

/**
 * What a style file lacks for the engine, said in the author's terms: without it citeproc's
 * own message is a JavaScript error ("bibliography is not iterable"). Most journals' styles in
 * the CSL repository are dependent ones, which only name their parent style.
 */
function missingPart(xml: string): string | undefined {
  if (/<citation\b/.test(xml))
    return /<bibliography\b/.test(xml) ? undefined : 'no <bibliography> element, which references are shown with';
  const link = /<link\b[^>]*\brel="independent-parent"[^>]*>/.exec(xml)?.[0];
  if (!link) return 'no <citation> element, which every independent CSL style has';
  const parent = /\bhref="([^"]+)"/.exec(link)?.[1];
  return `a dependent style: it only names its parent style${parent ? ` ${parent}` : ''}, whose own .csl file is needed`;
}

/** The style shown when a .csl file is unusable: the built-in style of the same name (`apa.csl`), else Vancouver. */
function fallbackStyle(value: string): string {
  const base = value.trim().replace(/^.*[\\/]/, '');
  return resolveStyleName(isKnownStyleName(base) ? base : undefined);
}

/** FNV-1a over the text: a short, stable name for one version of a file (the core has no crypto). */
function contentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16);
}
