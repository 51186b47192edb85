/**
 * The server and CLI bundles give markdown-it a `linkify-it` made on first use
 * (scripts/linkify-lazy.mjs, build.mjs): constructing the real one compiles patterns the
 * scan, which runs with `linkify: false`, never uses. Made, the stand-in must answer as the
 * real one: `test`, `pretest`, `match` and `matchAtStart` on random text of URLs, e-mail
 * addresses, fuzzy links, words and punctuation, after `set` and `add` as before them; and a
 * markdown-it built with it and `linkify: true` must render as with the real one. Unused, it
 * must never make the real one. Seeded.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import LinkifyIt from 'linkify-it';
import MarkdownIt from 'markdown-it';
import { SEED } from './util/arbitraries';
import { REPO_ROOT } from './util/fixture';

type Linkify = InstanceType<typeof LinkifyIt>;

// tsc compiles `import()` to `require()` under CommonJS, which cannot load an ES module.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<{
  default: (schemas?: unknown, options?: unknown) => Linkify;
  madeOnFirstUse: (real: typeof LinkifyIt) => (schemas?: unknown, options?: unknown) => Linkify;
}>;
const lazy = importModule(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'linkify-lazy.mjs')).href);

const PIECES = [
  'https://example.org/a?b=c',
  'http://x.y',
  'www.example.com',
  'example.com',
  'mailto:a@b.org',
  'someone@example.org',
  'ftp://f.org/x',
  '//host.org/p',
  'doi.org/10.1/x',
  '中文.中国',
  'a',
  'word',
  ' ',
  '\n',
  '.',
  ',',
  '(',
  ')',
  '<',
  '>',
  '"',
  ':',
  '/',
  '@',
  '-',
];

/** What a linkify-it answers for `text`, as plain data (the test's linkify-it is the CommonJS build, the stand-in's the ES module). */
const shown = (linkify: Linkify, text: string) =>
  JSON.stringify({
    test: linkify.test(text),
    pretest: linkify.pretest(text),
    match: linkify.match(text),
    atStart: linkify.matchAtStart(text),
  });

test('the stand-in, once used, answers as linkify-it, before and after set and add', async () => {
  const LazyLinkifyIt = (await lazy).default;
  const real = new LinkifyIt();
  const standIn = LazyLinkifyIt();
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((pieces) => pieces.join(''));
  fc.assert(
    fc.property(text, (t) => assert.equal(shown(standIn, t), shown(real, t))),
    { seed: SEED, numRuns: 1000 },
  );
  for (const linkify of [real, standIn]) linkify.set({ fuzzyEmail: false, fuzzyLink: false }).add('git:', 'http:');
  fc.assert(
    fc.property(text, (t) => assert.equal(shown(standIn, t), shown(real, t))),
    { seed: SEED, numRuns: 1000 },
  );
});

test('markdown-it with the stand-in and linkify on renders as with linkify-it', async () => {
  const LazyLinkifyIt = (await lazy).default;
  const withReal = new MarkdownIt({ linkify: true });
  const withStandIn = new MarkdownIt({ linkify: true });
  (withStandIn as { linkify: Linkify }).linkify = LazyLinkifyIt();
  const text = fc.array(fc.constantFrom(...PIECES, '*', '`', '[', ']', '\n\n'), { maxLength: 16 }).map((pieces) => pieces.join(''));
  fc.assert(
    fc.property(text, (t) => assert.equal(withStandIn.render(t), withReal.render(t))),
    { seed: SEED, numRuns: 1000 },
  );
});

test('the stand-in makes no linkify-it until a member is used, then one, with its arguments', async () => {
  const made: unknown[][] = [];
  const Counting = new Proxy(LinkifyIt, {
    construct(target, args) {
      made.push(args);
      return Reflect.construct(target, args);
    },
  });
  const md = new MarkdownIt('default', { html: true, linkify: false });
  (md as { linkify: Linkify }).linkify = (await lazy).madeOnFirstUse(Counting)({ 'git:': 'http:' }, { fuzzyLink: false });
  md.parse('See https://example.org and www.example.com, <https://x.org>.\n', {});
  assert.equal(made.length, 0, 'markdown-it with linkify off never uses it');
  assert.equal(md.linkify.test('git://x.org'), true);
  assert.equal(md.linkify.test('example.com'), false);
  assert.deepEqual(made, [[{ 'git:': 'http:' }, { fuzzyLink: false }]]);
});
