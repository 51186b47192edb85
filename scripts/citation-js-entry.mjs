// The entry of dist/citation-js.js: citation-js with the plugins Citokine uses (BibTeX, RIS,
// CSL with citeproc), about 60% of what the server and the CLI would otherwise load at start.
// They load it on first use through scripts/citation-js-lazy.cjs. The plugins register
// themselves with the core when they load, after it.
export { Cite, plugins, util } from '@citation-js/core';
// BibTeX's value reader, for names read word by word as pandoc reads them (bibtexNames.ts).
export { parse as parseBibtexValue } from '@citation-js/plugin-bibtex/lib/input/value.js';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';
