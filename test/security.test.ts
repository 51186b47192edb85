/**
 * Hostile text stays inert wherever Citokine shows it: bibliography titles and authors,
 * glossary names and definitions, and a document's own reference list holding command
 * links, raw HTML, `javascript:` links and Markdown image syntax. The Markdown of hovers,
 * completion documentation and the inserted reference list is rendered with markdown-it
 * (raw HTML on, every link accepted, so nothing is hidden by the renderer) and the HTML is
 * checked: no tag outside plain formatting, no event attribute, links only to https://doi.org/,
 * http(s) URLs or the document's own files.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import MarkdownIt from 'markdown-it';
import type { MarkupContent } from 'vscode-languageserver-types';
import { applyWorkspaceEdit } from './util/edits';
import { fixture, fixtureAt, type Fixture } from './util/fixture';

const HOSTILE = [
  '[x](command:workbench.action.terminal.new)',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '[js](javascript:alert(1))',
  '![pixel](https://evil.example/track.png)',
  '<a href="command:workbench.action.terminal.new">click</a>',
  '<command:workbench.action.terminal.new>',
  '[ref][evil]\n\n[evil]: command:workbench.action.terminal.new',
  '`code` **bold** <!-- comment --> &lt;b&gt;',
];
const ALL = HOSTILE.join(' ');

const EVIL_ITEM = {
  id: 'evil2020',
  type: 'article-journal',
  title: ALL,
  author: [{ family: HOSTILE[1], given: HOSTILE[0] }, { literal: HOSTILE[2] }],
  'container-title': HOSTILE[3],
  publisher: HOSTILE[4],
  issued: { 'date-parts': [[2020]] },
  DOI: '10.1000/x)[y](command:workbench.action.terminal.new',
  URL: 'javascript:alert(1)',
  note: HOSTILE[5],
};
const GOOD_ITEM = {
  id: 'good2021',
  type: 'article-journal',
  title: 'A plain title',
  author: [{ family: 'Plain', given: 'Person' }],
  issued: { 'date-parts': [[2021]] },
  DOI: '10.1000/plain',
};

const GLOSSARY = {
  version: 1,
  terms: [
    {
      id: 'evx',
      canonical: 'EVX',
      name: { en: `evil ${HOSTILE[0]}`, zh: HOSTILE[1] },
      aliases: ['EVX-1'],
      variants: ['EVX1'],
      category: 'other',
      abbreviation: true,
      definition: { en: ALL, zh: ALL },
      references: [1],
    },
  ],
};

const OWN_LIST = `## References\n\n1. ${HOSTILE[0]} ${HOSTILE[1]}\n2. ${HOSTILE[2]} ${HOSTILE[3]}\n`;

const SOURCE = `%! main.md
---
bibliography: refs.json
glossary: glossary.json
---
Evil [@evil2020] and good [@good2021]. EVX1 and EVX are here. Ev
%! refs.json
${JSON.stringify([EVIL_ITEM, GOOD_ITEM], null, 2)}
%! glossary.json
${JSON.stringify(GLOSSARY, null, 2)}
`;

const NUMERIC_SOURCE = `%! main.md
---
glossary: glossary.json
---
Numbered [1] and [2]. EVX is here.

${OWN_LIST}%! glossary.json
${JSON.stringify(GLOSSARY, null, 2)}
`;

const renderer = new MarkdownIt({ html: true, linkify: true });
// Every link is kept as written, so that a hostile one is seen rather than dropped by this renderer.
renderer.validateLink = () => true;

const FORMATTING_TAGS = new Set([
  'p',
  'strong',
  'em',
  'code',
  'pre',
  'a',
  'ul',
  'ol',
  'li',
  'br',
  'hr',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  's',
  'del',
]);

/** Fails unless the Markdown `markdown` renders to inert HTML. */
function assertInert(markdown: string, what: string): void {
  const html = renderer.render(markdown);
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const [tag, name, attributes] = m;
    assert.ok(FORMATTING_TAGS.has(name.toLowerCase()), `${what}: raw <${name}> survives in ${JSON.stringify(html)}`);
    const names = [...attributes.matchAll(/\s([^\s="]+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase());
    assert.ok(!names.some((n) => n.startsWith('on')), `${what}: event attribute in ${tag}`);
    if (name.toLowerCase() !== 'a' || tag.startsWith('</')) continue;
    const href = /href="([^"]*)"/.exec(attributes)?.[1] ?? '';
    assert.ok(
      /^(https?:\/\/|file:\/\/\/(ws|.*\/references)\/)/.test(href),
      `${what}: link to ${JSON.stringify(href)} in ${JSON.stringify(html)}`,
    );
    if (href.includes('doi.org')) assert.ok(href.startsWith('https://doi.org/'), `${what}: a DOI links to https://doi.org/`);
  }
  assert.ok(!/href="command:|href="javascript:/i.test(html), `${what}: command or javascript link`);
}

async function hoverAt(source: string, needle: string, nth = 0): Promise<string> {
  const f = fixtureAt(source, 'main.md', needle, nth);
  const hover = await f.service.hover({ uri: f.uri, text: f.text }, f.cursor!);
  assert.ok(hover, `a hover at ${needle}`);
  return (hover.contents as MarkupContent).value;
}

async function completionDocs(f: Fixture): Promise<string[]> {
  const document = { uri: f.uri, text: f.text };
  const list = await f.service.completion(document, f.cursor!);
  const docs: string[] = [];
  for (const item of list?.items ?? []) {
    const resolved = await f.service.resolveCompletion(document, item);
    const doc = resolved.documentation;
    if (doc) docs.push(typeof doc === 'string' ? doc : doc.value);
  }
  return docs;
}

test('the checker itself: hostile Markdown as it is fails, escaped Markdown passes', () => {
  for (const h of HOSTILE.slice(0, 6)) assert.throws(() => assertInert(h, 'raw'), assert.AssertionError, h);
  assertInert('**Plain** [doi:10.1/x](https://doi.org/10.1/x) `@key`', 'plain');
});

test('hover on a hostile bibliography entry: inert, and its DOI links to https://doi.org/ only', async () => {
  const markdown = await hoverAt(SOURCE, '@evil2020');
  assert.match(markdown, /command/, 'the hostile title is shown (as text)');
  assertInert(markdown, 'hover');
});

test('hover on a hostile glossary term (canonical and variant): inert', async () => {
  for (const needle of ['EVX1', 'EVX are']) {
    const markdown = await hoverAt(SOURCE, needle);
    assert.match(markdown, /alert/, 'the hostile definition is shown (as text)');
    assertInert(markdown, `hover on ${needle}`);
  }
});

test('completion documentation of hostile entries and terms: inert', async () => {
  const keyDocs = await completionDocs(fixtureAt(SOURCE, 'main.md', 'good2021]'));
  assert.ok(
    keyDocs.some((d) => d.includes('alert')),
    'the hostile entry is documented',
  );
  keyDocs.forEach((d, i) => assertInert(d, `key completion ${i}`));
  const f = fixture(SOURCE.replace(' Ev\n', ' EV{|}\n'));
  const termDocs = await completionDocs(f);
  assert.ok(
    termDocs.some((d) => d.includes('alert')),
    'the hostile term is documented',
  );
  termDocs.forEach((d, i) => assertInert(d, `term completion ${i}`));
});

test('a document’s own hostile reference list: hover and completion documentation inert', async () => {
  assertInert(await hoverAt(NUMERIC_SOURCE, '1]'), 'hover on [1]');
  assertInert(await hoverAt(NUMERIC_SOURCE, 'EVX is'), 'term hover linking to the own list');
  const docs = await completionDocs(fixture(NUMERIC_SOURCE.replace('and [2]', 'and [2, {|}]')));
  assert.ok(docs.length > 0, 'numbers are documented');
  docs.forEach((d, i) => assertInert(d, `number completion ${i}`));
});

test('the inserted reference list of hostile entries: inert', async () => {
  for (const style of ['vancouver', 'apa']) {
    const f = fixture(SOURCE, { style });
    const result = await f.service.documentCommand('citokine.insertReferenceList', { uri: f.uri, text: f.text });
    assert.ok(result.edit, result.message);
    const after = applyWorkspaceEdit(f.text, result.edit, f.uri);
    const list = after.slice(f.text.length - 1);
    assert.match(after, /alert/, 'the hostile entry is listed');
    assertInert(after.slice(after.indexOf('EVX are here')), `reference list (${style})${list ? '' : ''}`);
  }
});
