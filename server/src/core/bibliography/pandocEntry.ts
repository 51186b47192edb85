/**
 * A BibTeX entry's CSL item as pandoc's BibLaTeX reader builds it, from the item citation-js
 * read and the entry's own source: its titles joined, its container title, its names split.
 */
import { pandocNames } from './bibtexNames';
import type { CslItem } from './cslItem';
import { biblatexTitles, pandocContainer } from './titles';

/**
 * `item` (citation-js's reading of the entry of `entryType` whose source is `source`) as pandoc
 * reads the entry. `item` is the caller's own: its name lists are replaced in place.
 */
export function asPandocReads(item: CslItem, entryType: string, source: string): CslItem {
  return pandocNames(pandocContainer(biblatexTitles(item, entryType, source), entryType, source), source);
}
