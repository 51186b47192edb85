/**
 * GB/T 7714-2015 numeric output of the built-in style (the CSL project's official
 * china-national-standard-gb-t-7714-2015-numeric.csl), as a table: real entries in, the
 * reference as that style writes it out. The entries are read from the research data
 * (`references/sources/`) (never typed in from memory): the deep-review bibliography and the
 * review's identified references. What the official style does: family name first, Western
 * family names in capitals and initials without periods (8.1.1); at most three authors, then
 * ", et al." or ", 等" by the item's language (8.1.2); type codes with /OL when the item has a
 * URL or DOI ([J/OL], [M/OL]); `题名[M]//编者. 书名` for chapters; no [S.l.] for a missing
 * place (the standard's own printed examples are compared in gbt7714-standard.test.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CslItem } from '../server/src/core/bibliography/parse';
import { GBT7714_STYLE, isChineseItem, renderReference, resolveStyleName } from '../server/src/core/bibliography/render';
import { CORPUS_SOURCES_ROOT, FIXTURES_ROOT } from './util/fixture';

const deepReview = JSON.parse(readFileSync(path.join(FIXTURES_ROOT, 'deep-review/references.json'), 'utf8')) as CslItem[];
const research = JSON.parse(readFileSync(path.join(CORPUS_SOURCES_ROOT, 'review-55.research.json'), 'utf8')) as {
  n: number;
  confidence: string;
  csl?: Omit<CslItem, 'id'>;
}[];

/** An entry of the deep-review bibliography, by its id. */
function deepReviewEntry(id: string): CslItem {
  const item = deepReview.find((i) => i.id === id);
  assert.ok(item, `deep-review has no ${id}`);
  return structuredClone(item);
}

/** The research data's `csl` of an identified (certain/probable) reference of the review. */
function reviewReference(n: number): CslItem {
  const found = research.find((r) => r.n === n);
  assert.ok(found?.csl && (found.confidence === 'certain' || found.confidence === 'probable'), `reference ${n} is not identified`);
  return { ...structuredClone(found.csl), id: `review-${n}` } as CslItem;
}

/**
 * No Chinese-language entry (names in Han characters) exists in the research data: the
 * review's own reference list was not found, and deep-review is English. These two
 * entries are SYNTHETIC FIXTURES, obviously fictional (示例题名, DOI 10.0000/example), that
 * test only how the style writes Chinese names, 等 and Chinese edition/place terms.
 */
const SYNTHETIC_CHINESE_ARTICLE: CslItem = {
  id: 'synthetic-zh-article',
  type: 'article-journal',
  title: '示例题名',
  author: [
    { family: '王', given: '小明' },
    { family: '李', given: '华' },
    { family: '张', given: '示例' },
    { family: '赵', given: '示例' },
  ],
  'container-title': '示例期刊',
  issued: { 'date-parts': [[2020]] },
  volume: '1',
  issue: '2',
  page: '3-9',
  DOI: '10.0000/example',
};
const SYNTHETIC_CHINESE_BOOK: CslItem = {
  id: 'synthetic-zh-book',
  type: 'book',
  language: 'zh-CN',
  title: '示例书名',
  author: [{ family: '王', given: '小明' }],
  edition: '2',
  publisher: '示例出版社',
  issued: { 'date-parts': [[2019]] },
};

const TABLE: { what: string; item: () => CslItem; expected: string }[] = [
  {
    what: 'journal article, Chinese authors (pinyin), ten authors: first three then et al',
    item: () => reviewReference(40),
    expected:
      'LIU X, CAO X, LIU C, et al. MTERFD1 promotes cell growth and irradiation resistance in colorectal cancer by upregulating interleukin-6 and interleukin-11[J/OL]. International Journal of Biological Sciences, 2019, 15(12): 2750-2762. DOI:10.7150/ijbs.36916.',
  },
  {
    what: 'journal article, Chinese authors with run-together initials (CC), abbreviated journal',
    item: () => reviewReference(16),
    expected:
      'LU C C, KUO H C, WANG F S, et al. Upregulation of TLRs and IL-6 as a Marker in Human Colorectal Cancer[J/OL]. Int J Mol Sci, 2015, 16(1): 159-177. DOI:10.3390/ijms16010159.',
  },
  {
    what: 'English journal article with more than three authors',
    item: () => deepReviewEntry('doi:10.1371/journal.pbio.1002195'),
    expected:
      'STEPHENS Z D, LEE S Y, FAGHRI F, et al. Big Data: Astronomical or Genomical?[J/OL]. PLOS Biology, 2015, 13(7): e1002195. https://doi.org/bdzf. DOI:10.1371/journal.pbio.1002195.',
  },
  {
    what: 'book without a place of publication (the official style writes no [S.l.])',
    item: () => deepReviewEntry('doi:10.1007/978-3-319-44839-8'),
    expected:
      'OEMIG F, SNELICK R. Healthcare Interoperability Standards Compliance Handbook[M/OL]. Springer International Publishing, 2016. https://doi.org/gcgk7m. DOI:10.1007/978-3-319-44839-8.',
  },
  {
    what: 'chapter with editors and pages: 析出题名[M]//编者. 书名. 出版地: 出版者, 年: 页码',
    item: () => deepReviewEntry('tag:Yosinski2014'),
    expected:
      'YOSINSKI J, CLUNE J, BENGIO Y, et al. How transferable are features in deep neural networks?[M/OL]//GHAHRAMANI Z, WELLING M, CORTES C, et al. Advances in Neural Information Processing Systems 27. Curran Associates, Inc., 2014: 3320-3328[2020-02-29]. http://papers.nips.cc/paper/5347-how-transferable-are-features-in-deep-neural-networks.pdf.',
  },
  {
    what: 'chapter in a series without editors',
    item: () => deepReviewEntry('doi:10.1007/978-3-319-24574-4_28'),
    expected:
      'RONNEBERGER O, FISCHER P, BROX T. U-Net: Convolutional Networks for Biomedical Image Segmentation[M/OL]//Lecture Notes in Computer Science. Springer International Publishing, 2015. https://doi.org/gcgk7j. DOI:10.1007/978-3-319-24574-4_28.',
  },
  {
    what: 'web page: 题名[EB/OL]. (发布日期)[引用日期]. URL',
    item: () => deepReviewEntry('url:https://medium.com/twenty-one-hundred/data-is-the-new-oil-a-ludicrous-proposition-1d91bba4f294'),
    expected:
      'HAUPT M. “Data is the New Oil” — A Ludicrous Proposition[EB/OL]. (2018-04-23)[2020-02-29]. https://medium.com/project-2030/data-is-the-new-oil-a-ludicrous-proposition-1d91bba4f294.',
  },
  {
    what: 'thesis',
    item: () => deepReviewEntry('tag:gal_thesis'),
    expected:
      'GAL Y. Uncertainty in deep learning[D/OL]. PhD thesis, University of Cambridge, 2016. http://www.cs.ox.ac.uk/people/yarin.gal/website/thesis/thesis.pdf.',
  },
  {
    what: 'SYNTHETIC: Chinese names in full, 等 after three authors',
    item: () => SYNTHETIC_CHINESE_ARTICLE,
    expected: '王小明, 李华, 张示例, 等. 示例题名[J/OL]. 示例期刊, 2020, 1(2): 3-9. DOI:10.0000/example.',
  },
  {
    what: 'SYNTHETIC: Chinese book, edition as "2 版", missing place left out',
    item: () => SYNTHETIC_CHINESE_BOOK,
    expected: '王小明. 示例书名[M]. 2 版. 示例出版社, 2019.',
  },
];

for (const row of TABLE) {
  test(`GB/T 7714-2015: ${row.what}`, () => {
    assert.equal(renderReference(row.item(), 'gb-t-7714-2015'), row.expected);
  });
}

test('GB/T 7714-2015: the style answers to its usual names', () => {
  for (const name of [
    'gb-t-7714-2015',
    'GB-T-7714-2015',
    'gbt7714',
    'gb7714',
    'GB/T 7714-2015',
    'gb-t-7714-2015-numeric',
    'china-national-standard-gb-t-7714-2015-numeric.csl',
  ]) {
    assert.equal(resolveStyleName(name), GBT7714_STYLE, name);
  }
  assert.equal(resolveStyleName('no-such-style'), 'vancouver');
});

test('GB/T 7714-2015: an item is Chinese by its language field, else by Han characters in title or names', () => {
  assert.equal(isChineseItem({ id: 'a', type: 'book', language: 'zh-CN', title: 'English title' }), true);
  assert.equal(isChineseItem({ id: 'b', type: 'book', language: 'en', title: '中文题名' }), false);
  assert.equal(isChineseItem({ id: 'c', type: 'book', title: '细胞因子与肿瘤' }), true);
  assert.equal(isChineseItem({ id: 'd', type: 'book', title: 'Cytokines', author: [{ family: '王', given: '小明' }] }), true);
  assert.equal(isChineseItem(reviewReference(40)), false);
});
