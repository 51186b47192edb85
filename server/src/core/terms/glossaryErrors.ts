/**
 * Where a glossary file's errors are and how they read: a syntax error at its position, a
 * schema error at the node it is about (cut to one line) with a message that names the term
 * ("Term 'il-6', aliases[2]: repeats an earlier item") rather than a JSON Pointer.
 */
import type { ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { SourceError } from '../findings';
import { lineAround, type OffsetRange } from '../text/textRange';

/** A YAML/JSON syntax error at `pos` (the yaml package's [start, end]), as one line of message. */
export function syntaxError(text: string, message: string, pos: [number, number], severity: 'error' | 'warning'): SourceError {
  const start = Math.min(pos[0], text.length);
  const end = Math.min(Math.max(pos[1], start), text.length);
  return {
    message: `Not valid ${looksLikeJson(text) ? 'JSON' : 'YAML'}: ${firstSentence(message)}`,
    range: end > start ? { start, end } : lineAround(text, start),
    severity,
  };
}

function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

/** `/terms/3/name` -> ['terms', 3, 'name'] (JSON Pointer, with ~1 and ~0 unescaped). */
export function pointerSegments(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function nodeAt(root: YamlNode | null, path: readonly (string | number)[]): YamlNode | null {
  let node: unknown = root;
  for (const segment of path) {
    if (isMap(node)) node = node.get(String(segment), true);
    else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
    else return null;
  }
  return (node as YamlNode | null) ?? null;
}

function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((item) => isPair(item) && scalarValue(item.key) === key);
}

/** The value of a scalar node; undefined for anything else. */
export function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** The range of a node, cut to its first line so a diagnostic on a big object stays readable. */
function nodeRange(text: string, node: unknown): OffsetRange | undefined {
  const range = (node as YamlNode | null | undefined)?.range;
  if (!range) return undefined;
  let start = range[0];
  let end = range[1];
  if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && end - start >= 2) {
    start++;
    end--;
  }
  const newline = text.indexOf('\n', start);
  if (newline >= 0 && newline < end) end = newline;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end } : lineAround(text, start);
}

/** Range of a term's field value, or of the term itself when the field is missing. */
export function valueRange(text: string, termNode: YamlNode | null, field: string): OffsetRange {
  const pair = pairOf(termNode, field);
  return nodeRange(text, pair?.value) ?? nodeRange(text, termNode) ?? { start: 0, end: 0 };
}

/** A schema error (`path` = its instance path as segments) at the node it is about. */
export function schemaError(
  text: string,
  root: YamlNode | null,
  data: unknown,
  error: ErrorObject,
  path: readonly (string | number)[],
): SourceError {
  const node = nodeAt(root, path);
  let range: OffsetRange | undefined;
  if (error.keyword === 'additionalProperties') {
    const key = pairOf(node, String(error.params.additionalProperty))?.key;
    range = nodeRange(text, key);
  } else if (error.keyword === 'uniqueItems') {
    range = nodeRange(text, nodeAt(root, [...path, Math.max(Number(error.params.i), Number(error.params.j))]));
  } else if (error.keyword === 'required') {
    // Point at the object's first key: the whole object may span many lines.
    const first = isMap(node) ? node.items[0] : undefined;
    range = nodeRange(text, isPair(first) ? first.key : node);
  }
  range ??=
    nodeRange(text, node) ??
    nodeRange(text, pairOf(nodeAt(root, path.slice(0, -1)), String(path[path.length - 1]))?.key) ??
    lineAround(text, 0);
  return { message: `${describePath(data, path)}: ${describeError(error)}`, range, severity: 'error' };
}

/** "term 'il-6', aliases[2]" for a reader, rather than "/terms/0/aliases/2". */
function describePath(data: unknown, path: readonly (string | number)[]): string {
  if (path.length === 0) return 'Glossary';
  const parts: string[] = [];
  let i = 0;
  if (path[0] === 'terms' && typeof path[1] === 'number') {
    const raw = isObject(data) && Array.isArray(data.terms) ? data.terms[path[1]] : undefined;
    const id = isObject(raw) && typeof raw.id === 'string' && raw.id ? `'${raw.id}'` : `${path[1] + 1}`;
    parts.push(`Term ${id}`);
    i = 2;
  }
  const rest = path.slice(i).reduce<string>((out, s) => (typeof s === 'number' ? `${out}[${s}]` : out ? `${out}.${s}` : s), '');
  if (rest) parts.push(rest);
  return parts.join(', ');
}

function describeError(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `'${String(p.missingProperty)}' is required`;
    case 'additionalProperties':
      return `unknown property '${String(p.additionalProperty)}'`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'type':
      return `must be ${article(String(p.type))}`;
    case 'pattern':
      return error.instancePath.endsWith('/id') || /\/related\/\d+$/.test(error.instancePath)
        ? "an id uses lower-case letters, digits, '-', '_' or '.', starting with a letter or digit"
        : 'must contain a non-space character';
    case 'minLength':
    case 'minItems':
    case 'minProperties':
      return 'must not be empty';
    case 'uniqueItems':
      return 'repeats an earlier item';
    case 'minimum':
      return `must be at least ${String(p.limit)}`;
    default:
      return error.message ?? 'is not valid';
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'an object',
    array: 'a list',
    string: 'a string',
    boolean: 'true or false',
    integer: 'a whole number',
    number: 'a number',
  };
  return names[type] ?? type;
}

function firstSentence(message: string): string {
  const line = message.split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** A plain object (not null, not an array), as parsed JSON or YAML gives one. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
