/**
 * The scan's parser gives plain link destinations (parser.ts `PLAIN_LINK`) back without
 * markdown-it's URL parser and encoder: for them `normalizeLink` must be the identity, so
 * that `plainFirstNormalizeLink` returns what markdown-it's own does for every destination;
 * on random destinations built from URL pieces, on every destination of the real documents,
 * and a parse must be the same (tokens, spans, reference definitions with their addresses).
 * Seeded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { parser, PLAIN_LINK, plainFirstNormalizeLink, type ScanEnv } from '../server/src/core/markdown/parser';
import { SEED } from './util/arbitraries';
import { REAL_DOCUMENTS } from './util/realDocuments';

const own = new MarkdownIt().normalizeLink;
const fast = plainFirstNormalizeLink(own);

const PIECES = [
  ..."aZ09;/?:@&=+$,-_.!~*'()#%[]\\ é中".split(''),
  'http',
  'https',
  'mailto',
  'ftp',
  '://',
  '//',
  'www.',
  '.com',
  'xn--',
  'javascript:',
  'JAVASCRIPT:',
  'data:image/png;',
  'Http://',
  'localhost',
  ':80',
  '%20',
  '%zz',
  'doi.org/10.1038/',
  '例え.jp',
];

test('random destinations: what markdown-it normalizes them to, plain ones as they are', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }).map((pieces) => pieces.join('')),
      (url) => {
        assert.equal(fast(url), own(url));
        if (PLAIN_LINK.test(url)) assert.equal(own(url), url);
      },
    ),
    { seed: SEED, numRuns: 20000 },
  );
});

/** The destinations of inline links, images, autolinks and reference definitions in `text`, roughly. */
function destinations(text: string): string[] {
  return [...text.matchAll(/\]\(\s*<?([^)\s>]+)|<([a-z][a-z0-9+.-]*:[^>\s]*)>|^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gim)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
}

test('real documents: every destination as markdown-it normalizes it, and the same parse', () => {
  let plain = 0;
  for (const [name, text] of REAL_DOCUMENTS) {
    for (const url of destinations(text)) {
      assert.equal(fast(url), own(url), `${name}: ${url}`);
      if (PLAIN_LINK.test(url)) plain++;
    }
    const parsed = (normalizeLink: (url: string) => string) => {
      const md = parser();
      const kept = md.normalizeLink;
      md.normalizeLink = normalizeLink;
      try {
        const env: ScanEnv = { spans: [], referenceLines: [], spansByToken: new Map() };
        const tokens = md.parse(text, env);
        return JSON.stringify({ tokens, spans: [...env.spansByToken.values()], references: env.references });
      } finally {
        md.normalizeLink = kept;
      }
    };
    assert.equal(parsed(parser().normalizeLink), parsed(own), name);
  }
  assert.ok(plain > 100, `${plain} plain destinations`);
});

test("the scan's parser takes plain destinations as they are", () => {
  assert.equal(parser().normalizeLink('https://doi.org/10.1038/nature14539'), 'https://doi.org/10.1038/nature14539');
  assert.equal(parser().normalizeLink('http://例え.jp/a b'), own('http://例え.jp/a b'));
  assert.notEqual(parser().normalizeLink, own);
});
