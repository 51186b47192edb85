/**
 * citation-js's BibTeX errors in a writer's words: which entry, which field, and what is
 * wrong, ending with a full stop, with the line of the entry where it is.
 */
import { errorMessage, firstSentence } from './formatSupport';

/** Token names of citation-js's BibTeX grammar, as a writer would name them. */
const TOKENS: Readonly<Record<string, string>> = {
  lbrace: "a '{'",
  rbrace: "a '}'",
  comma: "a ','",
  equals: "an '='",
  quote: "a '\"'",
  text: 'text',
  identifier: 'a field name',
  number: 'a number',
  whitespace: 'a space',
  at: "an '@'",
  hash: "a '#'",
  EOF: 'the end of the entry',
};

const tokenName = (token: string): string => TOKENS[token] ?? `'${token}'`;

/** What went wrong, and on which line of `source` (0-based), given what citation-js threw reading it after `linesBefore` lines of macros. */
export function describeBibtexError(error: unknown, key: string, source: string, linesBefore: number): { message: string; line?: number } {
  const raw = errorMessage(error);
  const at = /at line (\d+) col (\d+)/.exec(raw);
  let line: number | undefined;
  if (at && Number(at[1]) > 0) {
    line = Math.max(0, Number(at[1]) - 1 - linesBefore);
  } else {
    // Line 0: citation-js failed inside one field value, which it quotes after "1  ".
    const quoted = /\n1 {2}(.*?)(?: \([\w\->]+\))?$/m.exec(raw)?.[1]?.trim();
    const offset = quoted ? source.indexOf(quoted.slice(0, 40)) : -1;
    if (offset >= 0) line = source.slice(0, offset).split('\n').length - 1;
  }
  const field = line === undefined ? undefined : fieldAt(source, line);
  const where = field ? `Entry '${key}', field '${field}'` : `Entry '${key}'`;
  return { message: `${where}: ${cause(raw)}.`, line };
}

/** The field whose value holds line `line` of the entry: the last `name =` at or before it. */
function fieldAt(source: string, line: number): string | undefined {
  const lines = source.split('\n');
  for (let i = Math.min(line, lines.length - 1); i >= 1; i--) {
    const names = [...lines[i].matchAll(/(?:^|,)\s*([A-Za-z][\w:.-]*)\s*=/g)];
    if (names.length > 0) return names[names.length - 1][1].toLowerCase();
  }
  return undefined;
}

function cause(raw: string): string {
  if (/MathString/.test(raw)) return "a '$' starts math that is never closed; write \\$ for a dollar sign";
  const expected = /expected "(\w+)", got (EOF|"(\w+)")/.exec(raw);
  if (expected) {
    const got = expected[2] === 'EOF' ? 'EOF' : expected[3];
    if (expected[1] === 'rbrace' && got === 'EOF') return "a '{' is never closed: a '}' is missing";
    if (expected[1] === 'rbrace' && got === 'identifier') return "a ',' is missing after the previous field";
    if (expected[1] === 'lbrace') return `a command needs its argument in braces, as \\textit{...}; found ${tokenName(got)}`;
    return `expected ${tokenName(expected[1])} but found ${tokenName(got)}`;
  }
  const sentence = firstSentence(raw)
    .replace(/\s*at line \d+ col \d+.*$/, '')
    .replace(/[\s:;,]+$/, '');
  return sentence ? sentence.charAt(0).toLowerCase() + sentence.slice(1) : 'it could not be read';
}
