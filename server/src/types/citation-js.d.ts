// citation-js ships no type declarations; these cover the part of its API Citokine uses.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data?: unknown, options?: Record<string, unknown>);
    data: Record<string, unknown>[];
    format(format: 'bibliography' | 'citation' | 'data', options?: Record<string, unknown>): string;
  }
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
}
