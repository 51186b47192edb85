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
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-ris';
/** The BibTeX plugin's value reader: a field's LaTeX source as the text (or names) citation-js reads from it. */
declare module '@citation-js/plugin-bibtex/lib/input/value.js' {
  export function parse(text: string, field: string, languages?: string[]): unknown;
}
