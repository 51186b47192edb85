/**
 * The entry checks of a bibliography file (duplicate keys, one work under two keys, missing
 * fields, and in BibTeX undefined `@string` macros) as diagnostics in that file, at the levels
 * the settings give them.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { BibEntry } from './parse';
import { LineMap } from '../text/textRange';
import type { CitokineSettings } from '../settings';
import { bibliographyFileFindings } from './checks';
import { undefinedMacroFindings } from './bibtexMacros';
import { DiagnosticSink } from '../findings';
import { levelFor, RULES } from '../rules';

/** Diagnostics of the entries of one bibliography file whose text is `text` (or the lines of that text). */
export function entryDiagnostics(text: string | LineMap, entries: readonly BibEntry[], settings: CitokineSettings): Diagnostic[] {
  const lines = typeof text === 'string' ? new LineMap(text) : text;
  const sink = new DiagnosticSink(lines, settings);
  sink.report(bibliographyFileFindings(entries, (offset) => lines.positionAt(offset).line + 1));
  return sink.diagnostics;
}

/** Diagnostics of a BibTeX file's values that name a macro no `@string` above them defines. */
export function bibtexMacroDiagnostics(lines: LineMap, entries: readonly BibEntry[], settings: CitokineSettings): Diagnostic[] {
  // The file is read again for these: not when the user turned them off.
  if (levelFor(RULES.undefinedMacro.code, settings.diagnostics) === 'off') return [];
  const sink = new DiagnosticSink(lines, settings);
  sink.report(undefinedMacroFindings(lines.text, entries, (offset) => lines.positionAt(offset).line + 1));
  return sink.diagnostics;
}
