/**
 * Code actions for the terminology checks: each finding's own fix as a quick fix, "fix all
 * term spellings in this document" next to a spelling fix, and the same as a
 * `source.fixAll.citokine` action for fix-on-save. Every action is a WorkspaceEdit that
 * replaces only the written term, value or definition.
 */
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { Manuscript } from '../markdown/manuscript';
import { levelFor, RULES } from '../rules';
import type { OffsetRange } from '../text/textRange';
import type { CitokineSettings } from '../settings';
import { DIAGNOSTIC_SOURCE, toSeverity } from '../findings';
import type { OffsetTextEdit, TermFinding } from './termFinding';

/** Fix-on-save kind: `"editor.codeActionsOnSave": { "source.fixAll.citokine": "explicit" }`. */
export const TERM_FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.citokine`;

/** A code action request in offsets: the selection, the client's diagnostics and the kinds it wants. */
export interface TermActionRequest {
  readonly range: OffsetRange;
  readonly diagnostics: readonly Diagnostic[];
  readonly only?: readonly string[];
}

/** The terminology code actions at `request.range`. */
export function termCodeActions(manuscript: Manuscript, findings: readonly TermFinding[], settings: CitokineSettings, request: TermActionRequest): CodeAction[] {
  const allowed = (kind: string) => !request.only || request.only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const enabled = findings.filter((f) => f.fix && levelFor(f.code, settings.diagnostics) !== 'off');
  const actions: CodeAction[] = [];
  const spellings = enabled.filter((f) => f.code === RULES.termVariant.code);
  const fixAll = (kind: string): CodeAction => ({
    title: `Fix all ${spellings.length} term spellings in this document`,
    kind,
    diagnostics: spellings.map((f) => diagnosticFor(manuscript, f, settings, request.diagnostics)),
    edit: { changes: { [manuscript.uri]: textEdits(manuscript, spellings.flatMap((f) => f.fix!.edits)) } },
  });

  if (allowed(CodeActionKind.QuickFix)) {
    let spellingHere = false;
    for (const finding of enabled) {
      if (!overlaps(finding.range, request.range)) continue;
      spellingHere ||= finding.code === RULES.termVariant.code;
      actions.push({
        title: finding.fix!.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: [diagnosticFor(manuscript, finding, settings, request.diagnostics)],
        edit: { changes: { [manuscript.uri]: textEdits(manuscript, finding.fix!.edits) } },
      });
    }
    if (spellingHere && spellings.length > 1) actions.push(fixAll(CodeActionKind.QuickFix));
  }
  // Only when asked for by kind (on save, or the Source Action menu), never on every cursor move.
  if (request.only?.some((o) => TERM_FIX_ALL_KIND === o || TERM_FIX_ALL_KIND.startsWith(`${o}.`)) && spellings.length > 0) actions.push(fixAll(TERM_FIX_ALL_KIND));
  return actions;
}

/** The client's diagnostic for a finding when it sent one, else the one the service would publish. */
function diagnosticFor(manuscript: Manuscript, finding: TermFinding, settings: CitokineSettings, sent: readonly Diagnostic[]): Diagnostic {
  const range = manuscript.lines.rangeOf(finding.range);
  const same = sent.find((d) => d.code === finding.code && d.range.start.line === range.start.line && d.range.start.character === range.start.character && d.range.end.line === range.end.line && d.range.end.character === range.end.character);
  if (same) return same;
  const level = levelFor(finding.code, settings.diagnostics);
  return { range, severity: level === 'off' ? DiagnosticSeverity.Hint : toSeverity(level), code: finding.code, source: DIAGNOSTIC_SOURCE, message: finding.message };
}

function textEdits(manuscript: Manuscript, edits: readonly OffsetTextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.range.start - b.range.start).map((e) => ({ range: manuscript.lines.rangeOf(e.range), newText: e.newText }));
}

function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}
