/**
 * The References and Terms views as plain nodes: the extension turns each node into a
 * TreeItem. References: cited works in order of first citation with their counts, each
 * opening to the places citing it, then the uncited entries of the document's own list.
 * Terms: each term the manuscript uses, opening to its definition, first use and findings.
 */
import * as l10n from '@vscode/l10n';
import type { DocumentOutline, WireRange } from './protocol';
import { statusLabel } from './pickerItems';

/** Where a click goes: a range of the manuscript. */
export interface NodeTarget {
  readonly uri: string;
  readonly range: WireRange;
}

export interface TreeNode {
  /** Stable across refreshes (VS Code keeps expansion by id). */
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  /** Icon id (codicon) without the `$()`. */
  readonly icon?: string;
  /** For menus' `viewItem` clauses: `citedWork`, `uncitedEntry`, `place`, `term`, `group`. */
  readonly contextValue: string;
  readonly target?: NodeTarget;
  readonly children?: readonly TreeNode[];
}

/** "line 12" for a range. */
function lineOf(range: WireRange): string {
  return l10n.t('line {0}', range.start.line + 1);
}

/** The References view's nodes. */
export function referenceNodes(outline: DocumentOutline): TreeNode[] {
  const nodes: TreeNode[] = outline.cited.map((work) => {
    const id = work.key !== undefined ? `@${work.key}` : `[${work.number}]`;
    const status = work.status ? statusLabel(work.status) : undefined;
    const count = l10n.t('{0}×', work.places.length);
    const description = [
      outline.style === 'numeric' && work.number !== undefined ? `[${work.number}]` : `@${work.key ?? work.number}`,
      count,
      status,
    ]
      .filter(Boolean)
      .join(' · ');
    return {
      id: `cited/${id}`,
      label: work.known ? work.label : l10n.t('{0} (unknown)', id),
      description,
      tooltip: work.label,
      icon: work.known ? 'book' : 'warning',
      contextValue: 'citedWork',
      target: work.places[0] ? { uri: outline.uri, range: work.places[0] } : undefined,
      children: work.places.map((range, k) => ({
        id: `cited/${id}/${k}`,
        label: lineOf(range),
        icon: 'location',
        contextValue: 'place',
        target: { uri: outline.uri, range },
      })),
    };
  });
  if (outline.uncited.length > 0) {
    const more =
      outline.uncitedNotListed > 0
        ? [{ id: 'uncited/more', label: l10n.t('… and {0} more', outline.uncitedNotListed), contextValue: 'more' }]
        : [];
    nodes.push({
      id: 'uncited',
      label: l10n.t('Not cited ({0})', outline.uncited.length + outline.uncitedNotListed),
      icon: 'circle-slash',
      contextValue: 'group',
      children: [
        ...outline.uncited.map((entry): TreeNode => ({
          id: `uncited/${entry.key ?? entry.number}`,
          label: entry.label,
          description: entry.key !== undefined ? `@${entry.key}` : `[${entry.number}]`,
          icon: 'circle-outline',
          contextValue: 'uncitedEntry',
          target: entry.range ? { uri: outline.uri, range: entry.range } : undefined,
        })),
        ...more,
      ],
    });
  }
  return nodes;
}

/** The Terms view's nodes. */
export function termNodes(outline: DocumentOutline): TreeNode[] {
  return outline.terms.map((term) => {
    const children: TreeNode[] = [];
    if (term.definition)
      children.push({
        id: `term/${term.id}/definition`,
        label: l10n.t('Defined at {0}', lineOf(term.definition)),
        icon: 'symbol-key',
        contextValue: 'place',
        target: { uri: outline.uri, range: term.definition },
      });
    children.push({
      id: `term/${term.id}/first`,
      label: l10n.t('First used at {0}', lineOf(term.firstUse)),
      icon: 'location',
      contextValue: 'place',
      target: { uri: outline.uri, range: term.firstUse },
    });
    term.findings.forEach((finding, k) =>
      children.push({
        id: `term/${term.id}/finding/${k}`,
        label: finding.message,
        description: `${finding.code} · ${lineOf(finding.range)}`,
        icon: 'warning',
        contextValue: 'finding',
        target: { uri: outline.uri, range: finding.range },
      }),
    );
    const description = [l10n.t('{0}×', term.uses), term.findings.length ? l10n.t('{0} findings', term.findings.length) : undefined]
      .filter(Boolean)
      .join(' · ');
    return {
      id: `term/${term.id}`,
      label: term.name && term.name.toLowerCase() !== term.canonical.toLowerCase() ? `${term.canonical} (${term.name})` : term.canonical,
      description,
      icon: term.findings.length ? 'warning' : 'symbol-text',
      contextValue: 'term',
      target: { uri: outline.uri, range: term.definition ?? term.firstUse },
      children,
    };
  });
}
