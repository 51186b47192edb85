/**
 * `prepareRequests` (called by the host once a manuscript's diagnostics are out) also reads the
 * built-in references that term completions and hovers link to, so that the first term
 * completion a writer meets does not read and index that 214 KB file on the request
 * (bench/README.md, `completion_p99_ms_10k`). The answers are exactly those of a service that
 * reads it on the request (invariant 14).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinReferencesUri } from '../server/src/core/bibliography/library';
import { BUILTIN_CORPUS_URI, fixture, type Fixture } from './util/fixture';

const REFERENCES = builtinReferencesUri(BUILTIN_CORPUS_URI);
const MANUSCRIPTS = [
  '---\nlang: en\n---\nIt binds gp1{|}\n',
  '---\nlang: en\n---\nInterleukin-6 (IL-6) acts [@a]. Then IL-{|}\n',
  '研究表明白细胞{|}\n',
  '---\nlang: en\n---\nIt is inter{|}\n',
];

/** Counts the service's reads of the built-in references. */
function countReads(f: Fixture): { reads: number } {
  const counter = { reads: 0 };
  const read = f.workspace.readFile.bind(f.workspace);
  f.workspace.readFile = (uri: string) => {
    if (uri === REFERENCES) counter.reads++;
    return read(uri);
  };
  return counter;
}

test('prepareRequests reads the built-in references ahead of the first term completion, whose answer is unchanged', async () => {
  let links = 0;
  for (const source of MANUSCRIPTS) {
    const cold = fixture(source);
    const expected = await cold.service.completion({ uri: cold.uri, text: cold.text }, cold.cursor!);
    assert.ok(expected && expected.items.length > 0, source);

    const warm = fixture(source);
    const counter = countReads(warm);
    await warm.service.prepareRequests({ uri: warm.uri, text: warm.text });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const prepared = counter.reads;
    // A new version, as the next keystroke makes: the term index is made again, the references' lines are not.
    const edited = `${warm.text}\nMore text.\n`;
    const position = warm.cursor!;
    const answer = await warm.service.completion({ uri: warm.uri, text: edited }, position);
    assert.equal(counter.reads, prepared, 'not read by the completion');

    const coldEdited = await fixture(source).service.completion({ uri: cold.uri, text: edited }, position);
    assert.deepEqual(answer, coldEdited, source);
    assert.notDeepEqual(answer, { isIncomplete: true, items: [] }, source);
    links += JSON.stringify(answer).includes('review-55.json#L') ? 1 : 0;
  }
  assert.ok(links > 0, 'some answers link to the built-in references by line');
});
