import type { OffsetRange } from './textRange';

/**
 * A problem found while parsing a file (a bibliography, a glossary, front matter).
 * Parsers return these instead of throwing; the range is in offsets of the parsed text,
 * so the diagnostic lands on the offending line.
 */
export interface SourceError {
  readonly message: string;
  readonly range: OffsetRange;
  readonly severity: 'error' | 'warning';
}
