/**
 * Edits keep text, as properties over generated manuscripts (numeric and key citations with
 * duplicates, ranges and out-of-order numbers, unknown keys, term variants, an own References
 * list, LF or CRLF, English or Chinese): every quick fix and refactoring offered at each
 * diagnostic, a rename of a key, and the renumber, convert and insert-reference-list commands
 * give a WorkspaceEdit whose ranges are well-formed positions of the document (inside it,
 * never splitting a CRLF or a surrogate pair, never overlapping), whose edits each change
 * something, after which the document still parses; renumber, insert list, convert and
 * compress, applied again, change nothing. Seeded and bounded in runs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CodeAction, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { parseManuscript } from '../server/src/core/markdown/manuscript';
import { LineMap } from '../server/src/core/text/textRange';
import { SEED } from './util/arbitraries';
import { applyEdits, resolveEdits } from './util/edits';
import { fixture, type Fixture } from './util/fixture';

const KEYS = ['smith2020', 'doe2019', 'wang2021', 'lee2018'];
const BIB = KEYS.map(
  (k, i) =>
    `@article{${k},\n  author = {Au${i}, Name and Other, Person},\n  title = {Study number ${i} of interleukin-6},\n  journal = {J Test}, year = {${2018 + i}}, doi = {10.1000/t.${i}}\n}\n`,
).join('');

/** One citation as an author writes it, numeric or by key, right or wrong. */
const citation = (refs: number): fc.Arbitrary<string> => {
  const n = fc.integer({ min: 1, max: refs + 1 });
  const key = fc.constantFrom(...KEYS, 'smtih2020', 'nosuch2000');
  return fc.oneof(
    n.map((a) => `[${a}]`),
    fc.array(n, { minLength: 2, maxLength: 4 }).map((ns) => `[${ns.join(', ')}]`),
    fc.tuple(n, n).map(([a, b]) => `[${a}-${b}]`),
    fc.tuple(n, n).map(([a, b]) => `[${a}]-[${b}]`),
    fc.tuple(n, n).map(([a, b]) => `[${a}, ${b}, ${b}]`),
    fc.integer({ min: 1, max: Math.max(1, refs - 2) }).map((a) => `[${a}, ${a + 1}, ${a + 2}]`),
    key.map((k) => `[@${k}]`),
    fc.array(key, { minLength: 2, maxLength: 3 }).map((ks) => `[${ks.map((k) => `@${k}`).join('; ')}]`),
    key.map((k) => `@${k}`),
    key.map((k) => `[see @${k}, p. 3]`),
  );
};

const SENTENCES = [
  'IL-6 drives growth',
  'IL6 signals through gp130',
  'interleukin 6 (IL-6) is raised in CRC',
  'serum levels of 10 ng/ml',
  '白细胞介素-6促进结直肠癌',
  'STAT3 is activated',
  'JAK inhibitors were tried',
];

/** A generated manuscript and its bibliography, as a fixture source. */
const manuscript: fc.Arbitrary<string> = fc
  .record({
    refs: fc.integer({ min: 1, max: 7 }),
    withBibliography: fc.boolean(),
    ownList: fc.boolean(),
    crlf: fc.boolean(),
    paragraphs: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ refs, withBibliography, ownList, crlf, paragraphs }) =>
    fc
      .array(fc.array(fc.tuple(fc.constantFrom(...SENTENCES), citation(refs)), { minLength: 1, maxLength: 4 }), {
        minLength: paragraphs,
        maxLength: paragraphs,
      })
      .map((body) => {
        const front = withBibliography ? '---\nbibliography: refs.bib\n---\n\n' : '';
        const text = body.map((sentences) => sentences.map(([s, c]) => `${s} ${c}.`).join(' ')).join('\n\n');
        const list = ownList
          ? `\n\n## References\n\n${Array.from({ length: refs }, (_, i) => `${i + 1}. Author${i} A. Title ${i}. J. 20${10 + i}.`).join('\n')}\n`
          : '\n';
        const main = front + text + list;
        return `%! main.md\n${crlf ? main.replace(/\n/g, '\r\n') : main}%! refs.bib\n${BIB}`;
      }),
  );

/** Fails unless `range` is a position pair a client reads the same way: inside the text, not inside a line break or a surrogate pair. */
function assertWellFormed(text: string, range: Range, what: string): void {
  const lines = new LineMap(text);
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < lines.lineCount, `${what}: line ${p.line} outside the ${lines.lineCount} lines`);
    const start = lines.lineStart(p.line);
    const length = lines.lineEnd(p.line) - start;
    assert.ok(p.character >= 0 && p.character <= length, `${what}: character ${p.character} outside line ${p.line} of length ${length}`);
    const code = text.charCodeAt(start + p.character);
    assert.ok(!(code >= 0xdc00 && code <= 0xdfff && p.character > 0), `${what}: position splits a surrogate pair`);
  }
}

/** Applies the edits of `edit` for `uri` after checking them; the new text. */
function applyChecked(text: string, edit: WorkspaceEdit, uri: string, what: string): string {
  const edits: TextEdit[] = edit.changes?.[uri] ?? [];
  for (const e of edits) assertWellFormed(text, e.range, what);
  // resolveEdits throws on reversed or overlapping ranges.
  for (const e of resolveEdits(text, edits))
    assert.notEqual(e.newText, e.oldText, `${what}: an edit at ${e.start}-${e.end} changes nothing`);
  const after = applyEdits(text, edits);
  parseManuscript(uri, after);
  return after;
}

/** Applies a WorkspaceEdit to every file of the fixture it names; the files after it. */
function applyToFiles(f: Fixture, edit: WorkspaceEdit, what: string): Map<string, string> {
  const files = new Map(f.workspace.files);
  for (const uri of Object.keys(edit.changes ?? {})) {
    const text = files.get(uri);
    assert.ok(text !== undefined, `${what}: edits a file that is not in the workspace: ${uri}`);
    files.set(uri, applyChecked(text, edit, uri, what));
  }
  assert.equal(edit.documentChanges, undefined, `${what}: the core gives plain changes`);
  return files;
}

/** The fixture source of a set of files, main.md first. */
function sourceOf(files: Map<string, string>, f: Fixture): string {
  return `%! main.md\n${files.get(f.uri)}%! refs.bib\n${files.get(f.uriOf('refs.bib'))}`;
}

/** The code actions offered at each diagnostic of the fixture, with the diagnostic in the context as a client sends it. */
async function actionsAtDiagnostics(f: Fixture): Promise<{ range: Range; action: CodeAction }[]> {
  const document = { uri: f.uri, text: f.text };
  const found: { range: Range; action: CodeAction }[] = [];
  for (const d of await f.service.diagnostics(document)) {
    for (const action of await f.service.codeActions(document, d.range, { diagnostics: [d] })) found.push({ range: d.range, action });
  }
  return found;
}

test('every quick fix and refactoring at each diagnostic: well-formed edits, a document that parses; Compress applied twice changes nothing', async () => {
  let applied = 0;
  await fc.assert(
    fc.asyncProperty(manuscript, async (source) => {
      const f = fixture(source);
      for (const { range, action } of await actionsAtDiagnostics(f)) {
        if (!action.edit) continue;
        const files = applyToFiles(f, action.edit, action.title);
        applied++;
        if (!action.title.startsWith('Compress')) continue;
        const again = fixture(sourceOf(files, f));
        const repeat = (await actionsAtDiagnostics(again)).find(
          (a) =>
            a.action.title === action.title && a.range.start.line === range.start.line && a.range.start.character === range.start.character,
        );
        if (repeat?.action.edit)
          assert.equal(
            applyEdits(again.text, repeat.action.edit.changes?.[again.uri] ?? []),
            again.text,
            'Compress a second time changes nothing',
          );
      }
    }),
    { seed: SEED, numRuns: 30 },
  );
  assert.ok(applied > 25, `the generated manuscripts offer fixes (${applied} applied)`);
});

test('renumber, insert reference list and convert (both ways): well-formed edits, a document that parses, a second run changes nothing', async () => {
  let edited = 0;
  await fc.assert(
    fc.asyncProperty(manuscript, async (source) => {
      for (const [command, args] of [
        ['citokine.renumber', []],
        ['citokine.insertReferenceList', []],
        ['citokine.convertCitations', ['toKeys']],
        ['citokine.convertCitations', ['toNumbers']],
      ] as const) {
        const f = fixture(source);
        const first = await f.service.documentCommand(command, { uri: f.uri, text: f.text }, args);
        if (!first.edit) continue;
        edited++;
        const what = `${command} ${args.join(' ')}`;
        const files = applyToFiles(f, first.edit, what);
        const again = fixture(sourceOf(files, f));
        const second = await again.service.documentCommand(command, { uri: again.uri, text: again.text }, args);
        const after = second.edit ? applyEdits(again.text, second.edit.changes?.[again.uri] ?? []) : again.text;
        assert.equal(after, again.text, `${what} a second time changes nothing (${second.message})`);
      }
    }),
    { seed: SEED, numRuns: 40 },
  );
  assert.ok(edited > 30, `the generated manuscripts give commands something to do (${edited} edits)`);
});

test('rename of a cited key: well-formed edits in the manuscript and the bibliography, both still parse', async () => {
  let renamed = 0;
  await fc.assert(
    fc.asyncProperty(manuscript, fc.constantFrom('renamed2024', 'Ünïcode_2024', 'x'), async (source, newName) => {
      const f = fixture(source);
      const m = parseManuscript(f.uri, f.text);
      const keyItem = m.citations.flatMap((c) => (c.kind === 'key' ? c.items : [])).find((i) => KEYS.includes(i.key));
      if (!keyItem || !f.text.includes('bibliography: refs.bib')) return;
      const edit = await f.service
        .rename({ uri: f.uri, text: f.text }, m.lines.positionAt(keyItem.keyRange.start), newName)
        .catch(() => undefined);
      if (!edit) return;
      renamed++;
      const files = applyToFiles(f, edit, `rename ${keyItem.key} to ${newName}`);
      assert.ok(files.get(f.uriOf('refs.bib'))!.includes(`{${newName},`), 'the bibliography entry is renamed');
    }),
    { seed: SEED, numRuns: 40 },
  );
  assert.ok(renamed > 5, `some generated manuscripts cite a key to rename (${renamed})`);
});
