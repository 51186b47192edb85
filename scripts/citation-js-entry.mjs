// The entry of dist/citation-js.js: citation-js with the plugins Citokine uses (BibTeX, RIS,
// CSL with citeproc), about 60% of what the server and the CLI would otherwise load at start.
// They load it on first use through scripts/citation-js-lazy.cjs. The plugins register
// themselves with the core when they load, after it.
export { plugins, util } from '@citation-js/core';
// The BibTeX plugin's stages, which the server calls one by one (bibtexValues.ts, bibtexMapping.ts);
// build.mjs's `deepModules` names them.
export * as bibtexValue from '@citation-js/plugin-bibtex/lib/input/value.js';
export * as bibtexFile from '@citation-js/plugin-bibtex/lib/input/file.js';
export * as bibtexConstants from '@citation-js/plugin-bibtex/lib/input/constants.js';
export * as bibtexName from '@citation-js/plugin-bibtex/lib/input/name.js';
export * as bibtexMapping from '@citation-js/plugin-bibtex/lib/mapping/index.js';
export * as bibtexMappingShared from '@citation-js/plugin-bibtex/lib/mapping/shared.js';
export * as bibtexCrossref from '@citation-js/plugin-bibtex/lib/mapping/crossref.js';
export * as biblatexTypes from '@citation-js/plugin-bibtex/lib/mapping/biblatexTypes.json';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';
