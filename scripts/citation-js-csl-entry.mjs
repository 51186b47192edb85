// The entry of dist/citation-js-csl.js, the render worker's citation-js: the core and the CSL
// plugin with citeproc, without the BibTeX and RIS plugins it never calls. The worker starts
// while the first manuscript is checked, and the first hover waits for it: compiling and
// running those two plugins there was time spent before its first render.
export { plugins, util } from '@citation-js/core';
import '@citation-js/plugin-csl';
