/** Hover cards of the built-in corpus show each identification status honestly. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverText } from './util/fixture';

/** The hover card at the cursor, which must exist. */
async function hover(source: string): Promise<string> {
  const card = await hoverText(source);
  assert.ok(card !== undefined, 'a hover');
  return card;
}

test('[16], certain: the reference, its DOI link and "identified (certain)"', async () => {
  const card = await hover('TLR8 agonists reduce IL-6 [1{|}6].');
  assert.match(
    card,
    /^\*\*\[16\]\*\* Lu CC, Kuo HC, Wang FS, Jou MH, Lee KC, Chuang JH\. Upregulation of TLRs and IL-6 as a Marker in Human Colorectal Cancer\. Int J Mol Sci\. 2015;16\(1\):159–77\./,
  );
  assert.match(card, /\[doi:10\.3390\/ijms16010159\]\(https:\/\/doi\.org\/10\.3390\/ijms16010159\)/);
  assert.match(card, /identified \(certain\)/);
});

test('[37], unknown: says it is not identified and what it is cited for, no empty reference', async () => {
  const card = await hover('Cetuximab acts through IL-6 [3{|}7].');
  assert.match(card, /not identified\*: the review's text does not give this reference's details\./);
  assert.match(card, /Cited for: .*cetuximab/i);
  assert.match(card, /引用内容：/);
  assert.doesNotMatch(card, /Possible matches/, 'unknown entries have no candidates');
});

test('a candidate entry by key: not identified, with its candidates marked as unverified suggestions', async () => {
  const card = await hover('Colorectal cancer burden [@review07-crc{|}-burden].');
  assert.match(card, /not identified/);
  assert.match(card, /Possible matches \(unverified suggestions, not the reference itself/);
  assert.match(card, /Cited 1 time in this document/);
});

test('a probable entry by key: the reference and "identified (probable)"', async () => {
  const card = await hover('See @lee2019hep{|}atocytes.');
  assert.match(card, /Hepatocytes direct the formation of a pro-metastatic niche/);
  assert.match(card, /identified \(probable\)/);
});

test('a probable entry without a title says which fields were not seen', async () => {
  const card = await hover('Pretreatment IL-6 [1{|}3].');
  assert.match(card, /identified \(probable\)/);
  assert.match(card, /not seen: title, authors/);
});
