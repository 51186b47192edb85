/**
 * The client names Citokine's own requests and notifications, and describes their answers,
 * in its own module (client/src/logic/protocol.ts, which may not import the server). Here the
 * names are compared by value, and each answer the server makes must be assignable to the
 * shape the client reads: a field renamed or retyped on one side fails `tsc -b`, which
 * `npm test` runs before these tests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as client from '../client/src/logic/protocol';
import type * as server from '../server/src/core';
import { CITOKINE_NOTIFICATIONS, CITOKINE_REQUESTS } from '../server/src/lsp/citokineRequests';

/** `true` only when every `From` is a `To`; a mismatch makes the constant below a type error. */
type Reads<From, To> = [From] extends [To] ? true : false;

test('the client reads every answer the server makes', () => {
  const answers: [
    Reads<server.CitationCandidates, client.CitationCandidates>,
    Reads<server.DocumentOutline, client.DocumentOutline>,
    Reads<server.RenderedCitations, client.RenderedCitations>,
  ] = [true, true, true];
  assert.deepEqual(answers, [true, true, true]);
});

test("the client's request and notification names are the server's", () => {
  assert.deepEqual(client.CITOKINE_REQUESTS, CITOKINE_REQUESTS);
  assert.deepEqual(client.CITOKINE_NOTIFICATIONS, CITOKINE_NOTIFICATIONS);
});
