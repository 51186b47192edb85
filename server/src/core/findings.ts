import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { levelFor, type RuleLevel } from './rules';
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

export const DIAGNOSTIC_SOURCE = 'citokine';

/** Builds one LSP diagnostic, or none when the user turned its code off. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly lines: LineMap,
    private readonly settings: CitokineSettings,
  ) {}

  add(code: string, range: OffsetRange, message: string, data?: unknown): void {
    const level = levelFor(code, this.settings.diagnostics);
    if (level === 'off') return;
    this.diagnostics.push({ range: this.lines.rangeOf(range), severity: toSeverity(level), code, source: DIAGNOSTIC_SOURCE, message, ...(data === undefined ? {} : { data }) });
  }
}

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

/** Parse errors of a bibliography or glossary file, as diagnostics in that file. */
export function sourceFileDiagnostics(text: string, errors: readonly SourceError[], code: string, settings: CitokineSettings): Diagnostic[] {
  const sink = new DiagnosticSink(new LineMap(text), settings);
  for (const error of errors) sink.add(code, error.range, error.message);
  return sink.diagnostics;
}

