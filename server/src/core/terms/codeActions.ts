/**
 * Code actions for the terminology checks: each finding's own fix as a quick fix (through
 * findings.ts, as for citations), "fix all term spellings in this document" next to a
 * spelling fix, and the same as a `source.fixAll.citokine` action for fix-on-save. Every
 * action is a WorkspaceEdit that replaces only the written term, value or definition.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { Manuscript } from '../markdown/manuscript';
import { levelFor, RULES } from '../rules';
import type { CitokineSettings } from '../settings';
import {
  fixAction,
  findingDiagnostic,
  overlaps,
  quickFixActions,
  sentDiagnostic,
  wantsKind,
  type ActionRequest,
  type Finding,
} from '../findings';

/** Fix-on-save kind: `"editor.codeActionsOnSave": { "source.fixAll.citokine": "explicit" }`. */
export const TERM_FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.citokine`;

/** The terminology code actions at `request.range`, from the term findings' fixes. */
export function termCodeActions(
  manuscript: Manuscript,
  findings: readonly Finding[],
  settings: CitokineSettings,
  request: ActionRequest,
): CodeAction[] {
  const enabled = findings.filter((f) => f.fix && levelFor(f.code, settings.diagnostics) !== 'off');
  const spellings = enabled.filter((f) => f.code === RULES.termVariant.code);
  const actions: CodeAction[] = [];
  if (wantsKind(request.only, CodeActionKind.QuickFix)) {
    actions.push(...quickFixActions(manuscript, enabled, settings, request));
    if (spellings.length > 1 && spellings.some((f) => overlaps(f.range, request.range)))
      actions.push(fixAllSpellings(manuscript, spellings, settings, request, CodeActionKind.QuickFix));
  }
  // Only when asked for by kind (on save, or the Source Action menu), never on every cursor move.
  if (request.only && wantsKind(request.only, TERM_FIX_ALL_KIND) && spellings.length > 0)
    actions.push(fixAllSpellings(manuscript, spellings, settings, request, TERM_FIX_ALL_KIND));
  return actions;
}

/** One action making every spelling fix of the document, attributed to all their diagnostics. */
function fixAllSpellings(
  manuscript: Manuscript,
  spellings: readonly Finding[],
  settings: CitokineSettings,
  request: ActionRequest,
  kind: string,
): CodeAction {
  const diagnostics = spellings
    .map((f) => sentDiagnostic(manuscript.lines, f, request.diagnostics) ?? findingDiagnostic(manuscript.lines, settings, f))
    .filter((d): d is Diagnostic => d !== undefined);
  const fix = {
    title: `Fix all ${spellings.length} term spellings in this document`,
    edits: spellings.flatMap((f) => f.fix!.edits),
    preferred: false,
  };
  return { ...fixAction(manuscript, fix, diagnostics), kind };
}
