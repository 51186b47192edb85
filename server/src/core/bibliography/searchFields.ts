/**
 * What a search looks at in an entry and how one typed word scores against it. The fields
 * are kept as one folded string per entry, fields separated by `\n` (a character no query
 * holds, so no match spans two fields), with the field ends beside it: a 50,000-entry
 * library then costs one string per entry rather than a dozen, and a search of all fields
 * at once is one `includes`.
 *
 * Layout: `key \n family \n family ... \n others \n title \n year \n container \n doi \n extra`,
 * every family preceded by a `\n` (the first by the key's), so that a family-name prefix is
 * `indexOf('\n' + word)` before the families end.
 */
import { issuedYear, type BibEntry } from './cslItem';
import { builtinContext } from './referenceCard';
import { hasHan } from '../text/script';

/** What the search reads of an entry: its key and item (a parsed entry, or a library's entry with its origin). */
export type SearchedEntry = Pick<BibEntry, 'key' | 'item'>;

/**
 * 0 when `text` is ASCII, 1 when it is ASCII and CJK unified ideographs (U+4E00-U+9FFF: letters
 * without case or decomposition, so its folding is its lower case too), 2 otherwise.
 */
function script(text: string): number {
  let kind = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x4e00 || c > 0x9fff) return 2;
    kind = 1;
  }
  return kind;
}

/** Lower case without diacritics, so `perez` finds Pérez; Han characters pass unchanged. */
export function fold(text: string): string {
  // Most of a library is ASCII or Han, which decompose to themselves: only their case changes.
  if (script(text) < 2) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Folded names, by name: a library names the same people again and again (at most `FOLDED_NAMES`, then begun again). */
const foldedNames = new Map<string, string>();
const FOLDED_NAMES = 20_000;
/** `fold` of a name, cached by name. */
export function foldName(name: string): string {
  let folded = foldedNames.get(name);
  if (folded === undefined) {
    if (foldedNames.size >= FOLDED_NAMES) foldedNames.clear();
    foldedNames.set(name, (folded = fold(name)));
  }
  return folded;
}

/** " word word": punctuation becomes a space so that a word prefix is `includes(' ' + w)`. */
export function spaced(text: string): string {
  // ASCII letters and digits are its only `\p{L}` and `\p{N}`, and the ideographs are letters:
  // a plain class is several times faster.
  const kind = script(text);
  if (kind < 2)
    return ` ${text
      .toLowerCase()
      .replace(kind === 0 ? /[^a-z0-9]+/g : /[^a-z0-9\u4e00-\u9fff]+/g, ' ')
      .trim()}`;
  return ` ${fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()}`;
}

/** Where the fields of an entry's text end: key, families, others, title, year, container, doi (extra ends with the text). */
export const FIELD_ENDS = 7;
const [KEY, FAMILIES, OTHERS, TITLE, YEAR, CONTAINER, DOI] = [0, 1, 2, 3, 4, 5, 6];

/** Where an entry's key, family names (`\n` between them) and DOI stand in its text, whose field ends start at `e` in `ends`. */
export const fieldRange = (ends: ArrayLike<number>, e: number, field: 'key' | 'families' | 'doi'): [number, number] =>
  field === 'key'
    ? [0, ends[e + KEY]]
    : field === 'families'
      ? [ends[e + KEY] + 1, ends[e + FAMILIES]]
      : [ends[e + CONTAINER] + 1, ends[e + DOI]];

/** An entry's search text and its field ends (`FIELD_ENDS` numbers). */
export interface EntryText {
  readonly text: string;
  readonly ends: readonly number[];
}

type Name = { family?: unknown; given?: unknown; literal?: unknown };
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/**
 * An entry's fields, folded (lower case, no diacritics), as one text: key, family names (Han
 * names also family+given), given names, title, year, journal, DOI and the built-in corpus's
 * context. Made by concatenation, without a list per field: every entry of a library is made
 * into one while it loads.
 */
export function entrySearch(entry: SearchedEntry): EntryText {
  const item = entry.item;
  let families = '';
  let others = '';
  for (let role = 0; role < 2; role++) {
    const names = item[role === 0 ? 'author' : 'editor'];
    if (!Array.isArray(names)) continue;
    for (const n of names as Name[]) {
      if (plainName(n)) {
        // Folded below, all names at once (folding ASCII is lower case); no Han, no line break.
        if (n.family) families += `\n${n.family as string}`;
        if (n.given) others = others ? `${others} ${n.given as string}` : (n.given as string);
        continue;
      }
      const family = typeof n.family === 'string' ? foldName(n.family) : '';
      const given = typeof n.given === 'string' ? foldName(n.given) : '';
      if (family) families += `\n${line(family)}`;
      if (family && given && hasHan(family)) families += `\n${line(family + given)}`;
      if (given) others = others ? `${others} ${given}` : given;
      if (typeof n.literal === 'string') families += `\n${line(fold(n.literal))}`;
    }
  }
  // Lower case again leaves folded names as they are.
  families = families.toLowerCase();
  others = others.toLowerCase();
  const context = builtinContext(item);
  const key = keyField(entry);
  // Spaced fields, the year and the DOI hold no line break already.
  const fields = [
    line(others),
    spaced(str(item.title)),
    issuedYear(item) ?? '',
    spaced(`${str(item['container-title'])} ${str(item['container-title-short'])} ${str(item.journalAbbreviation)}`),
    doiField(entry),
  ];
  const extra = context ? line(fold([context.citedFor?.en, context.citedFor?.zh].filter(Boolean).join(' '))) : '';
  const ends = [key.length, key.length + families.length];
  let at = ends[1];
  for (const field of fields) ends.push((at += 1 + field.length));
  // Joined, not concatenated: one flat string, which the index's chunks copy without walking pieces.
  return { text: [key + families, ...fields, extra].join('\n'), ends };
}

/** A name of ASCII family and given name strings (or none), without line breaks or a literal: its folding is its lower case. */
function plainName(n: Name): boolean {
  return typeof n.literal !== 'string' && (n.family === undefined || plainText(n.family)) && (n.given === undefined || plainText(n.given));
}

function plainText(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f || c === 10 || c === 13) return false;
  }
  return true;
}

/** No field may hold the separator: a newline becomes a space. */
const BREAK = /[\n\r]/;
const line = (text: string) => (BREAK.test(text) ? text.replace(/[\n\r]/g, ' ') : text);

/** An entry's key as searched (lower case). */
export const keyField = (entry: SearchedEntry): string => line(entry.key.toLowerCase());

/** An entry's DOI as searched (lower case), or empty. */
export function doiField(entry: SearchedEntry): string {
  const doi = entry.item.DOI as unknown;
  return line(typeof doi === 'string' ? doi.toLowerCase() : typeof doi === 'number' ? String(doi) : '');
}

/** What was typed, folded: the whole text and its words. */
export interface Query {
  readonly needle: string;
  readonly words: readonly string[];
}

/**
 * The query for what was typed. Its words are split at punctuation and between letters and
 * digits, so `smith2020` looks for the author Smith in 2020 and `il6` for "IL-6".
 */
export function queryOf(typed: string): Query {
  // Control characters could match the field separator: they search as spaces.
  const folded = fold(typed.trim()).replace(/[\u0000-\u001f]/g, ' ');
  const words = folded
    .split(/[^\p{L}\p{N}]+/u)
    .flatMap((w) => w.match(/\p{N}+|[^\p{N}]+/gu) ?? [])
    .filter(Boolean);
  return { needle: folded, words };
}

/**
 * How well one typed word matches an entry, lower is better, or -1 for no match: a key
 * prefix; a family name; part of the key, a title word or the year; title text anywhere
 * (Chinese titles have no word breaks); a journal word or the DOI; then part of a name, a
 * given name, journal text and the built-in corpus's context. `e` is where the entry's field
 * ends start in `ends`. `whole` scores the whole typed text instead: a key prefix 0, part of
 * the key 1, a DOI prefix 2, else the word's tier plus 2.
 *
 * One pass over the word's places in the text: each place is scored by the field it stands in
 * and the character before it (a space starts a word, a line break a family name), and the
 * best place gives the tier, as would a search per tier in that order.
 */
function tierOf(text: string, ends: ArrayLike<number>, e: number, word: string, whole: boolean): number {
  let best = -1;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const tier = whole ? wholeTierAt(text, ends, e, word, at) : tierAt(text, ends, e, word, at);
    if (tier >= 0 && (best < 0 || tier < best)) best = tier;
    // The places left are further on: none scores lower than the fields there allow.
    if (best >= 0 && best <= lowestFrom(ends, e, at + 1, whole)) break;
  }
  return best;
}

/** The lowest score a place at or after `at` can have (`tierAt`, or `wholeTierAt` when `whole`): the fields' ends are in order. */
function lowestFrom(ends: ArrayLike<number>, e: number, at: number, whole: boolean): number {
  if (at === 0) return 0;
  if (whole) return at < ends[e + KEY] ? 1 : at <= ends[e + CONTAINER] + 1 ? 2 : 7;
  // A family name starts at most at the families' end; the title's words and the year end one past the title.
  return at <= ends[e + FAMILIES] ? 2 : at <= ends[e + TITLE] + 1 ? 3 : at <= ends[e + DOI] ? 5 : 7;
}

/** The score of the whole text at one of its places: key prefix 0, part of the key 1, DOI prefix 2, else its word tier plus 2. */
function wholeTierAt(text: string, ends: ArrayLike<number>, e: number, needle: string, at: number): number {
  if (at === 0) return 0;
  if (at < ends[e + KEY]) return 1;
  const doiStart = ends[e + CONTAINER] + 1;
  if (at === doiStart && ends[e + DOI] > doiStart) return 2;
  const tier = tierAt(text, ends, e, needle, at);
  return tier < 0 ? -1 : tier + 2;
}

const SPACE = 32;
const NEWLINE = 10;
const DIGITS = /^\d+$/;

/** A word's tier at one place (see `tierOf`), or -1 when that place scores nothing. */
function tierAt(text: string, ends: ArrayLike<number>, e: number, word: string, at: number): number {
  if (at === 0) return 0;
  const keyEnd = ends[e + KEY];
  const familiesEnd = ends[e + FAMILIES];
  const before = text.charCodeAt(at - 1);
  // A family name starts after a line break between the key and the families' end.
  if (before === NEWLINE && at - 1 >= keyEnd && at - 1 < familiesEnd) return 2;
  if (at < keyEnd) return 3;
  const titleStart = ends[e + OTHERS] + 1;
  const titleEnd = ends[e + TITLE];
  const inTitle = at >= titleStart && at < titleEnd;
  if (before === SPACE && at - 1 >= titleStart && at - 1 < titleEnd) return 3;
  if (at === titleEnd + 1 && DIGITS.test(word)) return 3;
  if (inTitle) return 4;
  const containerStart = ends[e + YEAR] + 1;
  const doiStart = ends[e + CONTAINER] + 1;
  const doiEnd = ends[e + DOI];
  if (before === SPACE && at - 1 >= containerStart && at - 1 < doiStart - 1) return 5;
  if (at >= doiStart && at < doiEnd) return 5;
  if (at >= keyEnd + 1 && at < familiesEnd) return 6;
  if (at >= familiesEnd + 1 && at < ends[e + OTHERS]) return 7;
  if (at >= containerStart && at < doiStart - 1) return 7;
  if (at >= doiEnd + 1) return 7;
  return -1;
}

/** An entry's score for the query, lower is better, or -1 when it does not match. */
export function scoreOf(text: string, ends: ArrayLike<number>, e: number, query: Query): number {
  const { needle, words } = query;
  // The whole text first; where it is not in the text, each word must be, and match a field.
  const whole = tierOf(text, ends, e, needle, true);
  if (whole >= 0) return whole;
  if (!multiWord(query)) return -1;
  let score = 3;
  for (let i = 0; i < words.length && score >= 0; i++) {
    const wordScore = tierOf(text, ends, e, words[i], false);
    score = wordScore < 0 ? -1 : score + wordScore;
  }
  return score;
}

/** True when the words may match where the whole text does not: several words, or one that is not the whole text. */
export function multiWord(query: Query): boolean {
  return query.words.length > 1 || (query.words.length === 1 && query.words[0] !== query.needle);
}
