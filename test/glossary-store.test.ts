/** Glossary files are cached like bibliographies: while a changed glossary is re-read, hover answers from its last good parse. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { fixture } from './util/fixture';

const GLOSSARY = `terms:
  - id: il-6
    canonical: IL-6
    name: { en: interleukin six }
    abbreviation: true
    definition: { en: Our own definition. }
`;

/** Resolves to 'pending' when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))]);
}

test('hover answers from the last good glossary while a changed glossary file is re-read', async () => {
  const f = fixture(
    `%! main.md\n---\nglossary: my.glossary.yaml\n---\nWe measured I{|}L-6 (interleukin six).\n%! my.glossary.yaml\n${GLOSSARY}`,
  );
  const document = { uri: f.uri, text: f.text };
  const first = await f.service.hover(document, f.cursor!);
  assert.match((first!.contents as MarkupContent).value, /Our own definition\./);

  // The next read of the glossary waits until the test lets it go.
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const read = f.workspace.readFile.bind(f.workspace);
  f.workspace.readFile = async (uri: string) => {
    if (uri === f.uriOf('my.glossary.yaml')) await gate;
    return read(uri);
  };
  f.workspace.files.set(f.uriOf('my.glossary.yaml'), GLOSSARY.replace('Our own definition.', 'A newer definition.'));
  assert.equal(f.service.fileChanged(f.uriOf('my.glossary.yaml')), true);

  const quick = await within(f.service.hover(document, f.cursor!), 500);
  assert.notEqual(quick, 'pending', 'hover does not wait for the re-read');
  assert.match(((quick as Exclude<typeof quick, 'pending'>)!.contents as MarkupContent).value, /Our own definition\./);

  const diagnostics = f.service.diagnostics(document);
  release();
  await diagnostics;
  const fresh = await f.service.hover(document, f.cursor!);
  assert.match((fresh!.contents as MarkupContent).value, /A newer definition\./);
});
