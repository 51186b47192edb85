/**
 * The one finding model. Every check (citations, bibliographies, terms) returns `Finding`s:
 * a stable code from the rules table, a range in offsets of the checked text, a message, and
 * the fix when there is one. Diagnostics are made from findings at the level the settings
 * give their code (`DiagnosticSink`), and quick fixes from the same findings' fixes
 * (`quickFixActions`), so the light bulb always offers the fix of the finding the user sees.
 */
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { levelFor, type RuleCode, type RuleLevel } from './rules';
import { toTextEdits, type OffsetEdit } from './text/edits';
import { LineMap, type OffsetRange } from './text/textRange';
import type { CitokineSettings } from './settings';

/**
 * A problem found while parsing a file (a bibliography, a glossary, front matter).
 * Parsers return these instead of throwing; the range is in offsets of the parsed text,
 * so the diagnostic lands on the offending line.
 */
export interface SourceError {
  readonly message: string;
  readonly range: OffsetRange;
  readonly severity: 'error' | 'warning';
}

/** A finding's fix: the light bulb's title and the edits, in offsets of the checked text. */
export interface Fix {
  readonly title: string;
  /** Non-overlapping replacements in the checked document; nothing outside them changes. */
  readonly edits: readonly OffsetEdit[];
  /** False when the fix is one choice among others the author must make; preferred otherwise. */
  readonly preferred?: boolean;
}

/** One problem a check found, before it becomes a diagnostic at the level the settings give its code. */
export interface Finding<Data = unknown> {
  readonly code: RuleCode;
  /** In offsets of the checked text (the manuscript, or the bibliography file). */
  readonly range: OffsetRange;
  readonly message: string;
  readonly fix?: Fix;
  /** Published as the diagnostic's `data` (e.g. `{ key }`), for clients and tests. */
  readonly data?: Data;
}

/** The `source` of every Citokine diagnostic. */
export const DIAGNOSTIC_SOURCE = 'citokine';

/** Builds LSP diagnostics from findings, leaving out those whose code the user turned off. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly lines: LineMap,
    private readonly settings: CitokineSettings,
  ) {}

  /** One diagnostic from its parts; `code` should be a `RuleCode` (a plain string is accepted for checks not yet on `Finding`). */
  add(code: RuleCode | string, range: OffsetRange, message: string, data?: unknown): void {
    const diagnostic = diagnosticOf(this.lines, this.settings, { code, range, message, data });
    if (diagnostic) this.diagnostics.push(diagnostic);
  }

  /** One diagnostic per finding (its fix stays with the finding; code actions take it from there). */
  report(findings: Finding | readonly Finding[]): void {
    for (const finding of Array.isArray(findings) ? (findings as readonly Finding[]) : [findings as Finding])
      this.add(finding.code, finding.range, finding.message, finding.data);
  }
}

/** The diagnostic of a finding at the level the settings give its code; undefined when that level is `off`. */
export function findingDiagnostic(lines: LineMap, settings: CitokineSettings, finding: Finding): Diagnostic | undefined {
  return diagnosticOf(lines, settings, finding);
}

function diagnosticOf(
  lines: LineMap,
  settings: CitokineSettings,
  finding: { code: string; range: OffsetRange; message: string; data?: unknown },
): Diagnostic | undefined {
  const level = levelFor(finding.code, settings.diagnostics);
  if (level === 'off') return undefined;
  const { code, message, data } = finding;
  return {
    range: lines.rangeOf(finding.range),
    severity: toSeverity(level),
    code,
    source: DIAGNOSTIC_SOURCE,
    message,
    ...(data === undefined ? {} : { data }),
  };
}

/** The LSP severity of a rule level. */
export function toSeverity(level: Exclude<RuleLevel, 'off'>): DiagnosticSeverity {
  switch (level) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
  }
}

/** Parse errors of a bibliography or glossary file, as diagnostics in that file (its text, or the lines of that text when the caller has them). */
export function sourceFileDiagnostics(
  text: string | LineMap,
  errors: readonly SourceError[],
  code: RuleCode,
  settings: CitokineSettings,
): Diagnostic[] {
  // Most files have no errors: a large file's line map (30 ms at 4.4 MB) is made only for one.
  if (errors.length === 0) return [];
  const sink = new DiagnosticSink(typeof text === 'string' ? new LineMap(text) : text, settings);
  for (const error of errors) sink.add(code, error.range, error.message);
  return sink.diagnostics;
}

/** The document the findings are about, as code actions need it. */
export interface CheckedDocument {
  readonly uri: string;
  readonly text: string;
  readonly lines: LineMap;
}

/** Where the code actions are asked for: the selection in offsets, and the diagnostics the client sent. */
export interface FixRequest {
  readonly range: OffsetRange;
  readonly diagnostics: readonly Diagnostic[];
}

/** A code action request in offsets: the selection, the client's diagnostics and the kinds it wants (`CodeActionContext.only`). */
export interface ActionRequest extends FixRequest {
  readonly only?: readonly string[];
}

/** True when the client asked for actions of `kind`: it named no kinds, or `kind` or a kind above it (`source` covers `source.fixAll.citokine`). */
export function wantsKind(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * Quick fixes at `request.range`: one code action per finding that has a fix, touches the
 * range, and whose code is not turned off. Each action names its diagnostic: the one the
 * client sent when it sent it, else the one the service publishes.
 */
export function quickFixActions(
  document: CheckedDocument,
  findings: readonly Finding[],
  settings: CitokineSettings,
  request: FixRequest,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const finding of findings) {
    if (!finding.fix || !overlaps(finding.range, request.range)) continue;
    const diagnostic = sentDiagnostic(document.lines, finding, request.diagnostics) ?? findingDiagnostic(document.lines, settings, finding);
    if (!diagnostic) continue;
    actions.push(fixAction(document, finding.fix, [diagnostic]));
  }
  return actions;
}

/** The code action making one fix, attributed to `diagnostics`. */
export function fixAction(document: CheckedDocument, fix: Fix, diagnostics: readonly Diagnostic[]): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    ...(fix.preferred === false ? {} : { isPreferred: true }),
    ...(diagnostics.length > 0 ? { diagnostics: [...diagnostics] } : {}),
    edit: { changes: { [document.uri]: toTextEdits(document.lines, document.text, fix.edits) } },
  };
}

/** The client's diagnostic of a finding: same code, same range. */
export function sentDiagnostic(lines: LineMap, finding: Finding, sent: readonly Diagnostic[]): Diagnostic | undefined {
  const range = lines.rangeOf(finding.range);
  return sent.find(
    (d) =>
      d.code === finding.code &&
      d.range.start.line === range.start.line &&
      d.range.start.character === range.start.character &&
      d.range.end.line === range.end.line &&
      d.range.end.character === range.end.character,
  );
}

/** True when two offset ranges touch or overlap (a cursor at either end counts). */
export function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** An edit of a checked text: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextSplice {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * Findings of the text before `change`, moved to the text after it: ranges (and their fixes'
 * edits) before the change stay, those after it move by the change's length. Undefined when
 * one touches the changed text itself, which only a new check can judge. The caller must
 * know that the change cannot alter any finding (see the checks' caches).
 */
export function shiftFindings(findings: readonly Finding[], change: TextSplice): Finding[] | undefined {
  const delta = change.newEnd - change.oldEnd;
  const moved = (r: OffsetRange): OffsetRange | undefined =>
    r.end <= change.start ? r : r.start >= change.oldEnd ? { start: r.start + delta, end: r.end + delta } : undefined;
  const out: Finding[] = [];
  for (const finding of findings) {
    const range = moved(finding.range);
    if (!range) return undefined;
    if (range === finding.range && !finding.fix) {
      out.push(finding);
      continue;
    }
    let fix = finding.fix;
    if (fix) {
      const edits: OffsetEdit[] = [];
      for (const edit of fix.edits) {
        const r = moved(edit.range);
        if (!r) return undefined;
        edits.push(r === edit.range ? edit : { range: r, newText: edit.newText });
      }
      fix = { ...fix, edits };
    }
    out.push({ ...finding, range, ...(fix ? { fix } : {}) });
  }
  return out;
}
