#!/usr/bin/env node
/**
 * Writes each term's `references` in references/glossary.json: the review's citations whose
 * own clause uses the term (the rule: scripts/glossary-links.mjs). Terms are found by the
 * product's own matcher, so run it after a build (`npx tsc -b`):
 *
 *   node scripts/build-glossary-links.mjs           rewrite the lists
 *   node scripts/build-glossary-links.mjs --check   fail if the committed lists differ
 *
 * Neither the build nor the tests run it; test/glossary-data.test.ts recomputes the links.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glossaryLinks, writeLinks } from './glossary-links.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = join(root, 'out', 'server', 'src', 'core', 'terms');
if (!existsSync(join(core, 'matcher.js'))) {
  console.error('build-glossary-links: the compiled core is missing; run `npx tsc -b` first.');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { parseGlossary, createGlossary } = require(join(core, 'glossary.js'));
const { termMatcher } = require(join(core, 'matcher.js'));

const glossaryPath = join(root, 'references', 'glossary.json');
const glossaryText = readFileSync(glossaryPath, 'utf8');
const { glossary, errors } = parseGlossary(glossaryText, 'file:///citokine/references/glossary.json');
if (errors.length) {
  console.error(errors.map((e) => e.message).join('\n'));
  process.exit(1);
}
const links = glossaryLinks({
  reviewText: readFileSync(join(root, 'references', 'sources', 'review-text.zh.txt'), 'utf8'),
  context: JSON.parse(readFileSync(join(root, 'references', 'review-55.context.json'), 'utf8')),
  glossary,
  product: { createGlossary, termMatcher },
});
const updated = writeLinks(glossaryText, links);

if (process.argv.includes('--check')) {
  const stale = glossary.terms.filter((t) => t.references.join() !== links.get(t.id).join());
  for (const t of stale) console.error(`${t.id}: committed [${t.references.join(', ')}], computed [${links.get(t.id).join(', ')}]`);
  process.exit(stale.length ? 1 : 0);
}
if (updated !== glossaryText) writeFileSync(glossaryPath, updated);
for (const t of glossary.terms) {
  const now = links.get(t.id);
  if (t.references.join() !== now.join()) console.log(`${t.id}: [${t.references.join(', ')}] -> [${now.join(', ')}]`);
}
