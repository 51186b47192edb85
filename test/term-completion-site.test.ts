/**
 * Term completion answers where the site alone decides it (outside a term site, or fewer than
 * two characters typed, as after the space of `[@zhang ` in a citation being typed) without
 * indexing the manuscript's terms, which only a search of the glossary needs. The answers must
 * be exactly those of the path that indexes first (invariant 14): at every offset of the
 * vendored manuscripts (sampled in the 296 KB deep review) and of random ones.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { DocumentContext } from '../server/src/core/documentContext';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { analyzeAbbreviations, DEFAULT_NO_DEFINITION_NEEDED } from '../server/src/core/terms/abbreviations';
import { completeTerm } from '../server/src/core/terms/completion';
import type { TermHoverContext } from '../server/src/core/terms/termCard';
import type { Library } from '../server/src/core/bibliography/library';
import type { Manuscript } from '../server/src/core/markdown/manuscript';
import { BUILTIN_CORPUS_URI, FIXTURES_ROOT, MemoryWorkspace, REPO_ROOT, wsUri } from './util/fixture';

const ctx = new DocumentContext({ workspace: new MemoryWorkspace(), builtinCorpusUri: BUILTIN_CORPUS_URI, settings: DEFAULT_SETTINGS });

/** The answer as it was made before: the terms indexed, abbreviations analysed, then the site. */
async function indexedFirst(manuscript: Manuscript, offset: number, library: Library): Promise<unknown> {
  const index = await ctx.terms.indexOf(manuscript, true);
  const abbreviations = analyzeAbbreviations(manuscript, index, DEFAULT_NO_DEFINITION_NEEDED);
  const hover = (ctx.terms as unknown as { hoverContext(m: Manuscript, l: Library): Promise<TermHoverContext> }).hoverContext(
    manuscript,
    library,
  );
  return completeTerm(manuscript, index, abbreviations, offset, await hover);
}

async function assertSameAt(text: string, offsets: Iterable<number>, name: string): Promise<number> {
  const manuscript = ctx.manuscriptOf({ uri: wsUri(name), text });
  const library = await ctx.libraryOf(manuscript, true);
  let compared = 0;
  for (const offset of offsets) {
    const answer = await ctx.terms.completion(manuscript, offset, library);
    assert.deepEqual(answer, await indexedFirst(manuscript, offset, library), `${name} at ${offset}`);
    compared++;
  }
  return compared;
}

test('vendored manuscripts: the same term completions at every offset as when the terms are indexed first', async () => {
  for (const file of [path.join(REPO_ROOT, 'examples', 'terminology.md'), path.join(REPO_ROOT, 'examples', 'by-key.md')]) {
    const text = readFileSync(file, 'utf8');
    await assertSameAt(
      text,
      Array.from({ length: text.length + 1 }, (_, i) => i),
      path.basename(file),
    );
  }
  const deep = readFileSync(path.join(FIXTURES_ROOT, 'deep-review', 'manuscript.md'), 'utf8');
  const sampled = Array.from({ length: Math.floor(deep.length / 101) }, (_, i) => i * 101);
  assert.ok((await assertSameAt(deep, sampled, 'deep.md')) > 2000);
});

test('random manuscripts: the same term completions at every offset as when the terms are indexed first', async () => {
  const piece = fc.constantFrom(
    '[@',
    '[@zhang ',
    ']',
    'IL-6',
    'gp1',
    'interleukin',
    '白细胞',
    '介素',
    ' ',
    '\n',
    '\n\n',
    '`',
    '---\nlang: zh\n---\n',
    'a',
    '(',
    'IL-6)',
    '# ',
  );
  await fc.assert(
    fc.asyncProperty(fc.array(piece, { maxLength: 25 }), async (pieces) => {
      const text = pieces.join('');
      await assertSameAt(
        text,
        Array.from({ length: text.length + 1 }, (_, i) => i),
        'random.md',
      );
    }),
    { numRuns: 150 },
  );
});
