// The entry of dist/citation-js-bibtex.js: the BibTeX plugin's stages that the server calls one by
// one (bibtexFields.ts, bibtexValues.ts, bibtexMapping.ts), with the part of citation-js's core
// they import, and not citeproc, the CSL and RIS plugins or the `Cite` API: reading a large
// library loads and compiles a sixth of what dist/citation-js.js is. build.mjs's `deepModules`
// names them; scripts/citation-js-lazy.cjs loads this bundle on their first use. An entry the
// fast reader sends to citation-js's whole input chain loads dist/citation-js.js as before.
export * as bibtexValue from '@citation-js/plugin-bibtex/lib/input/value.js';
export * as bibtexFile from '@citation-js/plugin-bibtex/lib/input/file.js';
export * as bibtexConstants from '@citation-js/plugin-bibtex/lib/input/constants.js';
export * as bibtexName from '@citation-js/plugin-bibtex/lib/input/name.js';
export * as bibtexMapping from '@citation-js/plugin-bibtex/lib/mapping/index.js';
export * as bibtexMappingShared from '@citation-js/plugin-bibtex/lib/mapping/shared.js';
export * as bibtexCrossref from '@citation-js/plugin-bibtex/lib/mapping/crossref.js';
export * as biblatexTypes from '@citation-js/plugin-bibtex/lib/mapping/biblatexTypes.json';
