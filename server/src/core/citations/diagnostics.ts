/**
 * Checks of a manuscript's citations against its library, and of the bibliography files
 * themselves. Each finding carries a stable code from the rules table and the level the
 * user's settings give it.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSink } from '../findings';
import type { Library } from '../bibliography/library';
import type { Manuscript } from '../markdown/manuscript';
import { RULES } from '../rules';
import type { OffsetRange } from '../text/textRange';
import type { CitokineSettings } from '../settings';
import { citationChecks } from './checks';

/** The citation findings of one manuscript. */
export function manuscriptDiagnostics(manuscript: Manuscript, library: Library, settings: CitokineSettings): Diagnostic[] {
  const sink = new DiagnosticSink(manuscript.lines, settings);

  for (const error of manuscript.frontMatter.errors) sink.add(RULES.frontMatterError.code, error.range, error.message);

  for (const source of library.sources) {
    if (source.parsed) continue;
    const where = source.origin === 'setting' ? `(setting citokine.bibliography.files)` : '';
    const message = source.unsupported
      ? `Bibliography '${source.declaredAs}' is not a format Citokine reads: use .bib, .json (CSL-JSON), .yaml (CSL-YAML) or .ris.`
      : `Bibliography '${source.declaredAs}' ${where ? `${where} ` : ''}${source.readError ?? 'was not found or cannot be read'}.`;
    sink.add(RULES.bibliographyNotFound.code, source.declaredAt ?? firstLineRange(manuscript), message);
  }

  const numbered = library.numbered;
  for (const citation of manuscript.citations) {
    if (citation.kind === 'malformed') {
      sink.add(RULES.malformed.code, citation.range, citation.message);
    } else if (citation.kind === 'key') {
      for (const item of citation.items) {
        if (!library.byKey.has(item.key)) {
          sink.add(RULES.unknownKey.code, item.range, `Unknown citation key '@${item.key}': no bibliography in use defines it.`, { key: item.key });
        }
      }
    } else {
      for (const item of citation.items) {
        const ranges = item.kind === 'single' ? [{ n: item.n, range: item.range }] : [{ n: item.from, range: item.fromRange }, { n: item.to, range: item.toRange }];
        for (const { n, range } of ranges) {
          if (numbered.kind === 'none') {
            sink.add(RULES.numberOutOfRange.code, range, `Numeric citation [${n}] has no numbered reference list to refer to: add a numbered "References" section or enable citokine.builtinLibrary.`);
          } else if (n < 1 || n > numbered.size || (numbered.kind === 'own-section' && !numbered.entries.has(n))) {
            const list = numbered.kind === 'builtin' ? `the built-in corpus (references 1-${numbered.size})` : `this document's reference list (1-${numbered.size})`;
            sink.add(RULES.numberOutOfRange.code, range, `Reference [${n}] is not in ${list}.`);
          }
        }
      }
    }
  }
  citationChecks(manuscript, library, settings, sink);
  // Findings in document order (a stable sort keeps the order of those at one place), as the CLI prints them.
  return sink.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function firstLineRange(manuscript: Manuscript): OffsetRange {
  return { start: 0, end: manuscript.lines.lineEnd(0) };
}
