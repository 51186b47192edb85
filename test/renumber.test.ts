/**
 * Renumbering: examples (fixture in, whole document out) and a property test over 200
 * random manuscripts: the result cites the same works at every citation, numbers first
 * appear in order, every byte outside citations and the References section is unchanged,
 * and a second run changes nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOffsetEdits } from '../server/src/core/text/edits';
import { renumber } from '../server/src/core/citations/commands/renumber';
import { BibliographyStore, ownReferenceSection, resolveLibrary, type Library } from '../server/src/core/bibliography/library';
import { numbersOf, parseManuscript, type Manuscript } from '../server/src/core/markdown/manuscript';
import type { NumericCitation } from '../server/src/core/markdown/syntax';
import type { OffsetRange } from '../server/src/core/text/textRange';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { applyWorkspaceEdit } from './util/edits';
import { BUILTIN_CORPUS_URI, fixture, MemoryWorkspace } from './util/fixture';

/** The document after the renumber command, and the command's message. */
async function check(source: string): Promise<{ text: string; message: string }> {
  const f = fixture(source);
  const result = await f.service.documentCommand('citokine.renumber', { uri: f.uri, text: f.text });
  return { text: applyWorkspaceEdit(f.text, result.edit, f.uri), message: result.message };
}

test('renumber: citations in order of first appearance, References reordered to match', async () => {
  const result = await check(`IL-6 drives growth [3], invasion [1, 3] and resistance [2].

## References

1. Alpha A. First. J. 2020.
2. Beta B. Second. J. 2021.
3. Gamma C. Third. J. 2022.
`);
  assert.equal(
    result.text,
    `IL-6 drives growth [1], invasion [2, 1] and resistance [3].

## References

1. Gamma C. Third. J. 2022.
2. Alpha A. First. J. 2020.
3. Beta B. Second. J. 2021.
`,
  );
  assert.equal(result.message, 'Renumbered 3 references.');
});

test('renumber: uncited entries go after the cited ones, in their old order; a lazy list stays lazy', async () => {
  const result = await check(`Only [4] and [2].

## References

1. One.
1. Two.
1. Three.
1. Four.
`);
  assert.equal(result.text, 'Only [1] and [2].\n\n## References\n\n1. Four.\n1. Two.\n1. One.\n1. Three.\n');
});

test('renumber: a range that no longer maps to a range is written anew; [a]-[b] ranges keep their shape when they can', async () => {
  const result = await check(`First [3], then [1]-[2], then [2-4], and [5]–[6].

## 参考文献

[1] 甲. 第一篇.
[2] 乙. 第二篇.
[3] 丙. 第三篇.
[4] 丁. 第四篇.
[5] 戊. 第五篇.
[6] 己. 第六篇.
`);
  assert.equal(
    result.text,
    `First [1], then [2]-[3], then [1,3,4], and [5]–[6].

## 参考文献

[1] 丙. 第三篇.
[2] 甲. 第一篇.
[3] 乙. 第二篇.
[4] 丁. 第四篇.
[5] 戊. 第五篇.
[6] 己. 第六篇.
`,
  );
});

test('renumber: a citation inside a moved entry is renumbered with it; multi-line entries move whole', async () => {
  const result = await check(`See [2] and [1].

# References

1. Alpha A. First.
   Continued on a second line.
2. Beta B. Second; erratum in [1].
`);
  assert.equal(
    result.text,
    'See [1] and [2].\n\n# References\n\n1. Beta B. Second; erratum in [2].\n2. Alpha A. First.\n   Continued on a second line.\n',
  );
});

test('renumber: already in order changes nothing; refusals say why', async () => {
  const inOrder = 'A [1], B [2].\n\n## References\n\n1. A.\n2. B.\n';
  assert.deepEqual(await check(inOrder), { text: inOrder, message: 'Citations are already numbered in order of first appearance.' });
  assert.match((await check('A [3].\n\n## References\n\n1. A.\n2. B.\n')).message, /\[3\] on line 1 is not in the References section/);
  assert.match((await check('A [2]-[1].\n\n## References\n\n1. A.\n2. B.\n')).message, /Fix the citation \[2\]-\[1\] on line 1 first/);
  assert.match((await check('A [1].\n\n## References\n\n[1] A.\n[1] B.\n')).message, /numbers \[1\] twice/);
  assert.match((await check('A [1].\n')).message, /built-in corpus/);
});

// ---------------------------------------------------------------------------------------
// Property test

/** A small seeded PRNG (mulberry32) so that a failing case can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'IL-6',
  'signalling',
  'promotes',
  'tumour',
  'growth',
  'in',
  'colorectal',
  'cancer',
  'STAT3',
  '研究表明',
  '白细胞介素',
  '结直肠癌',
  'and',
  'resistance',
];

/** A random manuscript with its own numbered References section and distractors that are not citations. */
function randomManuscript(random: () => number): string {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const size = int(3, 30);
  const number = () => int(1, size);
  const range = (): [number, number] => {
    const from = int(1, size - 1);
    return [from, int(from + 1, size)];
  };
  const citation = (): string => {
    switch (int(0, 6)) {
      case 0:
        return `[${number()}]`;
      case 1:
        return `[${Array.from({ length: int(2, 4) }, number).join(pick([',', ', ', '，']))}]`;
      case 2: {
        const [a, b] = range();
        return `[${a}${pick(['-', '–'])}${b}]`;
      }
      case 3: {
        const [a, b] = range();
        return `[${a}]-[${b}]`;
      }
      case 4: {
        const [a, b] = range();
        return `[${number()}, ${a}-${b}]`;
      }
      case 5:
        return `[${number()}] [${number()}]`;
      default:
        return `[${number()}]`;
    }
  };
  const distractor = (): string =>
    pick(['`[3]`', '[see this](https://example.org/a)', 'a note[^1]', 'in [2020]', '$[2]$', '<!-- [4] -->', 'x@example.org']);
  const sentence = (): string => {
    const parts: string[] = [];
    for (let i = int(3, 9); i > 0; i--) parts.push(pick(WORDS));
    if (random() < 0.8) parts.splice(int(0, parts.length), 0, citation());
    if (random() < 0.4) parts.splice(int(0, parts.length), 0, distractor());
    return `${parts.join(' ')}.`;
  };
  const paragraphs: string[] = ['# A manuscript'];
  for (let p = int(2, 7); p > 0; p--) paragraphs.push(Array.from({ length: int(1, 4) }, sentence).join(' '));
  if (random() < 0.5) paragraphs.push('```\nconst cited = [5];\n```');
  paragraphs.push('[^1]: A footnote that mentions [^1] again.');
  const style = int(0, 2);
  const entries = Array.from({ length: size }, (_, i) => {
    const body = `Author${i + 1} A. Title of work ${i + 1}${random() < 0.2 ? `.\n   Second line of ${i + 1}` : ''}. J Ex. ${2000 + i}.`;
    return style === 0 ? `${i + 1}. ${body}` : style === 1 ? `1. ${body}` : `[${i + 1}] ${body}`;
  });
  paragraphs.push(`## References\n\n${entries.join(style === 2 ? '\n\n' : '\n')}`);
  if (random() < 0.4) paragraphs.push(`## Appendix\n\nMore ${sentence()}`);
  return `${paragraphs.join('\n\n')}\n`;
}

function numericCitations(manuscript: Manuscript): NumericCitation[] {
  return manuscript.citations.filter((c): c is NumericCitation => c.kind === 'numeric');
}

/** Per citation, the sorted texts of the entries it cites. */
function citedWorks(manuscript: Manuscript): string[][] {
  const texts = new Map((ownReferenceSection(manuscript)?.entries ?? []).map((e) => [e.n, e.text]));
  return numericCitations(manuscript).map((c) =>
    c.items
      .flatMap(numbersOf)
      .map((n) => texts.get(n) ?? `missing ${n}`)
      .sort(),
  );
}

/** The text outside citations and the References section, piece by piece. */
function outside(manuscript: Manuscript): string[] {
  const spans: OffsetRange[] = manuscript.citations.map((c) => c.range);
  const section = manuscript.scan.referenceSection;
  if (section) spans.push(section.range);
  spans.sort((a, b) => a.start - b.start);
  const pieces: string[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) {
      at = Math.max(at, span.end);
      continue;
    }
    pieces.push(manuscript.text.slice(at, span.start));
    at = span.end;
  }
  pieces.push(manuscript.text.slice(at));
  return pieces;
}

/** True when each group's first-cited numbers continue the sequence: max+1, max+2... */
function inFirstAppearanceOrder(manuscript: Manuscript): boolean {
  const seen = new Set<number>();
  for (const citation of numericCitations(manuscript)) {
    const fresh = [...new Set(citation.items.flatMap(numbersOf).filter((n) => !seen.has(n)))].sort((a, b) => a - b);
    for (const n of fresh) {
      if (n !== seen.size + 1) return false;
      seen.add(n);
    }
  }
  return true;
}

/** The manuscript and its library, resolved the way the product does (no bibliography files here). */
async function libraryOf(text: string): Promise<{ manuscript: Manuscript; library: Library }> {
  const manuscript = parseManuscript('file:///ws/main.md', text);
  const library = await resolveLibrary(manuscript, {
    store: new BibliographyStore(new MemoryWorkspace()),
    settings: DEFAULT_SETTINGS,
    builtinCorpusUri: BUILTIN_CORPUS_URI,
  });
  return { manuscript, library };
}

test('renumber property: 200 random manuscripts keep their works, come out in order, touch nothing else, and are stable', async (t) => {
  const random = prng(20261104);
  const tally = { citations: 0, changed: 0, rewritten: 0, entriesMoved: 0 };
  for (let i = 0; i < 200; i++) {
    const text = randomManuscript(random);
    const context = `case ${i}:\n${text}`;
    const before = await libraryOf(text);
    const result = renumber(before.manuscript, before.library);
    assert.ok(!('refused' in result), `${context}\nrefused: ${'refused' in result ? result.refused : ''}`);
    const renumbered = applyOffsetEdits(text, result.edits);
    const after = await libraryOf(renumbered);

    assert.deepEqual(citedWorks(after.manuscript), citedWorks(before.manuscript), `${context}\nworks changed:\n${renumbered}`);
    assert.ok(inFirstAppearanceOrder(after.manuscript), `${context}\nnot in order:\n${renumbered}`);
    assert.deepEqual(outside(after.manuscript), outside(before.manuscript), `${context}\ntext outside changed:\n${renumbered}`);
    const entriesBefore = (ownReferenceSection(before.manuscript)?.entries ?? []).map((e) => e.text).sort();
    const entriesAfter = ownReferenceSection(after.manuscript)?.entries ?? [];
    assert.deepEqual(entriesAfter.map((e) => e.text).sort(), entriesBefore, `${context}\nan entry was lost:\n${renumbered}`);
    assert.deepEqual(
      entriesAfter.map((e) => e.n),
      entriesAfter.map((_, k) => k + 1),
      `${context}\nentries not numbered 1..N:\n${renumbered}`,
    );

    const again = renumber(after.manuscript, after.library);
    assert.ok(!('refused' in again) && again.edits.length === 0, `${context}\nsecond run changed:\n${renumbered}`);

    tally.citations += numericCitations(before.manuscript).length;
    if (renumbered !== text) tally.changed++;
    const shapes = (m: Manuscript) => numericCitations(m).map((c) => c.items.map((item) => item.kind).join());
    tally.rewritten += shapes(before.manuscript).filter((shape, k) => shape !== shapes(after.manuscript)[k]).length;
    if (entriesAfter.some((e, k) => e.text !== ownReferenceSection(before.manuscript)?.entries[k]?.text)) tally.entriesMoved++;
  }
  // The generator must exercise what it claims to: many citations, most documents changed,
  // some groups written anew, References sections reordered.
  t.diagnostic(`tally: ${JSON.stringify(tally)}`);
  assert.ok(tally.citations > 1000 && tally.changed > 150 && tally.rewritten > 20 && tally.entriesMoved > 150, JSON.stringify(tally));
});
