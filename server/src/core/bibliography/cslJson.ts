/** CSL-JSON: an array of items (or `{ items: [...] }`, or one item), each placed at its `"id"`. */
import type { SourceError } from '../findings';
import type { OffsetRange } from '../text/textRange';
import { asCslItem, isObject, type BibEntry } from './cslItem';
import { asSentence, errorMessage, type Parsed } from './formatSupport';
import { lineAround } from '../text/textRange';

/** Parses a CSL-JSON file; never throws. */
export function parseCslJson(text: string, uri: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(errorMessage(e));
    const at = m ? Number(m[1]) : 0;
    return {
      entries: [],
      errors: [{ message: `Not valid JSON: ${asSentence(errorMessage(e))}`, range: lineAround(text, at), severity: 'error' }],
    };
  }
  const list = Array.isArray(data)
    ? data
    : isObject(data) && Array.isArray((data as { items?: unknown }).items)
      ? (data as { items: unknown[] }).items
      : isObject(data)
        ? [data]
        : undefined;
  if (!list)
    return {
      entries: [],
      errors: [{ message: 'A CSL-JSON bibliography is an array of items.', range: lineAround(text, 0), severity: 'error' }],
    };

  // Locate every `"id": "..."` once, in order, so each item knows its line without a second parser.
  const idPattern = /"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)/g;
  const idPlaces = new Map<string, OffsetRange[]>();
  for (let m = idPattern.exec(text); m; m = idPattern.exec(text)) {
    const raw = m[1];
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    const start = m.index + m[0].length - raw.length + (raw.startsWith('"') ? 1 : 0);
    const places = idPlaces.get(value) ?? [];
    places.push({ start, end: start + (raw.startsWith('"') ? raw.length - 2 : raw.length) });
    idPlaces.set(value, places);
  }
  const entries: BibEntry[] = [];
  const errors: SourceError[] = [];
  const used = new Map<string, number>();
  list.forEach((raw, index) => {
    const item = asCslItem(raw);
    if (!item) {
      errors.push({
        message: `Item ${index + 1} has no "id": give it one so it can be cited.`,
        range: lineAround(text, 0),
        severity: 'error',
      });
      return;
    }
    const nth = used.get(item.id) ?? 0;
    used.set(item.id, nth + 1);
    const keyRange = idPlaces.get(item.id)?.[nth] ?? { start: 0, end: 0 };
    entries.push({ key: item.id, item, uri, range: lineAround(text, keyRange.start), keyRange });
  });
  return { entries, errors };
}
