/**
 * Rename a citation key everywhere at once: in every manuscript of the workspace that cites
 * the entry, and in the bibliography file (BibTeX key, CSL-JSON or CSL-YAML `id`, RIS `ID`)
 * or front matter item that defines it. The edit replaces the key text only, nothing around
 * it. A new key that is not a valid Pandoc key, or that some manuscript using the file
 * already resolves, is refused, as is any key of the built-in corpus.
 */
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { bibliographyFormatOf } from '../../fileKinds';
import { isValidCitationKey } from '../keys';
import { LineMap, type OffsetRange } from '../../text/textRange';
import {
  workspaceManuscripts,
  type DocumentText,
  type IndexedManuscript,
  type LineMaps,
  type WorkspaceContext,
} from '../../workspaceIndex';
import { citingPlaces, isBuiltinEntry, targetAt, type ReferenceTarget } from './referenceTarget';
import { URI } from 'vscode-uri';

/** A rename Citokine will not make; the message says why, for the author to read. */
export class RenameRefusedError extends Error {
  override readonly name = 'RenameRefusedError';
}

/** Characters a BibTeX key cannot hold (they end the key or start a field). */
const BIBTEX_FORBIDDEN = /[\s,{}()"#%'=~\\]/;

/** The key under the cursor and its range, when it can be renamed; throws RenameRefusedError with the reason when it cannot. */
export async function prepareRename(
  context: WorkspaceContext,
  document: DocumentText,
  offset: number,
): Promise<{ range: Range; placeholder: string } | undefined> {
  const found = await targetAt(context, document, offset);
  if (!found) return undefined;
  const target = renamable(context, found.target);
  const lines = found.manuscript?.lines ?? new LineMap(document.text);
  return { range: lines.rangeOf(target.origin), placeholder: target.key };
}

/** The WorkspaceEdit renaming the key under the cursor to `newName`; throws RenameRefusedError when refused. */
export async function renameKey(
  context: WorkspaceContext,
  lineMaps: LineMaps,
  document: DocumentText,
  offset: number,
  newName: string,
): Promise<WorkspaceEdit | undefined> {
  const found = await targetAt(context, document, offset);
  if (!found) return undefined;
  const target = renamable(context, found.target);
  const entry = target.entry;
  const newKey = newName.trim().replace(/^@/, '');
  if (newKey === target.key) return { changes: {} };
  if (!isValidCitationKey(newKey)) {
    throw new RenameRefusedError(
      `'${newName}' is not a valid citation key: a key starts with a letter, digit or _, and may hold punctuation (:.#$%&-+?<>~/) only between letters or digits, with no spaces.`,
    );
  }
  if (bibliographyFormatOf(entry.uri) === 'bibtex' && BIBTEX_FORBIDDEN.test(newKey)) {
    throw new RenameRefusedError(
      `'${newKey}' cannot be a BibTeX key: BibTeX keys cannot hold spaces or the characters , { } ( ) " # % ' = ~ \\.`,
    );
  }

  const manuscripts = await workspaceManuscripts(context, document);
  const definingFile = await context.store.get(entry.uri);
  if (definingFile?.entries.some((e) => e.key === newKey)) {
    throw new RenameRefusedError(`'@${newKey}' already exists in ${fileName(entry.uri)}: choose another key.`);
  }
  for (const { manuscript, library } of manuscripts) {
    if (usesDefinition(manuscript.uri, library, entry.uri) && library.byKey.has(newKey)) {
      throw new RenameRefusedError(
        `'@${newKey}' already exists: ${fileName(manuscript.uri)} resolves it to ${fileName(library.byKey.get(newKey)!.uri)}. Choose another key.`,
      );
    }
  }

  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  const add = (uri: string, lines: LineMap, range: OffsetRange) => {
    const id = `${uri}#${range.start}`;
    if (seen.has(id)) return;
    seen.add(id);
    (changes[uri] ??= []).push({ range: lines.rangeOf(range), newText: newKey });
  };
  const definitionLines = await lineMaps.of(
    entry.uri,
    manuscripts.map((m) => m.manuscript),
  );
  if (!definitionLines) throw new RenameRefusedError(`${fileName(entry.uri)}, which defines '@${target.key}', cannot be read.`);
  if (definitionLines.text.slice(entry.keyRange.start, entry.keyRange.end) !== target.key) {
    throw new RenameRefusedError(`${fileName(entry.uri)} changed since it was read: try again.`);
  }
  add(entry.uri, definitionLines, entry.keyRange);
  for (const indexed of manuscripts) {
    for (const place of citingPlaces(indexed, target))
      if (place.keyRange) add(indexed.manuscript.uri, indexed.manuscript.lines, place.keyRange);
  }
  return { changes };
}

type RenamableTarget = Extract<ReferenceTarget, { kind: 'entry' }> & {
  readonly entry: NonNullable<Extract<ReferenceTarget, { kind: 'entry' }>['entry']>;
};

function renamable(context: WorkspaceContext, target: ReferenceTarget): RenamableTarget {
  if (target.kind === 'own-number' || target.fromNumber) {
    throw new RenameRefusedError('Only citation keys can be renamed: a number is the position of its entry in the reference list.');
  }
  if (!target.entry) throw new RenameRefusedError(`No bibliography in use defines '@${target.key}', so there is no entry to rename.`);
  if (isBuiltinEntry(target.entry, context)) {
    throw new RenameRefusedError(
      `'@${target.key}' belongs to the built-in corpus, whose keys are fixed. Copy the entry into your own bibliography to cite it under another key.`,
    );
  }
  return target as RenamableTarget;
}

/** True when the manuscript's library reads the file (or, for inline items, is the manuscript) that defines the entry. */
function usesDefinition(manuscriptUri: string, library: IndexedManuscript['library'], definitionUri: string): boolean {
  return manuscriptUri === definitionUri || library.sources.some((s) => s.uri === definitionUri);
}

function fileName(uri: string): string {
  const path = URI.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1) || uri;
}
