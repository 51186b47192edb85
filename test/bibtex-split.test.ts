/**
 * `splitBibtex` finds the characters its brace matching acts on with the regular expression
 * engine instead of a loop turn per character. It must split exactly as the loop it replaced
 * (kept below, as it was): every .bib fixture, the benchmark's generated library, and random
 * text made of the characters the splitter acts on.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { splitBibtex, type BibtexChunk } from '../server/src/core/bibliography/bibtex';
import type { OffsetRange } from '../server/src/core/text/textRange';
import { fixtureFiles, REPO_ROOT } from './util/fixture';

// The splitter before this change, character by character.
const ENTRY_START = /@[ \t]*([A-Za-z]+)[ \t\r\n]*([{(])/g;
const BRACED_KEY = /^[ \t\r\n]*([^,\s{}"#%~\\]+)[ \t\r\n]*,/;
const PARENTHESISED_KEY = /^[ \t\r\n]*([^,\s{}()"#%~\\]+)[ \t\r\n]*,/;
const NOT_ENTRIES = new Set(['string', 'comment', 'preamble']);

function commentedOut(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(lineStart, at).includes('%');
}

function loopSplit(text: string): BibtexChunk[] {
  const chunks: BibtexChunk[] = [];
  ENTRY_START.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = ENTRY_START.exec(text))) {
    const start = match.index;
    if (commentedOut(text, start)) continue;
    const type = match[1].toLowerCase();
    const open = match[2];
    const close = open === '{' ? '}' : ')';
    let pos = ENTRY_START.lastIndex;
    const keyMatch = (open === '{' ? BRACED_KEY : PARENTHESISED_KEY).exec(text.slice(pos, pos + 512));
    let key = '';
    let keyRange: OffsetRange = { start, end: start };
    if (keyMatch && !NOT_ENTRIES.has(type)) {
      key = keyMatch[1];
      const keyStart = pos + keyMatch[0].indexOf(key);
      keyRange = { start: keyStart, end: keyStart + key.length };
    }
    let depth = 1;
    let closed = false;
    let lineStart = false;
    const parenthesised = open === '(';
    const closeCode = close.charCodeAt(0);
    for (; pos < text.length; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 0x0a) {
        lineStart = true;
        continue;
      }
      if (lineStart && c === 0x40 && depth > 0 && /^@[ \t]*[A-Za-z]+[ \t]*[{(]/.test(text.slice(pos, pos + 40))) break;
      if (c !== 0x20 && c !== 0x09 && c !== 0x0d) lineStart = false;
      if (c === 0x5c) {
        pos++;
        continue;
      }
      if (c === 0x7b || (parenthesised && c === 0x28)) depth++;
      else if (c === 0x7d || (parenthesised && c === 0x29)) {
        depth--;
        if (depth === 0 && (c === closeCode || !parenthesised)) {
          pos++;
          closed = true;
          break;
        }
      }
    }
    chunks.push({ type, key, range: { start, end: pos }, keyRange, closed });
    ENTRY_START.lastIndex = pos;
  }
  return chunks;
}

test('splitBibtex splits every .bib fixture as the character loop did', () => {
  const files = fixtureFiles((name) => name.endsWith('.bib'));
  assert.ok(files.length >= 10);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(splitBibtex(text), loopSplit(text), file);
  }
});

test("splitBibtex splits the benchmark's generated library as the character loop did", () => {
  const script = `import { generateWorks, toBibtex } from ${JSON.stringify(path.join(REPO_ROOT, 'bench', 'generate.mjs'))}; process.stdout.write(toBibtex(generateWorks(2000)));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  const chunks = splitBibtex(run.stdout);
  assert.ok(chunks.length > 2000);
  assert.deepEqual(chunks, loopSplit(run.stdout));
});

test('splitBibtex splits edge cases as the character loop did', () => {
  const cases = [
    '@article{a,\n title={x}}\\',
    '@article{a,\n title={x\\',
    '@article{a, title={x}\\}',
    '@misc(a, note={)})',
    '@misc(a, note=(x)}, y)',
    '@article{a,\n  @book{b, title={x}}',
    '@article{a,\n \t\r@ book {b, title={x}}',
    '@article{a,\n x@book{b,}}',
    '@article{a,\\\n@book{b,}}',
    '@article{a,\n@bookkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk{b,}}',
    `@article{${'k'.repeat(510)},}`,
    `@article{${'k'.repeat(511)},}`,
    `@article{ ${'k'.repeat(510)},}`,
    '% @article{a, title={x}}\n@book{b,}',
    '@string{a = "x"} @comment{b, c} @preamble{"\\newcommand"}',
    '@article{王明2020,\n  title = {肿瘤\\{},\n}\n@book{b,}',
  ];
  for (const text of cases) assert.deepEqual(splitBibtex(text), loopSplit(text), JSON.stringify(text));
});

test('splitBibtex splits random text as the character loop did', () => {
  const piece = fc.constantFrom(
    '@article{',
    '@misc(',
    '@string{',
    '@ Book {',
    '@',
    '{',
    '}',
    '(',
    ')',
    '\\',
    '\n',
    '\r\n',
    ' ',
    '\t',
    '%',
    ',',
    'key',
    'a',
    '=',
    '"',
    '王',
    'é',
    '\u2028',
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(splitBibtex(text), loopSplit(text));
    }),
    { numRuns: 3000 },
  );
});
