/**
 * The citation findings of a manuscript, and its citation diagnostics. Existence checks live
 * here (front matter errors, unreadable bibliographies, unknown keys, numbers beyond the
 * list, malformed groups); the checks of how a manuscript cites are in checks.ts and
 * groupChecks.ts. Diagnostics and quick fixes are both made from `citationFindings`.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Library } from '../bibliography/library';
import { findingDiagnostic, shiftFindings, type Finding } from '../findings';
import { editOf, type ManuscriptEdit } from '../markdown/incremental';
import type { Manuscript } from '../markdown/manuscript';
import type { KeyCitation, NumericCitation } from '../markdown/syntax';
import { levelFor, RULES } from '../rules';
import { lowerBound, type OffsetRange } from '../text/textRange';
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
  const findings = findingsAfterEdit(manuscript, library, settings) ?? allFindings(manuscript, library, settings);
  findingsCache.set(manuscript, { library, settings, findings });
  return findings;
}

function allFindings(manuscript: Manuscript, library: Library, settings: CitokineSettings): readonly Finding[] {
  return [...existenceFindings(manuscript, library), ...citationChecks(manuscript, library, settings)].sort(
    (a, b) => a.range.start - b.range.start,
  );
}

/**
 * The previous version's findings, moved, when an edit inside one paragraph left its
 * citations as they were (the same text at the same place relative to the edit): every check
 * here reads only the citations, the front matter, the reference lists and the library, and
 * an incremental parse keeps the rest. An edit that added or removed a line moves the line
 * numbers some messages give (a numbered group's first citation), so its findings are made anew.
 */
function findingsAfterEdit(manuscript: Manuscript, library: Library, settings: CitokineSettings): readonly Finding[] | undefined {
  const edit = editOf(manuscript);
  const before = edit && findingsCache.get(edit.previous);
  if (!edit || edit.lineDelta !== 0 || !before || before.settings !== settings || !sameLibrary(before.library, library)) return undefined;
  if (!sameCitations(edit, manuscript)) return undefined;
  return shiftFindings(before.findings, edit.change);
}

/**
 * True when two libraries resolved for two versions of a manuscript hold the same entries
 * and sources: each check resolves a new Library object, but the store shares the merged
 * entries while the files and inline references are the same. A numbered list of the
 * document's own section is rebuilt from the manuscript, which the edit left alone.
 */
function sameLibrary(a: Library, b: Library): boolean {
  if (a === b) return true;
  if (a.byKey !== b.byKey || a.builtinNumbers !== b.builtinNumbers || a.sources.length !== b.sources.length) return false;
  if (a.numbered.kind !== b.numbered.kind || a.numbered.size !== b.numbered.size) return false;
  if (a.numbered.kind === 'builtin' && a.numbered.entries !== (b.numbered as typeof a.numbered).entries) return false;
  return a.sources.every((s, i) => {
    const t = b.sources[i];
    return (
      s.uri === t.uri &&
      s.origin === t.origin &&
      s.parsed === t.parsed &&
      s.declaredAs === t.declaredAs &&
      s.unsupported === t.unsupported &&
      s.readError === t.readError &&
      s.declaredAt?.start === t.declaredAt?.start &&
      s.declaredAt?.end === t.declaredAt?.end
    );
  });
}

/** True when the edited paragraph's citations are those before the edit, moved by it. */
function sameCitations(edit: ManuscriptEdit, manuscript: Manuscript): boolean {
  const old = edit.previous.citations;
  const now = manuscript.citations;
  if (old.length !== now.length) return false;
  const from = lowerBound(old, edit.start, (c) => c.range.start);
  const to = lowerBound(old, edit.oldEnd, (c) => c.range.start);
  if (lowerBound(now, edit.start, (c) => c.range.start) !== from || lowerBound(now, edit.newEnd, (c) => c.range.start) !== to) return false;
  const { start, oldEnd, newEnd } = edit.change;
  const delta = newEnd - oldEnd;
  for (let i = from; i < to; i++) {
    const a = old[i];
    const b = now[i];
    const shift = a.range.end <= start ? 0 : a.range.start >= oldEnd ? delta : undefined;
    if (shift === undefined || a.kind !== b.kind || a.range.start + shift !== b.range.start || a.range.end + shift !== b.range.end)
      return false;
    if (edit.previous.text.slice(a.range.start, a.range.end) !== manuscript.text.slice(b.range.start, b.range.end)) return false;
    if (a.kind === 'malformed' ? a.message !== (b as typeof a).message : a.items.length !== (b as typeof a).items.length) return false;
  }
  return true;
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
