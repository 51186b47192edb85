/**
 * A key item's one-line description travels at resolve rather than with every item of every
 * keystroke when the client says it resolves `detail` (completion.ts): the resolved item holds
 * exactly what the item and its resolve hold otherwise (the description sent with it, the card
 * added at resolve); other clients get it with every item. And resolve takes the card's
 * rendering from the render helper (the worker thread in the server), as a hover does, rather than
 * rendering on the thread that answers keystrokes. Real input: the deep-review references and the
 * built-in corpus's entries, searched with typed text at random.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CompletionItemKind, MarkupKind, type CompletionItem, type MarkupContent } from 'vscode-languageserver-types';
import type { LibraryEntry } from '../server/src/core/bibliography/library';
import { referenceCard, shortDescription } from '../server/src/core/bibliography/referenceCard';
import { setRenderHelper } from '../server/src/core/bibliography/render';
import { rankEntries, searchIndex } from '../server/src/core/bibliography/search';
import { completeCitation, completionSite, resolveCitationCompletion } from '../server/src/core/citations/completion';
import { parseManuscript } from '../server/src/core/markdown/manuscript';
import { SEED } from './util/arbitraries';
import { complete } from './util/fixture';
import { deepReviewAndBuiltinLibrary } from './util/libraryEntries';
import { recordingRenderHelper } from './util/recordingRenderHelper';

const { entries, library } = deepReviewAndBuiltinLibrary();
const uri = 'file:///ws/main.md';

/**
 * A key item as completion sent it before the description moved, and resolved as it was then:
 * the description with the item, the card added at resolve (`data` aside: it was the key).
 */
function resolvedBefore(entry: LibraryEntry, index: number, prefix: string, item: CompletionItem, style: string): CompletionItem {
  return {
    label: entry.key,
    kind: CompletionItemKind.Reference,
    detail: shortDescription(entry),
    sortText: String(index).padStart(5, '0'),
    filterText: prefix ? `${prefix} ${entry.key}` : entry.key,
    textEdit: item.textEdit,
    documentation: { kind: MarkupKind.Markdown, value: referenceCard(entry, style) },
  };
}

const typed = fc.oneof(
  fc.constantFrom('', 's', 'zh', 'wang', 'gut', '10.', '10.1', 'pérez', '王', '2019', 'interleukin', 'review', 'builtin-'),
  fc.constantFrom(...entries.slice(0, 60).map((e) => e.key)).map((key) => key.slice(0, 4)),
  fc.string({ maxLength: 3 }),
);

test('a resolved key item holds the same whether its description was sent with it or left to resolve', () => {
  fc.assert(
    fc.property(
      typed,
      fc.constantFrom('vancouver', 'apa', 'gb-t-7714-2015'),
      fc.nat(),
      fc.boolean(),
      (typedText, style, pick, atResolve) => {
        const text = `Some text [@${typedText}`;
        const manuscript = parseManuscript(uri, text, 1);
        const site = completionSite(manuscript, text.length);
        const list = completeCitation(manuscript, library, text.length, atResolve);
        if (site?.kind !== 'key') return assert.equal(list, undefined);
        const prefix = site.prefix;
        assert.ok(list);
        const cited = new Set<string>();
        for (const citation of manuscript.citations) if (citation.kind === 'key') for (const c of citation.items) cited.add(c.key);
        const ranked = rankEntries(searchIndex(library), prefix, cited, 100);
        assert.equal(list.items.length, ranked.length);
        // The first items and one at random: each resolve renders a card.
        const indexes = [...new Set([0, 1, 2, pick % Math.max(1, list.items.length)])].filter((i) => i < list.items.length);
        for (const index of indexes) {
          const item: CompletionItem = list.items[index];
          assert.equal(
            item.detail,
            atResolve ? undefined : shortDescription(ranked[index].entry),
            'the description goes with every item unless resolved',
          );
          const resolved = resolveCitationCompletion(item, library, style);
          assert.deepEqual(
            { ...resolved, data: undefined },
            { ...resolvedBefore(ranked[index].entry, index, prefix, item, style), data: undefined },
          );
        }
      },
    ),
    { seed: SEED, numRuns: 40 },
  );
});

test('a term item whose label is also a key is not resolved as a citation', () => {
  const key = entries[0].key;
  const item: CompletionItem = { label: key, data: { uri, termId: 'x' } };
  assert.deepEqual(resolveCitationCompletion(item, library, 'vancouver'), item);
});

test('a number item of the built-in corpus resolves with the description it was sent with and its card', async () => {
  const { f, items } = await complete('TLR8 agonists reduce IL-6 [1{|}');
  const item = items.find((i) => i.label === '16');
  assert.ok(item?.detail, 'the number item carries its description');
  const resolved = await f.service.resolveCompletion({ uri: f.uri, text: f.text }, item);
  assert.equal(resolved.detail, item.detail);
  assert.match((resolved.documentation as MarkupContent).value, /Upregulation of TLRs and IL-6/);
});

const SOURCE = `%! refs.bib
@book{knuth1986, author = {Knuth, Donald E.}, title = {The Art of Computer Programming}, year = {1986}}
%! main.md
---
bibliography: refs.bib
---
See [@knu{|}
`;

test("resolve takes the card's reference from the render helper, as a hover does, and adds the description", async (t) => {
  const { sent, helper } = recordingRenderHelper(t);
  setRenderHelper(helper);
  const { f, items } = await complete(SOURCE);
  const item = items.find((i) => i.label === 'knuth1986');
  assert.ok(item);
  const resolved = await f.service.resolveCompletion({ uri: f.uri, text: f.text }, item);
  assert.match((resolved.documentation as MarkupContent).value, /rendered elsewhere: knuth1986/);
  assert.deepEqual(sent, ['knuth1986 vancouver urgent']);
  assert.match(resolved.detail ?? '', /Knuth 1986 — The Art of Computer Programming/);
});
