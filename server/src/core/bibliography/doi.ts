/**
 * DOIs: the one shape Citokine recognises, the one normal form two DOIs are compared in, the
 * one way a DOI is found in running text, and the one https://doi.org/ link built from it.
 * Bibliography checks (same work), conversion (own reference list to keys), document links
 * and reference cards all go through here, so that they agree on what a DOI is.
 */

/** `10.`, a registrant code of four to nine digits (and dotted sub-codes), `/`. */
const DOI_PREFIX = String.raw`10\.\d{4,9}(?:\.\d+)*\/`;

/** A whole normalised DOI: the prefix and a suffix without white space. */
const WHOLE_DOI = new RegExp(`^${DOI_PREFIX}\\S+$`);

/** A `@doi:10...` citation key, the DOI captured. */
const DOI_KEY = new RegExp(`^doi:(${DOI_PREFIX}.+)$`, 'i');

/**
 * A DOI in running text: the prefix, then a suffix of printable ASCII. Han text and
 * full-width punctuation end it, so `见10.1000/x。` finds `10.1000/x`. Not right after a word
 * character, `.` or `-` (part of something else); `standalone` also skips DOIs right after
 * `/`, i.e. inside a URL or path.
 */
const DOI_IN_TEXT = new RegExp(`(?<![\\w.-])${DOI_PREFIX}[!-~]+`, 'g');
const STANDALONE_DOI_IN_TEXT = new RegExp(`(?<![\\w./-])${DOI_PREFIX}[!-~]+`, 'g');

/** A DOI as a comparable string: lower case, without `https://doi.org/` or `doi:`; undefined when it is no DOI. */
export function normalizeDoi(doi: unknown): string | undefined {
  if (typeof doi !== 'string') return undefined;
  const bare = bareDoi(doi).toLowerCase();
  return WHOLE_DOI.test(bare) ? bare : undefined;
}

/** A DOI as written, without `https://doi.org/` or `doi:` around it (case kept, for display). */
export function bareDoi(doi: string): string {
  return doi
    .trim()
    .replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '')
    .trim();
}

/** The https://doi.org/ address of a DOI, with the characters a URL cannot carry escaped. */
export function doiUrl(doi: string): string {
  return `https://doi.org/${encodeURIComponent(doi).replace(/%2F/gi, '/')}`;
}

/** The DOI of a `@doi:10.xxxx/...` citation key, as written. */
export function doiOfKey(key: string): string | undefined {
  return DOI_KEY.exec(key)?.[1];
}

/** A DOI found in text: where it starts and the DOI as written, sentence punctuation trimmed. */
export interface DoiInText {
  readonly start: number;
  readonly doi: string;
}

/**
 * The DOIs written in `text`, in order. With `standalone`, DOIs inside URLs and paths are
 * left out (a URL is a link already); otherwise they are found too (`https://doi.org/10...`
 * in a reference list names its DOI).
 */
export function doisInText(text: string, options: { readonly standalone?: boolean } = {}): DoiInText[] {
  const pattern = options.standalone ? STANDALONE_DOI_IN_TEXT : DOI_IN_TEXT;
  const found: DoiInText[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const doi = trimDoi(m[0]);
    if (doi.endsWith('/')) continue;
    found.push({ start: m.index, doi });
  }
  return found;
}

/** Trailing punctuation belongs to the sentence, and a `)` or `]` only when unmatched in the DOI. */
function trimDoi(doi: string): string {
  let end = doi.length;
  for (;;) {
    const last = doi[end - 1];
    if ('.,;:!?\'"*_>'.includes(last)) end--;
    else if (last === ')' && count(doi.slice(0, end), '(') < count(doi.slice(0, end), ')')) end--;
    else if (last === ']' && count(doi.slice(0, end), '[') < count(doi.slice(0, end), ']')) end--;
    else break;
  }
  return doi.slice(0, end);
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}
