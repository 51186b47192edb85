/**
 * Personal names in BibTeX fields split as pandoc's BibLaTeX reader splits them, where
 * citation-js (which follows BibTeX's own rule) differs. In `von Last, First` form pandoc's
 * von part is the leading lower-case words only, so `Brito da Silva, L.` keeps the family name
 * whole (BibTeX and citation-js make `Brito da` a particle); that part is a dropping particle
 * (`Ludwig van Beethoven` sorts under B); and, as citeproc reads any CSL name, lower-case
 * words leading the family name (`{de la} Vallée Poussin`, `{van Vliet}`, `d'Alembert`) are a
 * non-dropping particle and lower-case words ending the given name a dropping one.
 */
import { isSpace } from './bibtexFields';
import { readBibtexValue } from './bibtexValues';
import type { CslItem } from './cslItem';
import { untex } from './latex';
import { rawFieldValue } from './titles';

/** CSL name variables read again from the BibTeX field of the same name. */
const NAME_FIELDS = ['author', 'editor', 'translator'] as const;

type CslName = Record<string, unknown>;

/**
 * `item` with the names of its `author`, `editor` and `translator` fields split as pandoc splits
 * them. `item` is the caller's own (a parse's fresh item): a list read again replaces the old
 * one in place, where it stood among the fields.
 */
export function pandocNames(item: CslItem, source: string): CslItem {
  const usePrefix = usesPrefix(source);
  for (const field of NAME_FIELDS) {
    const names = item[field];
    if (!Array.isArray(names)) continue;
    const raw = rawFieldValue(source, field);
    if (raw === undefined) continue;
    const rawNames = splitDepthZero(raw.trim(), /\s+and\s+/iy);
    if (rawNames.length !== names.length) continue;
    // A new list only when a name is read differently (most lists of Western names stay).
    let split: CslName[] | undefined;
    for (let i = 0; i < names.length; i++) {
      const name = cachedPandocName(rawNames[i], usePrefix);
      if (name) (split ??= names.slice())[i] = name;
    }
    if (split) item[field] = split;
  }
  return item;
}

/**
 * False when every word of the name starts with a capital and nothing is braced or escaped:
 * then there is no particle and citation-js's split is pandoc's (`Smith, John`, `J. R. Smith`).
 */
function needsPandocSplit(raw: string): boolean {
  if (/[{}\\]/.test(raw)) return !/^\s*\{[^{}]*\}\s*$/.test(raw);
  return raw.includes('-') || raw.split(/[\s,~]+/).some((word) => word !== '' && !/^[\p{Lu}\d]/u.test(word));
}

/** biblatex's `useprefix` option in the entry's `options` field: the von part is then a non-dropping particle. */
function usesPrefix(source: string): boolean {
  const options = rawFieldValue(source, 'options');
  return options !== undefined && /(?:^|,)\s*useprefix\s*(?:=\s*true\s*)?(?:,|$)/i.test(options);
}

/**
 * Names read so far, by source (and `useprefix`): a library names the same people again and
 * again, and reading a name is most of this module's work. Bounded, so a server that reads
 * many libraries keeps no more than a few thousand; each item gets its own copy. Undefined
 * for a name citation-js splits as pandoc does (or one pandoc reads as a literal): it stays.
 */
const NAME_CACHE = new Map<string, CslName | null>();
const NAME_CACHE_SIZE = 20000;

/** The name pandoc reads from `raw`, where it differs from citation-js's reading. */
function cachedPandocName(raw: string, usePrefix: boolean): CslName | undefined {
  const key = usePrefix ? `+${raw}` : raw;
  // One lookup: a name that stays is cached as null, so `undefined` means not read yet.
  let name = NAME_CACHE.get(key);
  if (name === undefined) {
    if (NAME_CACHE.size >= NAME_CACHE_SIZE) NAME_CACHE.clear();
    NAME_CACHE.set(key, (name = (needsPandocSplit(raw) ? pandocName(raw, usePrefix) : undefined) ?? null));
  }
  return name === null ? undefined : { ...name };
}

/** One name as pandoc's BibLaTeX reader and citeproc read it; undefined for a key-value or literal name. */
function pandocName(raw: string, usePrefix: boolean): CslName | undefined {
  if (splitDepthZero(raw, EQUALS).length > 1) return undefined;
  const parts = splitDepthZero(raw, /\s*,\s*/y).map((part) => splitDepthZero(part.trim(), /[\s~]+/y).filter((w) => w !== ''));
  let first: string[];
  let vonLast: string[];
  let jr: string[] = [];
  if (parts.length === 1) {
    const words = parts[0];
    const caps = words.findIndex((w) => !isCapitalized(w));
    const leading = caps < 0 ? words.length : caps;
    if (leading === words.length && leading > 0) [first, vonLast] = [words.slice(0, -1), words.slice(-1)];
    else [first, vonLast] = [words.slice(0, leading), words.slice(leading)];
  } else if (parts.length === 2) [vonLast, first] = parts;
  else [vonLast, jr, first] = parts;
  const capital = vonLast.findIndex(isCapitalized);
  let von = capital < 0 ? vonLast : vonLast.slice(0, capital);
  let last = capital < 0 ? [] : vonLast.slice(capital);
  if (last.length === 0 && von.length > 0) [von, last] = [von.slice(0, -1), von.slice(-1)];
  const text = (words: string[]) => words.map(wordText).join(' ').trim();
  return withParticles({
    family: text(last),
    given: text(first),
    [usePrefix ? 'non-dropping-particle' : 'dropping-particle']: text(von),
    suffix: text(jr),
  });
}

/**
 * pandoc's test of a name word: its first character outside braces is upper case (digits are
 * passed over); a braced group is passed over whole, so `{\'E}douard` reads as lower case and
 * `{van Vliet}` as capitalised. An accent command is read as its letter (`\'Emile`, `\v{S}`).
 */
function isCapitalized(word: string): boolean {
  let rest = word;
  while (rest !== '') {
    if (rest[0] === '{') {
      rest = rest.slice(groupEnd(rest, 0) + 1);
      continue;
    }
    const accent = /^\\(?:[`'^"~=.]|[uvHcdbtkr](?![A-Za-z]))\s*\{?\s*/.exec(rest);
    if (accent) {
      rest = rest.slice(accent[0].length);
      continue;
    }
    const letter = /^\\(AA|AE|OE|O|L|aa|ae|oe|o|l|ss|i|j)(?![A-Za-z])/.exec(rest);
    if (letter) return /^[A-Z]/.test(letter[1]);
    // Any other command is markup pandoc passes over, with its braced argument.
    const command = /^\\[A-Za-z]+\s*/.exec(rest);
    if (command) {
      rest = rest.slice(command[0].length);
      if (rest[0] === '{') rest = rest.slice(groupEnd(rest, 0) + 1);
      continue;
    }
    if (/\d/.test(rest[0])) {
      rest = rest.slice(1);
      continue;
    }
    return /[\p{Lu}\p{Lt}]/u.test(rest[0]);
  }
  return true;
}

/** A word's text as citation-js reads a literal value, with the LaTeX it leaves made Unicode. */
function wordText(word: string): string {
  try {
    const value: unknown = readBibtexValue(word, 'note');
    return typeof value === 'string' ? untex(value).trim() : word;
  } catch {
    return word;
  }
}

/** A word of particle characters: lower-case letters, apostrophes, hyphens, full stops. */
const PARTICLE_WORD = /^[\p{Ll}'’\-–.]+$/u;
const PARTICLE_PUNCT = /['’\-–.]/;

/**
 * citeproc's reading of a name's parts: lower-case words ending the given name are a dropping
 * particle, lower-case words leading the family name a non-dropping one (`d'Alembert` gives `d'`).
 */
function withParticles(parts: Record<string, string>): CslName {
  let { family, given } = parts;
  let dropping = parts['dropping-particle'] ?? '';
  let nonDropping = parts['non-dropping-particle'] ?? '';
  const givenWords = given.split(' ').filter(Boolean);
  const at = givenWords.findIndex((w) => PARTICLE_WORD.test(w));
  if (!dropping && at > 0 && givenWords.slice(at).every((w) => PARTICLE_WORD.test(w))) {
    given = givenWords.slice(0, at).join(' ');
    dropping = givenWords.slice(at).join(' ');
  }
  const familyWords = family.split(' ').filter(Boolean);
  const lead = nonDropping ? -1 : familyWords.findIndex((w) => !PARTICLE_WORD.test(w));
  if (lead > 0) {
    nonDropping = familyWords.slice(0, lead).join(' ');
    family = familyWords.slice(lead).join(' ');
  } else if (lead === 0) {
    const pieces = family.split(PARTICLE_PUNCT);
    if (pieces.length === 2 && PARTICLE_WORD.test(pieces[0] + '.')) {
      nonDropping = pieces[0] + family[pieces[0].length];
      family = pieces[1];
    }
  }
  const name: CslName = {};
  if (family) name.family = family;
  if (given) name.given = given;
  if (dropping) name['dropping-particle'] = dropping;
  if (nonDropping) name['non-dropping-particle'] = nonDropping;
  if (parts.suffix) name.suffix = parts.suffix;
  return name;
}

/** The index of the `}` closing the `{` at `open` (the end of `text` when it never closes). */
function groupEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x7b) depth++;
    else if (c === 0x7d && --depth === 0) return i;
  }
  return text.length;
}

/** A key-value name (`family=Smith, given=Jane`) has an `=` outside braces. */
const EQUALS = /=/y;

/** A character a separator can start with (`[\s,~=]`); the separator is tried only there. */
const separatorStart = (code: number): boolean => code === 0x2c || code === 0x7e || code === 0x3d || isSpace(code);

/** `text` split where the sticky `separator` (one that starts with a space, `,`, `~` or `=`) matches outside braces. */
function splitDepthZero(text: string, separator: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) {
      i++;
      continue;
    }
    if (c === 0x7b) depth++;
    else if (c === 0x7d) depth = Math.max(0, depth - 1);
    else if (depth === 0 && separatorStart(c)) {
      // `test`, not `exec`: a sticky match ends at `lastIndex`, and no match array is made per space.
      separator.lastIndex = i;
      if (separator.test(text) && separator.lastIndex > i) {
        out.push(text.slice(start, i));
        start = separator.lastIndex;
        i = start - 1;
      }
    }
  }
  out.push(text.slice(start));
  return out;
}
