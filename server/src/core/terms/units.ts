/**
 * Measured values of serum analytes: a number (or a range, or mean ± SD) and a
 * concentration unit, found after an analyte's mention in the same sentence. Only what is
 * unambiguous is read: a unit for another analyte, a list of analytes ("IL-6 and CRP were
 * ... respectively") or any unit that is not a concentration ends the search.
 */
import type { OffsetRange } from '../text/textRange';

/**
 * What a concentration unit measures. Values of different kinds cannot be converted without
 * more data; a `volume` ratio (`ml/L`) cannot measure a dissolved substance at all.
 */
export type UnitKind = 'mass' | 'molar' | 'activity' | 'volume';

/** A concentration unit, reduced to its kind and its power of ten. */
export interface ConcentrationUnit {
  readonly kind: UnitKind;
  /** log10 of the unit in the kind's base (g/L, mol/L, U/L, L/L): ng/L is -9, pg/mL is -9, mg/dL is -2. */
  readonly exponent: number;
  /** The unit written the usual way: `μg/L`, `pg/mL`. */
  readonly normalized: string;
}

const PREFIX: Readonly<Record<string, number>> = { p: -12, n: -9, μ: -6, µ: -6, u: -6, m: -3, c: -2, d: -1, '': 0, k: 3 };
const VOLUME: Readonly<Record<string, number>> = { l: 0, dl: -1, ml: -3, μl: -6, µl: -6, ul: -6 };

/**
 * A concentration unit at `at`: `pg/mL`, `ng/ml`, `µg/L`, `mg·L⁻¹`, `pg mL-1`, `pmol/L`,
 * `IU/mL`, `U/L`, and the volume ratios (`ml/L`) that stand where one was meant. Sticky: it
 * must start exactly at `at`.
 */
const CONCENTRATION =
  /(?:(?<mass>[pnμµumcd]?)g|(?<molar>[pnμµum]?)mol|(?<activity>[mk]?)I?U|(?<volume>[dmμµu]?)[lL])(?:\s*(?:\/|\bper\s)\s*(?<vol>[dmμµu]?[lL])|\s*[·⋅ ]\s*(?<vol2>[dmμµu]?[lL])(?:⁻¹|-1|−1))(?![A-Za-z0-9])/y;

/** Units that end the search: the number measures something else (a time, a dose, a share...). */
const OTHER_UNIT =
  /(?:%|‰|[pnμµumk]?g\s*\/\s*(?:kg|m2|m²)|[pnμµumk]?g(?![A-Za-z/])|k?Da\b|h\b|hrs?\b|hours?\b|min\b|days?\b|weeks?\b|months?\b|years?\b|yr\b|mmHg\b|[cmnμµ]?m(?![A-Za-z/0-9])|Gy\b|°C|-?fold\b|[mμµ]?[lL](?![A-Za-z/])|个?月|天|周|年|小时|倍|例|岁)/y;

/** A comparison right before a number (`CRP< 5`, `IL-6 ≥ 7`): part of the value as written. Anchored at the number. */
const COMPARISON = /(?:<=|>=|[<>≤≥≦≧⩽⩾~≈～＜＞])[ \t\u00a0\u2009]*$/;

const NUMBER = /(?<![\w.,\-‐–])(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?/g;
const SECOND_NUMBER = /\s*(?:±|\+\/-|–|—|-|~|～|to\b|至)\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)/y;

/** A number with its concentration unit, e.g. `12 pg/mL`, `5–10 ng/L`, `12.5 ± 3.1 mg/L`, `< 5 mg/L`. */
export interface MeasuredValue {
  /** From the comparison before the number, when there is one, to the end of the unit. */
  readonly range: OffsetRange;
  readonly numbers: readonly { readonly range: OffsetRange; readonly text: string }[];
  readonly unitRange: OffsetRange;
  readonly unitText: string;
  readonly unit: ConcentrationUnit;
}

/** Parses a unit written alone, such as a glossary's conventional unit. */
export function parseUnit(text: string): ConcentrationUnit | undefined {
  CONCENTRATION.lastIndex = 0;
  const m = CONCENTRATION.exec(text.trim());
  return m && m[0].length === text.trim().length ? unitOf(m) : undefined;
}

function unitOf(m: RegExpExecArray): ConcentrationUnit | undefined {
  const g = m.groups ?? {};
  const volume = (g.vol ?? g.vol2 ?? '').toLowerCase();
  const volumeExponent = VOLUME[volume];
  if (volumeExponent === undefined) return undefined;
  const prefix = g.mass ?? g.molar ?? g.activity ?? g.volume ?? '';
  const kind: UnitKind = g.mass !== undefined ? 'mass' : g.molar !== undefined ? 'molar' : g.activity !== undefined ? 'activity' : 'volume';
  const prefixExponent = kind === 'volume' ? VOLUME[`${prefix}l`] : PREFIX[prefix];
  if (prefixExponent === undefined) return undefined;
  const micro = (p: string) => (p === 'µ' || p === 'u' ? 'μ' : p);
  const base = kind === 'mass' ? 'g' : kind === 'molar' ? 'mol' : kind === 'volume' ? 'L' : m[0].includes('I') ? 'IU' : 'U';
  const volumeText = volume === 'l' ? 'L' : `${micro(volume[0])}L`;
  return { kind, exponent: prefixExponent - volumeExponent, normalized: `${micro(prefix)}${base}/${volumeText}` };
}

/**
 * The first measured value in text[from, to): a number followed by a concentration unit.
 * Stops at the first number that has another kind of unit. `blocked` offsets (citations,
 * code) hold no numbers.
 */
export function firstMeasuredValue(
  text: string,
  from: number,
  to: number,
  blocked: (offset: number) => boolean,
): MeasuredValue | undefined {
  NUMBER.lastIndex = from;
  for (let m = NUMBER.exec(text); m && m.index < to; m = NUMBER.exec(text)) {
    if (blocked(m.index)) continue;
    const numbers = [{ range: { start: m.index, end: m.index + m[0].length }, text: m[0] }];
    let at = m.index + m[0].length;
    SECOND_NUMBER.lastIndex = at;
    const second = SECOND_NUMBER.exec(text);
    if (second) {
      const start = second.index + second[0].length - second[1].length;
      numbers.push({ range: { start, end: start + second[1].length }, text: second[1] });
      at = start + second[1].length;
    }
    let u = at;
    while (u < to && (text[u] === ' ' || text[u] === '\u00a0' || text[u] === '\u2009')) u++;
    CONCENTRATION.lastIndex = u;
    const unit = CONCENTRATION.exec(text);
    if (unit && u + unit[0].length <= to) {
      const parsed = unitOf(unit);
      if (!parsed) return undefined;
      const comparison = COMPARISON.exec(text.slice(Math.max(from, m.index - 8), m.index));
      const start = m.index - (comparison ? comparison[0].length : 0);
      return {
        range: { start, end: u + unit[0].length },
        numbers,
        unitRange: { start: u, end: u + unit[0].length },
        unitText: unit[0],
        unit: parsed,
      };
    }
    OTHER_UNIT.lastIndex = u;
    if (OTHER_UNIT.test(text)) return undefined;
    NUMBER.lastIndex = at;
  }
  return undefined;
}

/**
 * The mass concentration a volume ratio was probably meant to be: the same prefix and volume
 * with `g` for `L` above the line (`ml/L` is `mg/L` with one letter slipped).
 */
export function massReadingOf(unit: ConcentrationUnit): ConcentrationUnit | undefined {
  return unit.kind === 'volume' ? parseUnit(unit.normalized.replace(/^([dmμ]?)L\//, '$1g/')) : undefined;
}

/** `value` × 10^exponent, computed on the decimal digits so that it is exact. */
export function shiftDecimal(value: string, exponent: number): string {
  const plain = value.replace(/,/g, '');
  const [whole, fraction = ''] = plain.split('.');
  const digits = whole + fraction;
  let point = whole.length + exponent;
  let padded = digits;
  if (point < 0) {
    padded = '0'.repeat(-point) + padded;
    point = 0;
  }
  if (point > padded.length) padded += '0'.repeat(point - padded.length);
  const intPart = padded.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const fracPart = padded.slice(point).replace(/0+$/, '');
  return fracPart ? `${intPart}.${fracPart}` : intPart;
}
