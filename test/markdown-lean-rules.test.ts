/**
 * The scan's markdown-it runs without the rules whose tokens it never reads (emphasis,
 * strikethrough, entities...) and with a `text` rule that jumps to the next character a kept
 * rule may start at (parser.ts). The scan must be what markdown-it's full rule set gives:
 * for real documents (the deep-review manuscript, pandoc's test documents, the examples) and
 * random Markdown heavy in inline syntax. The reference is the same parser with markdown-it's
 * own rules put back. Seeded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { parser, UNUSED_RULES } from '../server/src/core/markdown/parser';
import type { InlineRule } from '../server/src/core/markdown/math';
import { scanMarkdown } from '../server/src/core/markdown/scan';
import type { MarkdownScan } from '../server/src/core/markdown/syntax';
import { SEED } from './util/arbitraries';
import { REAL_DOCUMENTS } from './util/realDocuments';

const DOCUMENTS = REAL_DOCUMENTS;

type RuleList = { __rules__: Array<{ name: string; fn: InlineRule }> };

/** markdown-it's own `text` rule. */
const markdownItText = (new MarkdownIt().inline.ruler as unknown as RuleList).__rules__.find((r) => r.name === 'text')!.fn;

/** The scan with markdown-it's full rule set: the shared parser with its own rules put back for the call. */
function fullScan(text: string): MarkdownScan {
  const md = parser();
  const lean = (md.inline.ruler as unknown as RuleList).__rules__.find((r) => r.name === 'text')!.fn;
  md.inline.ruler.enable([...UNUSED_RULES.inline]);
  md.inline.ruler2.enable([...UNUSED_RULES.inline2]);
  md.core.ruler.enable([...UNUSED_RULES.core]);
  md.inline.ruler.at('text', markdownItText);
  try {
    return scanMarkdown(text);
  } finally {
    md.inline.ruler.disable([...UNUSED_RULES.inline]);
    md.inline.ruler2.disable([...UNUSED_RULES.inline2]);
    md.core.ruler.disable([...UNUSED_RULES.core]);
    md.inline.ruler.at('text', lean);
  }
}

test('real documents: the lean parser scans as markdown-it with all its rules', () => {
  for (const [name, text] of DOCUMENTS) assert.deepEqual(scanMarkdown(text), fullScan(text), name);
});

/** Inline syntax of every kind, kept rules and switched-off ones side by side, and some block syntax. */
const PIECES = [
  'a',
  ' ',
  'word ',
  '\n',
  '\n\n',
  '  \n',
  '*',
  '**',
  '_',
  '~~',
  '&amp;',
  '&#93;',
  '&',
  ';',
  '`',
  '``',
  'x`y`',
  '$',
  '$$',
  'US$5 ',
  '\\',
  '\\`',
  '\\[',
  '\\textit{a}',
  '<',
  '>',
  '<span>',
  '</span>',
  '<!-- c -->',
  '<https://x.org/a>',
  '<a@b.org>',
  'https://e.org/p',
  '[',
  ']',
  '(',
  ')',
  '[@a]',
  '[see @b; @c]',
  '@d',
  '[1]',
  '[^1]',
  '[x](u)',
  '[x][r]',
  '![i](p.png)',
  '!',
  '[r]: /url\n',
  '{#sec}',
  '# ',
  '- ',
  '1. ',
  '> ',
  '    ',
  '```\n',
  '| a | b |\n|---|---|\n',
  '中文',
  'IL-6',
];

test('random Markdown: the lean parser scans as markdown-it with all its rules', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 80, size: 'medium' }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(scanMarkdown(text), fullScan(text));
    }),
    { seed: SEED, numRuns: 2500 },
  );
});
