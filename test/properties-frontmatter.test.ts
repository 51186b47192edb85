/**
 * Property tests of the front matter reader: it never throws on a mutated real front matter
 * (truncation, unbalanced braces, deep nesting, invalid UTF-8 decoded as text, huge fields,
 * CRLF, a BOM), and every value, inline reference and error it reports lies inside the
 * document. Seeded and bounded in runs.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { parseFrontMatter } from '../server/src/core/markdown/frontMatter';
import { scanMarkdown } from '../server/src/core/markdown/scan';
import { assertRangesInside, mutated, SEED } from './util/arbitraries';
import { REPO_ROOT } from './util/fixture';

const CSL_ITEMS = JSON.parse(readFileSync(path.join(REPO_ROOT, 'e2e', 'fixtures', 'workspace', 'refs.json'), 'utf8')) as Record<
  string,
  unknown
>[];

const FRONT_MATTER = `title: IL-6 signalling in cancer
lang: zh-CN
bibliography:
  - refs.bib
  - refs.json
glossary: terms.glossary.yaml
csl: vancouver
references:
${stringify(CSL_ITEMS.slice(0, 2))
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
`;

test('front matter, mutated: never throws, values and errors inside the document', () => {
  fc.assert(
    fc.property(mutated(FRONT_MATTER), fc.constantFrom('', 'Body [@a].\n'), (yaml, body) => {
      const text = `---\n${yaml}\n---\n${body}`;
      const scan = scanMarkdown(text);
      // Also the block as given, when the mutation broke the fences the scanner looks for.
      const block = scan.frontMatter ?? { range: { start: 0, end: text.length - body.length }, yaml, yamlOffset: 4 };
      const fm = parseFrontMatter(block, 'file:///ws/main.md');
      assertRangesInside(
        [
          ...fm.errors.map((e) => e.range),
          ...fm.bibliography.map((v) => v.range),
          ...fm.glossary.map((v) => v.range),
          ...(fm.csl ? [fm.csl.range] : []),
          ...fm.references.flatMap((e) => [e.range, e.keyRange]),
        ],
        text.length,
        'front matter',
      );
    }),
    { seed: SEED, numRuns: 60 },
  );
});
