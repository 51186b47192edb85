/**
 * The user's settings (`citokine.*`) as the core reads them, and how an untrusted value from
 * a client becomes one: every field checked, defaults for anything malformed.
 */

/** User settings, as in the `citokine.*` configuration. */
export interface CitokineSettings {
  /** `citokine.bibliography.files`: paths relative to the workspace folder (or absolute). */
  readonly bibliographyFiles: readonly string[];
  /** `citokine.builtinLibrary`: use the built-in review corpus. */
  readonly builtinLibrary: boolean;
  /** `citokine.style`: CSL style name for rendered references. */
  readonly style: string;
  /** `citokine.diagnostics`: level per diagnostic code. */
  readonly diagnostics: Readonly<Record<string, unknown>>;
  /**
   * `citokine.unusedReferences.bibliographyFiles`: also report never-cited entries of the
   * files a document's front matter `bibliography:` names. Off by default, because such a
   * file is often a shared library of which any one manuscript cites a few entries.
   */
  readonly unusedReferencesInBibliographyFiles?: boolean;
  /** `citokine.glossary.files`: glossary files (JSON or YAML) laid over the built-in glossary, relative to the workspace folder. */
  readonly glossaryFiles?: readonly string[];
  /** `citokine.terms.noDefinitionNeeded`: abbreviations that need no definition at first use; undefined means the built-in list. */
  readonly noDefinitionNeeded?: readonly string[];
  /**
   * `citokine.files.maxSizeMB`: bibliography, glossary and style files larger than this are
   * refused before reading (a diagnostic says so); undefined means DEFAULT_MAX_FILE_SIZE_MB.
   */
  readonly maxFileSizeMB?: number;
}

/** The default of `citokine.files.maxSizeMB`. */
export const DEFAULT_MAX_FILE_SIZE_MB = 50;

export const DEFAULT_SETTINGS: CitokineSettings = {
  bibliographyFiles: [],
  builtinLibrary: true,
  style: 'vancouver',
  diagnostics: {},
  maxFileSizeMB: DEFAULT_MAX_FILE_SIZE_MB,
};

/** Reads settings from an untrusted JSON-ish value (a client's configuration), keeping defaults for anything malformed. */
export function normalizeSettings(raw: unknown): CitokineSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const bibliography = value.bibliography as { files?: unknown } | undefined;
  const files = Array.isArray(bibliography?.files)
    ? bibliography.files.filter((f): f is string => typeof f === 'string')
    : DEFAULT_SETTINGS.bibliographyFiles;
  return {
    bibliographyFiles: files,
    builtinLibrary: typeof value.builtinLibrary === 'boolean' ? value.builtinLibrary : DEFAULT_SETTINGS.builtinLibrary,
    style: typeof value.style === 'string' && value.style ? value.style : DEFAULT_SETTINGS.style,
    diagnostics: typeof value.diagnostics === 'object' && value.diagnostics !== null ? (value.diagnostics as Record<string, unknown>) : {},
    unusedReferencesInBibliographyFiles:
      (value.unusedReferences as { bibliographyFiles?: unknown } | undefined)?.bibliographyFiles === true,
    ...termSettings(value),
    maxFileSizeMB: positiveNumber((value.files as { maxSizeMB?: unknown } | undefined)?.maxSizeMB) ?? DEFAULT_MAX_FILE_SIZE_MB,
  };
}

/** `citokine.glossary.files` and `citokine.terms.noDefinitionNeeded`, when they are lists of strings. */
function termSettings(value: Record<string, unknown>): Pick<CitokineSettings, 'glossaryFiles' | 'noDefinitionNeeded'> {
  const strings = (v: unknown): string[] | undefined =>
    Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined;
  const glossaryFiles = strings((value.glossary as { files?: unknown } | undefined)?.files);
  const noDefinitionNeeded = strings((value.terms as { noDefinitionNeeded?: unknown } | undefined)?.noDefinitionNeeded);
  return { ...(glossaryFiles ? { glossaryFiles } : {}), ...(noDefinitionNeeded ? { noDefinitionNeeded } : {}) };
}

function positiveNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
