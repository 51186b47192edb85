import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBibliography } from '../server/src/core/bibliography/parse';

/**
 * BibTeX as pandoc 2.17 reads it (`pandoc -f biblatex -t csljson`, and the same with
 * `-f bibtex`): `@preamble` macros, and biblatex's `titleaddon`, `maintitle` and
 * `booktitleaddon`. Each expected value is pandoc's output for the same entry (case aside:
 * pandoc also turns English titles into sentence case, which a CSL style does when it wants).
 */
function read(bib: string) {
  const parsed = parseBibliography(bib, 'file:///refs.bib', 'bibtex');
  assert.deepEqual(parsed.errors, []);
  return Object.fromEntries(parsed.entries.map((e) => [e.key, e.item]));
}

test('@preamble: a command it defines is dropped with its arguments, as pandoc (which ignores the preamble) drops it', () => {
  const items = read(
    [
      '@preamble{"\\newcommand{\\noopsort}[1]{} \\newcommand{\\printfirst}[2]{#1} \\newcommand{\\singleletter}[1]{#1}"}',
      '@book{a, title={{\\noopsort{1973b}}Sorting the Art}, year={1968}}',
      '@book{c, title={T \\printfirst{one}{two} E}, year={1968}}',
      '@book{d, title={\\singleletter{S}ome}, year={1968}}',
    ].join('\n'),
  );
  // pandoc: "Sorting the art", "T  e", "ome".
  assert.equal(items.a.title, 'Sorting the Art');
  assert.equal(items.c.title, 'T E');
  assert.equal(items.d.title, 'ome');
});

test('\\noopsort without a preamble is still dropped with its argument (pandoc: "The art")', () => {
  const items = read('@book{k, author={Knuth, Donald}, title={{\\noopsort{b}}The Art}, year={1968}}');
  assert.equal(items.k.title, 'The Art');
});

test('titleaddon joins the title after ". ", the bare title kept as the short title (pandoc)', () => {
  const items = read('@article{e, author={X, Y}, title={Art}, titleaddon={TA}, journaltitle={J}, journalsubtitle={JS}, year={2000}}');
  assert.equal(items.e.title, 'Art. TA');
  assert.equal(items.e['title-short'], 'Art');
  assert.equal(items.e['container-title'], 'J: JS');
});

test('maintitle of a book: the work is the title, the volume its volume-title (pandoc)', () => {
  const items = read(
    '@book{b, author={Kopka, H.}, title={Guide to \\LaTeX{}}, subtitle={Sub}, titleaddon={An Addon}, maintitle={The Main Work}, mainsubtitle={A Sub}, maintitleaddon={MainAddon}, volume={2}, year={2004}}',
  );
  assert.equal(items.b.title, 'The Main Work: A Sub. MainAddon');
  assert.equal(items.b['volume-title'], 'Guide to LaTeX: Sub. An Addon');
  assert.equal(items.b['container-title'], undefined);
  assert.equal(items.b.volume, '2');
});

test('maintitle of a chapter: the work is the container, the book its volume-title; booktitleaddon joins both (pandoc)', () => {
  const items = read(
    [
      '@incollection{c, author={X, Y}, title={Chap}, titleaddon={TA}, booktitle={The Book}, booksubtitle={BS}, booktitleaddon={BTA}, maintitle={MT}, year={2000}}',
      '@inbook{d, author={X, Y}, title={Chap}, booktitle={The Book}, maintitle={MT}, volume={3}, year={2000}}',
      '@incollection{f, author={X, Y}, title={Chap}, booktitle={The Book}, booktitleaddon={BTA}, year={2000}}',
    ].join('\n'),
  );
  assert.equal(items.c.title, 'Chap. TA');
  assert.equal(items.c['container-title'], 'MT: BS. BTA');
  assert.equal(items.c['volume-title'], 'The Book: BS. BTA');
  assert.equal(items.d['container-title'], 'MT');
  assert.equal(items.d['volume-title'], 'The Book');
  assert.equal(items.f['container-title'], 'The Book. BTA');
});
