/**
 * The scan's markdown-it skips its `normalize` rule when the text has no `\r` and no NUL
 * (parser.ts, `skippingNormalize`). The text markdown-it then parses must be what its own
 * rule gives: on the real documents (as the scan passes them, and as they are) and on random
 * text of line breaks of every kind, NULs and other characters. Seeded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import { skippingNormalize } from '../server/src/core/markdown/parser';
import { normalizeLineBreaks } from '../server/src/core/markdown/sourceLines';
import { SEED } from './util/arbitraries';
import { REAL_DOCUMENTS } from './util/realDocuments';

type CoreRule = (state: StateCore) => void;

/** markdown-it's own `normalize`. */
const normalize = (new MarkdownIt().core.ruler as unknown as { __rules__: { name: string; fn: CoreRule }[] }).__rules__.find(
  (r) => r.name === 'normalize',
)!.fn;

function normalized(rule: CoreRule, text: string): string {
  const state = { src: text } as StateCore;
  rule(state);
  return state.src;
}

function assertSame(text: string): void {
  assert.equal(normalized(skippingNormalize(normalize), text), normalized(normalize, text), JSON.stringify(text.slice(0, 80)));
}

test('real documents: the text markdown-it parses is what its normalize rule gives', () => {
  for (const [, text] of REAL_DOCUMENTS) {
    assertSame(text);
    assertSame(normalizeLineBreaks(text));
  }
});

test('random text of line breaks, NULs and other characters: the same text as markdown-it gives', () => {
  const piece = fc.constantFrom('\n', '\r', '\r\n', '\n\r', '\0', ' ', 'a', '中文', '\u2028', '\uFFFD', '');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => assertSame(pieces.join(''))),
    { seed: SEED, numRuns: 2000 },
  );
});
