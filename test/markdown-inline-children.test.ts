/**
 * The scan's parser drops each inline token's parsed children (parser.ts `inlineCoreRule`),
 * which the scan never reads. With the rule it had before, which kept them as the token's
 * `children`, a parse must give the same block tokens, spans, reference lines and
 * definitions, and the scan the same result: on the real documents and on random text heavy
 * in brackets, links, images, code and HTML. Seeded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import { inlineCoreRule, parser, type ScanEnv } from '../server/src/core/markdown/parser';
import { scanMarkdown } from '../server/src/core/markdown/scan';
import { hostileManuscript, SEED } from './util/arbitraries';
import { REAL_DOCUMENTS } from './util/realDocuments';

/** The rule as it was: each inline token's tokens kept as its children. */
function keepingChildren(state: StateCore): void {
  const env = state.env as ScanEnv;
  for (const token of state.tokens) {
    if (token.type !== 'inline') continue;
    env.spans = [];
    state.md.inline.parse(token.content, state.md, state.env, token.children ?? (token.children = []));
    env.spansByToken.set(token, env.spans);
  }
}

/** The parse (children aside) and the scan of `text`, with `rule` as the scan's inline core rule. */
function parsedWith(rule: (state: StateCore) => void, text: string): string {
  parser().core.ruler.at('inline', rule);
  try {
    const env: ScanEnv = { spans: [], referenceLines: [], spansByToken: new Map() };
    const tokens = parser().parse(text, env);
    const blocks = tokens.map((t) => ({ ...t, children: null }));
    const spans = [...env.spansByToken].map(([token, spans]) => [tokens.indexOf(token), spans]);
    return JSON.stringify({ blocks, spans, lines: env.referenceLines, references: env.references, scan: scanMarkdown(text) });
  } finally {
    parser().core.ruler.at('inline', inlineCoreRule);
  }
}

const INLINE = [
  'a',
  ' ',
  'word ',
  '[',
  ']',
  '[@k]',
  '[x](u)',
  '![i](u "t")',
  '[l][r]',
  '[r]: u\n',
  '(',
  ')',
  '`',
  '<a>',
  '<u:x>',
  '$',
  '\\',
  '\n',
  '\n\n',
  '# ',
  '> ',
  '- ',
  '*',
];

test('real documents: the same parse and scan as when the inline tokens were kept', () => {
  for (const [name, text] of REAL_DOCUMENTS) assert.equal(parsedWith(inlineCoreRule, text), parsedWith(keepingChildren, text), name);
});

test('random text: the same parse and scan as when the inline tokens were kept', () => {
  const text = fc.oneof(
    hostileManuscript(),
    fc.array(fc.constantFrom(...INLINE), { maxLength: 80 }).map((pieces) => pieces.join('')),
  );
  fc.assert(
    fc.property(text, (t) => assert.equal(parsedWith(inlineCoreRule, t), parsedWith(keepingChildren, t))),
    { seed: SEED, numRuns: 1500 },
  );
});

test("the scan's parser keeps no inline token", () => {
  const tokens = parser().parse('Some *text* with [a link](u) and `code`.\n', { spans: [], referenceLines: [], spansByToken: new Map() });
  const inline = tokens.find((t) => t.type === 'inline')!;
  assert.deepEqual(inline.children, []);
});
