/**
 * Citation syntax, as data: each fixture marks every expected citation with `⟦...⟧` and
 * every key (or numeric item) with `«...»`; `expect` describes each citation briefly:
 *   `B:` bracketed / `T:` in-text key citation, items `-key(prefix|suffix)` joined by `;`
 *   `N:` numeric, items `n` or `from-to` joined by `,`
 *   `M:` malformed, then its message.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCitations } from '../server/src/core/citations/parse';
import { scanMarkdown } from '../server/src/core/markdown/scan';
import type { Citation } from '../server/src/core/markdown/syntax';
import type { OffsetRange } from '../server/src/core/text/textRange';
import { showRanges, stripMarkers } from './util/citationMarkers';

function describe(c: Citation): string {
  if (c.kind === 'malformed') return `M:${c.message}`;
  if (c.kind === 'numeric') return `N:${c.items.map((i) => (i.kind === 'single' ? `${i.n}` : `${i.from}-${i.to}`)).join(',')}`;
  const items = c.items.map((i) => `${i.suppressAuthor ? '-' : ''}${i.key}${i.prefix || i.suffix ? `(${i.prefix}|${i.suffix})` : ''}`);
  return `${c.bracketed ? 'B' : 'T'}:${items.join(';')}`;
}

function innerRanges(c: Citation): OffsetRange[] {
  if (c.kind === 'key') return c.items.map((i) => i.keyRange);
  if (c.kind === 'numeric') return c.items.map((i) => i.range);
  return [];
}

/** Parses the marked fixture and compares descriptions, citation ranges and key/item ranges. */
function check(marked: string, expect: string[]): Citation[] {
  const { text, inner, outer } = stripMarkers(marked);
  const citations = parseCitations(text, scanMarkdown(text));
  assert.deepEqual(citations.map(describe), expect, `citations of ${JSON.stringify(text)}`);
  assert.deepEqual(
    showRanges(
      text,
      citations.map((c) => c.range),
    ),
    showRanges(text, outer),
    `citation ranges of ${JSON.stringify(text)}`,
  );
  assert.deepEqual(showRanges(text, citations.flatMap(innerRanges)), showRanges(text, inner), `key ranges of ${JSON.stringify(text)}`);
  for (const c of citations) {
    if (c.kind !== 'key') continue;
    for (const item of c.items) {
      const written = text.slice(item.range.start, item.range.end);
      assert.ok(written.startsWith(item.suppressAuthor ? '-@' : '@'), `item range starts at @: ${written}`);
      assert.ok(item.range.start <= item.keyRange.start && item.keyRange.end <= item.range.end);
      assert.equal(text.slice(item.keyRange.start, item.keyRange.end), item.key);
    }
  }
  return citations;
}

const PANDOC_CASES: Array<[name: string, marked: string, expect: string[]]> = [
  ['one bracketed key', 'As shown ⟦[@«smith2020»]⟧.', ['B:smith2020']],
  ['two keys', 'Known ⟦[@«a»; @«b»]⟧.', ['B:a;b']],
  ['no space after ;', '⟦[@«oo»;@«pp»]⟧', ['B:oo;pp']],
  ['prefix and locator suffix', '⟦[see @«a», pp. 33-35; also @«b», ch. 1]⟧', ['B:a(see|pp. 33-35);b(also|ch. 1)']],
  ['suppress author', 'Smith says ⟦[-@«smith04»]⟧.', ['B:-smith04']],
  ['suppress author with locator', '⟦[-@«p», pp. 1-2]⟧', ['B:-p(|pp. 1-2)']],
  ['prefix and suffix without comma', '⟦[foo @«w» bar]⟧', ['B:w(foo|bar)']],
  ['two keys in one item', '⟦[@«j» @«k»]⟧', ['B:j;k']],
  ['group across a line break', '⟦[@«m»;\n@«n»]⟧', ['B:m;n']],
  ['in-text key', 'As ⟦@«smith04»⟧ says.', ['T:smith04']],
  ['in-text key with locator', '⟦@«smith04» [p. 33]⟧ says.', ['T:smith04(|p. 33)']],
  ['in-text locator without space', '⟦@«e»[p. 4]⟧', ['T:e(|p. 4)']],
  ['in-text locator on the next line', 'As ⟦@«gg»\n[p 3]⟧ shows', ['T:gg(|p 3)']],
  ['in-text locator and more keys', '⟦@«m» [p. 33; @«n»]⟧', ['T:m(|p. 33);n']],
  ['in-text key then a bracketed key', '⟦@«f» [@«g»]⟧', ['T:f;g']],
  ['in-text key then suppressed', '⟦@«o» [-@«p»]⟧', ['T:o;-p']],
  ['a link after an in-text key is not its locator', '⟦@«r»⟧ [p. 1](http://y.org)', ['T:r']],
  ['a blank line ends the locator search', '⟦@«a»⟧\n\n[p. 3]', ['T:a']],
  ['braced key', 'See ⟦@{«braced.key»}⟧.', ['T:braced.key']],
  ['braced key in brackets', '⟦[@{«a-b.c»}]⟧', ['B:a-b.c']],
  ['braced key with URL', '⟦[@{«https://x.org/a.b»}]⟧', ['B:https://x.org/a.b']],
  ['trailing period is not in the key', 'End ⟦@«a»⟧.', ['T:a']],
  ['trailing period after a DOI key', 'See ⟦@«doi:10.1038/x»⟧.', ['T:doi:10.1038/x']],
  ['DOI and PMID keys', '⟦[@«doi:10.1038/nature14539»; @«pmid:123»]⟧', ['B:doi:10.1038/nature14539;pmid:123']],
  ['URL key', 'See ⟦@«url:http://example.org/x.html»⟧.', ['T:url:http://example.org/x.html']],
  ['tag key', '⟦[@«tag:Foo_2016»]⟧', ['B:tag:Foo_2016']],
  ['arxiv key', '⟦[@«arxiv:1106.5730»]⟧', ['B:arxiv:1106.5730']],
  ['double punctuation ends the key', '⟦@«a»⟧..b', ['T:a']],
  ['slash after colon', '⟦@«u:/x»⟧', ['T:u:/x']],
  ['dash-slash ends the key', '⟦@«v»⟧-/w', ['T:v']],
  ['possessive', "⟦@«cc»⟧'s results", ['T:cc']],
  ['key starting with underscore or digit', '⟦@«_z»⟧ and ⟦@«00x»⟧', ['T:_z', 'T:00x']],
  ['in-text after punctuation', 'see (⟦@«c»⟧) "⟦@«d»⟧" —⟦@«t»⟧ ]⟦@«ll»⟧', ['T:c', 'T:d', 'T:t', 'T:ll']],
  ['in-text after code and math', '`x`⟦@«jj»⟧ $x$⟦@«kk»⟧', ['T:jj', 'T:kk']],
  ['inside emphasis', '**⟦@«hh»⟧**', ['T:hh']],
  ['an item without a key makes the bracket text', '[see ⟦@«i»⟧; and others]', ['T:i']],
  ['a trailing ; makes the bracket text', '[⟦@«qq»⟧;]', ['T:qq']],
  ['a bracket before a link destination is a link', '[⟦@«q»⟧](http://x.org)', ['T:q']],
  ['a bracket before another bracket', '[⟦@«a»⟧]⟦[@«b»]⟧', ['T:a', 'B:b']],
  ['separate groups joined by a dash', '⟦[@«aa»]⟧-⟦[@«bb»]⟧', ['B:aa', 'B:bb']],
  ['escaped at-sign and brackets', '\\@a and \\[⟦@«b»⟧\\]', ['T:b']],
  ['footnote text is searched', 'Text[^1].\n\n[^1]: See ⟦[@«a»]⟧ and ⟦@«b»⟧.', ['B:a', 'T:b']],
  ['inline note', 'Text^[See ⟦[@«a»]⟧.]', ['B:a']],
  ['Manubot alias line is a citation, as in pandoc', '⟦[@«tag:Abe»]⟧: doi:10.1101/gr.634603', ['B:tag:Abe']],
  ['in a heading', '# About ⟦[@«a»]⟧\n', ['B:a']],
  ['in a table cell', '| a | b |\n|---|---|\n| ⟦[@«x»]⟧ | `[@y]` ⟦@«z»⟧ |', ['B:x', 'T:z']],
  ['in a block quote and list', '> Quote ⟦[@«a»]⟧\n\n- item ⟦[@«b»]⟧', ['B:a', 'B:b']],
];

const NOT_CITATION_CASES: Array<[name: string, text: string]> = [
  ['e-mail addresses', 'Write to john.doe@example.org, x_y@lab.cn or first-last@uni.edu.'],
  ['at-sign after a letter or digit', 'x@b 2020@nn 1@s'],
  ['at-sign after a dot', 'end.@h'],
  ['e-mail-like fragments pandoc would accept', 'x_@e x-@f x+@g'],
  ['at-sign alone', 'a @ b, @. and @,'],
  ['space inside braces', '@{a b}'],
  ['nocite wildcard', '@* is for nocite'],
  ['Quarto cross-references', 'See @fig-x, @tbl-y, @sec-z and @eq-1.'],
  ['pandoc-crossref references', 'See @fig:x, @tbl:y, [@sec:z] and [@eq:1; @fig:2].'],
  ['code, math, HTML', '`[@a]` ``@b`` $[@c]$ $$@d$$ <span title="@e">x</span> <!-- [@f] -->'],
  ['fenced and indented code', '```\n[@a] [1]\n```\n\n    @b [2]\n'],
  ['link destination and title', '[text](http://x.org/@a "see [@b]")'],
  ['autolink and bare URL', '<https://x.org/@a> https://y.org/@b/[1] www.z.org/@c'],
  ['Chinese with no space before @, as pandoc', '研究表明@smith2020发现'],
  ['front matter', '---\nnocite: "[@a] [1]"\n---\nText.'],
];

const CHINESE_CASES: Array<[name: string, marked: string, expect: string[]]> = [
  ['bracketed, then 。', '研究表明⟦[@«smith2020»]⟧。', ['B:smith2020']],
  ['two keys and 。', 'IL-6 促进肿瘤进展⟦[@«li2019»; @«wang2021»]⟧。', ['B:li2019;wang2021']],
  ['full-width comma before a locator', '⟦[@«zhang2019»，第 3 页]⟧', ['B:zhang2019(|第 3 页)']],
  ['in-text after ，, key ends at ，', '结果，⟦@«li2021»⟧，证实了这一点。', ['T:li2021']],
  ['key ends at 。', '见 ⟦@«li2021»⟧。', ['T:li2021']],
  ['Chinese letters belong to the key, as in pandoc', '如 ⟦@«smith2022发现»⟧。', ['T:smith2022发现']],
  ['Chinese key', '⟦[@«张三2020»]⟧', ['B:张三2020']],
  ['numeric with full-width comma', '多项研究⟦[«1»，«3»]⟧证实。', ['N:1,3']],
  ['numeric with 、', '已有报道⟦[«2»、«5-7»]⟧。', ['N:2,5-7']],
  ['numeric ranges across brackets', '见文献⟦«[1]–[6]»⟧。', ['N:1-6']],
];

const NUMERIC_CASES: Array<[name: string, marked: string, expect: string[]]> = [
  ['single', 'Shown ⟦[«1»]⟧.', ['N:1']],
  ['range', '⟦[«1-6»]⟧', ['N:1-6']],
  ['en dash range', '⟦[«1–6»]⟧', ['N:1-6']],
  ['em dash range', '⟦[«1—6»]⟧', ['N:1-6']],
  ['list', '⟦[«1»,«3»,«5»]⟧', ['N:1,3,5']],
  ['list with range and spaces', '⟦[«1», «3-5»]⟧', ['N:1,3-5']],
  ['spaces inside', '⟦[ «2» ]⟧', ['N:2']],
  ['range across brackets', 'in ⟦«[1]-[6]»⟧ and', ['N:1-6']],
  ['two groups', '⟦[«4»]⟧ ⟦«[8]-[13]»⟧', ['N:4', 'N:8-13']],
  ['adjacent groups', '⟦[«1»]⟧⟦[«2»]⟧', ['N:1', 'N:2']],
  ['after a word', 'cancer⟦[«12»]⟧.', ['N:12']],
  ['largest number', '⟦[«999»]⟧', ['N:999']],
  ['reversed bracket range', '⟦[13]-[8]⟧', ['M:the range 13-8 runs backwards']],
  ['reversed range', '⟦[13-8]⟧', ['M:the range 13-8 runs backwards']],
  ['degenerate range', '⟦[3-3]⟧', ['M:the range 3-3 has the same number at both ends']],
  ['degenerate bracket range', '⟦[3]-[3]⟧', ['M:the range 3-3 has the same number at both ends']],
  ['dangling range', '⟦[8-]⟧', ['M:the range 8- has no end']],
  ['zero', '⟦[0]⟧', ['M:reference numbers start at 1, not 0']],
  ['empty item', '⟦[1,,2]⟧', ['M:the citation has an empty item between separators']],
  ['trailing separator', '⟦[1,]⟧', ['M:the citation ends with a separator']],
  ['missing comma', '⟦[1 2]⟧', ['M:a comma is missing between 1 and 2']],
  ['three-ended range', '⟦[1-2-3]⟧', ['M:a range has more than two ends']],
];

const NUMERIC_NOT_CITATIONS: Array<[name: string, text: string]> = [
  ['footnote reference', 'Text[^1].\n\n[^1]: A note.'],
  ['reference link', '[text][1] and [1][] and [1].\n\n[1]: https://example.org'],
  ['inline link', '[1](https://example.org) and ![2](fig.png)'],
  ['task list', '- [ ] todo\n- [x] done'],
  ['decimal', 'scaled by [1.5]'],
  ['year', 'published [2020]'],
  ['negative number or interval', 'values in [-8] and [-1, 1] and [0, 1]'],
  ['inline note', 'Text^[1]'],
  ['code and math', '`[1]` $[2]$'],
  ['comment', '<!-- [1] -->'],
  ['letters', '[a] [1a] [i]'],
  ['empty', '[] [ ] [,]'],
];

for (const [name, marked, expect] of PANDOC_CASES) test(`pandoc syntax: ${name}`, () => void check(marked, expect));
for (const [name, text] of NOT_CITATION_CASES) test(`not a citation: ${name}`, () => void check(text, []));
for (const [name, marked, expect] of CHINESE_CASES) test(`Chinese: ${name}`, () => void check(marked, expect));
for (const [name, marked, expect] of NUMERIC_CASES) test(`numeric: ${name}`, () => void check(marked, expect));
for (const [name, text] of NUMERIC_NOT_CITATIONS) test(`numeric, not a citation: ${name}`, () => void check(text, []));

test('mixed group keeps real keys and drops cross-references', () => {
  check('See ⟦[@fig:1; @«a»; @tbl-2]⟧.', ['B:a']);
});

test('range across brackets: from and to ranges are the numbers', () => {
  const { text } = stripMarkers('[8]-[13]');
  const [c] = check('⟦«[8]-[13]»⟧', ['N:8-13']);
  assert.ok(c.kind === 'numeric' && c.items[0].kind === 'range');
  const item = c.items[0];
  assert.equal(text.slice(item.fromRange.start, item.fromRange.end), '8');
  assert.equal(text.slice(item.toRange.start, item.toRange.end), '13');
});

test('markers of the own reference list are not citations, citations in the body are', () => {
  check('Text ⟦[«2»]⟧.\n\n## References\n\n[1] Smith J. A paper. Nature. 2020.\n[2] Doe J. Another. Cell. 2021.\n', ['N:2']);
  check('正文⟦[«1»]⟧。\n\n## 参考文献\n\n[1] 张三. 论文. 中华医学杂志, 2020.\n', ['N:1']);
});

test('key and numeric citations in one text come back sorted by offset', () => {
  check('A ⟦[«1»]⟧ B ⟦[@«a»]⟧ C ⟦@«b»⟧ D ⟦[«2-3»]⟧', ['N:1', 'B:a', 'T:b', 'N:2-3']);
});

test('CRLF line breaks keep offsets', () => {
  check('Line one ⟦[@«a»]⟧\r\nLine `two` ⟦[«2»]⟧\r\n⟦@«b»\r\n[p. 3]⟧', ['B:a', 'N:2', 'T:b(|p. 3)']);
});

test('real excerpt: deep-review (English, Manubot keys, crossrefs)', () => {
  check(
    'Subsequent tools aimed to classify 300--3000 bp reads from complex mixtures of microbial genomes based on tetranucleotide frequencies, which differ across organisms ⟦[@«tag:Karlin»]⟧, using supervised ⟦[@«tag:McHardy»; @«tag:nbc»]⟧ or unsupervised methods ⟦[@«tag:Abe»]⟧.\n' +
      'Deep learning has been applied to images ⟦[@«doi:10.1038/nature14539»; @«arxiv:1106.5730»]⟧ (Figure @fig:biotm; Table @tbl:glossary).\n' +
      'Contact: greenescientist@gmail.com; see <https://github.com/greenelab/deep-review> and `@tag:code`.\n',
    ['B:tag:Karlin', 'B:tag:McHardy;tag:nbc', 'B:tag:Abe', 'B:doi:10.1038/nature14539;arxiv:1106.5730'],
  );
});

test('real excerpt: Chinese manuscript paragraph', () => {
  check(
    '白细胞介素-6（IL-6）是结直肠癌（CRC）微环境中的关键细胞因子⟦[«1-3»]⟧。' +
      '研究表明，IL-6 通过 JAK/STAT3 通路促进肿瘤细胞增殖与转移⟦[@«grivennikov2009»; @«bromberg2009», 第 5 页]⟧，' +
      '而 ⟦@«waldner2012»⟧ 报道了其在炎症相关癌变中的作用⟦«[4]-[6]»⟧。通讯作者：zhang.san@example.cn。\n',
    ['N:1-3', 'B:grivennikov2009;bromberg2009(|第 5 页)', 'T:waldner2012', 'N:4-6'],
  );
});

test('never throws on odd input', () => {
  const odd = [
    '',
    '[',
    ']',
    '@',
    '[@',
    '@{',
    '[-@',
    '[1-',
    '\u0000@a',
    '\ud800@a',
    '@\udfff',
    '[@a]'.repeat(1000),
    '['.repeat(5000) + '@a' + ']'.repeat(5000),
  ];
  for (const text of odd) assert.doesNotThrow(() => parseCitations(text, scanMarkdown(text)));
  // A scan that disagrees with the text must not make the parser throw either.
  assert.doesNotThrow(() =>
    parseCitations('[@a] [1]', { frontMatter: undefined, excluded: [{ start: 5, end: 999 }], headings: [], referenceSection: undefined }),
  );
});
