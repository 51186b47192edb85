/**
 * `@string` macros a BibTeX file names but does not define before the name is used. BibTeX and
 * citation-js read such a value as empty (BibTeX with a warning) and pandoc as the name itself
 * (`journal = jbc` gives the journal "jbc"), so the writer is told, at the name: a mistyped
 * macro, or one defined below its first use, silently loses a journal or a month otherwise.
 */
import type { BibEntry } from './cslItem';
import { macroMisses, predefinedMacros, type MacroMiss } from './bibtexFields';
import type { Finding } from '../findings';
import { RULES } from '../rules';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/**
 * Journals that BibTeX's standard styles (plain.bst) define and citation-js reads too, pandoc
 * not. Made on first use: citation-js's tables load with the first BibTeX file, not before.
 */
let standardStyles: Readonly<Record<string, string | number>> | undefined;
function standardStyleMacro(name: string): string | number | undefined {
  standardStyles ??= Object.fromEntries(Object.entries(predefinedMacros()).filter(([macro]) => !MONTHS.includes(macro)));
  return standardStyles[name];
}

/**
 * A `@string` macro's start and name. Looser than the file's reader (it also finds one in a
 * comment), so a macro it finds that the reader does not can only hide a warning, not make one.
 */
const MACRO = /@\s*string\s*[{(]\s*([A-Za-z_][A-Za-z0-9_:+-]*)/gi;
/** A name where a value can name a macro: after `=` or `#` and any spaces and `%` comments. */
const BARE_NAME = /[=#](?:\s|%[^\n]*\n)*([A-Za-z_][A-Za-z0-9_:+-]*)/g;

/**
 * Findings for each use of an undefined macro in the entries of a BibTeX file whose text is
 * `text`, in file order; `lineOf` gives a 1-based line number.
 */
export function undefinedMacroFindings(text: string, entries: readonly BibEntry[], lineOf: (offset: number) => number): Finding[] {
  const macros: { name: string; at: number }[] = [];
  MACRO.lastIndex = 0;
  for (let m = MACRO.exec(text); m; m = MACRO.exec(text)) macros.push({ name: m[1].toLowerCase(), at: m.index });
  // Month names are the only macros pandoc knows without a @string.
  const strings: Record<string, string | number> = Object.fromEntries(MONTHS.map((month) => [month, '']));
  const misses: MacroMiss[] = [];
  let next = 0;
  for (const entry of [...entries].sort((a, b) => a.range.start - b.range.start)) {
    for (; next < macros.length && macros[next].at < entry.range.start; next++) strings[macros[next].name] = '';
    const source = text.slice(entry.range.start, entry.range.end);
    // Most entries name no macro, or only defined ones (`month = jan`): only the others are read again.
    if (!namesUnknown(source, strings)) continue;
    for (const miss of macroMisses(source, strings) ?? []) misses.push({ ...miss, at: entry.range.start + miss.at });
  }
  return misses.map(({ name, field, at }) => {
    const later = macros.find((m) => m.name === name.toLowerCase());
    const where = later ? ` It is defined later, on line ${lineOf(later.at)}: move that @string above its first use.` : '';
    const standard = standardStyleMacro(name.toLowerCase());
    const message =
      standard === undefined
        ? `'${name}' (in '${field}') is not defined by any @string above it: the field is read as empty, and pandoc prints '${name}' instead.${where}`
        : `'${name}' (in '${field}') is defined by no @string above it, only by BibTeX's standard styles: Citokine reads '${standard}' as BibTeX does, and pandoc prints '${name}'.${where}`;
    return { code: RULES.undefinedMacro.code, range: { start: at, end: at + name.length }, message, data: { name } };
  });
}

/** True when `source` may name a macro `strings` lacks: a name after `=` or `#` that it lacks. */
function namesUnknown(source: string, strings: Record<string, string | number>): boolean {
  BARE_NAME.lastIndex = 0;
  for (let m = BARE_NAME.exec(source); m; m = BARE_NAME.exec(source)) if (!Object.hasOwn(strings, m[1].toLowerCase())) return true;
  return false;
}
