/**
 * What the format parsers share: citation-js's reader, and ranges for errors reported at a line.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import type { SourceError } from '../findings';
import type { OffsetRange } from '../text/textRange';
import { isObject, type BibEntry, type CslItem } from './cslItem';

/** What one format parser returns: the entries it read and the errors, each at its place. */
export interface Parsed {
  entries: BibEntry[];
  errors: SourceError[];
}

/** Reads BibTeX or RIS source (or `forceType`) into CSL items with citation-js; throws on bad input. */
export function toCsl(source: string, forceType?: string): CslItem[] {
  const result = plugins.input.chain(source, {
    target: '@csl/list+object',
    generateGraph: false,
    ...(forceType ? { forceType } : {}),
  }) as unknown;
  return Array.isArray(result) ? (result.filter(isObject) as CslItem[]) : [];
}

/** Drops what citation-js adds that is not bibliographic data (its internal graph, a duplicated key). */
export function cleanItem(item: CslItem): CslItem {
  const { _graph, ...rest } = item as CslItem & { _graph?: unknown };
  void _graph;
  return rest as CslItem;
}

/** The first line of `range`. */
export function firstLine(text: string, range: OffsetRange): OffsetRange {
  const nl = text.indexOf('\n', range.start);
  return { start: range.start, end: nl < 0 || nl > range.end ? range.end : nl };
}

/** A parser's [start, end] inside `text`: yaml reports an error at an unclosed `{` one past the end. */
export function clampRange(text: string, [from, to]: readonly [number, number]): OffsetRange {
  const start = Math.min(Math.max(0, from), text.length);
  return { start, end: Math.min(Math.max(to, start), text.length) };
}

/** The message of whatever was thrown. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The first line of a (library's) error message. */
export function firstSentence(message: string): string {
  return message.split('\n')[0].trim();
}

/**
 * A library's error message as one whole sentence: its first line, without the position the
 * finding's range already gives or a colon that introduced a quoted excerpt, ending with a stop.
 */
export function asSentence(message: string): string {
  const line = firstSentence(message)
    .replace(/\s*at line \d+,? col(?:umn)? \d+.*$/i, '')
    .replace(/[\s:;,]+$/, '');
  return /[.!?]$/.test(line) ? line : `${line}.`;
}
