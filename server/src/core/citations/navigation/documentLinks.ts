/**
 * Document links for DOIs, computed from the text alone (no network): a DOI written bare in
 * prose (`10.1038/nature12373`, also after `doi:`) and the DOI of a `@doi:` citation key
 * link to https://doi.org/. DOIs inside URLs, code, math, HTML and front matter are left
 * alone: URLs are links already, and the rest is not prose.
 */
import type { DocumentLink } from 'vscode-languageserver-types';
import { isExcluded, type Manuscript } from '../../markdown/manuscript';
import type { OffsetRange } from '../../text/textRange';

/**
 * A DOI: `10.`, a registrant code of digits (and dots), `/`, then a suffix of printable
 * ASCII. Han text and full-width punctuation end it, so `见10.1000/x。` links `10.1000/x`.
 */
const BARE_DOI = /(?<![\w./-])10\.\d{4,9}(?:\.\d+)*\/[!-~]+/g;

/** The https://doi.org/ address of a DOI, with the characters a URL cannot carry escaped. */
export function doiUrl(doi: string): string {
  return `https://doi.org/${encodeURIComponent(doi).replace(/%2F/gi, '/')}`;
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

/** The DOI links of a manuscript. */
export function documentLinks(manuscript: Manuscript): DocumentLink[] {
  const links: DocumentLink[] = [];
  const keyRanges: OffsetRange[] = [];
  for (const citation of manuscript.citations) {
    if (citation.kind !== 'key') continue;
    for (const item of citation.items) {
      keyRanges.push(item.keyRange);
      const m = /^doi:(10\.\d{4,9}(?:\.\d+)*\/.+)$/i.exec(item.key);
      if (!m) continue;
      const start = item.keyRange.start + 4;
      links.push({ range: manuscript.lines.rangeOf({ start, end: item.keyRange.end }), target: doiUrl(m[1]), tooltip: `Open doi:${m[1]} at doi.org` });
    }
  }
  const insideKey = (offset: number) => keyRanges.some((r) => offset >= r.start && offset < r.end);
  const text = manuscript.text;
  BARE_DOI.lastIndex = 0;
  for (let m = BARE_DOI.exec(text); m; m = BARE_DOI.exec(text)) {
    const start = m.index;
    if (isExcluded(manuscript.scan, start) || insideKey(start)) continue;
    const doi = trimDoi(m[0]);
    if (!doi.includes('/') || doi.endsWith('/')) continue;
    links.push({ range: manuscript.lines.rangeOf({ start, end: start + doi.length }), target: doiUrl(doi), tooltip: `Open doi:${doi} at doi.org` });
  }
  return links.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
