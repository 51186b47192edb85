/**
 * Bibliography parsing: BibTeX/BibLaTeX, CSL-JSON, CSL-YAML and RIS into CSL-JSON items,
 * each with the place in its file where it is defined. citation-js does the field mapping;
 * each format's module (bibtex.ts, cslJson.ts, cslYaml.ts, ris.ts) finds entry boundaries
 * and key positions itself so that one broken entry gives one error at its own line and the
 * other entries still load.
 */
import type { SourceError } from '../findings';
import { parseBibtex } from './bibtex';
import type { BibEntry } from './cslItem';
import { parseCslJson } from './cslJson';
import { parseCslYaml } from './cslYaml';
import { errorMessage } from './formatSupport';
import { parseRis } from './ris';

export type { BibEntry, CslItem } from './cslItem';
export { entriesFromCslItems } from './cslItem';
export { yamlItemRanges } from './cslYaml';

import type { BibliographyFormat } from '../fileKinds';

export type { BibliographyFormat };

/** One parsed bibliography file: its entries and the errors met, each at its place. */
export interface ParsedBibliography {
  readonly uri: string;
  readonly format: BibliographyFormat;
  readonly entries: readonly BibEntry[];
  readonly errors: readonly SourceError[];
}

/**
 * Why the text cannot be this file's text: UTF-16 bytes read as UTF-8 (a UTF-16 file without
 * a byte order mark, or read by a host that does not decode UTF-16) show as a NUL after every
 * ASCII character. One finding says so, instead of one per broken entry or none at all.
 */
function wrongEncoding(text: string): string | undefined {
  const head = text.slice(0, 400);
  const nuls = head.split('\u0000').length - 1;
  if (nuls === 0 || nuls < head.length / 4) return undefined;
  return 'This file is encoded as UTF-16 (a NUL byte follows every letter) and could not be read: save it as UTF-8.';
}

/** Parses one bibliography file. Never throws: problems come back as `errors` with ranges. */
export function parseBibliography(file: string, uri: string, format: BibliographyFormat): ParsedBibliography {
  // A byte order mark (Windows editors write one) breaks JSON.parse and YAML; a newline in its place keeps every offset.
  const text = file.charCodeAt(0) === 0xfeff ? `\n${file.slice(1)}` : file;
  const encoding = wrongEncoding(text);
  if (encoding)
    return {
      uri,
      format,
      entries: [],
      errors: [{ message: encoding, range: { start: 0, end: Math.min(text.indexOf('\n') >>> 0, text.length) }, severity: 'error' }],
    };
  try {
    switch (format) {
      case 'bibtex':
        return { uri, format, ...parseBibtex(text, uri) };
      case 'csl-json':
        return { uri, format, ...parseCslJson(text, uri) };
      case 'csl-yaml':
        return { uri, format, ...parseCslYaml(text, uri) };
      case 'ris':
        return { uri, format, ...parseRis(text, uri) };
    }
  } catch (e) {
    // A bug in a parser must not take the server down; it becomes a diagnostic at the top.
    return {
      uri,
      format,
      entries: [],
      errors: [{ message: `Could not read this bibliography: ${errorMessage(e)}`, range: { start: 0, end: 0 }, severity: 'error' }],
    };
  }
}
