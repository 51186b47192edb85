/**
 * Test fixtures in the texlab style: several files in one string, each under a header line
 * `%! path`, and the cursor marked `{|}` in one of them. Files live in an in-memory
 * workspace under file:///ws/; anything else (the built-in corpus) is read from disk.
 */
import assert from 'node:assert/strict';
import { promises as fs, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Diagnostic, MarkupContent, Position } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import { LineMap } from '../../server/src/core/text/textRange';
import { type Workspace } from '../../server/src/core/workspace';
import { DEFAULT_SETTINGS, type CitokineSettings } from '../../server/src/core/settings';
import { parseGlossary, type Glossary } from '../../server/src/core/terms/glossary';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Real-world inputs vendored into the repository, each folder with its source and licence. */
export const FIXTURES_ROOT = path.join(REPO_ROOT, 'test', 'fixtures');
/** Every file under `FIXTURES_ROOT` (`dir`), in every folder, whose name `keep` accepts. */
export function fixtureFiles(keep: (name: string) => boolean, dir = FIXTURES_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? fixtureFiles(keep, path.join(dir, d.name)) : keep(d.name) ? [path.join(dir, d.name)] : [],
  );
}

/** The research data and the review's text the built-in corpus is generated from. */
export const CORPUS_SOURCES_ROOT = path.join(REPO_ROOT, 'references', 'sources');

/** The built-in glossary (`references/glossary.json`) parsed, under `uri`, as the tests of the term index read it. */
export function builtinGlossary(uri = 'file:///references/glossary.json'): Glossary {
  return parseGlossary(readFileSync(path.join(REPO_ROOT, 'references', 'glossary.json'), 'utf8'), uri).glossary;
}
export const BUILTIN_CORPUS_URI = URI.file(path.join(REPO_ROOT, 'references')).toString();
export const CURSOR = '{|}';

export class MemoryWorkspace implements Workspace {
  readonly files = new Map<string, string>();
  async readFile(uri: string): Promise<string | undefined> {
    if (this.files.has(uri)) return this.files.get(uri);
    if (uri.startsWith('file:///ws/')) return undefined;
    try {
      return await fs.readFile(URI.parse(uri).fsPath, 'utf8');
    } catch {
      return undefined;
    }
  }
  /** The fixture's Markdown files, as a host walking the workspace folder would list them. */
  async listMarkdownFiles(): Promise<string[]> {
    return [...this.files.keys()].filter((uri) => /\.(md|markdown|qmd|rmd)$/i.test(uri));
  }
}

export interface Fixture {
  readonly service: LanguageService;
  readonly workspace: MemoryWorkspace;
  /** The file holding the cursor (or the first file). */
  readonly uri: string;
  readonly text: string;
  readonly cursor: Position | undefined;
  uriOf(name: string): string;
}

export function wsUri(name: string): string {
  return URI.file(`/ws/${name}`).toString();
}

/** Builds a language service over the files of `source`. */
export function fixture(source: string, settings: Partial<CitokineSettings> = {}): Fixture {
  const workspace = new MemoryWorkspace();
  const parts = source.split(/^%! (.+)\n/m);
  const files: [string, string][] = [];
  if (parts.length === 1) files.push(['main.md', source]);
  for (let i = 1; i < parts.length; i += 2) files.push([parts[i].trim(), parts[i + 1]]);
  let uri = wsUri(files[0][0]);
  let text = files[0][1];
  let cursor: Position | undefined;
  for (const [name, content] of files) {
    const at = content.indexOf(CURSOR);
    const clean = at < 0 ? content : content.slice(0, at) + content.slice(at + CURSOR.length);
    workspace.files.set(wsUri(name), clean);
    if (at >= 0) {
      uri = wsUri(name);
      text = clean;
      cursor = new LineMap(clean).positionAt(at);
    }
  }
  if (cursor === undefined) text = workspace.files.get(uri) ?? text;
  const service = createLanguageService({
    workspace,
    builtinCorpusUri: BUILTIN_CORPUS_URI,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    workspaceFolderUri: 'file:///ws',
  });
  return { service, workspace, uri, text, cursor, uriOf: wsUri };
}

/**
 * A language service over the manuscript `name`, opened as `source` beside the files of
 * `others` (`%! name` sections), fed each step's text in turn as an edit: asserts that it
 * publishes for each what a fresh service over that text does, and returns those diagnostics.
 */
export async function publishesAsFresh(
  name: string,
  source: string,
  others: string,
  steps: readonly { readonly text: string; readonly what: string }[],
): Promise<Diagnostic[][]> {
  const uri = wsUri(name);
  const live = fixture(`%! ${name}\n${source}${others}`);
  await live.service.diagnostics({ uri, text: source, version: 1 });
  const published: Diagnostic[][] = [];
  for (const [n, { text, what }] of steps.entries()) {
    const version = n + 2;
    const got = await live.service.diagnostics({ uri, text, version });
    const want = await fixture(`%! ${name}\n${text}${others}`).service.diagnostics({ uri, text, version });
    assert.deepEqual(got, want, what);
    published.push(want);
  }
  return published;
}

/** The fixture of `source` with the cursor put before the `nth` (0-based) occurrence of `needle` in the file `name`. */
export function fixtureAt(source: string, name: string, needle: string, nth = 0, settings: Partial<CitokineSettings> = {}): Fixture {
  const header = `%! ${name}\n`;
  const start = source.indexOf(header) + header.length;
  let index = start - 1;
  for (let i = 0; i <= nth; i++) index = source.indexOf(needle, index + 1);
  assert.ok(index >= start, `${needle} not in ${name}`);
  return fixture(`${source.slice(0, index)}${CURSOR}${source.slice(index)}`, settings);
}

/** The completion at the cursor of the fixture of `source`: the list as the service answers it, its items and their labels. */
export async function complete(source: string, settings: Partial<CitokineSettings> = {}) {
  const f = fixture(source, settings);
  assert.ok(f.cursor, 'fixture needs a cursor');
  const list = await f.service.completion({ uri: f.uri, text: f.text }, f.cursor);
  const items = list?.items ?? [];
  return { f, list, items, labels: items.map((i) => i.label) };
}

/** The Markdown of the hover at the cursor of the fixture of `source`, or undefined when there is no hover. */
export async function hoverText(source: string, settings: Partial<CitokineSettings> = {}): Promise<string | undefined> {
  const f = fixture(source, settings);
  assert.ok(f.cursor, 'fixture needs a cursor');
  const hover = await f.service.hover({ uri: f.uri, text: f.text }, f.cursor);
  return hover ? (hover.contents as MarkupContent).value : undefined;
}
