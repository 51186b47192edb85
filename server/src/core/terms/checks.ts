/**
 * The terminology checks, as findings with their fixes: non-canonical spellings
 * (`term.variant`), abbreviations used before their definition (`term.undefined-abbreviation`),
 * definitions repeated in a scope (`term.redefined`) and analyte values in an unconventional
 * unit (`term.unit`). Diagnostics and code actions are both made from these findings, so a
 * quick fix is always the fix of the finding the user sees.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeAbbreviations, DEFAULT_NO_DEFINITION_NEEDED } from './abbreviations';
import type { GlossaryTerm } from './glossary';
import type { Manuscript } from '../markdown/manuscript';
import { RULES } from '../rules';
import { definingForm } from './definingForm';
import type { TermScope } from './scopes';
import type { TermIndex } from './termIndex';
import { unitFindings } from './unitChecks';
import type { CitokineSettings } from '../settings';
import { DiagnosticSink, shiftFindings, type Finding, type TextSplice } from '../findings';
import { editOf } from '../markdown/incremental';
import { lowerBound } from '../text/textRange';

/** The settings the term checks read. */
export interface TermCheckOptions {
  /** `citokine.terms.noDefinitionNeeded`. */
  readonly noDefinitionNeeded?: readonly string[];
}

const findingsCache = new WeakMap<TermIndex, { key: string; findings: Finding[] }>();

/** Every terminology finding of a manuscript, in document order, each with `data: { termId }`; cached per index and options. */
export function termFindings(manuscript: Manuscript, index: TermIndex, options: TermCheckOptions): Finding[] {
  const noDefinition = options.noDefinitionNeeded ?? DEFAULT_NO_DEFINITION_NEEDED;
  const key = noDefinition.join('\n');
  const cached = findingsCache.get(index);
  if (cached && cached.key === key) return cached.findings;
  const findings = findingsAfterEdit(manuscript, index, key) ?? allFindings(manuscript, index, noDefinition);
  findingsCache.set(index, { key, findings });
  byManuscript.set(manuscript, { index, key, findings });
  return findings;
}

/** The last findings of each manuscript version, with the index they were made from, for the version after an edit. */
const byManuscript = new WeakMap<Manuscript, { index: TermIndex; key: string; findings: Finding[] }>();

/**
 * The previous version's findings, moved, when an edit changed a paragraph holding no term
 * (before and after it) and left every other occurrence and scope as it was: a term's
 * findings read the occurrences in document order and the text of the term's own paragraph
 * (parentheses and the language around it within its line, a value within its sentence, and
 * sentences end at a blank line), so nothing else can change.
 */
function findingsAfterEdit(manuscript: Manuscript, index: TermIndex, key: string): Finding[] | undefined {
  const edit = editOf(manuscript);
  const before = edit && byManuscript.get(edit.previous);
  if (!edit || !before || before.key !== key || before.index.glossary !== index.glossary) return undefined;
  const old = before.index.occurrences;
  const now = index.occurrences;
  if (old.length !== now.length) return undefined;
  const at = lowerBound(old, edit.start, (o) => o.range.end);
  if (at < old.length && old[at].range.start < edit.oldEnd) return undefined;
  const move = offsetMover(edit.change);
  for (let i = 0; i < old.length; i++) {
    const a = old[i];
    const b = now[i];
    if (a.term !== b.term || a.kind !== b.kind || a.context !== b.context || a.form !== b.form) return undefined;
    if (a.suggestion !== b.suggestion || a.short !== b.short || a.long !== b.long || a.plural !== b.plural) return undefined;
    if (move(a.range.start) !== b.range.start || move(a.range.end) !== b.range.end) return undefined;
  }
  const scopesBefore = before.index.scopes;
  const scopes = index.scopes;
  if (scopesBefore.length !== scopes.length) return undefined;
  for (let i = 0; i < scopes.length; i++) {
    const a = scopesBefore[i];
    const b = scopes[i];
    if (a.kind !== b.kind || (a.range === undefined) !== (b.range === undefined)) return undefined;
    if (a.range && b.range && (move(a.range.start) !== b.range.start || move(a.range.end) !== b.range.end)) return undefined;
  }
  return shiftFindings(before.findings, edit.change);
}

/** An offset of the text before `change` in the text after it; NaN inside the changed text. */
function offsetMover(change: TextSplice): (offset: number) => number {
  const delta = change.newEnd - change.oldEnd;
  return (offset) => (offset <= change.start ? offset : offset >= change.oldEnd ? offset + delta : NaN);
}

function allFindings(manuscript: Manuscript, index: TermIndex, noDefinition: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const line = (offset: number) => manuscript.lines.positionAt(offset).line + 1;

  for (const o of index.occurrences) {
    if (o.kind !== 'variant' || o.suggestion === undefined || o.context === 'references') continue;
    const written = manuscript.text.slice(o.range.start, o.range.end);
    findings.push({
      code: RULES.termVariant.code,
      range: o.range,
      message: `'${written}' is not the glossary's spelling of ${describe(o.term)}: write '${o.suggestion}'.`,
      data: { termId: o.term.id },
      fix: { title: `Change to '${o.suggestion}'`, edits: [{ range: o.range, newText: o.suggestion }] },
    });
  }

  const abbreviations = analyzeAbbreviations(manuscript, index, noDefinition);
  for (const use of abbreviations.undefinedUses) {
    const o = use.occurrence;
    const written = manuscript.text.slice(o.range.start, o.range.end);
    const defining = definingForm(manuscript.text, o);
    const later = use.laterDefinition ? ` Its definition comes later, at line ${line(use.laterDefinition.span.start)}.` : '';
    findings.push({
      code: RULES.termUndefinedAbbreviation.code,
      range: o.range,
      message: `'${written}'${fullName(o.term)} is used before it is defined ${scopeName(use.scope)}: spell it out at its first use${defining ? `, '${defining}'` : ''}.${later}`,
      data: { termId: o.term.id },
      ...(defining ? { fix: { title: `Spell out at first use: '${defining}'`, edits: [{ range: o.range, newText: defining }] } } : {}),
    });
  }
  for (const { definition, first } of abbreviations.redefinitions) {
    const written = manuscript.text.slice(definition.occurrence.range.start, definition.occurrence.range.end);
    findings.push({
      code: RULES.termRedefined.code,
      range: definition.span,
      message: `'${written}' is defined again ${scopeName(definition.scope)}; it was defined at line ${line(first.span.start)}, so the abbreviation alone is enough here.`,
      data: { termId: definition.term.id },
      fix: { title: `Write '${written}' alone`, edits: [{ range: definition.span, newText: written }] },
    });
  }

  findings.push(...unitFindings(manuscript, index));
  findings.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
  return findings;
}

/** The findings as LSP diagnostics, at the levels the settings give their codes. */
export function termDiagnostics(manuscript: Manuscript, index: TermIndex, settings: CitokineSettings): Diagnostic[] {
  const sink = new DiagnosticSink(manuscript.lines, settings);
  sink.report(termFindings(manuscript, index, { noDefinitionNeeded: settings.noDefinitionNeeded }));
  return sink.diagnostics;
}

/** "IL-6 (interleukin-6)", or just the canonical form when the glossary gives no name. */
function describe(term: GlossaryTerm): string {
  const name = term.name.en ?? term.name.zh;
  return name && name.toLowerCase() !== term.canonical.toLowerCase() ? `${term.canonical} (${name})` : term.canonical;
}

/** " (interleukin-6)", the name in parentheses after the abbreviation, or nothing. */
function fullName(term: GlossaryTerm): string {
  const name = term.name.en ?? term.name.zh;
  return name && name.toLowerCase() !== term.canonical.toLowerCase() ? ` (${name})` : '';
}

function scopeName(scope: TermScope): string {
  return scope.kind === 'abstract' ? 'in the abstract' : 'in the main text';
}
