/**
 * biblatex's title parts as pandoc joins them: `titleaddon`, `maintitle` (a multi-volume
 * work), `booktitleaddon`. citation-js drops the addons and makes a book's main title its
 * container; pandoc makes it the title and the volume's own title the `volume-title`, and for
 * a chapter the main title is the container and the book's title the `volume-title`. Each
 * part is title, then ": " subtitle, then ". " addon.
 */
import type { CslItem } from './cslItem';
import { biblatexToCsl } from './bibtexValues';
import { prepareEntrySource, untex } from './latex';

/** Entry types pandoc reads as a part of a book: their `maintitle` names the container. */
const CHAPTERLIKE = new Set(['inbook', 'incollection', 'inproceedings', 'inreference', 'bookinbook']);

/** `item` with its titles joined from the entry's `source` as pandoc joins them; unchanged when the entry has none of these parts. */
export function biblatexTitles(item: CslItem, entryType: string, source: string): CslItem {
  if (!/addon|maintitle/i.test(source) || entryType === 'periodical') return item;
  const cache = new Map<string, string | undefined>();
  const get = (name: string): string | undefined => {
    if (!cache.has(name)) cache.set(name, fieldText(source, name));
    return cache.get(name);
  };
  const main = get('maintitle');
  const chapterlike = CHAPTERLIKE.has(entryType);
  const out: CslItem = { ...item };
  if (main !== undefined && !chapterlike) {
    // A volume of a multi-volume work: the work is the title, the volume's own title the volume title.
    out.title = joinParts(main, get('mainsubtitle'), get('maintitleaddon'));
    const volumeTitle = joinParts(get('title'), get('subtitle'), get('titleaddon'));
    if (volumeTitle !== undefined) out['volume-title'] = volumeTitle;
    if (typeof out['container-title'] === 'string' && out['container-title'].startsWith(main)) delete out['container-title'];
    return out;
  }
  const addon = get('titleaddon');
  if (addon !== undefined && typeof out.title === 'string') {
    if (main === undefined && out['title-short'] === undefined) out['title-short'] = out.title;
    out.title = `${out.title}. ${addon}`;
  }
  if (!chapterlike) return out;
  if (main !== undefined) {
    out['container-title'] = joinParts(main, get('mainsubtitle') ?? get('booksubtitle'), get('maintitleaddon') ?? get('booktitleaddon'));
    const volumeTitle = joinParts(get('booktitle'), get('booksubtitle'), get('booktitleaddon'));
    if (volumeTitle !== undefined) out['volume-title'] = volumeTitle;
  } else {
    const bookAddon = get('booktitleaddon');
    if (bookAddon !== undefined && typeof out['container-title'] === 'string')
      out['container-title'] = `${out['container-title']}. ${bookAddon}`;
  }
  return out;
}

function joinParts(title: string | undefined, subtitle: string | undefined, addon: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  return title + (subtitle ? `: ${subtitle}` : '') + (addon ? `. ${addon}` : '');
}

/** The one-field entry a field's value is read as, as a title. */
export const titleEntry = (raw: string): string => `@misc{citokinefield,\n  title = {${raw}}\n}`;

/**
 * A field's value as the reader gives it (LaTeX made Unicode), when it is written in braces or
 * quotes: read as the title of a made-up entry, by the fast reader (which reads what
 * citation-js's input chain reads, test/bibtex-fast-scanners.test.ts).
 */
function fieldText(source: string, name: string): string | undefined {
  const raw = rawFieldValue(source, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    const title = biblatexToCsl([titleEntry(raw)])[0]?.title;
    return typeof title === 'string' && title.trim() !== '' ? untex(title).trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The container title pandoc gives an entry that is not part of a book: a `booktitle` names
 * the book of a chapter or paper (CHAPTERLIKE) and nothing else, so a book, collection or
 * proceedings with one (an ADS or JabRef export) has no container but its journal; citation-js
 * makes any booktitle the container. A periodical is its own container, as pandoc reads it.
 */
export function pandocContainer(item: CslItem, entryType: string, source: string): CslItem {
  if (entryType === 'periodical') return typeof item.title === 'string' ? { ...item, 'container-title': item.title } : item;
  if (CHAPTERLIKE.has(entryType) || !/[,\s]booktitle\s*=/i.test(source) || item['container-title'] === undefined) return item;
  if (/[,\s]journaltitle\s*=/i.test(source)) return item; // citation-js prefers it to the booktitle, as pandoc does
  const out: CslItem = { ...item };
  delete out['container-title'];
  delete out['container-title-short'];
  if (!/[,\s]journal\s*=/i.test(source)) return out;
  const journal = fieldText(source, 'journal');
  // A journal given by a @string macro is not read here: citation-js's container stays.
  return journal === undefined ? item : { ...out, 'container-title': journal };
}

/** Where each field's value starts, by field name (a handful of names, each made once). */
const FIELD_START = new Map<string, RegExp>();

/** The text between the braces (or quotes) of field `name` in an entry's source. */
export function rawFieldValue(source: string, name: string): string | undefined {
  let field = FIELD_START.get(name);
  if (!field) FIELD_START.set(name, (field = new RegExp(String.raw`[,\s]${name}\s*=\s*`, 'i')));
  const m = field.exec(source);
  if (!m) return undefined;
  const start = m.index + m[0].length;
  const open = source.charCodeAt(start);
  const braced = open === 0x7b;
  if (!braced && open !== 0x22) return undefined;
  let depth = 0;
  // Character codes, not one-character strings (garbage outside Latin-1).
  for (let pos = start; pos < source.length; pos++) {
    const c = source.charCodeAt(pos);
    if (c === 0x5c) pos++;
    else if (c === 0x7b) depth++;
    else if (c === 0x7d) {
      depth--;
      if (braced && depth === 0) return prepareEntrySource(source.slice(start + 1, pos));
    } else if (c === 0x22 && !braced && depth === 0 && pos > start) return prepareEntrySource(source.slice(start + 1, pos));
  }
  return undefined;
}
