/**
 * Bibliography parsing: BibTeX/BibLaTeX, CSL-JSON, CSL-YAML and RIS into CSL-JSON items,
 * each with the place in its file where it is defined. citation-js does the field mapping;
 * each format's module (bibtex.ts, cslJson.ts, cslYaml.ts, ris.ts) finds entry boundaries
 * and key positions itself so that one broken entry gives one error at its own line and the
 * other entries still load.
 */
import type { SourceError } from '../findings';
import { readBibtex } from './bibtex';
import type { BibEntry } from './cslItem';
import { parseCslJson } from './cslJson';
import { parseCslYaml } from './cslYaml';
import { errorMessage, type Parsed } from './formatSupport';
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
  const reading = readBibliography(file, uri, format);
  for (;;) {
    const step = reading.next();
    if (step.done) return step.value;
  }
}

/**
 * The same parse, pausing between slices of a large BibTeX file (`pause` gives the host's
 * event loop a turn), so that a server answers requests while a 50,000-entry library loads.
 */
export async function parseBibliographyInSlices(
  file: string,
  uri: string,
  format: BibliographyFormat,
  pause: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
): Promise<ParsedBibliography> {
  const reading = readBibliography(file, uri, format);
  for (;;) {
    const step = reading.next();
    if (step.done) return step.value;
    await pause();
  }
}

function* readBibliography(file: string, uri: string, format: BibliographyFormat): Generator<void, ParsedBibliography, void> {
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
    const parsed = format === 'bibtex' ? yield* readBibtex(text, uri) : parseFormat(text, uri, format);
    const empty = parsed.entries.length === 0 && parsed.errors.length === 0 ? noEntries(text, format) : undefined;
    return { uri, format, ...parsed, errors: empty ? [empty] : parsed.errors };
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

function parseFormat(text: string, uri: string, format: Exclude<BibliographyFormat, 'bibtex'>): Parsed {
  switch (format) {
    case 'csl-json':
      return parseCslJson(text, uri);
    case 'csl-yaml':
      return parseCslYaml(text, uri);
    case 'ris':
      return parseRis(text, uri);
  }
}

const ENTRY_SHAPE: Readonly<Record<BibliographyFormat, string>> = {
  bibtex: 'BibTeX entries look like `@article{key, title = {...}}`',
  'csl-json': 'CSL-JSON is an array of items, each with an `id`',
  'csl-yaml': 'CSL-YAML is a list of items (or `references:`), each with an `id`',
  ris: 'RIS records start with a line `TY  - <type>`',
};

/**
 * A file with text in it but not one entry (a file of base64 or prose named `refs.bib`) is
 * not a bibliography, and says so. A blank file, or a BibTeX file of comment lines only, is a
 * bibliography still being written: nothing to say.
 */
function noEntries(text: string, format: BibliographyFormat): SourceError | undefined {
  // Comment lines blanked, not removed, so that offsets stay the file's.
  const meaningful = format === 'bibtex' ? text.replace(/^[ \t]*%.*$/gm, (line) => ' '.repeat(line.length)) : text;
  const start = meaningful.search(/\S/);
  if (start < 0) return undefined;
  const lineEnd = text.indexOf('\n', start);
  return {
    message: `This file holds no bibliography entries, so nothing in it can be cited: ${ENTRY_SHAPE[format]}.`,
    range: { start, end: lineEnd < 0 ? text.length : lineEnd },
    severity: 'error',
  };
}
