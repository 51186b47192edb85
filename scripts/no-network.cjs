// Stands in for citation-js's HTTP clients in the bundle: Citokine never fetches a
// bibliography from the network on its own (see ARCHITECTURE.md, invariants).
'use strict';
function refuse() {
  throw new Error('Citokine does not fetch references over the network.');
}
class Headers extends Map {}
module.exports = refuse;
module.exports.default = refuse;
module.exports.Headers = Headers;
