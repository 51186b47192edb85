/**
 * pandoc decides what a citation is; these tests hold `parseCitations` to pandoc's answer on
 * a real manuscript and on a sample of tricky cases: the same keys, each as often.
 * Cross-references (`@fig:x`, ...) are citations to pandoc but not to Citokine.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseCitations } from '../server/src/core/citations/parse';
import { scanMarkdown } from '../server/src/core/markdown/scan';
import { CROSSREF_ID, citationCountLines, citationFixturesRoot, pandocCitationCounts } from './util/citationOracle';

function parserCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of parseCitations(text, scanMarkdown(text))) {
    if (c.kind !== 'key') continue;
    for (const item of c.items) counts.set(item.key, (counts.get(item.key) ?? 0) + 1);
  }
  return counts;
}

/** Compares key multisets, pandoc's without cross-references. */
function check(markdown: string): { keys: number; citations: number } {
  const expected = citationCountLines(pandocCitationCounts(markdown), (key) => !CROSSREF_ID.test(key));
  const actual = citationCountLines(parserCounts(markdown));
  assert.deepEqual(actual, expected);
  return { keys: expected.length, citations: expected.reduce((sum, line) => sum + Number(line.split(' ')[0]), 0) };
}

/** Cases where Markdown and Pandoc are easy to get wrong; all follow pandoc 2.17 here. */
const TRICKY_SAMPLE = `---
title: "A sample with @notacite in YAML [@meta]"
---

# Results [@heading]

As @smith04 says, and [-@smith05, p. 3], see [see @a1, pp. 33-35; also @b1, ch. 1].
In-text with locator @l1 [p. 33] and more @m1 [p. 33; @n1], @f1 [@g1] and @o1 [-@p1].
Keys: @doi:10.1038/nature14539, [@pmid:123; @arxiv:1106.5730], @url:http://example.org/x.html.
End of sentence @dot1. Double @dd1..x, @u1:/x and @v1-/w; braced @{braced.key}; @_under.
Not keys: mail@example.org, x@b, 2020@n, end.@h, @{a b}, \\@escaped.
Groups: [foo @w1 bar], [@j1 @k1], [@oo1;@pp1], [see @i1; and others], [@qq1;].
Links: [@q1](http://x.org/@nope "title @nope2") and @r1 [p. 1](http://y.org).
Code and math: \`@code1 [@code2]\` $x = @math1$ $$[@math2]$$ US$5 @after and $6.
HTML: <span title="@html1">[@inspan]</span> <!-- [@comment1]
@comment2 --> and <https://z.org/@auto>.
Cross-references: @fig:one, [@tbl:two; @mixed1], @sec:three, @eq:four.

研究表明[@smith2020]。结果，@li2021，证实了这一点[@zhang2019，第 3 页]；如 @wang2022发现。
研究表明@nocite2020发现。

Footnote[^n] and inline note^[with @note1].

[^n]: The note cites [@note2] and @note3.

[@tag:alias]: doi:10.1101/gr.634603

\`\`\`
[@fenced] @fenced2
\`\`\`

    [@indented]

| Table | @cell1 |
|-------|--------|
| [@cell2] | \`@cell3\` |

> Quote [@quote1]
`;

test('pandoc oracle: deep-review manuscript, same keys as often as pandoc', () => {
  const file = path.join(citationFixturesRoot(), 'deep-review', 'manuscript.md');
  const result = check(readFileSync(file, 'utf8'));
  assert.ok(result.keys > 600, `expected hundreds of distinct keys, got ${result.keys}`);
});

test('pandoc oracle: tricky sample, same keys as often as pandoc', () => {
  const result = check(TRICKY_SAMPLE);
  assert.ok(result.keys > 40, `expected the sample to cite many keys, got ${result.keys}`);
});
