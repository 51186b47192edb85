/**
 * The incremental parse equals a full parse: for real documents (the deep-review manuscript,
 * pandoc's own test documents, the examples) and random edits (characters inserted and
 * deleted, Markdown and citation syntax, line breaks, CJK), `reparseManuscript` from the
 * previous parse gives the same scan, citations and front matter as `parseManuscript` of the
 * new text, edit after edit; and a language service fed the edits publishes the same
 * diagnostics (citations and terms) as a fresh one. Seeded.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { diffTexts, reparseManuscript } from '../server/src/core/markdown/incremental';
import { parseManuscript, type Manuscript } from '../server/src/core/markdown/manuscript';
import { scanMemo } from '../server/src/core/markdown/scan';
import { indexTerms } from '../server/src/core/terms/termIndex';
import { SEED } from './util/arbitraries';
import { REPO_ROOT, builtinGlossary, fixture, wsUri } from './util/fixture';
import { REAL_DOCUMENTS } from './util/realDocuments';

function read(...parts: string[]): string {
  return readFileSync(path.join(...parts), 'utf8');
}

const DOCUMENTS = REAL_DOCUMENTS;

/** What an author types or deletes, the syntax the scanner and the citation parser react to first. */
const INSERTS = [
  'x',
  ' ',
  '[',
  ']',
  '@',
  '[@',
  '-@',
  '; @',
  '`',
  '``',
  '$',
  '$$',
  '---',
  '\n',
  '\n\n',
  '# ',
  '- ',
  '    ',
  '<!--',
  '-->',
  '<div>',
  '[1]',
  '[1-3]',
  '(@',
  '中文',
  '白细胞介素',
  'IL-6',
  '{#id}',
  '[x]: /url',
  '|',
  'https://a.b/c',
  '\\',
  // What reaches past blank lines: a metadata block's closer, a LaTeX environment's ends, a reference list.
  '\n...\n',
  '\\begin{figure}\n',
  '\n\\end{figure}',
  '\n\n## References\n\n',
  '\n\n[1] ',
];

interface Edit {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  // Anywhere in the document: fast-check's bias towards small numbers would keep every edit in the front matter.
  at: fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((x) => x / 1_000_000),
  remove: fc.oneof(
    { arbitrary: fc.constant(0), weight: 4 },
    { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 2 },
    { arbitrary: fc.integer({ min: 4, max: 40 }), weight: 1 },
  ),
  insert: fc.oneof(
    { arbitrary: fc.constant(''), weight: 1 },
    { arbitrary: fc.constantFrom(...'x @[]`$-#中;:,.1'), weight: 3 },
    { arbitrary: fc.constantFrom(...INSERTS), weight: 2 },
  ),
}) as unknown as fc.Arbitrary<Edit>;

function apply(text: string, e: Edit): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

const BUILTIN = builtinGlossary();

/** The term index of a manuscript under the built-in glossary, as the checks read it. */
function terms(m: Manuscript): unknown {
  const index = indexTerms(m, BUILTIN);
  return { occurrences: index.occurrences, scopes: index.scopes };
}

/** The parts of a manuscript every feature reads (the line map by its text and line starts). */
function parts(m: Manuscript): unknown {
  return {
    uri: m.uri,
    version: m.version,
    text: m.text,
    lines: m.lines.text,
    lineStarts: Array.from({ length: m.lines.lineCount }, (_, i) => m.lines.lineStart(i)),
    blocks: scanMemo(m.scan)?.blocks,
    scan: m.scan,
    citations: m.citations,
    frontMatter: m.frontMatter,
  };
}

test('diffTexts finds the changed region', () => {
  assert.deepEqual(diffTexts('abcdef', 'abXdef'), { start: 2, oldEnd: 3, newEnd: 3 });
  assert.deepEqual(diffTexts('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
  assert.deepEqual(diffTexts('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
  // Long texts go through the chunked comparison: the result is the character-by-character one.
  const long = 'ab'.repeat(9000);
  for (const at of [0, 1, 4095, 4096, 4097, 9000, 17999, 18000]) {
    const changed = long.slice(0, at) + 'x' + long.slice(at + 1);
    const want = at < long.length ? { start: at, oldEnd: at + 1, newEnd: at + 1 } : { start: at, oldEnd: at, newEnd: at + 1 };
    assert.deepEqual(diffTexts(long, changed), want, `at ${at}`);
  }
});

test('the incremental parse equals a full parse, edit after edit, on real documents', () => {
  let incremental = 0;
  let edits = 0;
  // Half the runs edit the deep-review manuscript, the longest and most cited document.
  const document = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: DOCUMENTS.length - 1 }));
  fc.assert(
    fc.property(document, fc.array(edit, { minLength: 1, maxLength: 4 }), (doc, steps) => {
      const [name, source] = DOCUMENTS[doc];
      let previous = parseManuscript(`file:///${name}`, source, 1);
      indexTerms(previous, BUILTIN);
      let text = source;
      steps.forEach((e, n) => {
        text = apply(text, e);
        const updated = reparseManuscript(previous, text, n + 2);
        edits++;
        if (updated.scan.metadata === previous.scan.metadata) incremental++;
        const full = parseManuscript(previous.uri, text, n + 2);
        const where = `${name}, edit ${n + 1}: ${JSON.stringify(e)}`;
        assert.deepEqual(parts(updated), parts(full), where);
        assert.deepEqual(terms(updated), terms(full), where);
        previous = updated;
      });
    }),
    { seed: SEED, numRuns: 80 },
  );
  // The property must exercise the incremental path, not only the fallback.
  assert.ok(incremental > edits / 4, `${incremental} of ${edits} edits were parsed incrementally`);
});

/** A small document with what paragraphs depend on elsewhere: a link definition, a numbered own list, blocks after the edit. */
const SMALL = [
  '---',
  'title: t',
  '---',
  '',
  'See [1] and [foo] and @smith2020 [p. 3], `code @x` $m@x$.',
  'Second line [@a; @b] <span>@c</span> https://x.org/@d.',
  '',
  '[foo]: https://example.org/foo',
  '',
  '```',
  '@inside [2]',
  '```',
  '',
  'Another [2-3] paragraph 中文 [@wang2021] with IL-6 and interleukin 6, TGF-β.',
  '**Keywords**: IL-6; TNF',
  '',
  '# References',
  '',
  '1. First entry.',
  '2. Second entry.',
  '',
].join('\n');

test('every one-character edit of a small document parses as a full parse does', () => {
  const previous = parseManuscript('file:///small.md', SMALL, 1);
  indexTerms(previous, BUILTIN);
  const same = (text: string, what: string) => {
    const updated = reparseManuscript(previous, text, 2);
    const full = parseManuscript(previous.uri, text, 2);
    assert.deepEqual(parts(updated), parts(full), what);
    assert.deepEqual(terms(updated), terms(full), what);
  };
  for (let at = 0; at <= SMALL.length; at++) {
    for (const insert of ['x', '[', ']', '@', '`', '$', '-', '\n', '1', ' ', '#', '<', 'L-6 '])
      same(SMALL.slice(0, at) + insert + SMALL.slice(at), `${insert} at ${at}`);
    same(SMALL.slice(0, at) + SMALL.slice(at + 1), `delete at ${at}`);
  }
});

test('a one-character edit in a deep-review paragraph is parsed incrementally', () => {
  const [, source] = DOCUMENTS[0];
  const previous = parseManuscript('file:///deep-review.md', source, 1);
  const at = source.indexOf('Deep learning describes a class');
  assert.ok(at > 0);
  indexTerms(previous, BUILTIN);
  const updated = reparseManuscript(previous, source.slice(0, at) + 'x' + source.slice(at), 2);
  assert.equal(updated.scan.metadata, previous.scan.metadata);
  const full = parseManuscript(previous.uri, updated.text, 2);
  assert.deepEqual(parts(updated), parts(full));
  assert.deepEqual(terms(updated), terms(full));
});

test('a language service fed edits publishes what a fresh one does', async () => {
  const source = read(REPO_ROOT, 'examples', 'manuscript.md');
  const name = 'manuscript.md';
  const live = fixture(`%! ${name}\n${source}`);
  const uri = wsUri(name);
  let text = source;
  const random = fc.sample(fc.array(edit, { minLength: 8, maxLength: 8 }), { seed: SEED, numRuns: 1 })[0];
  for (const [n, e] of random.entries()) {
    text = apply(text, e);
    const got = await live.service.diagnostics({ uri, text, version: n + 2 });
    const fresh = fixture(`%! ${name}\n${text}`);
    const want = await fresh.service.diagnostics({ uri, text, version: n + 2 });
    assert.deepEqual(got, want, `edit ${n + 1}: ${JSON.stringify(e)}`);
  }
});
