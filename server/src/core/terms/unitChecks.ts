/**
 * The unit checks: an analyte's value written in a unit other than the glossary's
 * conventional ones (`term.unit`), with a conversion as the fix when the units differ by a
 * power of ten, or in a unit that cannot measure it at all (`term.unit-dimension`). Reads
 * "analyte ... value" within a sentence, and stays silent where the pairing is unclear
 * (lists of analytes, "respectively", in-vitro experiments) unless a comparison ties the
 * value to the analyte just before it (`CRP < 5 mg/L`).
 */
import { findCitationAt, isExcluded, type Manuscript } from '../markdown/manuscript';
import { RULES } from '../rules';
import type { Finding } from '../findings';
import type { TermIndex, TermOccurrence } from './termIndex';
import {
  firstMeasuredValue,
  massReadingOf,
  parseUnit,
  shiftDecimal,
  type ConcentrationUnit,
  type MeasuredValue,
  type UnitKind,
} from './units';
import { lowerBound } from '../text/textRange';

/** Statistics and method names that sit between an analyte and its value without being analytes. */
const NOT_ANALYTES = new Set([
  'SD',
  'SE',
  'SEM',
  'IQR',
  'CI',
  'HR',
  'OR',
  'RR',
  'AUC',
  'ROC',
  'ELISA',
  'ECLIA',
  'CLIA',
  'P',
  'N',
  'US',
  'USA',
  'UK',
  'WHO',
  'NS',
  'ICU',
]);
/** Symbols that look like analytes: TNF-α, IL-8, CA19-9, PCT. */
const ANALYTE_LIKE = /(?<![\w\-‐])(?:[A-Za-z]+[-‐]?(?:\d+[A-Za-z]?|[αβγκ])(?:[-‐]\d+)?|[A-Z]{2,}[A-Za-z0-9]*)(?![\w])/g;
/** Words that say values are listed in another order than their analytes. */
const RESPECTIVELY = /respectively|分别|依次/i;
/**
 * Experiments rather than measurements: recombinant IL-6 added to a culture at 50 ng/mL is
 * not a serum level, and its unit is not wrong.
 */
const IN_VITRO =
  /\b(?:treated|stimulat\w*|recombinant|added|cultur\w*|incubat\w*|medium|media|in vitro|supernatants?)\b|处理|刺激|重组|培养|加入|孵育|上清/i;
/** Where a sentence ends, for reading "analyte ... value". */
const SENTENCE_END = /[。；;！!？?|]|\.(?=\s|$)|\n\s*\n/g;
/** Categories of terms that name a measured substance; others (a disease, a stage) can stand between an analyte and its value. */
const ANALYTE_CATEGORIES = new Set([
  'cytokine',
  'receptor',
  'signalling-molecule',
  'gene',
  'protein',
  'biomarker',
  'microrna',
  'drug',
  'experimental-compound',
  'clinical-measure',
]);

/** Conversions further than this (powers of ten) are more likely a wrong unit than a value to convert. */
const MAX_CONVERSION = 3;

/** The unit findings of a manuscript, in document order. */
export function unitFindings(manuscript: Manuscript, index: TermIndex): Finding[] {
  const text = manuscript.text;
  const findings: Finding[] = [];
  const occurrences = index.occurrences;
  const blocked = (offset: number) => isExcluded(manuscript.scan, offset) || findCitationAt(manuscript.citations, offset) !== undefined;
  let lastValueEnd = 0;
  // A name and its abbreviation ("carcinoembryonic antigen (CEA) was 5 ng/L") reach the same value: report it once.
  const reported = new Set<number>();
  for (let k = 0; k < occurrences.length; k++) {
    const o = occurrences[k];
    if (!o.term.units?.length || o.context !== 'body') continue;
    const conventional = o.term.units
      .map((u) => ({ text: u, unit: parseUnit(u) }))
      .filter((u): u is { text: string; unit: ConcentrationUnit } => u.unit !== undefined);
    if (conventional.length === 0) continue;
    const sentenceStart = Math.max(previousSentenceEnd(text, o.range.start), lastValueEnd);
    const sentenceEnd = Math.min(nextSentenceEnd(text, o.range.end), o.range.end + 160);
    const sentence = text.slice(previousSentenceEnd(text, o.range.start), nextSentenceEnd(text, o.range.end));
    if (RESPECTIVELY.test(sentence) || IN_VITRO.test(sentence)) continue;
    const value = firstMeasuredValue(text, o.range.end, sentenceEnd, blocked);
    if (!value || reported.has(value.range.start)) continue;
    // Another analyte between: the value is the nearer one's, so it is left for that one to read.
    if (otherAnalyteBetween(text, occurrences, o, o.range.end, value.range.start)) continue;
    // Another analyte before this one in the same stretch: a list of analytes, values unclear;
    // unless this analyte is compared with the value directly ("血清 IL-6 … (CRP < 5 mg/L)").
    if (!compared(text, o, value) && otherAnalyteBetween(text, occurrences, o, sentenceStart, o.range.start)) continue;
    reported.add(value.range.start);
    lastValueEnd = value.range.end;
    const finding = unitFinding(text, o, value, conventional);
    if (finding) findings.push(finding);
  }
  return findings;
}

/** Only a comparison stands between the analyte and its value: `CRP< 5 ml/L`, `IL-6: ≥ 7 pg/mL`. */
function compared(text: string, o: TermOccurrence, value: MeasuredValue): boolean {
  return value.range.start < value.numbers[0].range.start && /^[\s:：]*$/.test(text.slice(o.range.end, value.range.start));
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
function otherAnalyteBetween(
  text: string,
  occurrences: readonly TermOccurrence[],
  self: TermOccurrence,
  from: number,
  to: number,
): boolean {
  if (to <= from) return false;
  const inside: TermOccurrence[] = [];
  for (let i = firstAtOrAfter(occurrences, from); i < occurrences.length && occurrences[i].range.end <= to; i++)
    if (occurrences[i] !== self) inside.push(occurrences[i]);
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
  return lowerBound(occurrences, offset, (o) => o.range.start);
}

function unitFinding(
  text: string,
  o: TermOccurrence,
  value: MeasuredValue,
  conventional: { text: string; unit: ConcentrationUnit }[],
): Finding | undefined {
  const found = value.unit;
  if (
    conventional.some(
      (c) => c.unit.kind === found.kind && c.unit.exponent === found.exponent && sameSpelling(c.unit.normalized, found.normalized),
    )
  )
    return undefined;
  const analyte = text.slice(o.range.start, o.range.end);
  const list = conventional.map((c) => c.text).join(' or ');
  const written = text.slice(value.range.start, value.range.end);
  const base = `${o.term.canonical} is conventionally reported in ${list}, not ${value.unitText}`;
  if (found.kind === 'volume') return dimensionFinding(o, value, conventional, written);
  const sameKind = conventional.filter((c) => c.unit.kind === found.kind);
  if (sameKind.length === 0) {
    return {
      code: RULES.termUnit.code,
      range: value.range,
      message: `${base} (${KIND_NAME[found.kind]}, where ${list} is ${KIND_NAME[conventional[0].unit.kind]}): converting needs more than the unit, so check the value of '${analyte}'.`,
      data: { termId: o.term.id },
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
      data: { termId: o.term.id },
      fix: { title: `Write '${rewritten}'`, edits: [{ range: value.unitRange, newText: target.text }] },
    };
  }
  if (Math.abs(shift) > MAX_CONVERSION) {
    return {
      code: RULES.termUnit.code,
      range: value.range,
      message: `${base}: '${written}' would be '${rewritten}', which is implausible for ${o.term.canonical}; check the unit.`,
      data: { termId: o.term.id },
    };
  }
  return {
    code: RULES.termUnit.code,
    range: value.range,
    message: `${base}; '${written}' is '${rewritten}'.`,
    data: { termId: o.term.id },
    fix: {
      title: `Convert to '${rewritten}'`,
      edits: [
        ...value.numbers.map((n, i) => ({ range: n.range, newText: converted[i] })),
        { range: value.unitRange, newText: target.text },
      ],
    },
  };
}

const KIND_NAME: Readonly<Record<UnitKind, string>> = {
  mass: 'a mass concentration',
  molar: 'a molar concentration',
  activity: 'an activity concentration',
  volume: 'a volume ratio',
};

/**
 * A unit that cannot measure the analyte at all (`CRP < 5 ml/L`): the mass reading of the
 * unit (`mg/L`) is suggested, and offered as the fix when it is one of the conventional units.
 */
function dimensionFinding(
  o: TermOccurrence,
  value: MeasuredValue,
  conventional: { text: string; unit: ConcentrationUnit }[],
  written: string,
): Finding {
  const likely = massReadingOf(value.unit);
  const equal = likely ? conventional.filter((c) => c.unit.kind === likely.kind && c.unit.exponent === likely.exponent) : [];
  // `mg/L` itself before an equal unit spelled otherwise (`μg/mL`).
  const target = equal.find((c) => sameSpelling(c.unit.normalized, likely!.normalized)) ?? equal[0];
  const list = conventional.map((c) => c.text).join(' or ');
  const base = `'${value.unitText}' in '${written}' is ${KIND_NAME.volume}, which cannot measure ${o.term.canonical} (${KIND_NAME[conventional[0].unit.kind]}, conventionally in ${list})`;
  if (!target)
    return { code: RULES.termUnitDimension.code, range: value.range, message: `${base}: check the unit.`, data: { termId: o.term.id } };
  return {
    code: RULES.termUnitDimension.code,
    range: value.range,
    message: `${base}: '${target.text}' is likely meant.`,
    data: { termId: o.term.id },
    fix: { title: `Write '${target.text}'`, edits: [{ range: value.unitRange, newText: target.text }] },
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
