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

/** The CSL fields of an entry as citation-js maps them; undefined when it has a field not mapped here. */
function mapPlainEntry(type: string, label: string, p: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const field in p) if (CITATION_JS_FIELDS.has(field) || field.includes('+an')) return undefined;
  const { Converters, types } = citationJs();
  const out: Record<string, unknown> = {};
  // The Translator's rule: a rule applies when one of its fields is present; an undefined result sets nothing.
  const set = (target: string, value: unknown) => {
    if (value !== undefined) out[target] = value;
  };
  // aliases
  if ('address' in p && !('location' in p)) set('publisher-place', Converters.PICK.toTarget(p.address));
  if ('eprint' in p || 'archiveprefix' in p) set('PMID', Converters.EPRINT.toTarget(p.eprint, p.archiveprefix));
  if ('journal' in p && !('booktitle' in p) && !('journaltitle' in p)) set('container-title', p.journal);
  if ('school' in p && !('institution' in p) && !('organization' in p) && !('publisher' in p))
    set('publisher', Converters.PICK.toTarget(p.school));
  // nonSpec (no eprinttype can be present here)
  if ('pmid' in p && p.archiveprefix !== 'pmid') set('PMID', p.pmid);
  // the spec's fields, in biblatex.js's order
  if ('abstract' in p) set('abstract', p.abstract);
  if ('urldate' in p) set('accessed', Converters.DATE.toTarget(p.urldate));
  if ('author' in p) set('author', namesToCsl(p.author, Converters.NAMES_ORCID.toTarget));
  if ('chapter' in p) set('chapter-number', p.chapter);
  if ('booktitle' in p || 'booksubtitle' in p) set('container-title', Converters.TITLE.toTarget(p.booktitle, p.booksubtitle, undefined));
  if ('journaltitle' in p && type === 'article') set('container-title', Converters.TITLE.toTarget(p.journaltitle, undefined, undefined));
  if ('number' in p && COLLECTION_NUMBER_TYPES.has(type)) set('collection-number', p.number);
  if ('series' in p) set('collection-title', p.series);
  if ('doi' in p) set('DOI', p.doi);
  if ('edition' in p) set('edition', p.edition);
  if ('editor' in p) set('editor', namesToCsl(p.editor, Converters.NAMES.toTarget));
  // [entry type, entrysubtype, type field] → [type, genre]: the type field, else a thesis or report kind, else the subtype.
  set('type', types[type] || 'document');
  set('genre', p.type || THESIS_KEYS.get(type) || p.entrysubtype);
  set('id', label);
  set('citation-key', label);
  if ('isbn' in p) set('ISBN', p.isbn);
  if ('issn' in p) set('ISSN', p.issn);
  if ('issue' in p && !('number' in p) && ISSUE_TYPES.has(type)) set('issue', p.issue);
  if ('number' in p && NUMBER_AS_ISSUE_TYPES.has(type)) set('issue', p.number);
  if ('date' in p) set('issued', Converters.DATE.toTarget(p.date));
  if (('year' in p || 'month' in p) && !('date' in p)) set('issued', Converters.YEAR_MONTH.toTarget(p.year, p.month, undefined));
  if ('location' in p && p.type === 'patent') set('jurisdiction', p.location);
  if ('keywords' in p) set('keyword', Converters.KEYWORDS.toTarget(p.keywords));
  if ('language' in p) set('language', Converters.PICK.toTarget(p.language));
  if ('note' in p) set('note', p.note);
  if ('number' in p && NUMBER_TYPES.has(type)) set('number', p.number);
  if ('pages' in p) set('page', Converters.PAGES.toTarget(p.pages));
  if ('pagetotal' in p) set('number-of-pages', p.pagetotal);
  if ('eprint' in p) set('PMID', Converters.EPRINT.toTarget(p.eprint, undefined));
  if ('location' in p) set('publisher-place', Converters.PICK.toTarget(p.location));
  if ('publisher' in p) set('publisher', Converters.PICK.toTarget(p.publisher));
  if ('organization' in p && !('publisher' in p)) set('publisher', Converters.PICK.toTarget(p.organization));
  if ('institution' in p && !('publisher' in p) && !('organization' in p)) set('publisher', Converters.PICK.toTarget(p.institution));
  if (
    'howpublished' in p &&
    howPublishedIsPublisher(p.howpublished) &&
    !('publisher' in p) &&
    !('organization' in p) &&
    !('institution' in p)
  )
    set('publisher', Converters.PICK.toTarget(p.howpublished));
  if ('shorttitle' in p) set('title-short', p.shorttitle);
  if ('title' in p || 'subtitle' in p) set('title', Converters.TITLE.toTarget(p.title, p.subtitle, undefined));
  if ('translator' in p) set('translator', namesToCsl(p.translator, Converters.NAMES.toTarget));
  if ('url' in p) set('URL', p.url);
  if ('howpublished' in p && !('url' in p)) set('URL', Converters.HOW_PUBLISHED.toTarget(p.howpublished));
  if ('version' in p) set('version', p.version);
  if ('volume' in p) set('volume', p.volume);
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
