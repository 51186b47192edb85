/**
 * The client's views, picker items, status bar text and front matter style edit, built from
 * a real outline the language service makes (so the client's wire types are proved to match
 * the server's), with no VS Code.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixture } from './util/fixture';
import { LineMap } from '../server/src/core/text/textRange';
import type { CitationCandidates, DocumentOutline, WireRange } from '../client/src/logic/protocol';
import { referenceNodes, termNodes, type TreeNode } from '../client/src/logic/treeItems';
import { statusText } from '../client/src/logic/statusText';
import { pickerItem } from '../client/src/logic/pickerItems';
import { cslFrontMatterEdit } from '../client/src/logic/frontMatterStyle';

const SOURCE = `%! main.md
---
bibliography: refs.bib
---
Raised IL6 predicts recurrence [@hirano2020]. Interleukin-6 (IL-6) binds gp130 [@hirano2020; @nosuchkey].
%! refs.bib
@article{hirano2020,
  author = {Hirano, Toshio},
  title = {IL-6 in inflammation, autoimmunity and cancer},
  journal = {International Immunology},
  year = {2020}
}
@article{mace2016,
  author = {Mace, Thomas A.},
  title = {IL-6 and PD-L1 antibody blockade combination therapy},
  journal = {Gut},
  year = {2016}
}
`;

async function outlineOf(source: string): Promise<{ outline: DocumentOutline; text: string }> {
  const f = fixture(source);
  // Typed as the client's wire shape: the compiler proves the server's answer fits it.
  const outline: DocumentOutline = await f.service.documentOutline({ uri: f.uri, text: f.text });
  return { outline, text: f.text };
}

function textAt(text: string, range: WireRange): string {
  const lines = new LineMap(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

function find(nodes: readonly TreeNode[], id: string): TreeNode {
  const node = nodes.find((n) => n.id === id);
  assert.ok(node, `no node ${id} among ${nodes.map((n) => n.id).join(', ')}`);
  return node;
}

test('References: cited works in order with counts, places that land on the key, unknown keys marked, uncited entries', async () => {
  const { outline, text } = await outlineOf(SOURCE);
  const nodes = referenceNodes(outline);
  assert.deepEqual(
    nodes.map((n) => n.id),
    ['cited/@hirano2020', 'cited/@nosuchkey', 'uncited'],
  );
  const hirano = find(nodes, 'cited/@hirano2020');
  assert.match(hirano.label, /Hirano 2020/);
  assert.match(hirano.description ?? '', /2×/);
  assert.deepEqual(
    hirano.children?.map((c) => textAt(text, c.target!.range)),
    ['@hirano2020', '@hirano2020'],
  );
  assert.equal(find(nodes, 'cited/@nosuchkey').icon, 'warning');
  assert.deepEqual(
    find(nodes, 'uncited').children?.map((c) => c.description),
    ['@mace2016'],
  );
});

test('Terms: each term opens to its definition, first use and findings, each landing on the text', async () => {
  const { outline, text } = await outlineOf(SOURCE);
  const il6 = find(termNodes(outline), 'term/' + outline.terms.find((t) => t.canonical === 'IL-6')!.id);
  assert.equal(textAt(text, il6.target!.range), 'Interleukin-6 (IL-6)');
  const targets = il6.children!.map((c) => [c.contextValue, textAt(text, c.target!.range)]);
  assert.deepEqual(targets.slice(0, 2), [
    ['place', 'Interleukin-6 (IL-6)'],
    ['place', 'IL6'],
  ]);
  assert.ok(
    targets.some(([kind, at]) => kind === 'finding' && at === 'IL6'),
    JSON.stringify(targets),
  );
});

test('the status text counts entries of the bibliography and glossary and the findings', async () => {
  const { outline } = await outlineOf(SOURCE);
  const status = statusText(outline);
  const findings = outline.findings.citations + outline.findings.terms;
  assert.ok(findings >= 2);
  const glossaryTerms = outline.sources.filter((s) => s.kind === 'glossary').reduce((n, s) => n + s.entries, 0);
  assert.match(
    status.text,
    new RegExp(`2 bibliographies ${2 + 55} · \\$\\(symbol-text\\) glossary ${glossaryTerms} · \\$\\(warning\\) ${findings}$`),
  );
  assert.match(status.tooltip, /Bibliography: refs\.bib, 2 entries/);
});

test('picker items show authors and year, title and journal, and the status of built-in entries', async () => {
  const f = fixture('%! main.md\nIL-6 [1].\n');
  const result: CitationCandidates = await f.service.citationCandidates({ uri: f.uri, text: f.text }, 'Lu');
  const builtin = result.items.find((i) => i.status === 'certain');
  assert.ok(builtin, JSON.stringify(result.items.slice(0, 3)));
  const item = pickerItem(builtin, result.style);
  assert.ok(item.label.includes(builtin.year!) && item.label.includes(builtin.authors.split(',')[0]), item.label);
  assert.match(item.description, new RegExp(`^\\[${builtin.number}\\] · identified \\(certain\\)$`));
  assert.ok(item.detail.startsWith(builtin.title));
  const keyItem = pickerItem({ key: 'x2020', authors: '', title: 'Untitled work', builtin: false }, 'key');
  assert.deepEqual([keyItem.label, keyItem.description], ['Untitled work', '@x2020']);
});

test('the csl: front matter edit replaces the line, adds it, or adds a front matter', () => {
  const apply = (text: string, style: string) => {
    const edit = cslFrontMatterEdit(text, style);
    return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  };
  assert.equal(apply('---\ntitle: T\ncsl: apa\nlang: en\n---\nBody', 'vancouver'), '---\ntitle: T\ncsl: vancouver\nlang: en\n---\nBody');
  assert.equal(apply('---\ntitle: T\n---\nBody', 'styles/my style.csl'), '---\ntitle: T\ncsl: "styles/my style.csl"\n---\nBody');
  assert.equal(apply('Body', 'gb-t-7714-2015'), '---\ncsl: gb-t-7714-2015\n---\nBody');
});
