/**
 * The Citokine-relevant keys of a manuscript's YAML metadata, with the place of each value
 * in the document so that diagnostics land on the right line. Pandoc reads metadata blocks
 * anywhere in the document and merges them: a field set in two blocks takes the later
 * block's value (pandoc 2.17), so `references:` at the end of a document counts.
 */
import { parseDocument, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { entriesFromCslItems, yamlItemRanges, type BibEntry } from '../bibliography/parse';
import type { SourceError } from '../findings';
import type { FrontMatterBlock } from './syntax';
import type { OffsetRange } from '../text/textRange';

/** A string value of the front matter and its range in the document. */
export interface PlacedValue {
  readonly value: string;
  readonly range: OffsetRange;
}

export interface FrontMatter {
  /** `bibliography:` as written: a path or a list of paths, relative to the document. */
  readonly bibliography: readonly PlacedValue[];
  /** `references:` inline CSL items. */
  readonly references: readonly BibEntry[];
  readonly csl: PlacedValue | undefined;
  readonly glossary: readonly PlacedValue[];
  readonly lang: string | undefined;
  /**
   * Cross-reference prefixes the document declares besides the built-in ones: Quarto's
   * `crossref: custom: [{key: vid}]` makes `@vid-intro` a cross-reference, not a citation.
   */
  readonly crossrefPrefixes: readonly string[];
  readonly errors: readonly SourceError[];
}

export const EMPTY_FRONT_MATTER: FrontMatter = {
  bibliography: [],
  references: [],
  csl: undefined,
  glossary: [],
  lang: undefined,
  crossrefPrefixes: [],
  errors: [],
};

type Field = Exclude<keyof FrontMatter, 'errors'>;
/** One block's reading: its fields, which of them it sets, and its errors. */
type BlockReading = { readonly fields: FrontMatter; readonly defined: ReadonlySet<Field> };

/**
 * Reads the metadata blocks found by the Markdown scan (all of them, in document order) and
 * merges them as pandoc does. Never throws.
 */
export function parseFrontMatter(blocks: FrontMatterBlock | readonly FrontMatterBlock[] | undefined, documentUri: string): FrontMatter {
  const list: readonly FrontMatterBlock[] = blocks === undefined ? [] : 'range' in blocks ? [blocks] : blocks;
  const readings = list.map((block) => parseBlock(block, documentUri));
  if (readings.length === 0) return EMPTY_FRONT_MATTER;
  if (readings.length === 1) return readings[0].fields;
  const merged: Record<string, unknown> = { ...EMPTY_FRONT_MATTER };
  for (const reading of readings) for (const field of reading.defined) merged[field] = reading.fields[field];
  return { ...(merged as unknown as FrontMatter), errors: readings.flatMap((r) => r.fields.errors) };
}

/** The fields one metadata block sets. */
function parseBlock(block: FrontMatterBlock, documentUri: string): BlockReading {
  if (!block.yaml.trim()) return { fields: EMPTY_FRONT_MATTER, defined: new Set() };
  const shift: Shift = (r) =>
    r ? { start: block.yamlOffset + r[0], end: block.yamlOffset + r[1] } : { start: block.range.start, end: block.range.start + 3 };
  try {
    const doc = parseDocument(block.yaml, { prettyErrors: false, uniqueKeys: false });
    const errors: SourceError[] = doc.errors.map((e) => ({
      message: `Front matter is not valid YAML: ${e.message.split('\n')[0]}`,
      range: { start: block.yamlOffset + e.pos[0], end: block.yamlOffset + Math.max(e.pos[1], e.pos[0]) },
      severity: 'warning' as const,
    }));
    const contents = doc.contents as { get?: (key: string, keepScalar: true) => unknown; has?: (key: string) => boolean } | null;
    const get = (key: string): YamlNode | undefined =>
      contents && typeof contents.get === 'function' ? (contents.get(key, true) as YamlNode | undefined) : undefined;
    const defined = new Set<Field>();
    const FIELDS: Array<[string, Field]> = [
      ['bibliography', 'bibliography'],
      ['references', 'references'],
      ['csl', 'csl'],
      ['glossary', 'glossary'],
      ['lang', 'lang'],
      ['crossref', 'crossrefPrefixes'],
    ];
    for (const [key, field] of FIELDS) if (contents && typeof contents.has === 'function' && contents.has(key)) defined.add(field);

    const strings = (key: string): PlacedValue[] => placedStrings(key, get(key), shift, errors);

    const references = inlineReferences(get('references'), documentUri, shift, errors);
    const csl = strings('csl')[0];
    const langNode = get('lang');
    const lang = isScalar(langNode) && typeof langNode.value === 'string' ? langNode.value : undefined;
    const fields = {
      bibliography: strings('bibliography'),
      references,
      csl,
      glossary: strings('glossary'),
      lang,
      crossrefPrefixes: customCrossrefPrefixes(get('crossref')),
      errors,
    };
    return { fields, defined };
  } catch (e) {
    const error: SourceError = {
      message: `Front matter could not be read: ${e instanceof Error ? e.message : String(e)}`,
      range: { start: block.range.start, end: block.range.start + 3 },
      severity: 'warning',
    };
    return { fields: { ...EMPTY_FRONT_MATTER, errors: [error] }, defined: new Set() };
  }
}

/** A YAML node's range in the document: the block's offset added, or the block's opening line when the node has none. */
type Shift = (r: readonly [number, number, number?] | undefined) => OffsetRange;

/** A key's value as file paths (a string or a list of strings), each with its place; anything else is an error at its place. */
function placedStrings(key: string, node: YamlNode | undefined, shift: Shift, errors: SourceError[]): PlacedValue[] {
  if (node === undefined || node === null) return [];
  const items = isSeq(node) ? node.items : [node];
  const values: PlacedValue[] = [];
  for (const item of items) {
    if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) {
      values.push({ value: String(item.value), range: valueRange(item, shift) });
    } else {
      errors.push({
        message: `\`${key}:\` takes a file path or a list of file paths.`,
        range: shift((item as YamlNode | null)?.range ?? undefined),
        severity: 'warning',
      });
    }
  }
  return values;
}

/** `references:`: inline CSL items with their places; anything but a list is an error at its place. */
function inlineReferences(node: YamlNode | undefined, documentUri: string, shift: Shift, errors: SourceError[]): BibEntry[] {
  if (node === undefined || node === null) return [];
  if (!isSeq(node)) {
    errors.push({
      message: '`references:` takes a list of CSL items, each with an `id`.',
      range: shift(node.range ?? undefined),
      severity: 'warning',
    });
    return [];
  }
  const parsed = entriesFromCslItems(
    node.items.map((n) => (n as YamlNode | null)?.toJSON?.() ?? null),
    documentUri,
    (index) => {
      const r = yamlItemRanges(node.items[index] as YamlNode | null);
      return { range: shift([r.range.start, r.range.end]), keyRange: shift([r.keyRange.start, r.keyRange.end]) };
    },
  );
  errors.push(...parsed.errors);
  return parsed.entries;
}

/** The `key`s of Quarto's `crossref: custom:` list. */
function customCrossrefPrefixes(node: YamlNode | undefined): string[] {
  if (!isMap(node)) return [];
  const custom = node.get('custom', true);
  if (!isSeq(custom)) return [];
  const prefixes: string[] = [];
  for (const item of custom.items) {
    const key = isMap(item) ? item.get('key') : undefined;
    if (typeof key === 'string' && /^[A-Za-z][\w]*$/.test(key)) prefixes.push(key);
  }
  return prefixes;
}

/** The range of a scalar's text without its quotes. */
function valueRange(node: YamlNode, shift: (r: readonly [number, number]) => OffsetRange): OffsetRange {
  const [start, end] = node.range ?? [0, 0];
  const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') ? 1 : 0;
  return shift([start + quoted, end - quoted]);
}
