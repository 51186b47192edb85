/** CSL-YAML: a list of items, or a `references:` list, each placed at its `id`. */
import { parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import type { SourceError } from '../findings';
import type { OffsetRange } from '../text/textRange';
import { entriesFromCslItems } from './cslItem';
import { clampRange, firstSentence, type Parsed } from './formatSupport';
import { lineAround } from '../text/textRange';

/** Parses a CSL-YAML file; never throws. */
export function parseCslYaml(text: string, uri: string): Parsed {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
  const errors: SourceError[] = doc.errors.map((e) => ({ message: `Not valid YAML: ${firstSentence(e.message)}`, range: clampRange(text, e.pos), severity: 'error' as const }));
  let root: unknown = doc.contents;
  if (isMap(root)) root = root.get('references', true) ?? root;
  if (!isSeq(root)) {
    if (errors.length === 0) errors.push({ message: 'A CSL-YAML bibliography is a list of items (or a `references:` list).', range: lineAround(text, 0), severity: 'error' });
    return { entries: [], errors };
  }
  const seq = root;
  const { entries, errors: itemErrors } = entriesFromCslItems(
    seq.items.map((node) => (node as YamlNode | null)?.toJSON?.() ?? null),
    uri,
    (index) => yamlItemRanges(seq.items[index] as YamlNode | null),
  );
  return { entries, errors: [...errors, ...itemErrors] };
}

/** Ranges of a YAML list item and its `id` value. */
export function yamlItemRanges(node: YamlNode | null | undefined): { range: OffsetRange; keyRange: OffsetRange } {
  const range = node?.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
  let keyRange = range;
  if (isMap(node)) {
    const id = node.get('id', true);
    if (isScalar(id) && id.range) {
      const quoted = id.type === 'QUOTE_DOUBLE' || id.type === 'QUOTE_SINGLE' ? 1 : 0;
      keyRange = { start: id.range[0] + quoted, end: id.range[1] - quoted };
    }
  }
  return { range, keyRange };
}

