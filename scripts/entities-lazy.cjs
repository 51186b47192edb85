// Stands in for `entities` in markdown-it in the server and CLI bundles (build.mjs). markdown-it
// imports only `decodeHTML` from it, to decode a named character reference in a link's
// destination or title, a fence's info string or (the entity rule, which the scan switches
// off) text. Loading `entities` builds its decoding tables, a Uint16Array made one character
// at a time from a 45,000-character string: about 10 ms of every CLI check and server start,
// for a document that may hold no such reference. `entities/lib/decode.js` is a separate
// CommonJS module in the bundle, so esbuild runs it on the first call only.
'use strict';
let decoder;
module.exports = {
  /** `entities`' own `decodeHTML`, loaded on first use. */
  decodeHTML(text, mode) {
    // A require at first use, not an import at the top, is the point of this file.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    decoder ??= require('entities/lib/decode.js');
    return decoder.decodeHTML(text, mode);
  },
};
