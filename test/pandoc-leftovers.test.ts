/**
 * Pandoc-fidelity leftovers of issue 10, each checked against pandoc 2.17 at test time:
 * a YAML metadata block inside a block quote is metadata (pandoc merges it), and grid-table
 * cells are read as pandoc 2.17 reads them (a row's text is cut at the top border's column
 * positions; a cell holds blocks, so an indented line after a list item continues the item);
 * a BibTeX name always keeps a family name (found in a JOSS paper's bibliography).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBibliography } from '../server/src/core/bibliography/parse';
import { parseManuscript } from '../server/src/core/markdown/manuscript';
import { pandocItems } from './util/bibtexOracle';
import { pandocCitationIds } from './util/citationOracle';

function citokine(markdown: string): { keys: string[]; references: string[] } {
  const m = parseManuscript('file:///ws/main.md', markdown);
  return {
    keys: m.citations.filter((c) => c.kind === 'key').flatMap((c) => c.items.map((i) => i.key)),
    references: m.frontMatter.references.map((r) => r.key),
  };
}

const QUOTED_METADATA = `Text [@a].

> ---
> references:
> - id: q1
>   title: Quoted
> nocite: "@x"
> ---
>
> Quote [@b].

End [@c].
`;

test('a metadata block inside a block quote is metadata, as pandoc reads it', () => {
  const ours = citokine(QUOTED_METADATA);
  assert.deepEqual(ours.keys, pandocCitationIds(QUOTED_METADATA));
  assert.deepEqual(ours.keys, ['a', 'b', 'c']);
  assert.deepEqual(ours.references, ['q1']);
});

const NESTED_QUOTED_METADATA = `> > ---
> > references:
> > - id: deep
> >   title: Deeper
> > ---
> >
> > Cited [@deep].
`;

test('a metadata block in a nested block quote is metadata too', () => {
  const ours = citokine(NESTED_QUOTED_METADATA);
  assert.deepEqual(ours.keys, pandocCitationIds(NESTED_QUOTED_METADATA));
  assert.deepEqual(ours.references, ['deep']);
});

const QUOTED_RULE = `> ---
>
> After a rule [@r1].
`;

test('a `---` in a block quote followed by a blank line stays a rule', () => {
  assert.deepEqual(citokine(QUOTED_RULE).keys, pandocCitationIds(QUOTED_RULE));
});

const SPANNING_ROW = `+-----+-----+-----+
| a   | b   | c   |
+=====+=====+=====+
| one cell spanning |
| two   @k1         |
+-----+-----+-----+
|     @k2     | z |
+-----+-----+-----+
`;

test('grid table: text across a column boundary is cut there, as pandoc 2.17 cuts it', () => {
  assert.deepEqual(citokine(SPANNING_ROW).keys, pandocCitationIds(SPANNING_ROW));
});

const LIST_IN_CELL = `+---------------+---------------+
| - item @l1    | text          |
|               |               |
|     @l2       | 1. one        |
|               |               |
|               |        @n2    |
+---------------+---------------+
|     @i1       | plain         |
|     @i2       |     @cont1    |
+---------------+---------------+
`;

test('grid table: an indented line after a list item in a cell continues the item', () => {
  assert.deepEqual(citokine(LIST_IN_CELL).keys, pandocCitationIds(LIST_IN_CELL));
});

const BRACED_NAME = `@inproceedings{mckinney2010,
  author    = { {W}es {M}c{K}inney },
  title     = { {D}ata {S}tructures for {S}tatistical {C}omputing in {P}ython },
  booktitle = { {P}roceedings of the 9th {P}ython in {S}cience {C}onference },
  year      = { 2010 },
  editor    = { {S}t\\'efan van der {W}alt and {J}arrod {M}illman }
}
`;

test('BibTeX: a name whose words all read as lower case keeps its last word as the family name, as pandoc reads it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'citokine-names-'));
  try {
    const file = path.join(dir, 'names.bib');
    writeFileSync(file, BRACED_NAME);
    const [theirs] = pandocItems(file, 'biblatex');
    const [ours] = parseBibliography(BRACED_NAME, `file://${file}`, 'bibtex').entries;
    const families = (names: unknown) => (names as Array<{ family?: string }>).map((n) => n.family);
    assert.deepEqual(families(ours.item.author), families(theirs.author));
    assert.deepEqual(families(ours.item.author), ['McKinney']);
    assert.deepEqual(families(ours.item.editor)[1], families(theirs.editor)[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
