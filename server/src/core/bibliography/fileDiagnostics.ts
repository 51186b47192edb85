/**
 * The entry checks of a bibliography file (duplicate keys, one work under two keys, missing
 * fields) as diagnostics in that file, at the levels the settings give them.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { BibEntry } from './parse';
import { LineMap } from '../text/textRange';
import type { CitokineSettings } from '../settings';
import { bibliographyFileFindings } from './checks';
import { DiagnosticSink } from '../findings';

/** Diagnostics of the entries of one bibliography file whose text is `text` (or the lines of that text). */
export function entryDiagnostics(text: string | LineMap, entries: readonly BibEntry[], settings: CitokineSettings): Diagnostic[] {
  const lines = typeof text === 'string' ? new LineMap(text) : text;
  const sink = new DiagnosticSink(lines, settings);
  sink.report(bibliographyFileFindings(entries, (offset) => lines.positionAt(offset).line + 1));
  return sink.diagnostics;
}
