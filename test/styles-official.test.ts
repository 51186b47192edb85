/**
 * The built-in GB/T 7714-2015 style is the CSL project's own file, shipped unmodified; every
 * item is rendered in its own language (English items ", et al.", Chinese items "等"), with
 * the built-in style and with a user's .csl; a style that cannot be found or read is a
 * finding, not a silent fall-back; a reloaded user style leaves no registration behind.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import type { CslItem } from '../server/src/core/bibliography/parse';
import { renderReference, styleTitle } from '../server/src/core/bibliography/render';
import { GBT7714_CSL } from '../server/src/core/bibliography/styles.generated';
import type { CitokineSettings } from '../server/src/core/settings';
import { fixture, REPO_ROOT } from './util/fixture';

// citation-js ships no types; the test reads its style register as the server fills it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { plugins } = require('@citation-js/core') as { plugins: { config: { get(name: string): { styles: { list(): string[] } } } } };

const OFFICIAL = readFileSync(path.join(REPO_ROOT, 'styles', 'china-national-standard-gb-t-7714-2015-numeric.csl'), 'utf8');

/** Four authors: the style writes three, then the et-al term of the item's language. */
const ENGLISH: CslItem = {
  id: 'en4',
  type: 'article-journal',
  title: 'Shaking without quaking',
  author: [
    { family: 'Kanamori', given: 'H.' },
    { family: 'Brodsky', given: 'E. E.' },
    { family: 'Smith', given: 'J.' },
    { family: 'Jones', given: 'K.' },
  ],
  'container-title': 'Science',
  issued: { 'date-parts': [[1998]] },
  volume: '279',
  issue: '5359',
  page: '2063',
};
const CHINESE: CslItem = {
  id: 'zh4',
  type: 'article-journal',
  title: '蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口',
  author: [
    { family: '袁', given: '训来' },
    { family: '陈', given: '哲' },
    { family: '肖', given: '书海' },
    { family: '周', given: '传明' },
  ],
  'container-title': '科学通报',
  issued: { 'date-parts': [[2012]] },
  volume: '55',
  issue: '34',
  page: '3219',
};

test('official GB/T: the embedded style is the CSL project file, byte for byte, named by its own title', () => {
  assert.equal(GBT7714_CSL, OFFICIAL);
  assert.match(OFFICIAL, /<id>http:\/\/www\.zotero\.org\/styles\/china-national-standard-gb-t-7714-2015-numeric<\/id>/);
  assert.equal(styleTitle('gb-t-7714-2015'), 'GB/T 7714-2015');
  // What the hand-written style lost: the translator (GB/T 7714-2015 4.1).
  const translated: CslItem = {
    id: 't',
    type: 'book',
    title: '经济数学与金融数学',
    author: [{ family: '哈里森' }, { family: '沃尔德伦' }],
    translator: [{ family: '谢', given: '远涛' }],
    'publisher-place': '北京',
    publisher: '中国人民大学出版社',
    issued: { 'date-parts': [[2012]] },
    page: '235-236',
  };
  assert.equal(
    renderReference(translated, 'gb-t-7714-2015'),
    '哈里森, 沃尔德伦. 经济数学与金融数学[M]. 谢远涛, 译. 北京: 中国人民大学出版社, 2012: 235-236.',
  );
});

test('official GB/T: each item in its own language, although the style says default-locale="zh-CN"', () => {
  assert.equal(
    renderReference(ENGLISH, 'gb-t-7714-2015'),
    'KANAMORI H, BRODSKY E E, SMITH J, et al. Shaking without quaking[J]. Science, 1998, 279(5359): 2063.',
  );
  assert.equal(
    renderReference(CHINESE, 'gb-t-7714-2015'),
    '袁训来, 陈哲, 肖书海, 等. 蓝田生物群: 一个认识多细胞生物起源和早期演化的新窗口[J]. 科学通报, 2012, 55(34): 3219.',
  );
});

/** A user's style that writes the authors with et al. after one, and no language of its own. */
const ET_AL_CSL = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Authors only (test)</title><id>test-authors-only</id><updated>2026-11-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography et-al-min="2" et-al-use-first="1"><layout><names variable="author"><name/></names></layout></bibliography>
</style>
`;

const BIB_TWO = `@article{en4, author = {Kanamori, H. and Brodsky, E. E. and Smith, J. and Jones, K.}, title = {Shaking without quaking}, journal = {Science}, year = {1998}}
@article{zh4, author = {袁训来 and 陈哲 and 肖书海 and 周传明}, title = {蓝田生物群}, journal = {科学通报}, year = {2012}, language = {zh-CN}}
`;

async function hoverText(source: string, settings: Partial<CitokineSettings> = {}): Promise<string> {
  const f = fixture(source, settings);
  const hover = await f.service.hover({ uri: f.uri, text: f.text }, f.cursor!);
  return ((hover?.contents as MarkupContent | undefined)?.value ?? '').replace(/\\/g, '');
}

test("user styles: the item's language too (English et al., Chinese 等)", async () => {
  const files = `%! refs.bib\n${BIB_TWO}%! mine.csl\n${ET_AL_CSL}`;
  assert.match(
    await hoverText(`%! main.md\n---\nbibliography: refs.bib\ncsl: mine.csl\n---\nSee [@e{|}n4] and [@zh4].\n${files}`),
    /H\. Kanamori et al\./,
  );
  assert.match(
    await hoverText(`%! main.md\n---\nbibliography: refs.bib\ncsl: mine.csl\n---\nSee [@en4] and [@z{|}h4].\n${files}`),
    /袁训来等/,
  );
});

/** A style that writes a fixed word, to tell the user's file from the built-in style of that name. */
const MINE_CSL = ET_AL_CSL.replace('<names variable="author"><name/></names>', '<text value="MY APA: "/><text variable="title"/>').replace(
  'Authors only (test)',
  'My APA (test)',
);

test("style: a user's .csl named like a built-in style is the user's file", async () => {
  const text = await hoverText(
    `%! main.md\n---\nbibliography: refs.bib\ncsl: apa.csl\n---\nSee [@e{|}n4].\n%! refs.bib\n${BIB_TWO}%! apa.csl\n${MINE_CSL}`,
  );
  assert.match(text, /MY APA: Shaking without quaking/);
  assert.match(text, /Style: My APA \(test\)\./);
});

async function styleFindings(
  frontMatter: string,
  settings: Partial<CitokineSettings> = {},
  files = '',
): Promise<{ code: string; line: number; character: number; message: string; severity?: number }[]> {
  const f = fixture(`%! main.md\n---\nbibliography: refs.bib\n${frontMatter}---\nSee [@en4].\n%! refs.bib\n${BIB_TWO}${files}`, settings);
  const diagnostics = await f.service.diagnostics({ uri: f.uri, text: f.text });
  return diagnostics
    .filter((d) => String(d.code).startsWith('style.'))
    .map((d) => ({
      code: String(d.code),
      line: d.range.start.line,
      character: d.range.start.character,
      message: d.message,
      severity: d.severity,
    }));
}

test('style: an unknown style name, an unreadable or an invalid .csl is a finding where it is named', async () => {
  const unknown = await styleFindings('csl: nature\n');
  assert.deepEqual(
    unknown.map((d) => [d.code, d.line, d.character, d.severity]),
    [['style.not-found', 2, 5, 2]],
  );
  assert.match(unknown[0].message, /'nature'.*Vancouver/);
  assert.deepEqual(
    (await styleFindings('csl: styles/missing.csl\n')).map((d) => [d.code, d.line, d.character]),
    [['style.not-found', 2, 5]],
  );
  assert.deepEqual(
    (await styleFindings('csl: bad.csl\n', {}, '%! bad.csl\n<html>not a style</html>\n')).map((d) => [d.code, d.line]),
    [['style.invalid', 2]],
  );
  // A file in the CSL namespace that the engine cannot compile (cut off).
  const cut = await styleFindings('csl: cut.csl\n', {}, `%! cut.csl\n${ET_AL_CSL.slice(0, ET_AL_CSL.indexOf('<bibliography'))}`);
  assert.deepEqual(
    cut.map((d) => d.code),
    ['style.invalid'],
  );
  // apa.csl that is not there: said, and shown in the built-in APA meanwhile.
  const apa = await styleFindings('csl: apa.csl\n');
  assert.deepEqual(
    apa.map((d) => d.code),
    ['style.not-found'],
  );
  assert.match(apa[0].message, /'apa\.csl' was not found.*shown in APA/);
  // The setting: on the first line.
  assert.deepEqual(
    (await styleFindings('', { style: 'nature' })).map((d) => [d.code, d.line, d.character]),
    [['style.not-found', 0, 0]],
  );
  assert.match((await styleFindings('', { style: 'nature' }))[0].message, /citokine\.style/);
  // Known names and readable files are quiet.
  assert.deepEqual(await styleFindings('csl: apa\n'), []);
  assert.deepEqual(await styleFindings('csl: GB/T 7714-2015\n'), []);
  assert.deepEqual(await styleFindings('csl: mine.csl\n', {}, `%! mine.csl\n${ET_AL_CSL}`), []);
});

test('style: a reloaded user style is unregistered from the CSL engine', async () => {
  const f = fixture(
    `%! main.md\n---\nbibliography: refs.bib\ncsl: mine.csl\n---\nSee [@e{|}n4].\n%! refs.bib\n${BIB_TWO}%! mine.csl\n${MINE_CSL}`,
  );
  const registered = () =>
    plugins.config
      .get('@csl')
      .styles.list()
      .filter((name: string) => name.includes('mine.csl'));
  const before = registered().length;
  await f.service.hover({ uri: f.uri, text: f.text }, f.cursor!);
  assert.equal(registered().length, before + 1);
  for (let i = 0; i < 3; i++) {
    f.workspace.files.set(f.uriOf('mine.csl'), MINE_CSL.replace('MY APA: ', `EDIT ${i}: `));
    f.service.fileChanged(f.uriOf('mine.csl'));
    const hover = await f.service.hover({ uri: f.uri, text: f.text }, f.cursor!);
    assert.match((hover?.contents as MarkupContent).value, new RegExp(`EDIT ${i}: Shaking`));
  }
  assert.equal(registered().length, before + 1);
});
