/**
 * Code actions on citations. Local fixes carry their edit (a WorkspaceEdit touching only the
 * citation): "did you mean" for an unknown key, remove a duplicate, compress or expand a
 * range, cite one key for a work cited under two. Document-wide actions (renumber, convert,
 * insert the reference list) carry a command instead, so that a cursor move never pays for
 * rewriting a whole document; the server computes the edit when the command runs.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver-types';
import { issuedYear } from '../bibliography/cslItem';
import { editDistance } from '../text/editDistance';
import { toTextEdits, type OffsetEdit } from '../text/edits';
import { keyReference } from './keys';
import { numericStyleOf } from './numbers';
import type { Library, LibraryEntry } from '../bibliography/library';
import { numbersOf, type Manuscript } from '../markdown/manuscript';
import { firstAuthor } from '../bibliography/referenceCard';
import { RULES } from '../rules';
import type { OffsetRange } from '../text/textRange';
import { compressibleRuns, duplicatesInGroup } from './checks';

/** The commands the server runs (and the client's palette offers). */
export const COMMANDS = {
  renumber: 'citokine.renumber',
  insertReferenceList: 'citokine.insertReferenceList',
  convertCitations: 'citokine.convertCitations',
} as const;

/** Code action kinds of the document-wide actions, for `editor.codeActionsOnSave` and the Source Action menu. */
export const RENUMBER_KIND = 'source.citokine.renumber';
export const REFERENCE_LIST_KIND = 'source.citokine.referenceList';
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, RENUMBER_KIND, REFERENCE_LIST_KIND];

/** Longest range that Expand writes out number by number. */
const MAX_EXPAND = 30;

export interface CodeActionRequest {
  /** The selection or cursor, as offsets. */
  readonly range: OffsetRange;
  /** The diagnostics the client sends with the request (ours among them). */
  readonly diagnostics: readonly Diagnostic[];
  /** `CodeActionContext.only`: the kinds the client wants, or all. */
  readonly only?: readonly string[];
}

/** The code actions at `request.range` of one manuscript. */
export function citationCodeActions(manuscript: Manuscript, library: Library, request: CodeActionRequest): CodeAction[] {
  const actions: CodeAction[] = [];
  const { text, uri } = manuscript;
  const at = request.range;
  const allowed = (kind: string) => !request.only || request.only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const explicit = (kind: string) => request.only !== undefined && allowed(kind);
  const edit = (edits: OffsetEdit[]): WorkspaceEdit => ({ changes: { [uri]: toTextEdits(manuscript.lines, text, edits) } });
  const diagnosticAt = (code: string, range: OffsetRange) => request.diagnostics.find((d) => d.code === code && overlaps(offsetsOf(manuscript, d), range));
  const touched = manuscript.citations.filter((c) => overlaps(c.range, at));

  if (allowed(CodeActionKind.QuickFix)) {
    for (const citation of touched) {
      if (citation.kind === 'key') {
        for (const item of citation.items) {
          if (library.byKey.has(item.key) || !overlaps(item.range, at)) continue;
          const diagnostic = diagnosticAt(RULES.unknownKey.code, item.range);
          suggestKeys(item.key, library).forEach((entry, i) => {
            // Keep the author's braces; add them only when the new key needs them.
            const braced = text.charCodeAt(item.keyRange.start - 1) === 0x7b;
            const replacement = braced ? { range: item.keyRange, newText: entry.key } : { range: { start: item.keyRange.start - 1, end: item.keyRange.end }, newText: keyReference(entry.key) };
            actions.push({
              title: `Did you mean @${entry.key}? ${describe(entry)}`.trim(),
              kind: CodeActionKind.QuickFix,
              isPreferred: i === 0,
              ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
              edit: edit([replacement]),
            });
          });
        }
        for (const diagnostic of request.diagnostics) {
          const data = diagnostic.data as { key?: string; sameAs?: string } | undefined;
          if (diagnostic.code !== RULES.duplicateEntry.code || !data?.sameAs) continue;
          const item = citation.items.find((i) => i.key === data.key && overlaps(i.range, offsetsOf(manuscript, diagnostic)));
          if (!item || !library.byKey.has(data.sameAs)) continue;
          actions.push({
            title: `Cite @${data.sameAs} here instead of @${item.key}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: edit([{ range: { start: item.keyRange.start - (text.charCodeAt(item.keyRange.start - 1) === 0x7b ? 2 : 1), end: item.keyRange.end + (text.charCodeAt(item.keyRange.end) === 0x7d ? 1 : 0) }, newText: keyReference(data.sameAs) }]),
          });
        }
      }
      if (citation.kind === 'key' || citation.kind === 'numeric') {
        for (const duplicate of duplicatesInGroup(text, citation)) {
          if (!duplicate.fix || !overlaps(duplicate.range, at)) continue;
          actions.push({
            title: duplicate.fixTitle ?? 'Remove the duplicate',
            kind: CodeActionKind.QuickFix,
            isPreferred: true,
            ...withDiagnostic(diagnosticAt(RULES.duplicateInGroup.code, duplicate.range)),
            edit: edit([duplicate.fix]),
          });
        }
      }
    }
    for (const run of compressibleRuns(manuscript)) {
      if (!overlaps(run.range, at)) continue;
      actions.push({
        title: `Compress to ${run.replacement.startsWith('[') ? run.replacement : `[${run.replacement}]`}`,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        ...withDiagnostic(diagnosticAt(RULES.compressibleRange.code, run.range)),
        edit: edit([{ range: run.range, newText: run.replacement }]),
      });
    }
  }

  if (allowed(CodeActionKind.RefactorRewrite)) {
    for (const citation of touched) {
      if (citation.kind !== 'numeric') continue;
      for (const item of citation.items) {
        if (item.kind !== 'range' || !overlaps(item.range, at) || item.to - item.from >= MAX_EXPAND) continue;
        const bracketed = text.charCodeAt(item.fromRange.end) === 0x5d;
        const style = numericStyleOf(text, citation);
        const separator = citation.items.length > 1 ? style.separator : ',';
        const written = numbersOf(item).join(separator);
        actions.push({
          title: `Expand ${text.slice(item.range.start, item.range.end)} to [${written}]`,
          kind: CodeActionKind.RefactorRewrite,
          edit: edit([bracketed ? { range: citation.range, newText: `[${written}]` } : { range: item.range, newText: written }]),
        });
      }
    }
  }

  // Document-wide actions: offered on a citation, next to a diagnostic they fix, or when asked for by kind.
  const onNumeric = touched.some((c) => c.kind === 'numeric');
  const onKey = touched.some((c) => c.kind === 'key');
  const command = (title: string, kind: string, name: string, args: unknown[], diagnostics?: Diagnostic[]): CodeAction => ({
    title,
    kind,
    ...(diagnostics && diagnostics.length > 0 ? { diagnostics } : {}),
    command: { title, command: name, arguments: [uri, ...args] },
  });
  const list = library.numbered;

  const outOfOrder = request.diagnostics.filter((d) => d.code === RULES.outOfOrder.code && overlaps(offsetsOf(manuscript, d), at));
  if (list.kind === 'own-section') {
    const title = 'Renumber citations in order of first appearance';
    if (outOfOrder.length > 0 && allowed(CodeActionKind.QuickFix)) actions.push(command(title, CodeActionKind.QuickFix, COMMANDS.renumber, [], outOfOrder));
    if (allowed(RENUMBER_KIND) && (explicit(RENUMBER_KIND) || onNumeric)) actions.push(command(title, RENUMBER_KIND, COMMANDS.renumber, []));
  }

  const mixed = request.diagnostics.filter((d) => d.code === RULES.mixedStyles.code && overlaps(offsetsOf(manuscript, d), at));
  const canConvert = list.kind === 'builtin' || (list.kind === 'own-section' && [...library.byKey.values()].some((e) => e.origin !== 'builtin'));
  if (canConvert) {
    const toKeys = 'Convert numeric citations to keys (whole document)';
    const toNumbers = 'Convert key citations to numbers (whole document)';
    if (allowed(CodeActionKind.QuickFix) && mixed.length > 0) {
      actions.push(touched.some((c) => c.kind === 'numeric') ? command(toKeys, CodeActionKind.QuickFix, COMMANDS.convertCitations, ['toKeys'], mixed) : command(toNumbers, CodeActionKind.QuickFix, COMMANDS.convertCitations, ['toNumbers'], mixed));
    }
    if (allowed(CodeActionKind.RefactorRewrite)) {
      const asked = explicit(CodeActionKind.RefactorRewrite);
      if (onNumeric || (asked && manuscript.citations.some((c) => c.kind === 'numeric'))) actions.push(command(toKeys, CodeActionKind.RefactorRewrite, COMMANDS.convertCitations, ['toKeys']));
      if (onKey || (asked && manuscript.citations.some((c) => c.kind === 'key'))) actions.push(command(toNumbers, CodeActionKind.RefactorRewrite, COMMANDS.convertCitations, ['toNumbers']));
    }
  }

  if (allowed(REFERENCE_LIST_KIND) && (explicit(REFERENCE_LIST_KIND) || touched.some((c) => c.kind !== 'malformed'))) {
    actions.push(command('Insert or update the reference list', REFERENCE_LIST_KIND, COMMANDS.insertReferenceList, []));
  }
  return actions;
}

function withDiagnostic(diagnostic: Diagnostic | undefined): { diagnostics?: Diagnostic[] } {
  return diagnostic ? { diagnostics: [diagnostic] } : {};
}

function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start <= b.end && b.start <= a.end;
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
    cached = name?.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '') || null;
    families.set(entry.item, cached);
  }
  return cached ?? undefined;
}
