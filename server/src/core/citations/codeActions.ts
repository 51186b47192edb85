/**
 * Code actions on citations. Local fixes carry their edit (a WorkspaceEdit touching only the
 * citation): the fixes of the citation findings (remove a duplicate, compress a range, cite
 * one key for a work cited under two), "did you mean" for an unknown key, and expand a range. Document-wide actions (renumber, convert,
 * insert the reference list) carry a command instead, so that a cursor move never pays for
 * rewriting a whole document; the server computes the edit when the command runs.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { issuedYear } from '../bibliography/cslItem';
import type { Library, LibraryEntry } from '../bibliography/library';
import { firstAuthor } from '../bibliography/referenceCard';
import { fixAction, overlaps, quickFixActions } from '../findings';
import { numbersOf, type Manuscript } from '../markdown/manuscript';
import type { Citation } from '../markdown/syntax';
import { RULES } from '../rules';
import { editDistance } from '../text/editDistance';
import { toTextEdits, type OffsetEdit } from '../text/edits';
import type { OffsetRange } from '../text/textRange';
import type { CitokineSettings } from '../settings';
import { citationFindings } from './diagnostics';
import { keyReference } from './keys';
import { isBracketRange, numericStyleOf } from './numbers';

/** The commands the server runs (and the client's palette offers). */
export const COMMANDS = {
  renumber: 'citokine.renumber',
  insertReferenceList: 'citokine.insertReferenceList',
  convertCitations: 'citokine.convertCitations',
} as const;

/** Code action kinds of the document-wide actions, for `editor.codeActionsOnSave` and the Source Action menu. */
export const RENUMBER_KIND = 'source.citokine.renumber';
/** Kind of the Insert or update the reference list action. */
export const REFERENCE_LIST_KIND = 'source.citokine.referenceList';
/** Every code action kind this module offers, for the server's capabilities. */
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, RENUMBER_KIND, REFERENCE_LIST_KIND];

/** Longest range that Expand writes out number by number. */
const MAX_EXPAND = 30;

/** A code action request in offsets of the manuscript. */
export interface CodeActionRequest {
  /** The selection or cursor, as offsets. */
  readonly range: OffsetRange;
  /** The diagnostics the client sends with the request (ours among them). */
  readonly diagnostics: readonly Diagnostic[];
  /** `CodeActionContext.only`: the kinds the client wants, or all. */
  readonly only?: readonly string[];
}

/** The code actions at `request.range` of one manuscript. */
export function citationCodeActions(
  manuscript: Manuscript,
  library: Library,
  settings: CitokineSettings,
  request: CodeActionRequest,
): CodeAction[] {
  const allowed = (kind: string) => !request.only || request.only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const touched = manuscript.citations.filter((c) => overlaps(c.range, request.range));
  const actions: CodeAction[] = [];
  if (allowed(CodeActionKind.QuickFix)) {
    actions.push(...didYouMeanActions(manuscript, library, touched, request));
    actions.push(...quickFixActions(manuscript, citationFindings(manuscript, library, settings), settings, request));
  }
  if (allowed(CodeActionKind.RefactorRewrite)) actions.push(...expandActions(manuscript, touched, request.range));
  actions.push(...documentActions(manuscript, library, touched, request, allowed));
  return actions;
}

/**
 * "Did you mean" for each unknown key under the cursor: a few keys close to it. Computed
 * here, for the key under the cursor only, rather than as a finding's fix: it searches the
 * whole library, and it offers several choices rather than one fix.
 */
function didYouMeanActions(
  manuscript: Manuscript,
  library: Library,
  touched: readonly Citation[],
  request: CodeActionRequest,
): CodeAction[] {
  const { text } = manuscript;
  const actions: CodeAction[] = [];
  for (const citation of touched) {
    if (citation.kind !== 'key') continue;
    for (const item of citation.items) {
      if (library.byKey.has(item.key) || !overlaps(item.range, request.range)) continue;
      const diagnostic = request.diagnostics.find(
        (d) => d.code === RULES.unknownKey.code && overlaps(offsetsOf(manuscript, d), item.range),
      );
      suggestKeys(item.key, library).forEach((entry, i) => {
        // Keep the author's braces; add them only when the new key needs them.
        const braced = text.charCodeAt(item.keyRange.start - 1) === 0x7b;
        const replacement = braced
          ? { range: item.keyRange, newText: entry.key }
          : { range: { start: item.keyRange.start - 1, end: item.keyRange.end }, newText: keyReference(entry.key) };
        const title = `Did you mean @${entry.key}? ${describe(entry)}`.trim();
        actions.push(fixAction(manuscript, { title, edits: [replacement], preferred: i === 0 }, diagnostic ? [diagnostic] : []));
      });
    }
  }
  return actions;
}

/** Expand `[1-4]` or `[1]-[4]` to `[1,2,3,4]` (not offered for long ranges). */
function expandActions(manuscript: Manuscript, touched: readonly Citation[], at: OffsetRange): CodeAction[] {
  const { text, uri } = manuscript;
  const actions: CodeAction[] = [];
  for (const citation of touched) {
    if (citation.kind !== 'numeric') continue;
    for (const item of citation.items) {
      if (item.kind !== 'range' || !overlaps(item.range, at) || item.to - item.from >= MAX_EXPAND) continue;
      const style = numericStyleOf(text, citation);
      const separator = citation.items.length > 1 ? style.separator : ',';
      const written = numbersOf(item).join(separator);
      const edit: OffsetEdit = isBracketRange(text, item)
        ? { range: citation.range, newText: `[${written}]` }
        : { range: item.range, newText: written };
      actions.push({
        title: `Expand ${text.slice(item.range.start, item.range.end)} to [${written}]`,
        kind: CodeActionKind.RefactorRewrite,
        edit: { changes: { [uri]: toTextEdits(manuscript.lines, text, [edit]) } },
      });
    }
  }
  return actions;
}

/** Document-wide actions: offered on a citation, next to a diagnostic they fix, or when asked for by kind. */
function documentActions(
  manuscript: Manuscript,
  library: Library,
  touched: readonly Citation[],
  request: CodeActionRequest,
  allowed: (kind: string) => boolean,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const explicit = (kind: string) => request.only !== undefined && allowed(kind);
  const onNumeric = touched.some((c) => c.kind === 'numeric');
  const onKey = touched.some((c) => c.kind === 'key');
  const command = (title: string, kind: string, name: string, args: unknown[], diagnostics?: Diagnostic[]): CodeAction => ({
    title,
    kind,
    ...(diagnostics && diagnostics.length > 0 ? { diagnostics } : {}),
    command: { title, command: name, arguments: [manuscript.uri, ...args] },
  });
  const sentAt = (code: string) => request.diagnostics.filter((d) => d.code === code && overlaps(offsetsOf(manuscript, d), request.range));
  const list = library.numbered;

  const outOfOrder = sentAt(RULES.outOfOrder.code);
  if (list.kind === 'own-section') {
    const title = 'Renumber citations in order of first appearance';
    if (outOfOrder.length > 0 && allowed(CodeActionKind.QuickFix))
      actions.push(command(title, CodeActionKind.QuickFix, COMMANDS.renumber, [], outOfOrder));
    if (allowed(RENUMBER_KIND) && (explicit(RENUMBER_KIND) || onNumeric))
      actions.push(command(title, RENUMBER_KIND, COMMANDS.renumber, []));
  }

  const mixed = sentAt(RULES.mixedStyles.code);
  const canConvert =
    list.kind === 'builtin' || (list.kind === 'own-section' && [...library.byKey.values()].some((e) => e.origin !== 'builtin'));
  if (canConvert) {
    const toKeys = 'Convert numeric citations to keys (whole document)';
    const toNumbers = 'Convert key citations to numbers (whole document)';
    if (allowed(CodeActionKind.QuickFix) && mixed.length > 0) {
      actions.push(
        onNumeric
          ? command(toKeys, CodeActionKind.QuickFix, COMMANDS.convertCitations, ['toKeys'], mixed)
          : command(toNumbers, CodeActionKind.QuickFix, COMMANDS.convertCitations, ['toNumbers'], mixed),
      );
    }
    if (allowed(CodeActionKind.RefactorRewrite)) {
      const asked = explicit(CodeActionKind.RefactorRewrite);
      if (onNumeric || (asked && manuscript.citations.some((c) => c.kind === 'numeric')))
        actions.push(command(toKeys, CodeActionKind.RefactorRewrite, COMMANDS.convertCitations, ['toKeys']));
      if (onKey || (asked && manuscript.citations.some((c) => c.kind === 'key')))
        actions.push(command(toNumbers, CodeActionKind.RefactorRewrite, COMMANDS.convertCitations, ['toNumbers']));
    }
  }

  if (allowed(REFERENCE_LIST_KIND) && (explicit(REFERENCE_LIST_KIND) || touched.some((c) => c.kind !== 'malformed'))) {
    actions.push(command('Insert or update the reference list', REFERENCE_LIST_KIND, COMMANDS.insertReferenceList, []));
  }
  return actions;
}

function offsetsOf(manuscript: Manuscript, diagnostic: Diagnostic): OffsetRange {
  return { start: manuscript.lines.offsetAt(diagnostic.range.start), end: manuscript.lines.offsetAt(diagnostic.range.end) };
}

/** "(Smith et al., 2020)" for an action's title; the status for an unidentified built-in entry. */
function describe(entry: LibraryEntry): string {
  const parts = [firstAuthor(entry.item), issuedYear(entry.item)].filter(Boolean);
  return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

// ---------------------------------------------------------------------------------------
// "Did you mean"

/**
 * Up to `limit` keys close to an unknown `key`: by edit distance between the keys (case
 * ignored), helped when the typed key contains an entry's first author family name or its
 * year, the way authors build keys (`smith2020`, `Smith2020_il6`).
 */
export function suggestKeys(key: string, library: Library, limit = 3): LibraryEntry[] {
  const typed = key.toLowerCase();
  const scored: { entry: LibraryEntry; score: number }[] = [];
  for (const entry of library.byKey.values()) {
    const candidate = entry.key.toLowerCase();
    const longest = Math.max(typed.length, candidate.length);
    const family = familyName(entry);
    const authorMatch = family !== undefined && family.length >= 2 && typed.includes(family);
    const year = issuedYear(entry.item);
    const yearMatch = year !== undefined && typed.includes(year);
    // The distance beyond which the candidate cannot be accepted: the computation stops there.
    const allowed = Math.floor(longest * (authorMatch ? (yearMatch ? 1 : 0.6) : 0.4));
    if (Math.abs(typed.length - candidate.length) > allowed) continue;
    const distance = editDistance(typed, candidate, allowed);
    if (distance > allowed) continue;
    const similarity = 1 - distance / longest;
    scored.push({ entry, score: similarity + (authorMatch ? 0.3 : 0) + (yearMatch ? 0.15 : 0) });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.entry.key.localeCompare(b.entry.key))
    .slice(0, limit)
    .map((s) => s.entry);
}

/** First author's family name, folded for matching, once per item (a library is searched many times). */
const families = new WeakMap<object, string | null>();

function familyName(entry: LibraryEntry): string | undefined {
  let cached = families.get(entry.item);
  if (cached === undefined) {
    const authors = entry.item.author as { family?: unknown; literal?: unknown }[] | undefined;
    const first = Array.isArray(authors) ? authors[0] : undefined;
    const name = typeof first?.family === 'string' ? first.family : typeof first?.literal === 'string' ? first.literal : undefined;
    cached =
      name
        ?.normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]/gu, '') || null;
    families.set(entry.item, cached);
  }
  return cached ?? undefined;
}
