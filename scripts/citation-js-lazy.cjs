// Stands in for `@citation-js/*` in the server, CLI and client bundles (build.mjs): the core's
// `import { plugins, util } from '@citation-js/core'` reads these getters at each use, so the
// separate bundle dist/citation-js.js is read, compiled and run on first use only. A check
// that renders nothing and reads no BibTeX or RIS never loads it; reading BibTeX loads only
// dist/citation-js-bibtex.js, the BibTeX plugin's stages the reader calls (`module`).
'use strict';
let core;
let bibtex;
function load() {
  // Resolved next to the bundle that requires it (dist/); build.mjs keeps it external. A
  // require at first use, not an import at the top, is the point of this file.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  core ??= require('./citation-js.js');
  return core;
}
module.exports = {
  get plugins() {
    return load().plugins;
  },
  get util() {
    return load().util;
  },
  /**
   * A BibTeX plugin module the server imports by path (build.mjs's `deepModules`), by its name in
   * dist/citation-js-bibtex.js: the reader's part of citation-js, without citeproc.
   */
  module(name) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    bibtex ??= require('./citation-js-bibtex.js');
    return bibtex[name];
  },
};
