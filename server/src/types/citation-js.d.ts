// citation-js ships no type declarations; these cover the part of its API Citokine uses.
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      chain(input: unknown, options?: Record<string, unknown>): unknown;
      type(input: unknown): string;
      /** What `Cite#format` does to its CSL-JSON before formatting: drops and converts fields the CSL schema does not allow. */
      util: { clean<T>(data: T[]): T[] };
    };
    output: {
      /** Runs the output formatter `name` (e.g. plugin-csl's `bibliography`) on CSL-JSON. */
      format(name: string, data: unknown[], options?: Record<string, unknown>): string;
    };
    config: {
      get(name: string): {
        styles: {
          add(name: string, xml: string): void;
          has(name: string): boolean;
          get(name: string): string;
          delete(name: string): void;
          list(): string[];
        };
        locales: { add(name: string, xml: string): void; has(name: string): boolean };
        engine: unknown;
      };
    };
  };
  export const util: {
    deepCopy<T>(value: T): T;
    /** CSL 1.0.1 fields to CSL 1.0.2 (`event` to `event-title`), on shallow copies. */
    upgradeCsl<T>(items: T[]): T[];
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-ris';
/** The BibTeX plugin's value reader: a field's LaTeX source as the text (or names) citation-js reads from it. */
declare module '@citation-js/plugin-bibtex/lib/input/value.js' {
  export function parse(text: string, field: string, languages?: string[]): unknown;
  export function parseAnnotation(text: string): unknown;
}
/** The BibTeX plugin's file reader: entries with their raw (macro-expanded) field values. */
declare module '@citation-js/plugin-bibtex/lib/input/file.js' {
  import type { BibtexEntry } from '@citation-js/plugin-bibtex/lib/mapping/index.js';
  export function parse(text: string): BibtexEntry[];
}
/** The BibTeX plugin's tables: each field's type, TeX ligatures. */
declare module '@citation-js/plugin-bibtex/lib/input/constants.js' {
  export const fieldTypes: Readonly<Record<string, readonly [string, string] | undefined>>;
  export const ligaturePattern: RegExp;
  export const ligatures: Readonly<Record<string, string>>;
  export const defaultStrings: Readonly<Record<string, string>>;
  export const commands: Readonly<Record<string, string>>;
  export const mathCommands: Readonly<Record<string, string>>;
  export const mathScriptFormatting: Readonly<Record<string, string | undefined>>;
  export const diacritics: Readonly<Record<string, string>>;
  export const formatting: Readonly<Record<string, readonly string[]>>;
  export const formattingEnvs: Readonly<Record<string, string>>;
  export const formattingCommands: Readonly<Record<string, string>>;
  export const argumentCommands: Readonly<Record<string, (...args: string[]) => string>>;
}
/** The BibTeX plugin's name assembly from name parts. */
declare module '@citation-js/plugin-bibtex/lib/input/name.js' {
  export interface NamePart {
    value: string;
    upperCase: boolean | null;
    hyphenated?: boolean;
  }
  export function getStringCase(text: string): boolean | null;
  export function orderNamePieces(pieces: NamePart[][]): Record<string, string>;
}
/** The BibTeX plugin's mapping of entries (values read) to CSL. */
declare module '@citation-js/plugin-bibtex/lib/mapping/index.js' {
  export interface BibtexEntry {
    type: string;
    label: string;
    properties: Record<string, unknown>;
    annotations?: Record<string, Record<string, unknown>>;
  }
  export function parse(entries: BibtexEntry[]): unknown[];
}
/** The BibTeX plugin's field converters (dates, names, titles, pages...) of its CSL mapping. */
declare module '@citation-js/plugin-bibtex/lib/mapping/shared.js' {
  type Converter = { toTarget(...values: unknown[]): unknown };
  export const Converters: Readonly<
    Record<
      'PICK' | 'DATE' | 'NAMES' | 'NAMES_ORCID' | 'TITLE' | 'YEAR_MONTH' | 'KEYWORDS' | 'PAGES' | 'EPRINT' | 'HOW_PUBLISHED',
      Converter
    >
  >;
}
/** The BibTeX plugin's `crossref`: an entry's fields with those it takes from its parent (found in `registry` by label). */
declare module '@citation-js/plugin-bibtex/lib/mapping/crossref.js' {
  import type { BibtexEntry } from '@citation-js/plugin-bibtex/lib/mapping/index.js';
  export function crossref(type: string, fields: Record<string, unknown>, registry: Record<string, BibtexEntry>): Record<string, unknown>;
}
