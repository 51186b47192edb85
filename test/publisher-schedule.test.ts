/**
 * When the publisher checks a manuscript: at once when it is opened, after the typing pause
 * when it is edited. The document manager reports an open twice (as an open and as a content
 * change), and the second report must not push the open's check back by the typing pause.
 */
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Publisher } from '../server/src/lsp/publisher';
import type { Session } from '../server/src/lsp/session';

/** A publisher whose checks are recorded (the document's version and text) instead of run. */
function recordingPublisher(): { publisher: Publisher; checked: string[] } {
  const checked: string[] = [];
  const publisher = new Publisher({} as Session);
  (publisher as unknown as { validate: (document: TextDocument) => void }).validate = (document) =>
    checked.push(`${document.version} ${document.getText().trim()}`);
  return { publisher, checked };
}

test('an open is checked at once, and an edit after the typing pause', (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const { publisher, checked } = recordingPublisher();
  const document = TextDocument.create('file:///manuscript.md', 'markdown', 1, 'IL-6 [@a].\n');
  // What lifecycle.ts does for one didOpen: the open, then the content change reported with it.
  publisher.schedule(document, 0);
  publisher.schedule(document);
  mock.timers.tick(0);
  assert.deepEqual(checked, ['1 IL-6 [@a].'], 'the open is checked without waiting for the typing pause');
  mock.timers.tick(1000);
  assert.deepEqual(checked, ['1 IL-6 [@a].'], 'and only once');

  TextDocument.update(document, [{ text: 'IL-6 [@b].\n' }], 2);
  publisher.schedule(document);
  mock.timers.tick(149);
  assert.deepEqual(checked, ['1 IL-6 [@a].'], 'an edit waits for the typing pause');
  TextDocument.update(document, [{ text: 'IL-6 [@bc].\n' }], 3);
  publisher.schedule(document);
  mock.timers.tick(149);
  assert.deepEqual(checked, ['1 IL-6 [@a].'], 'a newer edit starts the pause again');
  mock.timers.tick(1);
  assert.deepEqual(checked, ['1 IL-6 [@a].', '3 IL-6 [@bc].'], 'and the latest version is checked once');
});

test('a re-check of the version already waiting comes no later than the one asked for', (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const { publisher, checked } = recordingPublisher();
  const document = TextDocument.create('file:///manuscript.md', 'markdown', 4, 'text\n');
  publisher.schedule(document); // typing
  publisher.schedule(document, 0); // settings changed: re-check every document now
  mock.timers.tick(0);
  assert.deepEqual(checked, ['4 text']);
  mock.timers.tick(1000);
  assert.deepEqual(checked, ['4 text']);
});

test('a document closed and opened again with the same version number is checked as reopened', (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const { publisher, checked } = recordingPublisher();
  const first = TextDocument.create('file:///manuscript.md', 'markdown', 1, 'old\n');
  publisher.schedule(first, 0); // opened, and closed before its check ran
  const reopened = TextDocument.create('file:///manuscript.md', 'markdown', 1, 'new\n');
  publisher.schedule(reopened, 0);
  publisher.schedule(reopened);
  mock.timers.tick(1000);
  assert.deepEqual(checked, ['1 new'], 'one check, of the reopened text');
});
