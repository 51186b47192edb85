/**
 * The terminology checks, as findings with their fixes: non-canonical spellings
 * (`term.variant`), abbreviations used before their definition (`term.undefined-abbreviation`),
 * definitions repeated in a scope (`term.redefined`) and analyte values in an unconventional
 * unit (`term.unit`). Diagnostics and code actions are both made from these findings, so a
 * quick fix is always the fix of the finding the user sees.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeAbbreviationsWith, DEFAULT_NO_DEFINITION_NEEDED, DEFINITION_REACH, definitionSpans } from './abbreviations';
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
import { lowerBound, type OffsetRange } from '../text/textRange';

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
  const checked = checkedAfterEdit(manuscript, index, key, noDefinition) ?? checkAll(manuscript, index, key, noDefinition);
  findingsCache.set(index, { key, findings: checked.findings });
  byManuscript.set(manuscript, checked);
  return checked.findings;
}

/** One version's checks: the findings, and the per-paragraph parts the next version can reuse. */
interface Checked {
  readonly index: TermIndex;
  readonly key: string;
  readonly findings: Finding[];
  /** The definition span of each occurrence (`definitionSpans`), indexed like `index.occurrences`. */
  readonly spans: readonly (OffsetRange | undefined)[];
  readonly units: readonly Finding[];
}

/** The last checks of each manuscript version, for the version after an edit. */
const byManuscript = new WeakMap<Manuscript, Checked>();

function checkAll(manuscript: Manuscript, index: TermIndex, key: string, noDefinition: readonly string[]): Checked {
  const spans = definitionSpans(manuscript.text, index.occurrences);
  const units = unitFindings(manuscript, index);
  return { index, key, spans, units, findings: assemble(manuscript, index, noDefinition, spans, units) };
}

/**
 * The checks after an edit inside one paragraph that left every term outside it where it was
 * (the same occurrences in the same order, those after it moved by the edit) and the scopes
 * as they were. A term's own findings read only its paragraph (parentheses and the
 * language around it within its line, a value within its sentence, and sentences end at a
 * blank line); what crosses paragraphs is the document order of occurrences and definitions.
 * So the definition spans and unit findings of the other paragraphs are kept, those of the
 * edited one found again, and the document-order part run again from them. When the
 * paragraph holds no term at all and no line was added or removed, the previous findings are
 * only moved.
 */
function checkedAfterEdit(manuscript: Manuscript, index: TermIndex, key: string, noDefinition: readonly string[]): Checked | undefined {
  const edit = editOf(manuscript);
  const before = edit && byManuscript.get(edit.previous);
  if (!edit || !before || before.key !== key || before.index.glossary !== index.glossary) return undefined;
  const old = before.index.occurrences;
  const now = index.occurrences;
  const from = lowerBound(old, edit.start, (o) => o.range.start);
  const to = lowerBound(old, edit.oldEnd, (o) => o.range.start);
  const nowTo = lowerBound(now, edit.newEnd, (o) => o.range.start);
  if (lowerBound(now, edit.start, (o) => o.range.start) !== from || old.length - to !== now.length - nowTo) return undefined;
  const paragraph: TextSplice = { start: edit.start, oldEnd: edit.oldEnd, newEnd: edit.newEnd };
  const delta = edit.newEnd - edit.oldEnd;
  // The occurrences outside the paragraph: the same, those after it moved by the edit.
  for (let i = 0; i < old.length; i++) {
    if (i >= from && i < to) continue;
    const a = old[i];
    const b = now[i < from ? i : i - to + nowTo];
    const shift = i < from ? 0 : delta;
    if (a.term !== b.term || a.kind !== b.kind || a.context !== b.context || a.form !== b.form) return undefined;
    if (a.suggestion !== b.suggestion || a.short !== b.short || a.long !== b.long || a.plural !== b.plural) return undefined;
    if (a.range.start + shift !== b.range.start || a.range.end + shift !== b.range.end) return undefined;
  }
  if (!sameScopes(before.index.scopes, index.scopes, paragraph)) return undefined;
  const moveSpan = (r: OffsetRange | undefined) => r && { start: r.start + delta, end: r.end + delta };
  const spans = [
    ...before.spans.slice(0, from),
    ...new Array<OffsetRange | undefined>(nowTo - from),
    ...before.spans.slice(to).map(moveSpan),
  ];
  // Moved as they are only when no line moved: a message may name the line of a later definition.
  if (from === to && nowTo === from && edit.lineDelta === 0) {
    const findings = shiftFindings(before.findings, edit.change);
    const units = findings && shiftFindings(before.units, edit.change);
    if (findings && units) return { index, key, findings, spans, units };
  }
  // The edited paragraph's spans, and the next few: a name ending one paragraph can define an abbreviation opening the next.
  let after = nowTo;
  while (after < now.length && now[after].range.start < edit.newEnd + 2 * DEFINITION_REACH) after++;
  definitionSpans(manuscript.text, now, from, after, spans);
  const outside = before.units.filter((f) => f.range.end <= edit.start || f.range.start >= edit.oldEnd);
  const moved = shiftFindings(outside, paragraph);
  if (!moved) return undefined;
  const inside = unitFindings(manuscript, { ...index, occurrences: now.slice(from, nowTo) });
  const split = lowerBound(moved, edit.start, (f) => f.range.start);
  const units = [...moved.slice(0, split), ...inside, ...moved.slice(split)];
  return { index, key, spans, units, findings: assemble(manuscript, index, noDefinition, spans, units) };
}

/** True when the scopes after an edit of `paragraph` are those before it, moved (none may start or end inside it). */
function sameScopes(before: readonly TermScope[], after: readonly TermScope[], paragraph: TextSplice): boolean {
  if (before.length !== after.length) return false;
  const delta = paragraph.newEnd - paragraph.oldEnd;
  const move = (p: number) => (p <= paragraph.start ? p : p >= paragraph.oldEnd ? p + delta : NaN);
  return before.every((a, i) => {
    const b = after[i];
    if (a.kind !== b.kind || (a.range === undefined) !== (b.range === undefined)) return false;
    return !a.range || !b.range || (move(a.range.start) === b.range.start && move(a.range.end) === b.range.end);
  });
}

/** The findings from the occurrences, their definition spans and the unit findings, in document order. */
function assemble(
  manuscript: Manuscript,
  index: TermIndex,
  noDefinition: readonly string[],
  spans: readonly (OffsetRange | undefined)[],
  units: readonly Finding[],
): Finding[] {
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

  const abbreviations = analyzeAbbreviationsWith(index, noDefinition, spans);
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

  findings.push(...units);
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
