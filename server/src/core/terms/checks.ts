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
import { isExcluded, findCitationAt, type Manuscript } from '../markdown/manuscript';
import { RULES } from '../rules';
import { isChineseContext, type TermIndex, type TermOccurrence, type TermScope } from './termIndex';
import type { OffsetRange } from '../text/textRange';
import { firstMeasuredValue, parseUnit, shiftDecimal, type ConcentrationUnit, type MeasuredValue } from './units';
import type { CitokineSettings } from '../settings';
import { DiagnosticSink } from '../findings';

/** One replacement, in offsets of the manuscript. */
export interface OffsetTextEdit {
  readonly range: OffsetRange;
  readonly newText: string;
}

/** A finding's fix: a title for the light bulb and the edits to make. */
export interface TermFix {
  readonly title: string;
  readonly edits: readonly OffsetTextEdit[];
}

/** One terminology finding, before it becomes a diagnostic at the level the settings give its code. */
export interface TermFinding {
  readonly code: string;
  readonly range: OffsetRange;
  readonly message: string;
  readonly termId: string;
  readonly fix?: TermFix;
}

/** The settings the term checks read. */
export interface TermCheckOptions {
  /** `citokine.terms.noDefinitionNeeded`. */
  readonly noDefinitionNeeded?: readonly string[];
}

const findingsCache = new WeakMap<TermIndex, { key: string; findings: TermFinding[] }>();

/** Every terminology finding of a manuscript, in document order; cached per index and options. */
export function termFindings(manuscript: Manuscript, index: TermIndex, options: TermCheckOptions): TermFinding[] {
  const noDefinition = options.noDefinitionNeeded ?? DEFAULT_NO_DEFINITION_NEEDED;
  const key = noDefinition.join('\n');
  const cached = findingsCache.get(index);
  if (cached && cached.key === key) return cached.findings;

  const findings: TermFinding[] = [];
  const line = (offset: number) => manuscript.lines.positionAt(offset).line + 1;

  for (const o of index.occurrences) {
    if (o.kind !== 'variant' || o.suggestion === undefined || o.context === 'references') continue;
    const written = manuscript.text.slice(o.range.start, o.range.end);
    findings.push({
      code: RULES.termVariant.code,
      range: o.range,
      message: `'${written}' is not the glossary's spelling of ${describe(o.term)}: write '${o.suggestion}'.`,
      termId: o.term.id,
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
      termId: o.term.id,
      ...(defining ? { fix: { title: `Spell out at first use: '${defining}'`, edits: [{ range: o.range, newText: defining }] } } : {}),
    });
  }
  for (const { definition, first } of abbreviations.redefinitions) {
    const written = manuscript.text.slice(definition.occurrence.range.start, definition.occurrence.range.end);
    findings.push({
      code: RULES.termRedefined.code,
      range: definition.span,
      message: `'${written}' is defined again ${scopeName(definition.scope)}; it was defined at line ${line(first.span.start)}, so the abbreviation alone is enough here.`,
      termId: definition.term.id,
      fix: { title: `Write '${written}' alone`, edits: [{ range: definition.span, newText: written }] },
    });
  }

  findings.push(...unitFindings(manuscript, index));
  findings.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
  findingsCache.set(index, { key, findings });
  return findings;
}

/** The findings as LSP diagnostics, at the levels the settings give their codes. */
export function termDiagnostics(manuscript: Manuscript, index: TermIndex, settings: CitokineSettings): Diagnostic[] {
  const sink = new DiagnosticSink(manuscript.lines, settings);
  for (const finding of termFindings(manuscript, index, { noDefinitionNeeded: settings.noDefinitionNeeded })) {
    sink.add(finding.code, finding.range, finding.message, { termId: finding.termId });
  }
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

/**
 * The defining form for an abbreviation written at `occurrence`: "interleukin-6 (IL-6)" in
 * English text, "白细胞介素6（IL-6）" in Chinese text; capitalized at the start of an English
 * sentence; the singular name for a singular use of a plural abbreviation ("CAF").
 */
export function definingForm(text: string, occurrence: TermOccurrence): string | undefined {
  const written = text.slice(occurrence.range.start, occurrence.range.end);
  const short = occurrence.kind === 'variant' && occurrence.suggestion ? occurrence.suggestion : written;
  return definingFormFor(occurrence.term, short, isChineseContext(text, occurrence.range.start, occurrence.range.end), atSentenceStart(text, occurrence.range.start));
}

/** The defining form of `term` with the abbreviation written as `short`. */
export function definingFormFor(term: GlossaryTerm, short: string, chinese: boolean, sentenceStart: boolean): string | undefined {
  if (chinese && term.name.zh) return `${term.name.zh}（${short}）`;
  let name = term.name.en;
  if (!name) return term.name.zh ? `${term.name.zh}（${short}）` : undefined;
  if (/[A-Z]s$/.test(term.canonical) && !/s$/.test(short) && /s$/.test(name)) name = name.slice(0, -1);
  if (sentenceStart && /^[a-z]/.test(name)) name = name[0].toUpperCase() + name.slice(1);
  return `${name} (${short})`;
}

/** At the start of a paragraph, a list item, a heading or after a full stop. */
export function atSentenceStart(text: string, offset: number): boolean {
  let i = offset - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || text[i] === '*' || text[i] === '_')) i--;
  if (i < 0 || text[i] === '\n') return true;
  if (/[.!?]/.test(text[i])) return true;
  // "- ", "1. ", "# ", "> " at the start of a line.
  const lineStart = text.lastIndexOf('\n', i) + 1;
  return /^\s*(?:[-+*>]|#{1,6}|\d+[.)])\s*$/.test(text.slice(lineStart, offset));
}

// ---------------------------------------------------------------------------------------
// Units

/** Statistics and method names that sit between an analyte and its value without being analytes. */
const NOT_ANALYTES = new Set(['SD', 'SE', 'SEM', 'IQR', 'CI', 'HR', 'OR', 'RR', 'AUC', 'ROC', 'ELISA', 'ECLIA', 'CLIA', 'P', 'N', 'US', 'USA', 'UK', 'WHO', 'NS', 'ICU']);
/** Symbols that look like analytes: TNF-α, IL-8, CA19-9, PCT. */
const ANALYTE_LIKE = /(?<![\w\-‐])(?:[A-Za-z]+[-‐]?(?:\d+[A-Za-z]?|[αβγκ])(?:[-‐]\d+)?|[A-Z]{2,}[A-Za-z0-9]*)(?![\w])/g;
/** Words that say values are listed in another order than their analytes. */
const RESPECTIVELY = /respectively|分别|依次/i;
/**
 * Experiments rather than measurements: recombinant IL-6 added to a culture at 50 ng/mL is
 * not a serum level, and its unit is not wrong.
 */
const IN_VITRO = /\b(?:treated|stimulat\w*|recombinant|added|cultur\w*|incubat\w*|medium|media|in vitro|supernatants?)\b|处理|刺激|重组|培养|加入|孵育|上清/i;
/** Where a sentence ends, for reading "analyte ... value". */
const SENTENCE_END = /[。；;！!？?|]|\.(?=\s|$)|\n\s*\n/g;
/** Categories of terms that name a measured substance; others (a disease, a stage) can stand between an analyte and its value. */
const ANALYTE_CATEGORIES = new Set(['cytokine', 'receptor', 'signalling-molecule', 'gene', 'protein', 'biomarker', 'microrna', 'drug', 'experimental-compound', 'clinical-measure']);

/** Conversions further than this (powers of ten) are more likely a wrong unit than a value to convert. */
const MAX_CONVERSION = 3;

function unitFindings(manuscript: Manuscript, index: TermIndex): TermFinding[] {
  const text = manuscript.text;
  const findings: TermFinding[] = [];
  const occurrences = index.occurrences;
  const blocked = (offset: number) => isExcluded(manuscript.scan, offset) || findCitationAt(manuscript.citations, offset) !== undefined;
  let lastValueEnd = 0;
  // A name and its abbreviation ("carcinoembryonic antigen (CEA) was 5 ng/L") reach the same value: report it once.
  const reported = new Set<number>();
  for (let k = 0; k < occurrences.length; k++) {
    const o = occurrences[k];
    if (!o.term.units?.length || o.context !== 'body') continue;
    const conventional = o.term.units.map((u) => ({ text: u, unit: parseUnit(u) })).filter((u): u is { text: string; unit: ConcentrationUnit } => u.unit !== undefined);
    if (conventional.length === 0) continue;
    const sentenceStart = Math.max(previousSentenceEnd(text, o.range.start), lastValueEnd);
    const sentenceEnd = Math.min(nextSentenceEnd(text, o.range.end), o.range.end + 160);
    const sentence = text.slice(previousSentenceEnd(text, o.range.start), nextSentenceEnd(text, o.range.end));
    if (RESPECTIVELY.test(sentence) || IN_VITRO.test(sentence)) continue;
    // Another analyte before this one in the same stretch: a list of analytes, values unclear.
    if (otherAnalyteBetween(text, occurrences, o, sentenceStart, o.range.start)) continue;
    const value = firstMeasuredValue(text, o.range.end, sentenceEnd, blocked);
    if (!value || reported.has(value.range.start)) continue;
    reported.add(value.range.start);
    lastValueEnd = value.range.end;
    if (otherAnalyteBetween(text, occurrences, o, o.range.end, value.range.start)) continue;
    const finding = unitFinding(text, o, value, conventional);
    if (finding) findings.push(finding);
  }
  return findings;
}

function previousSentenceEnd(text: string, offset: number): number {
  let last = Math.max(0, offset - 400);
  SENTENCE_END.lastIndex = last;
  for (let m = SENTENCE_END.exec(text); m && m.index < offset; m = SENTENCE_END.exec(text)) last = m.index + m[0].length;
  return last;
}

function nextSentenceEnd(text: string, offset: number): number {
  SENTENCE_END.lastIndex = offset;
  const m = SENTENCE_END.exec(text);
  return m ? m.index : text.length;
}

/** Is there a mention of another analyte (a glossary analyte, or a symbol that looks like one) in text[from, to)? */
function otherAnalyteBetween(text: string, occurrences: readonly TermOccurrence[], self: TermOccurrence, from: number, to: number): boolean {
  if (to <= from) return false;
  const inside: TermOccurrence[] = [];
  for (let i = firstAtOrAfter(occurrences, from); i < occurrences.length && occurrences[i].range.end <= to; i++) if (occurrences[i] !== self) inside.push(occurrences[i]);
  if (inside.some((o) => o.term !== self.term && (o.term.units?.length || ANALYTE_CATEGORIES.has(o.term.category)))) return true;
  ANALYTE_LIKE.lastIndex = from;
  for (let m = ANALYTE_LIKE.exec(text); m && m.index < to; m = ANALYTE_LIKE.exec(text)) {
    if (m.index + m[0].length > to) break;
    if (NOT_ANALYTES.has(m[0])) continue;
    // Covered by a glossary term that is not an analyte (CRC, TNM) or by this term itself.
    if (inside.some((o) => o.range.start <= m!.index && o.range.end >= m!.index + m![0].length)) continue;
    if (self.range.start <= m.index && self.range.end >= m.index + m[0].length) continue;
    return true;
  }
  return false;
}

/** Index of the first occurrence starting at or after `offset` (occurrences are sorted). */
function firstAtOrAfter(occurrences: readonly TermOccurrence[], offset: number): number {
  let lo = 0;
  let hi = occurrences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (occurrences[mid].range.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function unitFinding(text: string, o: TermOccurrence, value: MeasuredValue, conventional: { text: string; unit: ConcentrationUnit }[]): TermFinding | undefined {
  const found = value.unit;
  if (conventional.some((c) => c.unit.kind === found.kind && c.unit.exponent === found.exponent && sameSpelling(c.unit.normalized, found.normalized))) return undefined;
  const analyte = text.slice(o.range.start, o.range.end);
  const list = conventional.map((c) => c.text).join(' or ');
  const written = text.slice(value.range.start, value.range.end);
  const base = `${o.term.canonical} is conventionally reported in ${list}, not ${value.unitText}`;
  const sameKind = conventional.filter((c) => c.unit.kind === found.kind);
  if (sameKind.length === 0) {
    const kindName = { mass: 'a mass concentration', molar: 'a molar concentration', activity: 'an activity concentration' };
    return {
      code: RULES.termUnit.code,
      range: value.range,
      message: `${base} (${kindName[found.kind]}, where ${list} is ${kindName[conventional[0].unit.kind]}): converting needs more than the unit, so check the value of '${analyte}'.`,
      termId: o.term.id,
    };
  }
  // The nearest conventional unit: identical first, then the smallest conversion.
  const target = [...sameKind].sort((a, b) => Math.abs(found.exponent - a.unit.exponent) - Math.abs(found.exponent - b.unit.exponent))[0];
  const shift = found.exponent - target.unit.exponent;
  const converted = value.numbers.map((n) => shiftDecimal(n.text, shift));
  const rewritten = rewriteValue(text, value, converted, target.text);
  if (shift === 0) {
    return {
      code: RULES.termUnit.code,
      range: value.range,
      message: `${base}; 1 ${value.unitText} = 1 ${target.text}, so '${written}' is '${rewritten}'.`,
      termId: o.term.id,
      fix: { title: `Write '${rewritten}'`, edits: [{ range: value.unitRange, newText: target.text }] },
    };
  }
  if (Math.abs(shift) > MAX_CONVERSION) {
    return {
      code: RULES.termUnit.code,
      range: value.range,
      message: `${base}: '${written}' would be '${rewritten}', which is implausible for ${o.term.canonical}; check the unit.`,
      termId: o.term.id,
    };
  }
  return {
    code: RULES.termUnit.code,
    range: value.range,
    message: `${base}; '${written}' is '${rewritten}'.`,
    termId: o.term.id,
    fix: {
      title: `Convert to '${rewritten}'`,
      edits: [...value.numbers.map((n, i) => ({ range: n.range, newText: converted[i] })), { range: value.unitRange, newText: target.text }],
    },
  };
}

/** pg/mL and pg/ml are the same unit; so are µg/L, ug/L and μg/L. */
function sameSpelling(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function rewriteValue(text: string, value: MeasuredValue, numbers: readonly string[], unit: string): string {
  let out = '';
  let at = value.range.start;
  value.numbers.forEach((n, i) => {
    out += text.slice(at, n.range.start) + numbers[i];
    at = n.range.end;
  });
  return out + text.slice(at, value.unitRange.start) + unit;
}
