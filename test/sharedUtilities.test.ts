/**
 * The pieces the citation and bibliography domains share after the restructuring: the one
 * key grammar (against the citation parser), DOIs, the parse cache, and quick fixes made
 * from findings. Each test fails on the copy it replaced.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Library, LibraryEntry } from '../server/src/core/bibliography/library';
import { doisInText, normalizeDoi } from '../server/src/core/bibliography/doi';
import { ownEntryKeys } from '../server/src/core/citations/commands/convert';
import { isBareKey, isValidCitationKey, keyReference } from '../server/src/core/citations/keys';
import { parseManuscript } from '../server/src/core/markdown/manuscript';
import { ParseCache } from '../server/src/core/text/parseCache';
import { applyWorkspaceEdit } from './util/edits';
import { complete, fixture, hoverText } from './util/fixture';

const BIB = `%! refs.bib
@article{smith2020, author = {Smith, Jane}, title = {Interleukin-6 signalling in colorectal tumours}, journal = {J Onc}, year = {2020}, doi = {https://doi.org/10.1000/Example.2020}}
`;
const FRONT = '---\nbibliography: refs.bib\n---\n';
const MAIN = `%! main.md\n${FRONT}`;

/** True when the citation parser reads `[@key]` as exactly this one key. */
function parserReads(key: string): boolean {
  const { citations } = parseManuscript('untitled:key.md', `[@${key}]`);
  const [citation] = citations;
  return (
    citations.length === 1 &&
    citation.kind === 'key' &&
    citation.items.length === 1 &&
    citation.items[0].key === key &&
    citation.range.end === key.length + 3
  );
}

test('keys: a new key is valid exactly when the citation parser reads it back (one grammar)', () => {
  const alphabet = fc.constantFrom(...'aZ9_:./-+?<>~#$%&发现 。,;@{}é'.split(''));
  fc.assert(
    fc.property(fc.array(alphabet, { minLength: 1, maxLength: 12 }), (chars) => {
      const key = chars.join('');
      assert.equal(isValidCitationKey(key), parserReads(key), key);
    }),
    { numRuns: 3000 },
  );
  assert.equal(isValidCitationKey('fig:overview'), false);
  assert.equal(isBareKey('url:http://x.org'), true);
});

test('keys: keyReference braces exactly the keys a bare @ would cut short', () => {
  assert.deepEqual(['smith2020', 'smith.', 'a b', 'Lee_2019', '王2019'].map(keyReference), [
    '@smith2020',
    '@{smith.}',
    '@{a b}',
    '@Lee_2019',
    '@王2019',
  ]);
});

test('completion: no key completion where the parser sees no citation (after Han text, in x-@)', async () => {
  for (const body of ['研究表明@smi{|}', 'mail x-@smi{|}', 'name.@smi{|}']) {
    const { labels } = await complete(`${MAIN}${body}\n${BIB}`);
    assert.ok(!labels.includes('smith2020'), `${body}: ${labels.join(', ')}`);
  }
  for (const body of ['研究表明 @smi{|}', '见[@smi{|}]', 'See [-@smi{|}]']) {
    const { labels } = await complete(`${MAIN}${body}\n${BIB}`);
    assert.ok(labels.includes('smith2020'), body);
  }
});

test('DOI: a DOI field written as a URL links once to doi.org in the reference card', async () => {
  const text = await hoverText(`${MAIN}See [@smi{|}th2020].\n${BIB}`);
  assert.ok(text);
  assert.match(text, /\[doi:10\.1000\/Example\.2020\]\(https:\/\/doi\.org\/10\.1000\/Example\.2020\)/);
  assert.doesNotMatch(text, /doi\.org\/https/);
});

test('DOI: found in running text up to Han punctuation, with balanced parentheses kept', () => {
  assert.deepEqual(
    doisInText('见10.1000/cyto.2019。 Lancet 10.1016/S0140-6736(20)30183-5. <https://doi.org/10.1000/url>').map((d) => d.doi),
    ['10.1000/cyto.2019', '10.1016/S0140-6736(20)30183-5', '10.1000/url'],
  );
  assert.deepEqual(
    doisInText('https://doi.org/10.1000/url and 10.1000/bare', { standalone: true }).map((d) => d.doi),
    ['10.1000/bare'],
  );
  assert.equal(normalizeDoi('https://dx.doi.org/10.1000/ABC'), '10.1000/abc');
  assert.equal(normalizeDoi('not a doi'), undefined);
});

test('convert: an own reference entry in Chinese is matched by its DOI before 。', () => {
  const entry: LibraryEntry = {
    key: 'wang2019',
    item: { id: 'wang2019', type: 'book', DOI: '10.1000/CYTO.2019', title: '细胞因子' },
    uri: 'file:///ws/refs.json',
    range: { start: 0, end: 0 },
    keyRange: { start: 0, end: 0 },
    origin: 'setting',
  };
  const library: Library = {
    byKey: new Map([[entry.key, entry]]),
    sources: [],
    numbered: { kind: 'none', size: 0 },
    builtinNumbers: new Map(),
  };
  const keys = ownEntryKeys([{ n: 1, text: '王小明. 细胞因子. 2019. doi:10.1000/cyto.2019。', range: { start: 0, end: 10 } }], library);
  assert.equal(keys.get(1), 'wang2019');
});

test('parse cache: one parse per text, the last good parse while re-reading, nothing for an unreadable file', async () => {
  const files = new Map([['a', 'one']]);
  let parses = 0;
  let release: () => void = () => {};
  let gate: Promise<void> = Promise.resolve();
  const cache = new ParseCache<{ text: string }>({
    read: async (uri) => {
      await gate;
      return files.get(uri);
    },
    parse: (text) => {
      parses++;
      return { text };
    },
  });
  const first = await cache.get('a');
  assert.equal(first?.text, 'one');
  assert.equal(await cache.get('a'), first);
  cache.invalidate('a');
  assert.equal(await cache.get('a'), first, 'same text: same parse object');
  assert.equal(parses, 1);

  files.set('a', 'two');
  cache.invalidate('a');
  gate = new Promise((resolve) => (release = resolve));
  assert.equal(await cache.getQuickly('a'), first, 'while re-reading, the last good parse');
  release();
  assert.equal((await cache.get('a'))?.text, 'two');
  assert.equal(parses, 2);

  files.delete('a');
  cache.invalidate('a');
  assert.equal(await cache.get('a'), undefined);
  assert.equal(cache.lastGood('a'), undefined);
});

test('quick fixes come from the findings: offered without the client sending its diagnostics, and named after them', async () => {
  const f = fixture(`%! main.md
${FRONT}First [@a], then [@b{|}].
%! refs.bib
@article{a, title = {The same work under two keys}, journal = {J}, year = {2020}, doi = {10.1000/x}}
@article{b, title = {The same work, another key}, journal = {J}, year = {2020}, doi = {10.1000/X}}
`);
  const document = { uri: f.uri, text: f.text };
  const cursor = f.cursor!;
  const actions = await f.service.codeActions(document, { start: cursor, end: cursor }, { diagnostics: [] });
  const cite = actions.find((a) => a.title === 'Cite @a here instead of @b');
  assert.ok(cite, actions.map((a) => a.title).join(' | '));
  assert.equal(cite.diagnostics?.[0]?.code, 'bibliography.duplicate-entry');
  assert.equal(applyWorkspaceEdit(f.text, cite.edit, f.uri), `${FRONT}First [@a], then [@a].\n`);

  const dup = fixture('IL-6 [3,3{|}] in CRC.\n', { diagnostics: { 'citation.duplicate-in-group': 'off' } });
  const none = await dup.service.codeActions(
    { uri: dup.uri, text: dup.text },
    { start: dup.cursor!, end: dup.cursor! },
    { diagnostics: [] },
  );
  assert.deepEqual(
    none.filter((a) => /Remove the duplicate/.test(a.title)),
    [],
    'a check turned off offers no fix',
  );
});
