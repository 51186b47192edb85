/** CSL-YAML: a list of items, or a `references:` list, each placed at its `id`. */
import { parseAllDocuments, parseDocument, isMap, isSeq, isScalar, type Document, type Node as YamlNode } from 'yaml';
import type { SourceError } from '../findings';
import type { OffsetRange } from '../text/textRange';
import { entriesFromCslItems } from './cslItem';
import { asSentence, clampRange, type Parsed } from './formatSupport';
import { lineAround } from '../text/textRange';

/** Parses a CSL-YAML file; never throws. */
export function parseCslYaml(text: string, uri: string): Parsed {
  const doc = firstDocument(text);
  // One problem, one finding: the YAML parser's later errors follow from its first.
  const errors: SourceError[] = doc.errors
    .slice(0, 1)
    .map((e) => ({ message: `Not valid YAML: ${asSentence(e.message)}`, range: clampRange(text, e.pos), severity: 'error' as const }));
  let root: unknown = doc.contents;
  if (isMap(root)) root = root.get('references', true) ?? root;
  if (!isSeq(root)) {
    if (errors.length === 0)
      errors.push({
        message: 'A CSL-YAML bibliography is a list of items (or a `references:` list).',
        range: lineAround(text, 0),
        severity: 'error',
      });
    return { entries: [], errors };
  }
  const seq = root;
  const { entries, errors: itemErrors } = entriesFromCslItems(
    seq.items.map((node) => (node as YamlNode | null)?.toJSON?.() ?? null),
    uri,
    (index) => yamlItemRanges(seq.items[index] as YamlNode | null),
    { markdown: false },
  );
  // Items the broken YAML cut in two would each add a finding about the same problem.
  return { entries, errors: errors.length > 0 ? errors : itemErrors };
}

/**
 * The bibliography's YAML document. pandoc writes a CSL-YAML file as a metadata block
 * (`---`, `references:`, `---` or `...`), so what follows the block's closing `---` is an
 * empty document, not a second bibliography.
 */
function firstDocument(text: string): Document {
  const all = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
  const docs = Array.isArray(all) ? all : [all as unknown as Document];
  return docs.find((d) => d.contents !== null) ?? docs[0] ?? parseDocument(text, { prettyErrors: false, uniqueKeys: false });
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
