/**
 * Document links for DOIs, computed from the text alone (no network): a DOI written bare in
 * prose (`10.1038/nature12373`, also after `doi:`) and the DOI of a `@doi:` citation key
 * link to https://doi.org/. DOIs inside URLs, code, math, HTML and front matter are left
 * alone: URLs are links already, and the rest is not prose.
 */
import type { DocumentLink } from 'vscode-languageserver-types';
import { doiOfKey, doisInText, doiUrl } from '../../bibliography/doi';
import { isExcluded, type Manuscript } from '../../markdown/manuscript';
import type { OffsetRange } from '../../text/textRange';

/** The DOI links of a manuscript. */
export function documentLinks(manuscript: Manuscript): DocumentLink[] {
  const links: DocumentLink[] = [];
  const keyRanges: OffsetRange[] = [];
  for (const citation of manuscript.citations) {
    if (citation.kind !== 'key') continue;
    for (const item of citation.items) {
      keyRanges.push(item.keyRange);
      const doi = doiOfKey(item.key);
      if (!doi) continue;
      const start = item.keyRange.start + 4;
      links.push({
        range: manuscript.lines.rangeOf({ start, end: item.keyRange.end }),
        target: doiUrl(doi),
        tooltip: `Open doi:${doi} at doi.org`,
      });
    }
  }
  const insideKey = (offset: number) => keyRanges.some((r) => offset >= r.start && offset < r.end);
  for (const { start, doi } of doisInText(manuscript.text, { standalone: true })) {
    if (isExcluded(manuscript.scan, start) || insideKey(start)) continue;
    links.push({
      range: manuscript.lines.rangeOf({ start, end: start + doi.length }),
      target: doiUrl(doi),
      tooltip: `Open doi:${doi} at doi.org`,
    });
  }
  return links.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
