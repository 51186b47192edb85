/**
 * Citations in the Markdown preview, with no VS Code: the server's rendered citations
 * (`citokine/renderedCitations`) for a key document in a numeric and an author-date style,
 * and the markdown-it plugin putting them into real markdown-it output, unknown keys marked,
 * the reference list appended, bibliography text escaped, code left alone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { fixture } from './util/fixture';
import { citokinePreviewPlugin, escapeHtml } from '../client/src/logic/previewPlugin';
import type { RenderedCitations } from '../client/src/logic/protocol';

const BIB = `@article{hirano2020,
  author = {Hirano, Toshio},
  title = {IL-6 in inflammation, autoimmunity and cancer},
  journal = {International Immunology},
  year = {2020}
}
@article{johnson2018,
  author = {Johnson, Daniel E. and O'Keefe, Rachel A. and Grandis, Jennifer R.},
  title = {Targeting the IL-6/JAK/STAT3 signalling axis in cancer <script>alert(1)</script>},
  journal = {Nature Reviews Clinical Oncology},
  year = {2018}
}
`;

function source(csl: string): string {
  return `%! main.md
---
bibliography: refs.bib
csl: ${csl}
---
IL-6 signals [@johnson2018; @hirano2020]. Again [@hirano2020] and [@nosuchkey]. Code: \`[@hirano2020]\`.
%! refs.bib
${BIB}`;
}

async function render(csl: string): Promise<{ data: RenderedCitations; html: string }> {
  const f = fixture(source(csl));
  const data: RenderedCitations = await f.service.renderedCitations({ uri: f.uri, text: f.text });
  const md = citokinePreviewPlugin(new MarkdownIt(), (env) => ((env as { uri?: string }).uri === f.uri ? data : undefined));
  return { data, html: md.render(f.text.replace(/^---[\s\S]*?---\n/, ''), { uri: f.uri }) };
}

test('a numeric style numbers works by first citation and lists them, unknown keys marked', async () => {
  const { data, html } = await render('vancouver');
  assert.equal(data.numeric, true);
  assert.deepEqual(
    data.citations.map((c) => [c.source, c.text]),
    [
      ['[@johnson2018; @hirano2020]', '[1,2]'],
      ['[@hirano2020]', '[2]'],
      ['[@nosuchkey]', '[@nosuchkey]'],
    ],
  );
  assert.match(html, /IL-6 signals <span class="citokine-citation">\[1,2\]<\/span>\. Again <span class="citokine-citation">\[2\]<\/span>/);
  assert.match(html, /<span class="citokine-citation citokine-unknown" title="Unknown: @nosuchkey"[^>]*>\[@nosuchkey\]<\/span>/);
  assert.match(html, /<code>\[@hirano2020\]<\/code>/, 'a citation in code must stay as written');
  const list = html.slice(html.indexOf('citokine-references'));
  assert.ok(
    list.indexOf('[1]') < list.indexOf('Johnson') &&
      list.indexOf('Johnson') < list.indexOf('[2]') &&
      list.indexOf('[2]') < list.indexOf('Hirano'),
    list,
  );
});

test('an author-date style shows authors and years and sorts the list; bibliography text is escaped', async () => {
  const { data, html } = await render('apa');
  assert.equal(data.numeric, false);
  assert.equal(data.citations[0].text, '(Johnson et al., 2018; Hirano, 2020)');
  assert.ok(!html.includes('<script>'), 'bibliography text reached the HTML unescaped');
  assert.ok(html.includes('&lt;script&gt;'), html);
  const list = html.slice(html.indexOf('citokine-references'));
  assert.ok(list.indexOf('Hirano') < list.indexOf('Johnson'), list);
});

test('without data for the document the plugin changes nothing', () => {
  const md = citokinePreviewPlugin(new MarkdownIt(), () => undefined);
  assert.equal(md.render('See [@a].'), new MarkdownIt().render('See [@a].'));
  assert.equal(escapeHtml(`<a href="x" onclick='y'>&`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;');
});
