/**
 * The status bar item of the active manuscript: the bibliographies and glossaries in force
 * with their entry counts, and the number of citation and term findings.
 */
import * as l10n from '@vscode/l10n';
import type { DocumentOutline } from './protocol';

export interface StatusText {
  /** Short: "$(book) refs.bib 120 · $(symbol-text) 2 glossaries 164 · $(warning) 3". */
  readonly text: string;
  /** One line per source, then the findings. */
  readonly tooltip: string;
}

/** The file name of a path as the user wrote it. */
function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || name;
}

export function statusText(outline: DocumentOutline): StatusText {
  const bibliographies = outline.sources.filter((s) => s.kind === 'bibliography');
  const glossaries = outline.sources.filter((s) => s.kind === 'glossary' && s.readable);
  const bibEntries = bibliographies.reduce((n, s) => n + s.entries, 0);
  const termEntries = glossaries.reduce((n, s) => n + s.entries, 0);
  const bibName = bibliographies.length === 1 ? baseName(bibliographies[0].name) : l10n.t('{0} bibliographies', bibliographies.length);
  const glossaryName = glossaries.length === 1 ? l10n.t('glossary') : l10n.t('{0} glossaries', glossaries.length);
  const findings = outline.findings.citations + outline.findings.terms;
  const text = `$(book) ${bibName} ${bibEntries} · $(symbol-text) ${glossaryName} ${termEntries} · ${findings ? '$(warning)' : '$(check)'} ${findings}`;
  const lines = [
    ...outline.sources.map((s) => {
      const what = s.kind === 'bibliography' ? l10n.t('Bibliography') : l10n.t('Glossary');
      const name = s.builtin ? l10n.t('{0} (built-in)', s.name) : s.name;
      return s.readable ? l10n.t('{0}: {1}, {2} entries', what, name, s.entries) : l10n.t('{0}: {1}, cannot be read', what, name);
    }),
    l10n.t('Citation findings: {0}', outline.findings.citations),
    l10n.t('Term findings: {0}', outline.findings.terms),
  ];
  return { text, tooltip: lines.join('\n') };
}
