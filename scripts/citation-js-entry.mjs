// The entry of dist/citation-js.js: citation-js with the plugins Citokine uses (BibTeX, RIS,
// CSL with citeproc), about 60% of what the server and the CLI would otherwise load at start.
// They load it on first use through scripts/citation-js-lazy.cjs. The plugins register
// themselves with the core when they load, after it.
export { plugins, util } from '@citation-js/core';
// The BibTeX plugin's stages the server calls one by one are in a bundle of their own,
// dist/citation-js-bibtex.js (scripts/citation-js-bibtex-entry.mjs).
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';
