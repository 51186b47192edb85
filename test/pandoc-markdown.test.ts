/**
 * Pandoc Markdown as pandoc 2.17 reads it, for what Citokine looks at: metadata blocks
 * anywhere, Markdown inside HTML blocks, cross-references and example labels that are not
 * citations, attribute values, raw LaTeX and grid-table code cells that are not prose, and
 * number completion after a bare `[`. Where pandoc can answer, it is the oracle.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { isCrossReference } from '../server/src/core/citations/keys';
import { parseManuscript } from '../server/src/core/markdown/manuscript';
import { citationCountLines, pandocCitationCounts } from './util/citationOracle';
import { complete, fixture } from './util/fixture';

/** Citokine's keys of `markdown`, as `count key` lines. */
function citokineLines(markdown: string): string[] {
  const counts = new Map<string, number>();
  for (const c of parseManuscript('file:///ws/main.md', markdown).citations) {
    if (c.kind !== 'key') continue;
    for (const item of c.items) counts.set(item.key, (counts.get(item.key) ?? 0) + 1);
  }
  return citationCountLines(counts);
}

/** Holds Citokine to pandoc's citations of `markdown`, less cross-references (`customPrefixes` declared by the document). */
function checkWithPandoc(markdown: string, customPrefixes: readonly string[] = []): string[] {
  const expected = citationCountLines(pandocCitationCounts(markdown), (key) => !isCrossReference(key, customPrefixes));
  assert.deepEqual(citokineLines(markdown), expected);
  return expected;
}

/** The codes of the citation findings of the fixture's manuscript. */
async function citationCodes(source: string): Promise<string[]> {
  const f = fixture(source, { builtinLibrary: false });
  const diagnostics = await f.service.diagnostics({ uri: f.uri, text: f.text });
  return diagnostics.filter((d) => String(d.code).startsWith('citation.')).map((d) => `${String(d.code)} ${d.message}`);
}

/** pandoc's `references` ids: how it merged the metadata blocks. */
function pandocReferenceIds(markdown: string): string[] {
  const run = spawnSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const refs = (JSON.parse(run.stdout) as { meta: { references?: { c: Array<{ c: { id: { c: Array<{ c: string }> } } }> } } }).meta
    .references;
  return (refs?.c ?? []).map((r) => r.c.id.c.map((s) => s.c).join(''));
}

const CSL_ITEM = (id: string) => `- id: ${id}\n  type: book\n  title: Title ${id}\n`;

test('metadata blocks anywhere: references at the end resolve citations', async () => {
  const doc = `Text [@a; @b].\n\n---\nreferences:\n${CSL_ITEM('a')}${CSL_ITEM('b')}...\n`;
  assert.deepEqual(await citationCodes(doc), []);
  assert.deepEqual(
    parseManuscript('file:///ws/main.md', doc).frontMatter.references.map((r) => r.key),
    pandocReferenceIds(doc),
  );
});

test('metadata blocks anywhere: bibliography declared at the end is read', async () => {
  const bib = '@book{stephens2015, author = {Stephens, Zachary}, title = {Big Data}, year = {2015}}\n';
  assert.deepEqual(await citationCodes(`%! main.md\nSee [@stephens2015].\n\n---\nbibliography: refs.bib\n---\n%! refs.bib\n${bib}`), []);
});

test('metadata blocks anywhere: blocks merge, a field set twice takes the later value, as pandoc does', () => {
  const doc = `---\ntitle: T\nreferences:\n${CSL_ITEM('first')}---\n\nText [@second].\n\n---\nreferences:\n${CSL_ITEM('second')}---\n\nMore.\n\n---\nlang: en\n---\n`;
  const m = parseManuscript('file:///ws/main.md', doc);
  assert.deepEqual(
    m.frontMatter.references.map((r) => r.key),
    pandocReferenceIds(doc),
  );
  assert.equal(m.frontMatter.lang, 'en');
  assert.equal(m.scan.metadata?.length, 3);
  assert.equal(m.scan.frontMatter?.range.start, 0, 'the front matter is still the block at the top');
});

test('metadata blocks anywhere: what pandoc reads as metadata and what it does not', () => {
  checkWithPandoc(
    [
      'Intro [@x].',
      '',
      '---',
      'title: "In YAML [@notacite]"',
      '---',
      '',
      'A paragraph line',
      '---',
      'is a setext heading [@h1] before this line.',
      '---',
      '',
      '---',
      'A scalar is a table in pandoc [@scalar]',
      '---',
      '',
      '```',
      '---',
      'code: "[@code]"',
      '---',
      '```',
      '',
      '---',
      '# only a comment [@comment]',
      '---',
      '',
      '---',
      '',
      'A rule above [@rule].',
      '',
    ].join('\n'),
  );
});

test('HTML blocks: the Markdown inside is read, as pandoc markdown_in_html_blocks does; raw elements and comments are not', () => {
  const keys = checkWithPandoc(`<div class="note">
Text [@div1] here and \`@code1\` and $x@m$.
</div>

<details>
<summary>Sum [@sum1]</summary>
Body [@det1]
</details>

<p>Para [@p1] end.</p>

<p align="center">
<img src="x.png" alt="@alt1"> caption [@p2](http://x.org/@dest)
</p>

<!-- [@comment1]
@comment2 -->

<pre>
[@pre1]
</pre>

<div>
<script>
var a = "[@script1]";
</script> after [@after1]
<style>/* [@style1] */</style>
</div>

<code>[@code2]</code>

<table>
<tr><td>Cell [@td1]</td></tr>
</table>

<section>
## Heading [@h1]
- item [@li1]
</section>

<textarea>
[@ta1]
</textarea>
`);
  assert.ok(keys.length >= 10, keys.join(', '));
});

test('cross-references are not citations: Quarto prefixes, pandoc-crossref and capitalised forms, declared custom kinds', async () => {
  const doc = `---
crossref:
  custom:
    - kind: float
      key: vid
      reference-prefix: Video
---

See @fig-x, @Fig-x, @tbl-a, @sec-b, @eq-c, @lst-d, @thm-a, @lem-b, @cor-c, @prp-d, @cnj-e,
@def-f, @exm-g, @exr-h, @sol-i, @rem-j, @nte-k, @tip-l, @wrn-m, @imp-n, @cau-o, @Thm-1,
@fig:one, @Fig:one, @Tbl:two, @sec:3, @Sec:3, @eq:four, @Eq:four, @lst:5, @Lst:5 and @vid-one, @Vid-two.
[@tbl-a; @real1] and [see @Sec:3] and @real2.
`;
  assert.deepEqual(checkWithPandoc(doc, ['vid']), ['1 real1', '1 real2']);
  assert.deepEqual(await citationCodes(`${doc.replace('@real2', 'x').replace('@real1', '@tbl-b')}`), []);
});

test('attribute values and example-list labels are not citations', () => {
  checkWithPandoc(`![Caption [@capt1]](img.png){fig-alt="Artwork by @allison_horst." #fig-x}

Text {key="@prose1"} and \`code\`{.r key="@codeattr"} and [span @sp1]{.c data-x="@spanattr"}.

## Heading [@h1] {#sec-h data-a="@hattr"}

::: {#fig-y .class key="@divattr"}
Inside [@indiv1]
:::

::: note @divword
x
:::

(@good) This is a good example [@real].

(@bad) Bad one.

As (@good) shows, and @good alone; but [@good] is a citation in pandoc, and @bad2 is not a label.
`);
});

test('grid-table cells pandoc reads as code and raw LaTeX are not prose: no citations there', () => {
  checkWithPandoc(`Intro.

+---------------+--------------------+
| Fruit         | Price [@g1]        |
+===============+====================+
| Bananas       |     indented [@g2] |
|               |                    |
|      [@g3]    | - item [@g4]       |
+---------------+--------------------+

\\begin{table}
Caption [@tex1] and @tex2
\\end{table}

Inline \\cite{x} and \\textit{@tex3} here, @after1.

\\begin{figure}

text after a blank line [@tex4]

\\end{figure}

After [@after2].
`);
});

test('raw LaTeX and grid-table code cells hold no term findings', async () => {
  const f = fixture(
    '---\nlang: en\n---\n\\begin{table}\nIL6 in raw LaTeX.\n\\end{table}\n\n+------------+\n| x          |\n|            |\n|     IL6    |\n+------------+\n\nIL6 in prose.\n',
  );
  const diagnostics = await f.service.diagnostics({ uri: f.uri, text: f.text });
  const variants = diagnostics.filter((d) => d.code === 'term.variant').map((d) => d.range.start.line + 1);
  assert.deepEqual(variants, [14]);
});

test('completion after a bare [ offers the numbers with short titles in a document that cites by number', async () => {
  const { items } = await complete('IL-6 rises [1]. Tocilizumab blocks it [{|}');
  assert.ok(items.length > 10, `numbers offered: ${items.length}`);
  assert.equal(items[0].label, '1');
  assert.ok(items[0].detail && items[0].detail.length > 3, 'a short title');
  assert.deepEqual((await complete('A link [{|}')).labels, [], 'a document without numeric citations: a [ is a link');
  assert.deepEqual((await complete('IL-6 [1] and an image ![{|}')).labels, [], 'not after ![');
});
