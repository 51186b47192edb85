/**
 * The citation findings of a manuscript, and its citation diagnostics. Existence checks live
 * here (front matter errors, unreadable bibliographies, unknown keys, numbers beyond the
 * list, malformed groups); the checks of how a manuscript cites are in checks.ts and
 * groupChecks.ts. Diagnostics and quick fixes are both made from `citationFindings`.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Library } from '../bibliography/library';
import { findingDiagnostic, type Finding } from '../findings';
import type { Manuscript } from '../markdown/manuscript';
import type { KeyCitation, NumericCitation } from '../markdown/syntax';
import { levelFor, RULES } from '../rules';
import type { OffsetRange } from '../text/textRange';
import type { CitokineSettings } from '../settings';
import { citationChecks } from './checks';

/**
 * The last findings of each manuscript, for the library and settings they were made with:
 * the diagnostics pass and the code action requests that follow it at the same text share one run.
 */
const findingsCache = new WeakMap<Manuscript, { library: Library; settings: CitokineSettings; findings: readonly Finding[] }>();

/** Every citation finding of one manuscript, in document order (a stable sort keeps the order of those at one place). */
export function citationFindings(manuscript: Manuscript, library: Library, settings: CitokineSettings): readonly Finding[] {
  const cached = findingsCache.get(manuscript);
  if (cached && cached.library === library && cached.settings === settings) return cached.findings;
  const findings = [...existenceFindings(manuscript, library), ...citationChecks(manuscript, library, settings)].sort(
    (a, b) => a.range.start - b.range.start,
  );
  findingsCache.set(manuscript, { library, settings, findings });
  return findings;
}

/** The citation diagnostics of one manuscript, in document order, as the CLI prints them. */
export function manuscriptDiagnostics(manuscript: Manuscript, library: Library, settings: CitokineSettings): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const finding of citationFindings(manuscript, library, settings)) {
    const diagnostic = findingDiagnostic(manuscript.lines, settings, finding);
    if (diagnostic) diagnostics.push(informationUnlessSet(diagnostic, finding, settings));
  }
  return diagnostics;
}

/**
 * The review's references a draft of it never cites are information, not a warning: a draft
 * need not cite them all yet. A level the user set for the code still wins.
 */
function informationUnlessSet(diagnostic: Diagnostic, finding: Finding, settings: CitokineSettings): Diagnostic {
  const builtin = finding.code === RULES.unusedReference.code && (finding.data as { builtin?: boolean } | undefined)?.builtin === true;
  if (!builtin || levelFor(finding.code, settings.diagnostics) === settings.diagnostics[finding.code]) return diagnostic;
  return { ...diagnostic, severity: DiagnosticSeverity.Information };
}

function existenceFindings(manuscript: Manuscript, library: Library): Finding[] {
  const out: Finding[] = manuscript.frontMatter.errors.map((error) => ({
    code: RULES.frontMatterError.code,
    range: error.range,
    message: error.message,
  }));
  for (const source of library.sources) {
    if (source.parsed) continue;
    const where = source.origin === 'setting' ? `(setting citokine.bibliography.files)` : '';
    const message = source.unsupported
      ? `Bibliography '${source.declaredAs}' is not a format Citokine reads: use .bib, .json (CSL-JSON), .yaml (CSL-YAML) or .ris.`
      : `Bibliography '${source.declaredAs}' ${where ? `${where} ` : ''}${source.readError ?? 'was not found or cannot be read'}.`;
    out.push({ code: RULES.bibliographyNotFound.code, range: source.declaredAt ?? firstLineRange(manuscript), message });
  }
  for (const citation of manuscript.citations) {
    if (citation.kind === 'malformed') out.push({ code: RULES.malformed.code, range: citation.range, message: citation.message });
    else if (citation.kind === 'key') out.push(...unknownKeyFindings(citation, library));
    else out.push(...numberFindings(citation, library));
  }
  return out;
}

function unknownKeyFindings(citation: KeyCitation, library: Library): Finding[] {
  return citation.items
    .filter((item) => !library.byKey.has(item.key))
    .map((item) => ({
      code: RULES.unknownKey.code,
      range: item.range,
      message: `Unknown citation key '@${item.key}': no bibliography in use defines it.`,
      data: { key: item.key },
    }));
}

function numberFindings(citation: NumericCitation, library: Library): Finding[] {
  const out: Finding[] = [];
  const numbered = library.numbered;
  for (const item of citation.items) {
    const ranges =
      item.kind === 'single'
        ? [{ n: item.n, range: item.range }]
        : [
            { n: item.from, range: item.fromRange },
            { n: item.to, range: item.toRange },
          ];
    for (const { n, range } of ranges) {
      if (numbered.kind === 'none') {
        out.push({
          code: RULES.numberOutOfRange.code,
          range,
          message: `Numeric citation [${n}] has no numbered reference list to refer to: add a numbered "References" section or enable citokine.builtinLibrary.`,
        });
      } else if (n < 1 || n > numbered.size || (numbered.kind === 'own-section' && !numbered.entries.has(n))) {
        const list =
          numbered.kind === 'builtin'
            ? `the built-in corpus (references 1-${numbered.size})`
            : `this document's reference list (1-${numbered.size})`;
        out.push({ code: RULES.numberOutOfRange.code, range, message: `Reference [${n}] is not in ${list}.` });
      }
    }
  }
  return out;
}

function firstLineRange(manuscript: Manuscript): OffsetRange {
  return { start: 0, end: manuscript.lines.lineEnd(0) };
}
