/** RIS: records from `TY  -` to `ER  -`, each keyed by its `ID` or by author and year. */
import type { SourceError } from '../findings';
import type { OffsetRange } from '../text/textRange';
import { issuedYear, type BibEntry, type CslItem } from './cslItem';
import { asSentence, cleanItem, errorMessage, toCsl, type Parsed } from './formatSupport';
import { lineAround } from '../text/textRange';

/** Parses a RIS file; never throws. */
export function parseRis(text: string, uri: string): Parsed {
  const entries: BibEntry[] = [];
  const errors: SourceError[] = [];
  const usedKeys = new Set<string>();
  const recordPattern = /^TY {2}- .*$/gm;
  const starts: number[] = [];
  for (let m = recordPattern.exec(text); m; m = recordPattern.exec(text)) starts.push(m.index);
  if (starts.length === 0 && text.trim()) {
    errors.push({
      message: 'No RIS record found: each record starts with a line "TY  - <type>".',
      range: lineAround(text, 0),
      severity: 'error',
    });
  }
  starts.forEach((start, i) => {
    const next = i + 1 < starts.length ? starts[i + 1] : text.length;
    const endMatch = /^ER {2}-.*$/m.exec(text.slice(start, next));
    const end = endMatch ? start + endMatch.index + endMatch[0].length : next;
    const record = text.slice(start, end);
    if (!endMatch) {
      errors.push({ message: 'This RIS record has no closing "ER  - " line.', range: lineAround(text, start), severity: 'error' });
      return;
    }
    let item: CslItem | undefined;
    try {
      const source = firstDateOnly(record);
      item = toCsl(source.endsWith('\n') ? source : `${source}\n`, '@ris/file')[0];
    } catch (e) {
      errors.push({ message: `RIS record: ${asSentence(errorMessage(e))}`, range: lineAround(text, start), severity: 'error' });
      return;
    }
    if (!item) return;
    const fields = risFields(record);
    // citation-js 0.8 drops DO; the DOI is in the user's own record, so keep it.
    if (!item.DOI && fields.DO) item.DOI = fields.DO;
    const idLine = /^ID {2}- *(\S+)\s*$/m.exec(record);
    let key = idLine?.[1] ?? '';
    let keyRange: OffsetRange;
    if (key) {
      const keyStart = start + (idLine?.index ?? 0) + (idLine?.[0].indexOf(key, 5) ?? 0);
      keyRange = { start: keyStart, end: keyStart + key.length };
    } else {
      key = generatedKey(item, usedKeys);
      keyRange = lineAround(text, start);
    }
    usedKeys.add(key);
    item.id = key;
    entries.push({ key, item: cleanItem(item), uri, range: { start, end }, keyRange });
  });
  return { entries, errors };
}

/**
 * A record with its first `PY` and `DA` lines only. PubMed Central exports give one `PY` per
 * event (`PY  - 2013/02/15/received`, accepted, published); the first is the record's date,
 * and citation-js refuses a record with several.
 */
function firstDateOnly(record: string): string {
  const seen = new Set<string>();
  return record.replace(/^(PY|DA) {2}-.*(?:\r?\n|$)/gm, (line: string, tag: string) => {
    if (seen.has(tag)) return '';
    seen.add(tag);
    return line;
  });
}

function risFields(record: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of record.matchAll(/^([A-Z][A-Z0-9]) {2}- ?(.*?)\s*$/gm)) if (!(m[1] in fields)) fields[m[1]] = m[2];
  return fields;
}

/**
 * RIS records without an ID get a key from what the record itself says (first author's
 * family name and year, e.g. `doe2019`, then `doe2019b`), so they can be cited.
 */
function generatedKey(item: CslItem, used: ReadonlySet<string>): string {
  const authors = item.author as { family?: string; literal?: string }[] | undefined;
  const family =
    (authors?.[0]?.family ?? authors?.[0]?.literal ?? 'anon')
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]/g, '')
      .toLowerCase() || 'anon';
  const year = issuedYear(item) ?? 'nd';
  const base = `${family}${year}`;
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}${String.fromCharCode(96 + Math.min(i, 26))}${i > 26 ? i : ''}`;
    if (!used.has(candidate)) return candidate;
  }
}
