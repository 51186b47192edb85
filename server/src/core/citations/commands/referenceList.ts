/**
 * Insert or update the list of cited works, rendered in the document's style, between
 * `<!-- citokine:references -->` and `<!-- /citokine:references -->`. An update replaces only
 * the text between the markers. Without markers, the list goes at the end of an existing
 * References / 参考文献 section, or at the end of the document under a new heading.
 *
 * Order and labels: numeric styles (Vancouver) list works by first appearance, labelled
 * 1, 2, 3...; works cited by built-in corpus number keep that number (the label must match
 * the citation) and come in number order; a built-in work cited by key is numbered like any
 * other. Built-in entries carry their identification status, as on hover. Author-date styles (APA, Harvard) list works
 * alphabetically, unlabelled. Labels are written `\[1\]`: they show as [1] but are plain
 * text, never read as a citation or as a second numbered list.
 */
import { findGeneratedList, REFERENCE_LIST_END, REFERENCE_LIST_START } from '../../markdown/generatedList';
import type { Library, LibraryEntry } from '../../bibliography/library';
import { numbersOf, type Manuscript } from '../../markdown/manuscript';
import { referenceListSection } from '../../markdown/sections';
import { isChineseDocument } from '../../text/script';
import { builtinContext, builtinStatusSentence, isIdentified, notSeenSentence } from '../../bibliography/referenceCard';
import { renderReference, styleXml, whenRendered } from '../../bibliography/render';
import type { OffsetEdit } from '../../text/edits';

/** The edits inserting or updating the reference list and its entry count, or why it refused. */
export type ReferenceListResult = { readonly edits: OffsetEdit[]; readonly count: number } | { readonly refused: string };

interface CitedWork {
  readonly entry: LibraryEntry;
  /** The built-in corpus number it is cited by, if any. */
  readonly number?: number;
}

/** True when a CSL style labels citations with numbers (Vancouver, GB/T 7714 numeric...). */
export function isNumericStyle(style: string): boolean {
  try {
    const xml = styleXml(style);
    const format = xml === undefined ? undefined : /citation-format="([^"]+)"/.exec(xml)?.[1];
    return format === undefined ? true : format === 'numeric';
  } catch {
    return true;
  }
}

/** The works a manuscript cites, in order of first appearance, once each. */
export function citedWorks(manuscript: Manuscript, library: Library): { works: CitedWork[]; ownNumbers: number } {
  const works: CitedWork[] = [];
  const seen = new Map<string, number>();
  let ownNumbers = 0;
  const add = (entry: LibraryEntry, number?: number) => {
    const at = seen.get(entry.key);
    if (at === undefined) {
      seen.set(entry.key, works.length);
      works.push({ entry, number });
    } else if (number !== undefined && works[at].number === undefined) {
      works[at] = { entry, number };
    }
  };
  const list = library.numbered;
  for (const citation of manuscript.citations) {
    if (citation.kind === 'key') {
      for (const item of citation.items) {
        const entry = library.byKey.get(item.key);
        // A key is a key: a built-in work cited by key is numbered by first citation like any other.
        if (entry) add(entry);
      }
    } else if (citation.kind === 'numeric') {
      if (list.kind !== 'builtin') {
        ownNumbers++;
        continue;
      }
      for (const item of citation.items) {
        for (const n of numbersOf(item)) {
          const entry = list.entries.get(n);
          if (entry) add(entry, n);
        }
      }
    }
  }
  return { works, ownNumbers };
}

/**
 * Resolves once the works `manuscript` cites are rendered in `style` (by the render helper,
 * when there is one), so that writing their list or their preview renders nothing on this
 * thread: the first list of a session no longer loads citeproc here.
 */
export function whenCitedWorksRendered(manuscript: Manuscript, library: Library, style: string): Promise<void> {
  const items = citedWorks(manuscript, library).works.flatMap(({ entry }) => {
    const context = builtinContext(entry.item);
    return context && !isIdentified(context) ? [] : [entry.item];
  });
  return whenRendered(items, style);
}

/**
 * The text of one work in the list: the formatted reference; for a built-in entry, followed by
 * its status and the fields not seen, in the hover card's words; an unidentified one has only
 * its status.
 */
function referenceText(entry: LibraryEntry, style: string): string {
  const context = builtinContext(entry.item);
  if (context && !isIdentified(context)) return escapeReference(builtinStatusSentence(context));
  const reference = escapeReference(renderReference(entry.item, style).replace(/\s*\n\s*/g, ' '));
  if (!context) return reference;
  const note = [builtinStatusSentence(context), notSeenSentence(entry.item)].filter(Boolean).join(' ');
  return `${reference} *${escapeReference(note)}*`;
}

/**
 * A rendered reference as Markdown text that reads as it is written: emphasis, code and HTML
 * characters are escaped, and brackets only where Markdown or Citokine would read them (a
 * number or key in brackets, a footnote, a link); GB/T 7714's `[J]` and `[EB/OL]` stay as typed.
 */
export function escapeReference(text: string): string {
  const escaped = text.replace(/([\\`*_<>])/g, '\\$1');
  let out = '';
  let at = 0;
  for (const m of escaped.matchAll(/\[([^[\]]*)\]/g)) {
    const inner = m[1];
    const next = escaped[m.index + m[0].length];
    const risky = /^[\d\s,，、;；\-‐‑–—~]*$/.test(inner) || inner.includes('@') || inner.startsWith('^') || next === '(' || next === '[';
    out += escapeBrackets(escaped.slice(at, m.index)) + (risky ? `\\[${inner}\\]` : m[0]);
    at = m.index + m[0].length;
  }
  return out + escapeBrackets(escaped.slice(at));
}

/** Brackets without a partner. */
function escapeBrackets(text: string): string {
  return text.replace(/([[\]])/g, '\\$1');
}

/** The list's lines, without markers. */
export function renderReferenceList(works: readonly CitedWork[], style: string): string[] {
  if (!isNumericStyle(style)) {
    return works
      .map((w) => referenceText(w.entry, style))
      .sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))
      .map((text) => `- ${text}`);
  }
  const numbered = works.filter((w) => w.number !== undefined).sort((a, b) => a.number! - b.number!);
  const byKey = works.filter((w) => w.number === undefined);
  if (numbered.length === 0) return byKey.map((w, i) => `\\[${i + 1}\\] ${referenceText(w.entry, style)}`);
  // Built-in numbers are fixed; works cited by key beside them have no number to show.
  return [
    ...numbered.map((w) => `\\[${w.number}\\] ${referenceText(w.entry, style)}`),
    ...byKey.map((w) => `- ${referenceText(w.entry, style)}`),
  ];
}

/** The edit that inserts or updates the document's generated reference list. */
export function referenceListEdit(manuscript: Manuscript, library: Library, style: string): ReferenceListResult {
  const { works, ownNumbers } = citedWorks(manuscript, library);
  if (works.length === 0) {
    return {
      refused:
        ownNumbers > 0
          ? "This document's numeric citations refer to its own References section, which is already its list (Renumber Citations keeps it in order)."
          : 'This document cites no work of its bibliographies, so there is no list to write.',
    };
  }
  const lines = renderReferenceList(works, style);
  // Numbered lines are paragraphs of their own; bullets form one list.
  const body = lines.join(lines.every((l) => l.startsWith('- ')) ? '\n' : '\n\n');
  const text = manuscript.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const withEol = (s: string) => (eol === '\n' ? s : s.replace(/\n/g, eol));

  const existing = findGeneratedList(text, manuscript.scan);
  if (existing) {
    const newText = withEol(`\n${body}\n\n`);
    const edits = text.slice(existing.content.start, existing.content.end) === newText ? [] : [{ range: existing.content, newText }];
    return { edits, count: works.length };
  }
  const block = `${REFERENCE_LIST_START}\n\n${body}\n\n${REFERENCE_LIST_END}`;
  const section = referenceListSection(manuscript.scan, text)?.end;
  if (section !== undefined) {
    return { edits: [{ range: { start: section, end: section }, newText: withEol(`\n\n${block}`) }], count: works.length };
  }
  const lead = text.length === 0 ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  const heading = `${'#'.repeat(headingLevel(manuscript))} ${isChinese(manuscript) ? '参考文献' : 'References'}`;
  return {
    edits: [{ range: { start: text.length, end: text.length }, newText: withEol(`${lead}${heading}\n\n${block}\n`) }],
    count: works.length,
  };
}

/** Sections' level: the level of most headings, not counting a lone title heading above them. */
function headingLevel(manuscript: Manuscript): number {
  const levels = manuscript.scan.headings.map((h) => h.level);
  if (levels.length === 0) return 1;
  const ones = levels.filter((l) => l === 1).length;
  const rest = levels.filter((l) => l > 1);
  return ones === 1 && rest.length > 0 ? Math.min(...rest) : Math.min(...levels);
}

function isChinese(manuscript: Manuscript): boolean {
  return isChineseDocument(manuscript.text, manuscript.frontMatter.lang);
}
