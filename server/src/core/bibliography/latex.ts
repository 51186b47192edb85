/**
 * LaTeX in BibTeX field values, as pandoc reads it: what citation-js's reader cannot parse is
 * rewritten before it reads an entry (`$200`, `{\textit X}`, `\enquote*{...}`), and what it
 * leaves as LaTeX in the CSL item (`\TeX`, `\quad`, `\hyphen`, `` `quoted' ``) becomes Unicode
 * afterwards, so no backslash reaches a formatted reference.
 */
import type { CslItem } from './cslItem';

/** Text commands that take one argument; written `\cmd X` (no braces) they take one character, as in TeX. */
const ARGUMENT_COMMANDS =
  'textit|textbf|textsc|texttt|textsf|textrm|textup|textsl|textmd|textnormal|emph|mkbibquote|mkbibemph|mkbibitalic|mkbibbold|enquote|textsuperscript|textsubscript|mkbibacro|uppercase|lowercase|MakeUppercase|MakeLowercase';
const UNBRACED_ARGUMENT = new RegExp(String.raw`\\(${ARGUMENT_COMMANDS})\*?[ \t]+([^\s{}\\$])`, 'g');
/** `\enquote*{x}` (the starred form, inner quotes) reads as `\enquote{x}`. */
const STARRED_COMMAND = /\\([A-Za-z]+)\*(?=\s*\{)/g;

/**
 * Rewrites one entry's source so citation-js can read what pandoc reads. Every rewrite keeps
 * the line breaks, so a line number citation-js reports is still the entry's own line.
 */
export function prepareEntrySource(source: string, dropped: ReadonlySet<string> = ALWAYS_DROPPED): string {
  // Every rewrite but the dollars' needs a command (the test spares most entries three scans).
  if (!source.includes('\\')) return escapeLoneDollars(source);
  return escapeLoneDollars(dropCommands(source, dropped).replace(STARRED_COMMAND, '\\$1').replace(UNBRACED_ARGUMENT, '\\$1{$2}'));
}

/** BibTeX's sorting idiom `{\noopsort{1973b}}`: no reader knows the command, so it goes with its argument. */
const ALWAYS_DROPPED: ReadonlySet<string> = new Set(['noopsort']);
/** A braced group, nested up to three deep. */
const BRACED_GROUP = String.raw`\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}`;
const DEFINITION = /\\(?:(?:re|provide)?newcommand|DeclareRobustCommand)\*?\s*\{?\s*\\([A-Za-z]+)|\\[gex]?def\s*\\([A-Za-z]+)/g;

/**
 * The commands a file's `@preamble` entries define (`\newcommand{\noopsort}[1]{}`), and
 * `\noopsort`. pandoc does not read the preamble: in a field such a command is unknown to it,
 * and it drops the command with its braced arguments (`{\noopsort{b}}The Art` is "The Art").
 * A command pandoc knows keeps its meaning, whatever the preamble says.
 */
export function preambleCommands(preambles: readonly string[]): ReadonlySet<string> {
  const names = new Set(ALWAYS_DROPPED);
  for (const preamble of preambles) for (const m of preamble.matchAll(DEFINITION)) names.add(m[1] ?? m[2]);
  for (const known of [...Object.keys(COMMAND_TEXT), ...ARGUMENT_COMMANDS.split('|')]) if (!ALWAYS_DROPPED.has(known)) names.delete(known);
  return names;
}

/** Each use of a `dropped` command, with the braced groups right after it, removed; line breaks stay. */
function dropCommands(source: string, dropped: ReadonlySet<string>): string {
  if (dropped.size === 0 || !source.includes('\\')) return source;
  // Most entries use none of them (the pattern needs one's name after its backslash).
  let used = false;
  for (const name of dropped) if ((used = source.includes(`\\${name}`))) break;
  if (!used) return source;
  let use = DROPPING.get(dropped);
  if (!use) {
    use = new RegExp(String.raw`\\(?:${[...dropped].join('|')})(?![A-Za-z])(?:\s*${BRACED_GROUP})*`, 'g');
    DROPPING.set(dropped, use);
  }
  return source.replace(use, (m: string) => m.replace(/[^\n]/g, ''));
}

/** The pattern of each set of dropped commands, made once a file rather than once an entry. */
const DROPPING = new WeakMap<ReadonlySet<string>, RegExp>();

/**
 * A `$` that opens no math (`It costs $200`) is a dollar sign, as pandoc reads it: a `$` before
 * a digit, and the last `$` of a field value that has an odd number of them, are escaped.
 */
function escapeLoneDollars(source: string): string {
  if (!source.includes('$')) return source;
  let out = source.replace(/(^|[^\\])\$(?=\d)/g, '$1\\$');
  // A value still holding an odd number of unescaped `$` would make citation-js read to the end of the file in math mode.
  out = out.replace(/=\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}/g, (whole: string, value: string) => {
    const dollars = [...value.matchAll(/(^|[^\\])\$/g)];
    if (dollars.length % 2 === 0) return whole;
    const last = dollars[dollars.length - 1];
    const at = (last.index ?? 0) + last[1].length;
    const fixed = `${value.slice(0, at)}\\${value.slice(at)}`;
    return whole.replace(value, () => fixed);
  });
  return out;
}

/** What a LaTeX command becomes in plain text; a command not listed is dropped, as pandoc drops it. */
const COMMAND_TEXT: Readonly<Record<string, string>> = {
  TeX: 'TeX',
  LaTeX: 'LaTeX',
  LaTeXe: 'LaTeX2ε',
  BibTeX: 'BibTeX',
  XeTeX: 'XeTeX',
  LuaTeX: 'LuaTeX',
  ConTeXt: 'ConTeXt',
  METAFONT: 'METAFONT',
  quad: '\u2003',
  qquad: '\u2003\u2003',
  hyphen: '-',
  slash: '/',
  textendash: '–',
  textemdash: '—',
  endash: '–',
  emdash: '—',
  textellipsis: '…',
  dots: '…',
  ldots: '…',
  textbackslash: '\\',
  textasciitilde: '~',
  textunderscore: '_',
  textbar: '|',
  textless: '<',
  textgreater: '>',
  textdagger: '†',
  textsection: '§',
  textparagraph: '¶',
  textcopyright: '©',
  textregistered: '®',
  texttrademark: '™',
  textdegree: '°',
  textpm: '±',
  times: '×',
  relax: '',
  noopsort: '',
  nopunct: '',
  isdot: '',
  adddot: '.',
  addcomma: ',',
  addcolon: ':',
  addsemicolon: ';',
  addperiod: '.',
  addspace: ' ',
  space: ' ',
  newline: ' ',
  linebreak: ' ',
  par: ' ',
};

/**
 * A control word, or a control symbol, that citation-js left. The spaces after a control word
 * are kept: citation-js has already dropped the `{}` of `\TeX{} for`, so which space TeX would
 * swallow can no longer be told, and a writer means the space.
 */
const LEFT_COMMAND = /\\([A-Za-z]+)\*?(?:\{\})?([ \t]*)|\\([ ,;:!&%$#_{}~^'`"\/-])/g;
/** Commands that join two words (`methodology\hyphen independent`): the space after them is TeX's, not the writer's. */
const JOINERS = new Set(['hyphen', 'slash', 'nobreakdash', 'quad', 'qquad']);
const CONTROL_SYMBOL: Readonly<Record<string, string>> = {
  ' ': '\u00a0',
  ',': '\u2006',
  ';': '\u2005',
  ':': '\u2005',
  '!': '',
  '-': '',
  '/': '',
};

/** A field value as citation-js left it, with any LaTeX turned into Unicode as pandoc would. */
export function untex(value: string): string {
  if (!value.includes('\\') && !value.includes('`')) return value;
  let text = value.replace(LEFT_COMMAND, (_m: string, word: string | undefined, space: string | undefined, symbol: string | undefined) => {
    if (word !== undefined) return (COMMAND_TEXT[word] ?? '') + (JOINERS.has(word) ? '' : (space ?? ''));
    return CONTROL_SYMBOL[symbol ?? ''] ?? symbol ?? '';
  });
  // TeX's quotes: ``double'' and `single' (citation-js already turns ``..'' into “..”).
  text = text
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/``/g, '“')
    .replace(/''/g, '”')
    .replace(/`([^`']*)'/g, '‘$1’')
    .replace(/`/g, '‘');
  return text;
}

const VERBATIM_FIELDS = new Set(['id', 'DOI', 'URL', 'ISBN', 'ISSN', 'PMID', 'PMCID', 'citation-key', 'type', 'language']);

/**
 * A name that citation-js read as all particle (`{W}es {M}c{K}inney`: braces hide the
 * capitals, so every word reads as lower case) with its last word as the family name, as
 * BibTeX and pandoc read it: a name's last part is never empty.
 */
function withFamily(name: Record<string, unknown>): Record<string, unknown> {
  const particle = name['non-dropping-particle'];
  if (name.family !== undefined || name.literal !== undefined || typeof particle !== 'string') return name;
  const words = particle.split(/\s+/).filter(Boolean);
  if (words.length === 0) return name;
  const { ['non-dropping-particle']: _dropped, ...rest } = name;
  const family = words.pop() as string;
  return words.length > 0 ? { ...rest, 'non-dropping-particle': words.join(' '), family } : { ...rest, family };
}

/**
 * An item with LaTeX left by the reader turned into Unicode in every text field and name part
 * (never in ids, DOIs or URLs). `owned`: the item is the caller's own (a parse's fresh item),
 * changed in place instead of copied (a copy of each of 10,000 items was garbage of the load).
 */
export function untexItem(item: CslItem, owned = false): CslItem {
  const out: CslItem = owned ? item : { ...item };
  for (const field in item) {
    if (VERBATIM_FIELDS.has(field)) continue;
    const value: unknown = item[field];
    if (typeof value === 'string') out[field] = untex(value);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
      out[field] = untexNames(value as Record<string, unknown>[]);
    }
  }
  return out;
}

/** The names with each part untexed and trimmed, a family name given; the array itself when nothing changes (most do not: less garbage). */
function untexNames(names: Record<string, unknown>[]): Record<string, unknown>[] {
  let out: Record<string, unknown>[] | undefined;
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const read = withFamily(untexParts(name));
    if (read !== name) (out ??= names.slice())[i] = read;
  }
  return out ?? names;
}

/** A name with each string part untexed and trimmed; the name itself when no part changes. */
function untexParts(name: Record<string, unknown>): Record<string, unknown> {
  for (const key in name) {
    const v = name[key];
    if (typeof v === 'string' && untex(v).trim() !== v)
      return Object.fromEntries(Object.entries(name).map(([k, part]) => [k, typeof part === 'string' ? untex(part).trim() : part]));
  }
  return name;
}
