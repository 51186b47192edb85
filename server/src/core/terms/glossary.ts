/**
 * Glossary files: the built-in glossary (references/glossary.json) and users' own, in JSON or
 * YAML, validated against schemas/glossary.schema.json. Parsing goes through the `yaml`
 * package for both formats because YAML is a superset of JSON and its nodes carry source
 * ranges, so each schema error can be reported at the line of the node it is about.
 *
 * The schema is embedded below (GLOSSARY_SCHEMA) rather than imported from
 * schemas/glossary.schema.json: tsc does not copy that file into out/, so an import would
 * fail when tests run the compiled server. test/corpus.test.ts proves the two are equal.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import type { SourceError } from '../findings';
import type { OffsetRange } from '../text/textRange';

export type { SourceError } from '../findings';

/** What kind of thing a term names; the schema's `category` enum. */
export type GlossaryCategory =
  | 'cytokine'
  | 'receptor'
  | 'signalling-molecule'
  | 'signalling-pathway'
  | 'gene'
  | 'protein'
  | 'cell-type'
  | 'process'
  | 'disease'
  | 'clinical-measure'
  | 'biomarker'
  | 'drug'
  | 'experimental-compound'
  | 'vaccine'
  | 'statistic'
  | 'staging-system'
  | 'microrna'
  | 'other';

/** Text in English and Chinese; a user's glossary may give only one. */
export interface LocalizedText {
  readonly en?: string;
  readonly zh?: string;
}

/** One term, with the schema's optional fields filled with their defaults. */
export interface GlossaryTerm {
  readonly id: string;
  /** The form a manuscript should use, e.g. `IL-6`. */
  readonly canonical: string;
  readonly name: LocalizedText;
  /** Other accepted forms; uses of the term, never flagged. */
  readonly aliases: readonly string[];
  /** Non-canonical spellings to flag, with `canonical` as the fix. */
  readonly variants: readonly string[];
  readonly category: GlossaryCategory;
  /** The canonical form is an abbreviation that must be spelled out at first use. */
  readonly abbreviation: boolean;
  readonly definition: LocalizedText;
  /** Ids of related terms, possibly in another glossary. */
  readonly related: readonly string[];
  /** Reference numbers where the term is discussed (for the built-in glossary, the review's). */
  readonly references: readonly number[];
  /** Conventional units for serum analytes, most usual first. */
  readonly units?: readonly string[];
  /** Where the term is defined: the file and the range of its `canonical` value. */
  readonly source: { readonly uri: string; readonly range: OffsetRange };
}

/** A set of terms with lookups; build with `createGlossary`, never mutate. */
export interface Glossary {
  readonly terms: readonly GlossaryTerm[];
  readonly byId: ReadonlyMap<string, GlossaryTerm>;
  /** Keyed by the canonical form in lower case; on a clash the later term wins. */
  readonly byCanonical: ReadonlyMap<string, GlossaryTerm>;
}

export interface ParsedGlossary {
  readonly glossary: Glossary;
  readonly errors: SourceError[];
}

/** Builds the lookup maps over `terms`. A repeated id keeps the last term, in the first one's place. */
export function createGlossary(terms: readonly GlossaryTerm[]): Glossary {
  const byId = new Map<string, GlossaryTerm>();
  for (const term of terms) byId.set(term.id, term);
  const list = [...byId.values()];
  const byCanonical = new Map<string, GlossaryTerm>();
  for (const term of list) byCanonical.set(term.canonical.toLowerCase(), term);
  return Object.freeze({ terms: Object.freeze(list), byId, byCanonical });
}

export const EMPTY_GLOSSARY: Glossary = createGlossary([]);

/**
 * The built-in glossary with users' glossaries laid over it, in order: a term whose id is
 * already known replaces that term entirely (in its place); a new id is added at the end.
 */
export function mergeGlossaries(base: Glossary, overrides: readonly Glossary[]): Glossary {
  if (overrides.every((g) => g.terms.length === 0)) return base;
  const byId = new Map<string, GlossaryTerm>();
  for (const term of base.terms) byId.set(term.id, term);
  for (const glossary of overrides) for (const term of glossary.terms) byId.set(term.id, term);
  return createGlossary([...byId.values()]);
}

let validator: ValidateFunction | undefined;

/** Compiled once, on first use: compiling the schema costs a few milliseconds. */
function validate(data: unknown): readonly ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(GLOSSARY_SCHEMA);
  return validator(data) ? [] : (validator.errors ?? []);
}

/**
 * Parses a glossary file (JSON or YAML). Never throws: syntax errors come back at their
 * position and schema errors at the node they are about. Terms that pass validation load
 * even when others in the same file do not.
 */
export function parseGlossary(text: string, uri: string): ParsedGlossary {
  try {
    return parse(text, uri);
  } catch (e) {
    // A bug here must not take the server down; it becomes one diagnostic at the top.
    return { glossary: EMPTY_GLOSSARY, errors: [{ message: `Could not read this glossary: ${e instanceof Error ? e.message : String(e)}`, range: { start: 0, end: 0 }, severity: 'error' }] };
  }
}

function parse(text: string, uri: string): ParsedGlossary {
  if (!text.trim()) return { glossary: EMPTY_GLOSSARY, errors: [] };
  // logLevel 'error': yaml would otherwise print warnings (e.g. about collection keys) to stderr.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const errors: SourceError[] = [
    ...doc.errors.map((e) => syntaxError(text, e.message, e.pos, 'error')),
    ...doc.warnings.map((e) => syntaxError(text, e.message, e.pos, 'warning')),
  ];
  const root = doc.contents as YamlNode | null;
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });

  const invalidTerms = new Set<number>();
  // After a syntax error the parsed shape is a guess, so its schema errors would only be
  // noise: report the syntax errors alone, and still load the terms that validate.
  const syntaxOk = doc.errors.length === 0;
  for (const error of validate(data)) {
    const path = pointerSegments(error.instancePath);
    if (path[0] === 'terms' && typeof path[1] === 'number') invalidTerms.add(path[1]);
    if (syntaxOk) errors.push(schemaError(text, root, data, error, path));
  }

  const termsNode = isMap(root) ? root.get('terms', true) : undefined;
  const rawTerms = isObject(data) && Array.isArray(data.terms) ? (data.terms as unknown[]) : [];
  const terms: GlossaryTerm[] = [];
  const seenIds = new Map<string, number>();
  rawTerms.forEach((raw, index) => {
    if (invalidTerms.has(index) || !isObject(raw)) return;
    const node = isSeq(termsNode) ? (termsNode.items[index] as YamlNode | null) : null;
    const term = toTerm(raw, uri, node, text);
    if (seenIds.has(term.id)) {
      errors.push({ message: `Term id '${term.id}' is already used by term ${seenIds.get(term.id)! + 1}; ids must be unique, so this term is ignored.`, range: valueRange(text, node, 'id'), severity: 'error' });
      return;
    }
    seenIds.set(term.id, index);
    terms.push(term);
  });
  errors.push(...clashes(terms, text, termsNode));
  errors.sort((a, b) => a.range.start - b.range.start);
  return { glossary: createGlossary(terms), errors };
}

function toTerm(raw: Record<string, unknown>, uri: string, node: YamlNode | null, text: string): GlossaryTerm {
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const localized = (v: unknown): LocalizedText => (isObject(v) ? { ...(typeof v.en === 'string' ? { en: v.en } : {}), ...(typeof v.zh === 'string' ? { zh: v.zh } : {}) } : {});
  return Object.freeze({
    id: raw.id as string,
    canonical: raw.canonical as string,
    name: localized(raw.name),
    aliases: strings(raw.aliases),
    variants: strings(raw.variants),
    category: (typeof raw.category === 'string' ? raw.category : 'other') as GlossaryCategory,
    abbreviation: raw.abbreviation === true,
    definition: localized(raw.definition),
    related: strings(raw.related),
    references: Array.isArray(raw.references) ? raw.references.filter((x): x is number => Number.isInteger(x)) : [],
    ...(Array.isArray(raw.units) ? { units: strings(raw.units) } : {}),
    source: { uri, range: valueRange(text, node, 'canonical') },
  });
}

/** Same form claimed by two terms, or listed as both accepted and flagged: a warning each. */
function clashes(terms: readonly GlossaryTerm[], text: string, termsNode: unknown): SourceError[] {
  const errors: SourceError[] = [];
  const owner = new Map<string, GlossaryTerm>();
  const nodeOf = (term: GlossaryTerm): YamlNode | null => {
    if (!isSeq(termsNode)) return null;
    return (termsNode.items as (YamlNode | null)[]).find((item) => isMap(item) && scalarValue(item.get('id', true)) === term.id) ?? null;
  };
  for (const term of terms) {
    for (const alias of term.aliases) {
      if (term.variants.includes(alias)) errors.push({ message: `'${alias}' is listed both as an alias (accepted) and as a variant (flagged) of '${term.canonical}'.`, range: valueRange(text, nodeOf(term), 'variants'), severity: 'warning' });
    }
    for (const form of new Set([term.canonical, ...term.aliases, ...term.variants].map((f) => f.toLowerCase()))) {
      const other = owner.get(form);
      if (other && other.id !== term.id) {
        errors.push({ message: `'${form}' is a form of both '${other.id}' and '${term.id}': a use of it cannot be told apart.`, range: valueRange(text, nodeOf(term), 'canonical'), severity: 'warning' });
      } else owner.set(form, term);
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------
// Error positions

function syntaxError(text: string, message: string, pos: [number, number], severity: 'error' | 'warning'): SourceError {
  const start = Math.min(pos[0], text.length);
  const end = Math.min(Math.max(pos[1], start), text.length);
  return { message: `Not valid ${looksLikeJson(text) ? 'JSON' : 'YAML'}: ${firstSentence(message)}`, range: end > start ? { start, end } : lineAt(text, start), severity };
}

function looksLikeJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

/** `/terms/3/name` -> ['terms', 3, 'name'] (JSON Pointer, with ~1 and ~0 unescaped). */
function pointerSegments(pointer: string): (string | number)[] {
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

function scalarValue(node: unknown): unknown {
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
  return end > start ? { start, end } : lineAt(text, start);
}

/** Range of a term's field value, or of the term itself when the field is missing. */
function valueRange(text: string, termNode: YamlNode | null, field: string): OffsetRange {
  const pair = pairOf(termNode, field);
  return nodeRange(text, pair?.value) ?? nodeRange(text, termNode) ?? { start: 0, end: 0 };
}

function schemaError(text: string, root: YamlNode | null, data: unknown, error: ErrorObject, path: readonly (string | number)[]): SourceError {
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
  range ??= nodeRange(text, node) ?? nodeRange(text, pairOf(nodeAt(root, path.slice(0, -1)), String(path[path.length - 1]))?.key) ?? lineAt(text, 0);
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
  const names: Record<string, string> = { object: 'an object', array: 'a list', string: 'a string', boolean: 'true or false', integer: 'a whole number', number: 'a number' };
  return names[type] ?? type;
}

function lineAt(text: string, offset: number): OffsetRange {
  const at = Math.max(0, Math.min(offset, text.length));
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const newline = text.indexOf('\n', at);
  const end = newline < 0 ? text.length : newline;
  return { start, end: Math.max(start, end) };
}

function firstSentence(message: string): string {
  const line = message.split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** schemas/glossary.schema.json (draft-07), the contract of glossary files; keep the two identical. */
export const GLOSSARY_SCHEMA: Record<string, unknown> = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://citokine.invalid/schemas/glossary.schema.json",
  title: "Citokine glossary",
  description: "A manuscript's terminology for Citokine: the canonical form of each term, its English and Chinese names, the other forms accepted and the spellings to flag. Written as JSON or YAML. A term whose id matches a built-in term replaces it; a new id adds a term.",
  type: "object",
  additionalProperties: false,
  required: ["terms"],
  properties: {
    "$schema": {
      description: "Path or URL of this schema, for editors that validate by it.",
      type: "string",
    },
    version: {
      description: "Version of the glossary format. Only 1 exists.",
      const: 1,
    },
    terms: {
      description: "The terms, in any order.",
      type: "array",
      items: {
        "$ref": "#/definitions/term",
      },
    },
  },
  definitions: {
    localized: {
      description: "The same text in English and in Chinese; either may be left out in a user's glossary.",
      type: "object",
      additionalProperties: false,
      minProperties: 1,
      properties: {
        en: {
          description: "English.",
          type: "string",
          minLength: 1,
        },
        zh: {
          description: "Chinese (中文).",
          type: "string",
          minLength: 1,
        },
      },
    },
    form: {
      description: "A written form of a term, exactly as it appears in text.",
      type: "string",
      minLength: 1,
      pattern: "\\S",
    },
    term: {
      description: "One term.",
      type: "object",
      additionalProperties: false,
      required: ["id", "canonical"],
      properties: {
        id: {
          description: "Stable identifier: lower-case letters, digits, '-', '_' or '.', starting with a letter or digit (e.g. 'il-6', 'tgf-beta'). Other terms refer to it in 'related'; a user's term with a built-in term's id replaces that term.",
          type: "string",
          pattern: "^[a-z0-9][a-z0-9._-]*$",
        },
        canonical: {
          description: "The form the manuscript should use, e.g. 'IL-6'. Case matters.",
          "$ref": "#/definitions/form",
        },
        name: {
          description: "The full name in English and Chinese, e.g. { en: 'interleukin-6', zh: '白细胞介素6' }.",
          "$ref": "#/definitions/localized",
        },
        aliases: {
          description: "Other accepted forms that mean this term (full names, synonyms, singular of a plural canonical). Found as uses of the term; never flagged.",
          type: "array",
          uniqueItems: true,
          items: {
            "$ref": "#/definitions/form",
          },
        },
        reviewNames: {
          description: "The names a source text (for the built-in glossary: the review) writes where they differ from the standard names in 'name', per language, e.g. { zh: ['甲基强的松龙'] } beside the standard '甲泼尼龙'. Shown on hover as the source's wording; each is also listed in 'aliases', so that it is found as a use of the term.",
          type: "object",
          additionalProperties: false,
          minProperties: 1,
          properties: {
            en: {
              description: "English.",
              type: "array",
              uniqueItems: true,
              minItems: 1,
              items: {
                "$ref": "#/definitions/form",
              },
            },
            zh: {
              description: "Chinese (中文).",
              type: "array",
              uniqueItems: true,
              minItems: 1,
              items: {
                "$ref": "#/definitions/form",
              },
            },
          },
        },
        variants: {
          description: "Non-canonical spellings of this term that a check flags, offering the canonical form as a fix (e.g. 'IL6' for 'IL-6').",
          type: "array",
          uniqueItems: true,
          items: {
            "$ref": "#/definitions/form",
          },
        },
        category: {
          description: "What kind of thing the term names.",
          type: "string",
          enum: [
            "cytokine",
            "receptor",
            "signalling-molecule",
            "signalling-pathway",
            "gene",
            "protein",
            "cell-type",
            "process",
            "disease",
            "clinical-measure",
            "biomarker",
            "drug",
            "experimental-compound",
            "vaccine",
            "statistic",
            "staging-system",
            "microrna",
            "other",
          ],
        },
        abbreviation: {
          description: "True when the canonical form is an abbreviation that must be spelled out at its first use in a manuscript.",
          type: "boolean",
        },
        definition: {
          description: "A short definition (1-3 sentences) in English and Chinese, shown on hover.",
          "$ref": "#/definitions/localized",
        },
        related: {
          description: "Ids of related terms (in this glossary or the built-in one).",
          type: "array",
          uniqueItems: true,
          items: {
            type: "string",
            pattern: "^[a-z0-9][a-z0-9._-]*$",
          },
        },
        references: {
          description: "Numbers of the references that discuss the term (for the built-in glossary: the review's citations whose own clause uses the term, written by scripts/build-glossary-links.mjs).",
          type: "array",
          uniqueItems: true,
          items: {
            type: "integer",
            minimum: 1,
          },
        },
        units: {
          description: "For analytes measured in serum or plasma: the conventional units, most usual first (e.g. 'pg/mL' for IL-6).",
          type: "array",
          uniqueItems: true,
          minItems: 1,
          items: {
            type: "string",
            minLength: 1,
          },
        },
      },
    },
  },
};
