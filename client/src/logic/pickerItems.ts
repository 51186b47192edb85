/**
 * What the Insert Citation picker shows for each candidate: authors and year as the label,
 * the title as the detail, the key (or number) and, for built-in entries, the identification
 * status as the description. The server ranked the candidates; the picker keeps that order.
 */
import * as l10n from '@vscode/l10n';
import type { CitationCandidate, CitationStyle, IdentificationStatus } from './protocol';

/** A QuickPick item without VS Code in it; the extension adds `picked` and `alwaysShow`. */
export interface PickerItem {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly candidate: CitationCandidate;
}

/** The status of a built-in entry in the interface language. */
export function statusLabel(status: IdentificationStatus): string {
  switch (status) {
    case 'certain':
      return l10n.t('identified (certain)');
    case 'probable':
      return l10n.t('identified (probable)');
    case 'candidate':
      return l10n.t('not identified (candidates only)');
    case 'unknown':
      return l10n.t('not identified');
  }
}

/** The picker item of one candidate; in a numeric document the number leads. */
export function pickerItem(candidate: CitationCandidate, style: CitationStyle): PickerItem {
  const who = [candidate.authors, candidate.year].filter(Boolean).join(', ');
  const title = candidate.title || l10n.t('(no title)');
  const id = style === 'numeric' && candidate.number !== undefined ? `[${candidate.number}]` : `@${candidate.key}`;
  const description = [id, candidate.status ? statusLabel(candidate.status) : undefined].filter(Boolean).join(' · ');
  const detail = [title, candidate.journal].filter(Boolean).join(' — ');
  return { label: who || title, description, detail: who ? detail : (candidate.journal ?? ''), candidate };
}
