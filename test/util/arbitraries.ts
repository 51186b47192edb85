/**
 * fast-check generators for hostile text shared by the property tests: arbitrary Unicode
 * (CJK, emoji, combining marks, lone surrogates, CRLF, NUL) mixed with the Markdown and
 * citation syntax the parsers look for, and mutations of real files (truncation, unbalanced
 * braces, deep nesting, invalid UTF-8 decoded as text, huge fields).
 */
import fc from 'fast-check';
import type { OffsetRange } from '../../server/src/core/text/textRange';

/** Seed of every property test, so that a failure is reproduced by running the file again. */
export const SEED = 42;

/** One UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Pieces of text the parsers treat specially, and pieces that break naive offset arithmetic. */
const PIECES = [
  '[',
  ']',
  '@',
  '-@',
  '[@',
  '; ',
  ', ',
  '-',
  '–',
  '—',
  '{',
  '}',
  '(',
  ')',
  '<',
  '>',
  '`',
  '```',
  '~~~',
  '$',
  '$$',
  '\\',
  '*',
  '_',
  '#',
  '## ',
  '|',
  ':',
  '!',
  '"',
  "'",
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\0',
  '\u2028',
  '\ufeff',
  '   ',
  '\n\n',
  '\n---\n',
  '---\n',
  '\n    ',
  '1',
  '2',
  '3',
  '12',
  '99',
  '0',
  '1-3',
  '[1]',
  '[2,3]',
  '[4-6]',
  '[1]-[3]',
  '[@smith2020]',
  '@doe2019',
  '[^1]',
  '[1]: https://x.org',
  'https://doi.org/10.1/x',
  'a@b.org',
  '<!-- ',
  ' -->',
  '<div>',
  '</div>',
  '## References\n\n',
  '## 参考文献\n\n',
  '1. ',
  '2. ',
  '\n1. Ref one.\n',
  '[1] Ref.\n',
  'IL-6',
  'IL-6R',
  'interleukin 6',
  'JAK',
  'STAT3',
  'TNF-α',
  'μg/mL',
  'ng/ml',
  'CRC',
  '白细胞介素-6',
  '结直肠癌',
  '参考文献',
  '，',
  '。',
  '【',
  '】',
  '（',
  '）',
  '［',
  '］',
  '😀',
  '👩‍🔬',
  '🇨🇳',
  '\u0301',
  'e\u0301',
  '\u0336',
  '\ud800',
  '\udc00',
  '\udbff\udfff',
  '\ud83d',
];

/** A character or piece: mostly syntax, sometimes any code unit or any code point. */
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
  { weight: 1, arbitrary: codeUnit },
);

/** Arbitrary text: syntax pieces and arbitrary Unicode, up to `maxPieces` of them. */
export function hostileText(maxPieces = 80): fc.Arbitrary<string> {
  return fc.array(piece, { maxLength: maxPieces }).map((parts) => parts.join(''));
}

/** Hostile text that may open with front matter (itself hostile) naming files. */
export function hostileManuscript(maxPieces = 80): fc.Arbitrary<string> {
  const frontMatter = fc.oneof(
    fc.constant(''),
    fc.constant('---\nbibliography: refs.bib\n---\n'),
    fc.constant('---\r\nbibliography: [a.bib, b.json]\r\nlang: zh-CN\r\n---\r\n'),
    hostileText(20).map((yaml) => `---\nbibliography: ${yaml}\n---\n`),
    hostileText(20).map((yaml) => `---\n${yaml}\n---\n`),
  );
  return fc.tuple(frontMatter, hostileText(maxPieces)).map(([fm, body]) => fm + body);
}

/** Fixed huge inputs: what a fuzzer at small sizes does not reach. */
export function hugeCases(): { name: string; text: string }[] {
  const line = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
  const MB = 1 << 20;
  return [
    { name: '1 MB single line of ASCII and citations', text: line('IL-6 [1] drives [@smith2020; @doe2019] growth ', MB) },
    { name: '1 MB single line of CJK', text: line('白细胞介素-6（IL-6）促进结直肠癌［1］。', MB) },
    { name: '1 MB single line of one bracket', text: '['.repeat(MB) },
    { name: '1 MB of backticks and dollars', text: line('`$', MB) },
    { name: '100,000 nested brackets', text: '['.repeat(100_000) + '@a' + ']'.repeat(100_000) },
    { name: '100,000 empty lines in CRLF', text: '\r\n'.repeat(100_000) },
    { name: 'lone surrogates and NUL', text: line('\ud800\0\udc00', 200_000) },
  ];
}

/** Fails (with the offending range) unless every range lies inside a text of `length` code units. */
export function assertRangesInside(ranges: Iterable<OffsetRange>, length: number, what: string): void {
  for (const r of ranges) {
    if (!(Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.start <= r.end && r.end <= length)) {
      throw new Error(`${what}: range ${JSON.stringify(r)} is not inside a text of length ${length}`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Mutations of real files

/** One way of breaking a file, as a function of the file and a few random numbers. */
export type Mutation = (text: string) => string;

const insertAt = (text: string, at: number, piece: string) => text.slice(0, at) + piece + text.slice(at);

/** Decodes random bytes as UTF-8 the way a reader decodes a file with bytes that are not UTF-8: replacement characters. */
function invalidUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

/** A mutation of a real file: truncation, unbalanced braces, deep nesting, invalid UTF-8, huge fields, random splices. */
export function mutation(): fc.Arbitrary<Mutation> {
  const offset = fc.double({ min: 0, max: 1, noNaN: true });
  return fc.oneof(
    offset.map(
      (f): Mutation =>
        (t) =>
          t.slice(0, Math.floor(t.length * f)),
    ),
    fc.tuple(offset, fc.constantFrom('{', '}', '[', ']', '"', '@', ',', '\n', ':', '- ', '\\', '{{', '}}')).map(
      ([f, c]): Mutation =>
        (t) =>
          insertAt(t, Math.floor(t.length * f), c),
    ),
    fc.tuple(offset, fc.integer({ min: 1, max: 5000 }), fc.constantFrom(['{', '}'], ['[', ']'], ['- ', '\n'], ['{"a":', '}'])).map(
      ([f, depth, [open, close]]): Mutation =>
        (t) =>
          insertAt(t, Math.floor(t.length * f), open.repeat(depth) + close.repeat(depth)),
    ),
    fc.tuple(offset, fc.constantFrom('{', '[', '- [', '"')).map(
      ([f, open]): Mutation =>
        (t) =>
          insertAt(t, Math.floor(t.length * f), open.repeat(10_000)),
    ),
    fc.tuple(offset, fc.uint8Array({ minLength: 1, maxLength: 64 })).map(
      ([f, bytes]): Mutation =>
        (t) =>
          insertAt(t, Math.floor(t.length * f), invalidUtf8(bytes)),
    ),
    fc.tuple(offset, fc.constantFrom('x', 'α', '文', '{', '😀')).map(
      ([f, c]): Mutation =>
        (t) =>
          insertAt(t, Math.floor(t.length * f), c.repeat(200_000)),
    ),
    fc.tuple(offset, offset).map(
      ([a, b]): Mutation =>
        (t) =>
          t.slice(0, Math.floor(t.length * Math.min(a, b))) + t.slice(Math.floor(t.length * Math.max(a, b))),
    ),
    fc.tuple(offset, hostileText(10)).map(
      ([f, s]): Mutation =>
        (t) =>
          insertAt(t, Math.floor(t.length * f), s),
    ),
    fc.constant<Mutation>((t) => '\ufeff' + t),
    fc.constant<Mutation>((t) => t.replace(/\n/g, '\r\n')),
  );
}

/** One to three mutations applied in turn. */
export function mutated(original: string): fc.Arbitrary<string> {
  return fc.array(mutation(), { minLength: 1, maxLength: 3 }).map((ms) => ms.reduce((t, m) => m(t), original));
}
