/**
 * Which citation style a manuscript uses: front matter `csl:` or else the setting
 * `citokine.style`, each either a style name (`vancouver`, `apa`, `harvard`, `gb-t-7714-2015`)
 * or a path to a .csl file. A file is read through the Workspace (relative to the document
 * for front matter, to the workspace folder for the setting), registered with the CSL
 * engine once, and read again only after the host says it changed.
 */
import { URI, Utils } from 'vscode-uri';
import { resolvePath } from './library';
import type { Manuscript } from '../markdown/manuscript';
import { isKnownStyleName, registerStyle, resolveStyleName } from './render';
import type { Workspace } from '../workspace';

/** A style value that names a file rather than a built-in style. */
export function isStylePath(value: string): boolean {
  const trimmed = value.trim();
  if (isKnownStyleName(trimmed)) return false;
  return /\.csl$/i.test(trimmed) || /[\\/]/.test(trimmed);
}

/** Loads and registers users' .csl files; answers a manuscript's style name synchronously once prepared. */
export class StyleStore {
  /** .csl URI -> the name it is registered under (undefined when unreadable or not CSL). */
  private readonly loaded = new Map<string, Promise<string | undefined>>();
  private readonly names = new Map<string, string | undefined>();
  private generation = 0;

  constructor(private readonly workspace: Workspace) {}

  /** The .csl URI a manuscript's style value names, or undefined for a style name. */
  styleFileOf(manuscript: Manuscript, settingsStyle: string, workspaceFolderUri: string | undefined): string | undefined {
    const fromFrontMatter = manuscript.frontMatter.csl?.value;
    const value = fromFrontMatter ?? settingsStyle;
    if (!value || !isStylePath(value)) return undefined;
    const documentFolder = Utils.dirname(URI.parse(manuscript.uri)).toString();
    return resolvePath(fromFrontMatter !== undefined ? documentFolder : (workspaceFolderUri ?? documentFolder), value.trim(), this.workspace.homeFolderUri);
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
    this.names.set(uri, await pending);
  }

  /** The registered style name for a manuscript: its .csl file once prepared, else the named style (Vancouver when unknown). */
  nameFor(manuscript: Manuscript, settingsStyle: string, workspaceFolderUri: string | undefined): string {
    const uri = this.styleFileOf(manuscript, settingsStyle, workspaceFolderUri);
    if (uri) return resolveStyleName(this.names.get(uri));
    return resolveStyleName(manuscript.frontMatter.csl?.value ?? settingsStyle);
  }

  /** Forgets a .csl file so the next request reads it again. Returns true when it was loaded. */
  invalidate(uri: string): boolean {
    this.names.delete(uri);
    return this.loaded.delete(uri);
  }

  private async load(uri: string): Promise<string | undefined> {
    const xml = await this.workspace.readFile(uri);
    if (xml === undefined || !/<style\b[^>]*xmlns="http:\/\/purl\.org\/net\/xbiblio\/csl"/.test(xml)) return undefined;
    // A new name per load: the engine caches compiled styles by name, and an edited file must not render with the old one.
    const name = `csl-file:${uri}#${++this.generation}`;
    try {
      registerStyle(name, xml);
      return name;
    } catch {
      return undefined;
    }
  }
}
