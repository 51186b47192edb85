/**
 * A terminology finding and its fix, in offsets of the manuscript: what the checks produce
 * and what both the diagnostics and the code actions are made from.
 */
import type { OffsetRange } from '../text/textRange';

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
