/**
 * Markdown scanning, as data: each fixture marks every expected excluded span with `«...»`;
 * `check` compares them with `scanMarkdown(text).excluded` and returns the scan for the
 * tests that look at headings, front matter and the own reference list.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanMarkdown } from '../server/src/core/markdown/scan';
import type { MarkdownScan } from '../server/src/core/markdown/syntax';
import { showRanges, stripMarkers } from './util/citationMarkers';

function check(marked: string): { text: string; scan: MarkdownScan } {
  const { text, inner } = stripMarkers(marked);
  const scan = scanMarkdown(text);
  assert.deepEqual(showRanges(text, scan.excluded), showRanges(text, inner), `excluded spans of ${JSON.stringify(text)}`);
  for (let i = 1; i < scan.excluded.length; i++) assert.ok(scan.excluded[i - 1].end < scan.excluded[i].start, 'sorted, merged');
  return { text, scan };
}

const EXCLUDED_CASES: Array<[name: string, marked: string]> = [
  ['plain text has nothing excluded', 'Plain text with [@a] and [1].'],
  ['front matter', '«---\ntitle: "IL-6 [@a]"\nbibliography: refs.bib\n---»\n# Title\n'],
  ['front matter closed by ...', '«---\ntitle: x\n...»\nText.'],
  ['a metadata block after a blank line is metadata too (pandoc)', 'Text.\n\n«---\ntitle: x\n---»\n'],
  ['unclosed front matter is not front matter', '---\ntitle: x\n'],
  ['a rule followed by a blank line is not front matter', '---\n\nText.\n\n---\n'],
  ['fenced code', 'Before.\n\n«```python\nx = "[@a]"\n```»\n\nAfter.'],
  ['tilde fence inside a list', '- item\n\n«  ~~~\n  [@a]\n  ~~~»\n'],
  ['unclosed fence runs to the end', 'Text.\n\n«```\ncode [1]»'],
  ['indented code', 'Para.\n\n«    code [@a]\n    more»\n\nAfter.'],
  ['inline code, single and double backticks', 'A «`[@a]`» and «`` a ` b ``» end.'],
  ['unmatched backtick is text', 'A ` alone [@a].'],
  ['HTML block: its tags, not the Markdown inside (pandoc)', '«<div class="x">»\n[@a]\n«</div>»\n\nAfter.'],
  ['inline HTML', 'A «<span title="[@a]">»text«</span>» b.'],
  ['multi-line comment', 'A «<!-- [@a]\nstill comment [1] -->» b.'],
  ['comment block', '«<!--\nhidden [@a]\n-->»\n\nShown.'],
  ['inline math', 'Let «$x_1 = [@a]$» hold.'],
  ['display math in a paragraph', 'So\n«$$\na = [1]\n$$»\nthen.'],
  ['dollar amounts are not math', 'It cost US$5 and $6 then.'],
  ['opening $ before a space is not math', 'A $ x$ b.'],
  ['closing $ after a space is not a closer', 'A $x $ b.'],
  ['closing $ before a digit is not a closer', 'A $x$1 b.'],
  ['escaped dollar', 'A \\$x$ b.'],
  ['link destination and title; the text stays', '[see [@a]«(http://x.org/@b "title [@c]")» now'],
  ['image source', '![alt [@a]]«(fig.png)»'],
  ['full reference link', '[text]«[1]»\n\n«[1]: https://example.org»'],
  ['collapsed reference link', '[1]«[]»\n\n«[1]: https://example.org "T"»'],
  ['multi-line reference definition', 'Text.\n\n«[ref]:\n  https://example.org\n  "Title"»\n'],
  ['autolinks', 'See «<https://x.org/@a>» or «<me@example.org>».'],
  ['bare URL without trailing punctuation', 'See «https://x.org/a_(b)», or «http://y.org/p?q=1».'],
  ['www URL', 'At «www.example.org/x».'],
  ['URL in Chinese text stops at Chinese punctuation', '见«https://x.org/a»。'],
  ['e-mail', 'Mail «john.doe@example.org» or «x_y+z@lab.example.cn».'],
  ['a URL citation key is not excluded', 'See @url:http://example.org/x.html and [@url:https://x.org].'],
  ['footnote definition is not a reference definition', 'Text[^1].\n\n[^1]: Note [@a] here.'],
  ['citation alias line is not a reference definition', '[@tag:Abe]: doi:10.1101/gr.634603'],
  ['table cells', '| a «`x`» | b |\n|---|---|\n| «$y$» [@a] | c «`z`» |'],
  ['block quote', '> quote «`q`» [@a]\n> lazy «$z$»'],
  ['tab-indented list content', '-\tItem «`code`» [@a]\n\tmore «$x$».'],
  ['code in a heading', '# Title «`x`» [@a]\n'],
  ['CRLF keeps offsets', '«---\r\ntitle: x\r\n---»\r\nText «`code`» and «<!-- a\r\nb -->» [@a]\r\n«<!--\r\nblock\r\n-->»\r\n'],
];

for (const [name, marked] of EXCLUDED_CASES) test(`excluded: ${name}`, () => void check(marked));

test('front matter: range, YAML text and its offset', () => {
  const { text, scan } = check('«---\ntitle: x\nlang: zh\n---»\nBody.');
  assert.ok(scan.frontMatter);
  assert.equal(scan.frontMatter.yaml, 'title: x\nlang: zh');
  assert.equal(text.slice(scan.frontMatter.yamlOffset, scan.frontMatter.yamlOffset + 5), 'title');
  assert.equal(text.slice(scan.frontMatter.range.start, scan.frontMatter.range.end), '---\ntitle: x\nlang: zh\n---');
  assert.equal(scanMarkdown('Body.').frontMatter, undefined);
  assert.equal(check('«---\ntitle: x\n---»\nBody.').scan.frontMatter?.yaml, 'title: x');
});

test('headings: ATX and setext, level, text and range', () => {
  const { text, scan } = check('# One\n\nText.\n\nTwo\n---\n\n### 3. Three ###\n\n  ## Indented\n\n«    # not a heading»\n');
  assert.deepEqual(
    scan.headings.map((h) => [h.level, h.text, text.slice(h.range.start, h.range.end)]),
    [
      [1, 'One', '# One'],
      [2, 'Two', 'Two\n---'],
      [3, '3. Three', '### 3. Three ###'],
      [2, 'Indented', '## Indented'],
    ],
  );
});

/** The own reference list as [n, text, range text], or undefined. */
function references(marked: string): { heading?: string; section?: string; entries?: Array<[number, string, string]> } {
  const { text, scan } = check(marked);
  const r = scan.referenceSection;
  if (!r) return {};
  return {
    heading: r.heading.text,
    section: text.slice(r.range.start, r.range.end),
    entries: r.entries.map((e) => [e.n, e.text, text.slice(e.range.start, e.range.end)]),
  };
}

test('own reference list: ordered list under "References"', () => {
  assert.deepEqual(
    references(
      '# Intro\n\nText [1].\n\n## References\n\n1. Smith J. IL-6 in CRC.\n   Nature. 2020.\n2. Doe J. STAT3. Cell. 2021.\n\n## Appendix\n\nMore.',
    ),
    {
      heading: 'References',
      section: '## References\n\n1. Smith J. IL-6 in CRC.\n   Nature. 2020.\n2. Doe J. STAT3. Cell. 2021.',
      entries: [
        [1, 'Smith J. IL-6 in CRC. Nature. 2020.', '1. Smith J. IL-6 in CRC.\n   Nature. 2020.'],
        [2, 'Doe J. STAT3. Cell. 2021.', '2. Doe J. STAT3. Cell. 2021.'],
      ],
    },
  );
});

test('own reference list: numbered heading, start number, `1)` markers', () => {
  const r = references('## 6. References\n\n3) Third.\n4) Fourth.\n');
  assert.equal(r.heading, '6. References');
  assert.deepEqual(r.entries, [
    [3, 'Third.', '3) Third.'],
    [4, 'Fourth.', '4) Fourth.'],
  ]);
});

test('own reference list: `[1]` lines under 参考文献, joined in one paragraph', () => {
  const r = references(
    '# 正文\n\n见[1]。\n\n# 参考文献\n\n[1] 张三, 李四. IL-6 与结直肠癌[J]. 中华肿瘤杂志, 2020.\n[2] Wang W.\n    Second line.\n\n[3] Third.\n',
  );
  assert.equal(r.heading, '参考文献');
  assert.deepEqual(r.entries, [
    [1, '张三, 李四. IL-6 与结直肠癌[J]. 中华肿瘤杂志, 2020.', '[1] 张三, 李四. IL-6 与结直肠癌[J]. 中华肿瘤杂志, 2020.'],
    [2, 'Wang W. Second line.', '[2] Wang W.\n    Second line.'],
    [3, 'Third.', '[3] Third.'],
  ]);
});

test('own reference list: heading variants', () => {
  for (const heading of [
    'References',
    'REFERENCES',
    'Reference list',
    'Bibliography',
    '参考文献',
    '参考资料',
    '6. References',
    '**References**',
    'References:',
  ]) {
    assert.ok(references(`## ${heading}\n\n1. Entry.\n`).entries, heading);
  }
  for (const heading of ['Referenced works', 'Introduction', 'See references']) {
    assert.equal(references(`## ${heading}\n\n1. Entry.\n`).entries, undefined, heading);
  }
});

test('own reference list: none without numbered entries', () => {
  assert.deepEqual(references('## References\n\n- Smith J.\n- Doe J.\n'), {});
  assert.deepEqual(references('## References\n\nSee the bibliography file.\n'), {});
  assert.deepEqual(references('## References\n\n«```\n[1] in code\n```»\n'), {});
  assert.deepEqual(references('1. Not under a heading.\n'), {});
});

test('own reference list: the section ends at the next heading of the same level', () => {
  const r = references('# Paper\n\n## References\n\n1. One.\n\n### Notes\n\n2. Two.\n\n## Appendix\n\n3. Three.\n');
  assert.deepEqual(
    r.entries?.map((e) => e[0]),
    [1, 2],
  );
  assert.equal(r.section?.endsWith('2. Two.'), true);
});

test('links resolved by markdown-it are reported', () => {
  const { text, scan } = check('[a]«(http://x)» [1]«[]» [2] [3] ![4]«(i.png)»\n\n«[1]: http://one.org»\n«[3]: http://three.org»');
  assert.deepEqual(
    (scan.links ?? []).map((l) => text.slice(l.start, l.end)),
    ['[a]', '[1]', '[3]', '[4]'],
  );
});

test('never throws, and falls back to a usable result', () => {
  const odd = [
    '',
    '\n',
    '---',
    '---\n',
    '\r',
    '\u0000',
    '\ud800',
    '[',
    '<',
    '`',
    '$',
    '$$',
    '<!--',
    '[^1]:',
    '[@a]:',
    '|a|\n|-|',
    '> '.repeat(500) + 'x',
    '- '.repeat(500) + 'x',
    '['.repeat(10000),
  ];
  for (const text of odd) {
    const scan = scanMarkdown(text);
    for (const r of scan.excluded) assert.ok(r.start >= 0 && r.end <= text.length && r.start < r.end, JSON.stringify(text.slice(0, 20)));
  }
});
