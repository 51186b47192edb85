/**
 * citation-js's BibLaTeX-to-CSL mapping (plugin-bibtex `mapping/biblatex.js`, run by core's
 * `Translator`) for entries made only of the common fields below. The Translator tries each
 * of its hundred-odd rules on every entry, in order, and copies the entry first; here the rules
 * that can apply to these fields are written out in the same order, with the same conditions
 * on the entry (its `when.source`), calling citation-js's own converters (`Converters`) and its
 * own table of types. An entry with any other field, an annotation or a `crossref` goes to
 * citation-js's mapping, so what is read is what it reads (test/bibtex-fast-path.test.ts).
 */
import { Converters as SharedConverters } from '@citation-js/plugin-bibtex/lib/mapping/shared.js';
import * as biblatexTypes from '@citation-js/plugin-bibtex/lib/mapping/biblatexTypes.json';
import { crossref } from '@citation-js/plugin-bibtex/lib/mapping/crossref.js';
import { parse as mapBiblatex, type BibtexEntry } from '@citation-js/plugin-bibtex/lib/mapping/index.js';
import { isObject } from './cslItem';

/** The fields mapped here. */
export const PLAIN_FIELDS: ReadonlySet<string> = new Set([
  'abstract',
  'address',
  'archiveprefix',
  'author',
  'booksubtitle',
  'booktitle',
  'chapter',
  'date',
  'doi',
  'edition',
  'editor',
  'entrysubtype',
  'eprint',
  'howpublished',
  'institution',
  'isbn',
  'issn',
  'issue',
  'journal',
  'journaltitle',
  'keywords',
  'language',
  'location',
  'month',
  'note',
  'number',
  'organization',
  'pages',
  'pagetotal',
  'pmid',
  'publisher',
  'school',
  'series',
  'shorttitle',
  'subtitle',
  'title',
  'translator',
  'type',
  'url',
  'urldate',
  'version',
  'volume',
  'year',
]);

/**
 * The other fields biblatex.js maps or tests (and `crossref`, which its `mapping/index.js`
 * follows): an entry with one goes to citation-js. It maps no field outside both sets, so such
 * a field (`file`, `timestamp`, `mendeley-tags`...) changes nothing and the entry stays here.
 * test/bibtex-fast-path.test.ts reads biblatex.js to check that no field is missing.
 */
export const CITATION_JS_FIELDS: ReadonlySet<string> = new Set(
  (
    'addendum annotation annote author+an:orcid bookauthor bookpagination booktitleaddon crossref day eid ' +
    'eprinttype eventdate eventtitle eventtitleaddon isan ismn isrn issuesubtitle issuetitle issuetitleaddon ' +
    'iswc journalsubtitle journaltitleaddon langid library mainsubtitle maintitle maintitleaddon numpages origdate ' +
    'origlocation origpublisher origtitle part pmcid pubstate s2id shortjournal shortseries titleaddon venue volumes'
  ).split(' '),
);

/** citation-js's converters and types, read once (in the bundle each import is a getter into the lazily loaded citation-js). */
let loaded: { Converters: typeof SharedConverters; types: Readonly<Record<string, string | undefined>> } | undefined;
const citationJs = () => (loaded ??= { Converters: SharedConverters, types: biblatexTypes.source as Record<string, string | undefined> });

/** biblatex.js's source conditions on the entry type, as lists. */
const COLLECTION_NUMBER_TYPES = new Set([
  'book',
  'mvbook',
  'inbook',
  'bookinbook',
  'suppbook',
  'collection',
  'mvcollection',
  'incollection',
  'suppcollection',
  'manual',
  'suppperiodical',
  'proceedings',
  'mvproceedings',
  'refererence', // sic, as citation-js spells it
]);
const ISSUE_TYPES = new Set(['article', 'periodical']);
const NUMBER_AS_ISSUE_TYPES = new Set(['article', 'periodical', 'inproceedings']);
const NUMBER_TYPES = new Set(['patent', 'report', 'techreport', 'legislation']);

/** Each mapped field's place in `PRESENT`. */
const FIELD_AT: ReadonlyMap<string, number> = new Map([...PLAIN_FIELDS].map((field, i) => [field, i]));
const at = (field: string): number => FIELD_AT.get(field) ?? -1;
/** The places of the fields `mapPlainEntry` tests, by name (one object: each test is a plain property read). */
const F = {
  abstract: at('abstract'),
  address: at('address'),
  archiveprefix: at('archiveprefix'),
  author: at('author'),
  booksubtitle: at('booksubtitle'),
  booktitle: at('booktitle'),
  chapter: at('chapter'),
  date: at('date'),
  doi: at('doi'),
  edition: at('edition'),
  editor: at('editor'),
  eprint: at('eprint'),
  howpublished: at('howpublished'),
  institution: at('institution'),
  isbn: at('isbn'),
  issn: at('issn'),
  issue: at('issue'),
  journal: at('journal'),
  journaltitle: at('journaltitle'),
  keywords: at('keywords'),
  language: at('language'),
  location: at('location'),
  month: at('month'),
  note: at('note'),
  number: at('number'),
  organization: at('organization'),
  pages: at('pages'),
  pagetotal: at('pagetotal'),
  pmid: at('pmid'),
  publisher: at('publisher'),
  school: at('school'),
  series: at('series'),
  shorttitle: at('shorttitle'),
  subtitle: at('subtitle'),
  title: at('title'),
  translator: at('translator'),
  url: at('url'),
  urldate: at('urldate'),
  version: at('version'),
  volume: at('volume'),
  year: at('year'),
};
/** 1 for each mapped field the entry being mapped has (`in`, read once per entry), reused from entry to entry. */
const PRESENT = new Uint8Array(PLAIN_FIELDS.size);

/** The CSL fields of an entry as citation-js maps them; undefined when it has a field not mapped here. */
function mapPlainEntry(type: string, label: string, p: Record<string, unknown>): Record<string, unknown> | undefined {
  // Which fields are there, read once: each `in` test of a field was a slow look-up on entries of many shapes.
  const has = PRESENT;
  has.fill(0);
  for (const field in p) {
    if (CITATION_JS_FIELDS.has(field) || field.includes('+an')) return undefined;
    const at = FIELD_AT.get(field);
    if (at !== undefined) has[at] = 1;
  }
  const { Converters, types } = citationJs();
  const out: Record<string, unknown> = {};
  // The Translator's rule: a rule applies when one of its fields is present; an undefined result sets nothing.
  const set = (target: string, value: unknown) => {
    if (value !== undefined) out[target] = value;
  };
  // aliases
  if (has[F.address] && !has[F.location]) set('publisher-place', Converters.PICK.toTarget(p.address));
  if (has[F.eprint] || has[F.archiveprefix]) set('PMID', Converters.EPRINT.toTarget(p.eprint, p.archiveprefix));
  if (has[F.journal] && !has[F.booktitle] && !has[F.journaltitle]) set('container-title', p.journal);
  if (has[F.school] && !has[F.institution] && !has[F.organization] && !has[F.publisher])
    set('publisher', Converters.PICK.toTarget(p.school));
  // nonSpec (no eprinttype can be present here)
  if (has[F.pmid] && p.archiveprefix !== 'pmid') set('PMID', p.pmid);
  // the spec's fields, in biblatex.js's order
  if (has[F.abstract]) set('abstract', p.abstract);
  if (has[F.urldate]) set('accessed', Converters.DATE.toTarget(p.urldate));
  if (has[F.author]) set('author', namesToCsl(p.author, Converters.NAMES_ORCID.toTarget));
  if (has[F.chapter]) set('chapter-number', p.chapter);
  if (has[F.booktitle] || has[F.booksubtitle]) set('container-title', Converters.TITLE.toTarget(p.booktitle, p.booksubtitle, undefined));
  if (has[F.journaltitle] && type === 'article') set('container-title', Converters.TITLE.toTarget(p.journaltitle, undefined, undefined));
  if (has[F.number] && COLLECTION_NUMBER_TYPES.has(type)) set('collection-number', p.number);
  if (has[F.series]) set('collection-title', p.series);
  if (has[F.doi]) set('DOI', p.doi);
  if (has[F.edition]) set('edition', p.edition);
  if (has[F.editor]) set('editor', namesToCsl(p.editor, Converters.NAMES.toTarget));
  // [entry type, entrysubtype, type field] → [type, genre]: the type field, else a thesis or report kind, else the subtype.
  set('type', types[type] || 'document');
  set('genre', p.type || THESIS_KEYS.get(type) || p.entrysubtype);
  set('id', label);
  set('citation-key', label);
  if (has[F.isbn]) set('ISBN', p.isbn);
  if (has[F.issn]) set('ISSN', p.issn);
  if (has[F.issue] && !has[F.number] && ISSUE_TYPES.has(type)) set('issue', p.issue);
  if (has[F.number] && NUMBER_AS_ISSUE_TYPES.has(type)) set('issue', p.number);
  if (has[F.date]) set('issued', Converters.DATE.toTarget(p.date));
  if ((has[F.year] || has[F.month]) && !has[F.date]) set('issued', Converters.YEAR_MONTH.toTarget(p.year, p.month, undefined));
  if (has[F.location] && p.type === 'patent') set('jurisdiction', p.location);
  if (has[F.keywords]) set('keyword', Converters.KEYWORDS.toTarget(p.keywords));
  if (has[F.language]) set('language', Converters.PICK.toTarget(p.language));
  if (has[F.note]) set('note', p.note);
  if (has[F.number] && NUMBER_TYPES.has(type)) set('number', p.number);
  if (has[F.pages]) set('page', Converters.PAGES.toTarget(p.pages));
  if (has[F.pagetotal]) set('number-of-pages', p.pagetotal);
  if (has[F.eprint]) set('PMID', Converters.EPRINT.toTarget(p.eprint, undefined));
  if (has[F.location]) set('publisher-place', Converters.PICK.toTarget(p.location));
  if (has[F.publisher]) set('publisher', Converters.PICK.toTarget(p.publisher));
  if (has[F.organization] && !has[F.publisher]) set('publisher', Converters.PICK.toTarget(p.organization));
  if (has[F.institution] && !has[F.publisher] && !has[F.organization]) set('publisher', Converters.PICK.toTarget(p.institution));
  if (has[F.howpublished] && howPublishedIsPublisher(p.howpublished) && !has[F.publisher] && !has[F.organization] && !has[F.institution])
    set('publisher', Converters.PICK.toTarget(p.howpublished));
  if (has[F.shorttitle]) set('title-short', p.shorttitle);
  if (has[F.title] || has[F.subtitle]) set('title', Converters.TITLE.toTarget(p.title, p.subtitle, undefined));
  if (has[F.translator]) set('translator', namesToCsl(p.translator, Converters.NAMES.toTarget));
  if (has[F.url]) set('URL', p.url);
  if (has[F.howpublished] && !has[F.url]) set('URL', Converters.HOW_PUBLISHED.toTarget(p.howpublished));
  if (has[F.version]) set('version', p.version);
  if (has[F.volume]) set('volume', p.volume);
  return out;
}

/**
 * A list of names as citation-js's `NAMES` and `NAMES_ORCID` converters give it (no ORCID
 * annotation reaches this mapping), without running its Translator per name; anything but
 * a list of names goes to `convert`, citation-js's own converter.
 */
function namesToCsl(list: unknown, convert: (list: never, orcid?: undefined) => unknown): unknown {
  if (!Array.isArray(list) || !list.every(isObject)) return convert(list as never);
  return list.map(nameToCsl);
}

/**
 * One name's CSL parts as biblatex.js's name Translator gives them (its `literal` rule never
 * applies in this direction), in its order: given, family, suffix, prefix as the non-dropping
 * particle. Written out: a loop over a table of parts made the object with keyed stores, half
 * a microsecond a name (100,000 names in a 10k library).
 */
function nameToCsl(name: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if ('given' in name && name.given !== undefined) out.given = name.given;
  if ('family' in name && name.family !== undefined) out.family = name.family;
  if ('suffix' in name && name.suffix !== undefined) out.suffix = name.suffix;
  if ('prefix' in name && name.prefix !== undefined) out['non-dropping-particle'] = name.prefix;
  return out;
}

/** The entry mapped here, or undefined (a converter that throws: citation-js then says why, in its words). */
function mapOrUndefined(type: string, label: string, fields: Record<string, unknown>): Record<string, unknown> | undefined {
  try {
    return mapPlainEntry(type, label, fields);
  } catch {
    return undefined;
  }
}

/** biblatex.js's condition on `howpublished` as a publisher (it throws, as there, on a value that is not text). */
function howPublishedIsPublisher(value: unknown): unknown {
  return value && !(value as string).startsWith('http');
}

/** The genre biblatex.js gives an entry type with no `type` field: its key for the thesis or report kind. */
const THESIS_KEYS: ReadonlyMap<string, string> = new Map([
  ['mastersthesis', 'mathesis'],
  ['phdthesis', 'phdthesis'],
  ['techreport', 'techreport'],
]);

/**
 * Entries (values read) into CSL, in order, as citation-js's `mapping.parse` gives them: each
 * with its `crossref` parent's fields (citation-js's own `crossref`, over the same registry of
 * labels), then mapped here or, for the others, by citation-js on those merged fields.
 */
export function mapEntries(entries: readonly BibtexEntry[]): unknown[] {
  // citation-js looks each entry's `crossref` (undefined for most) up among the labels.
  if (entries.some((entry) => entry.label === 'undefined')) return mapBiblatex([...entries]);
  const registry: Record<string, BibtexEntry> = {};
  for (const entry of entries) registry[entry.label] = entry;
  const out: unknown[] = new Array<unknown>(entries.length);
  const others: BibtexEntry[] = [];
  const at: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    const { type, label, properties, annotations } = entries[i];
    let fields: Record<string, unknown>;
    try {
      fields = crossref(type, properties, registry);
    } catch {
      return mapBiblatex([...entries]); // a `crossref` it cannot follow: it fails the same way there
    }
    const mapped = annotations ? undefined : mapOrUndefined(type, label, fields);
    if (mapped) out[i] = mapped;
    else {
      // Merged already: without the `crossref` (which no rule maps) it is not merged twice.
      const { crossref: _followed, ...merged } = fields;
      others.push({ type, label, properties: 'crossref' in fields ? merged : fields, ...(annotations ? { annotations } : {}) });
      at.push(i);
    }
  }
  if (others.length > 0) mapBiblatex(others).forEach((item, n) => (out[at[n]] = item));
  return out;
}
