/**
 * Glossary files: the built-in glossary (references/glossary.json) and users' own, in JSON or
 * YAML, validated against schemas/glossary.schema.json. Parsing goes through the `yaml`
 * package for both formats because YAML is a superset of JSON and its nodes carry source
 * ranges, so each schema error can be reported at the line of the node it is about
 * (glossaryErrors.ts).
 *
 * The validator comes from glossaryValidator.generated.ts, which scripts/generate.mjs writes from
 * schemas/glossary.schema.json with ajv's standalone code: tsc does not copy that file into
 * out/, and nothing is compiled at run time.
 */
import type { ErrorObject } from 'ajv';
import { isMap, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { SourceError } from '../findings';
import type { OffsetRange } from '../text/textRange';
import { isObject, pointerSegments, scalarValue, schemaError, syntaxError, valueRange } from './glossaryErrors';
import { validateGlossary } from './glossaryValidator.generated';
import { BUILTIN_GLOSSARY_TEXT } from './builtinGlossary.generated';

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

/** Forms per language; a user's glossary may give only one language. */
export interface LocalizedForms {
  readonly en?: readonly string[];
  readonly zh?: readonly string[];
}

/** One term, with the schema's optional fields filled with their defaults. */
export interface GlossaryTerm {
  readonly id: string;
  /** The form a manuscript should use, e.g. `IL-6`. */
  readonly canonical: string;
  readonly name: LocalizedText;
  /** Other accepted forms; uses of the term, never flagged. */
  readonly aliases: readonly string[];
  /**
   * The names a source text writes where they differ from the standard `name` (for the built-in
   * glossary: the review's, e.g. 甲基强的松龙 beside 甲泼尼龙); each is also one of `aliases`.
   */
  readonly reviewNames?: LocalizedForms;
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

/**
 * The schema's errors in `data`. The validator is ajv's code for the schema, generated at build
 * time (scripts/generate.mjs): compiling the schema at run time cost more than a whole check of
 * most manuscripts, and ajv's compiler is a tenth of the bundle.
 */
function validate(data: unknown): readonly ErrorObject[] {
  return validateGlossary(data) ? [] : (validateGlossary.errors ?? []);
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
    return {
      glossary: EMPTY_GLOSSARY,
      errors: [
        {
          message: `Could not read this glossary: ${e instanceof Error ? e.message : String(e)}`,
          range: { start: 0, end: 0 },
          severity: 'error',
        },
      ],
    };
  }
}

/**
 * Parses a glossary file without the built-in glossary's shortcut: every check runs. For
 * scripts/generate.mjs, which proves the built-in glossary valid at build time, and for tests.
 */
export function parseGlossaryFully(text: string, uri: string): ParsedGlossary {
  if (!text.trim()) return { glossary: EMPTY_GLOSSARY, errors: [] };
  return parseValidJson(text, uri, false) ?? parseWithNodes(text, uri);
}

function parse(text: string, uri: string): ParsedGlossary {
  if (text === BUILTIN_GLOSSARY_TEXT) return parseValidJson(text, uri, true) ?? parseGlossaryFully(text, uri);
  return parseGlossaryFully(text, uri);
}

/** Glossaries parsed from exactly the built-in glossary's text, whose term matcher is prebuilt (matcherPrebuilt.ts). */
const builtinGlossaries = new WeakSet<Glossary>();

/** Whether `glossary` was parsed from exactly the built-in glossary's text (and is not a merge). */
export function isBuiltinGlossary(glossary: Glossary): boolean {
  return builtinGlossaries.has(glossary);
}

/**
 * A glossary in valid JSON that passes the schema (the built-in one, most users' own) needs no
 * source nodes except for each term's range, which is found on first use: `JSON.parse` is many
 * times faster than yaml's document. Anything to report (a syntax or schema error, a repeated
 * key or id, a clash) goes the slow way, which places it. The built-in glossary's exact text
 * (`builtin`) is known to pass every check: scripts/generate.mjs refuses to build otherwise,
 * and test/glossary-builtin-shortcut.test.ts compares the two ways; running the schema's
 * validator cold cost each check 6-12 ms.
 */
function parseValidJson(text: string, uri: string, builtin: boolean): ParsedGlossary | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined; // YAML, or JSON with an error to locate
  }
  if (!isObject(data) || !Array.isArray(data.terms)) return undefined;
  if (!builtin && (validate(data).length > 0 || hasRepeatedKey(text))) return undefined;
  let termsNode: YamlNode | undefined | null;
  const nodeAt = (index: number): YamlNode | null => {
    if (termsNode === undefined) {
      const root = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' }).contents as YamlNode | null;
      termsNode = isMap(root) ? (root.get('terms', true) as YamlNode | null) : null;
    }
    return isSeq(termsNode) ? (termsNode.items[index] as YamlNode | null) : null;
  };
  const terms = (data.terms as Record<string, unknown>[]).map((raw, index) => toTerm(raw, uri, () => nodeAt(index), text));
  if (!builtin && (new Set(terms.map((t) => t.id)).size !== terms.length || clashes(terms, text, null).length > 0)) return undefined;
  const glossary = createGlossary(terms);
  if (builtin) builtinGlossaries.add(glossary);
  return { glossary, errors: [] };
}

/** Whether an object in valid JSON text repeats a key, which `JSON.parse` accepts silently and yaml reports. */
function hasRepeatedKey(text: string): boolean {
  const objects: (Set<string> | null)[] = [];
  const tokens = /"(?:[^"\\]|\\.)*"|[{}[\]]/g;
  const colon = /\s*:/y;
  for (let match = tokens.exec(text); match; match = tokens.exec(text)) {
    const token = match[0];
    if (token === '{') objects.push(new Set());
    else if (token === '[') objects.push(null);
    else if (token === '}' || token === ']') objects.pop();
    else {
      colon.lastIndex = tokens.lastIndex;
      const keys = objects[objects.length - 1];
      if (!keys || !colon.test(text)) continue;
      const key = JSON.parse(token) as string;
      if (keys.has(key)) return true;
      keys.add(key);
    }
  }
  return false;
}

/** The general way: yaml's document, whose nodes place every error. */
function parseWithNodes(text: string, uri: string): ParsedGlossary {
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
    const term = toTerm(raw, uri, () => node, text);
    if (seenIds.has(term.id)) {
      errors.push({
        message: `Term id '${term.id}' is already used by term ${seenIds.get(term.id)! + 1}; ids must be unique, so this term is ignored.`,
        range: valueRange(text, node, 'id'),
        severity: 'error',
      });
      return;
    }
    seenIds.set(term.id, index);
    terms.push(term);
  });
  errors.push(...clashes(terms, text, termsNode));
  errors.sort((a, b) => a.range.start - b.range.start);
  return { glossary: createGlossary(terms), errors };
}

function toTerm(raw: Record<string, unknown>, uri: string, nodeOf: () => YamlNode | null, text: string): GlossaryTerm {
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const forms = (v: Record<string, unknown>): LocalizedForms => ({
    ...(Array.isArray(v.en) ? { en: strings(v.en) } : {}),
    ...(Array.isArray(v.zh) ? { zh: strings(v.zh) } : {}),
  });
  const localized = (v: unknown): LocalizedText =>
    isObject(v) ? { ...(typeof v.en === 'string' ? { en: v.en } : {}), ...(typeof v.zh === 'string' ? { zh: v.zh } : {}) } : {};
  return Object.freeze({
    id: raw.id as string,
    canonical: raw.canonical as string,
    name: localized(raw.name),
    aliases: strings(raw.aliases),
    ...(isObject(raw.reviewNames) ? { reviewNames: forms(raw.reviewNames) } : {}),
    variants: strings(raw.variants),
    category: (typeof raw.category === 'string' ? raw.category : 'other') as GlossaryCategory,
    abbreviation: raw.abbreviation === true,
    definition: localized(raw.definition),
    related: strings(raw.related),
    references: Array.isArray(raw.references) ? raw.references.filter((x): x is number => Number.isInteger(x)) : [],
    ...(Array.isArray(raw.units) ? { units: strings(raw.units) } : {}),
    source: lazySource(uri, () => valueRange(text, nodeOf(), 'canonical')),
  });
}

/** A term's source whose range is computed when first read (the JSON fast path has no nodes until then). */
function lazySource(uri: string, rangeOf: () => OffsetRange): GlossaryTerm['source'] {
  let range: OffsetRange | undefined;
  return Object.freeze({
    uri,
    get range() {
      return (range ??= rangeOf());
    },
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
      if (term.variants.includes(alias))
        errors.push({
          message: `'${alias}' is listed both as an alias (accepted) and as a variant (flagged) of '${term.canonical}'.`,
          range: valueRange(text, nodeOf(term), 'variants'),
          severity: 'warning',
        });
    }
    for (const form of new Set([term.canonical, ...term.aliases, ...term.variants].map((f) => f.toLowerCase()))) {
      const other = owner.get(form);
      if (other && other.id !== term.id) {
        errors.push({
          message: `'${form}' is a form of both '${other.id}' and '${term.id}': a use of it cannot be told apart.`,
          range: valueRange(text, nodeOf(term), 'canonical'),
          severity: 'warning',
        });
      } else owner.set(form, term);
    }
  }
  return errors;
}
