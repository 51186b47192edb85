#!/usr/bin/env node
/**
 * `citokine check`: the language service's checks from a shell, for CI of manuscripts.
 *
 *   citokine check [--format text|json] [--bibliography FILE]... [--no-builtin] [--max-file-size-mb N] FILE...
 *
 * Exit 0 when no finding is an error, 1 when one is, 2 for bad usage or an unreadable file.
 */
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, DEFAULT_MAX_FILE_SIZE_MB, DEFAULT_SETTINGS } from './core';
import { builtinCorpusFolder, NodeWorkspace } from './node/nodeWorkspace';
import { readRegularFileSync, type RegularFileRead, type SizeLimit } from './node/regularFile';

export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
  message: string;
}

interface CheckOptions {
  format: 'text' | 'json';
  bibliographies: string[];
  builtin: boolean;
  /** Files over this many megabytes are refused before reading. */
  maxFileSizeMB: number;
  files: string[];
}

const USAGE = 'usage: citokine check [--format text|json] [--bibliography FILE]... [--no-builtin] [--max-file-size-mb N] FILE...';

/** The flag that sets the size cap, named when a file is refused for its size. */
const SIZE_FLAG = '--max-file-size-mb';

class UsageError extends Error {}

export function parseArguments(argv: readonly string[]): CheckOptions {
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(command === undefined ? USAGE : `unknown command '${command}'; ${USAGE}`);
  const options: CheckOptions = { format: 'text', bibliographies: [], builtin: true, maxFileSizeMB: DEFAULT_MAX_FILE_SIZE_MB, files: [] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (name: string) => {
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value; ${USAGE}`);
      return next;
    };
    if (arg === '--format' || arg.startsWith('--format=')) {
      const format = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : value('--format');
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format takes text or json, not '${format}'`);
      options.format = format;
    } else if (arg === '--bibliography' || arg.startsWith('--bibliography=')) {
      options.bibliographies.push(arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : value('--bibliography'));
    } else if (arg === SIZE_FLAG || arg.startsWith(`${SIZE_FLAG}=`)) {
      const size = Number(arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : value(SIZE_FLAG));
      if (!(size > 0)) throw new UsageError(`${SIZE_FLAG} takes a positive number of megabytes`);
      options.maxFileSizeMB = size;
    } else if (arg === '--no-builtin') {
      options.builtin = false;
    } else if (arg === '--help' || arg === '-h') {
      throw new UsageError(USAGE);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option '${arg}'; ${USAGE}`);
    } else {
      options.files.push(arg);
    }
  }
  if (options.files.length === 0) throw new UsageError(`no file to check; ${USAGE}`);
  return options;
}

const SEVERITY = ['error', 'error', 'warning', 'information', 'hint'] as const;

/**
 * The disk as one check sees it: each file is read once. The check parses a bibliography or
 * glossary for the manuscript and reads it again for the file's own findings; a one-shot run
 * has no edits to see in between, so the second read (925 KB of CSL-JSON for deep-review) is
 * the first one's text. Files are read synchronously (`readRegularFileSync`): nothing else
 * runs meanwhile, and a check that never waits on the event loop also never runs the garbage
 * collector's queued tasks (a full collection in a check of deep-review).
 */
export class OneShotWorkspace extends NodeWorkspace {
  private readonly texts = new Map<string, Promise<string | undefined>>();

  protected override readRegular(file: string, limit: SizeLimit): Promise<RegularFileRead> {
    return Promise.resolve(readRegularFileSync(file, limit));
  }

  override readFile(uri: string): Promise<string | undefined> {
    let text = this.texts.get(uri);
    if (text === undefined) {
      text = super.readFile(uri);
      this.texts.set(uri, text);
    }
    return text;
  }
}

export async function check(options: CheckOptions, cwd = process.cwd()): Promise<Finding[]> {
  const sizeLimit: SizeLimit = { megabytes: options.maxFileSizeMB, source: SIZE_FLAG };
  const texts = new Map<string, string>();
  // The files named on the command line must be readable; files they name become findings.
  for (const file of [...options.files, ...options.bibliographies]) {
    const absolute = path.resolve(cwd, file);
    const read = readRegularFileSync(absolute, sizeLimit);
    if ('error' in read) throw new UsageError(`cannot read ${file}: it ${read.error}`);
    texts.set(URI.file(absolute).toString(), read.text);
  }
  const service = createLanguageService({
    workspace: new OneShotWorkspace({ openText: (uri) => texts.get(uri), sizeLimit }),
    builtinCorpusUri: builtinCorpusFolder(),
    settings: {
      ...DEFAULT_SETTINGS,
      maxFileSizeMB: options.maxFileSizeMB,
      builtinLibrary: options.builtin,
      bibliographyFiles: options.bibliographies.map((b) => path.resolve(cwd, b)),
    },
    workspaceFolderUri: URI.file(cwd).toString(),
  });
  const findings: Finding[] = [];
  const add = (file: string, diagnostics: readonly Diagnostic[]) => {
    for (const d of diagnostics) {
      findings.push({
        file,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITY[d.severity ?? 1],
        code: String(d.code ?? ''),
        message: d.message,
      });
    }
  };
  const bibliographiesReported = new Set<string>();
  for (const file of options.files) {
    const uri = URI.file(path.resolve(cwd, file)).toString();
    const document = { uri, text: texts.get(uri) ?? '' };
    add(file, await service.diagnostics(document));
    for (const bibUri of await service.bibliographyFilesOf(document)) {
      if (bibliographiesReported.has(bibUri)) continue;
      bibliographiesReported.add(bibUri);
      add(path.relative(cwd, URI.parse(bibUri).fsPath) || bibUri, await service.bibliographyFileDiagnostics(bibUri));
    }
    // Glossary files (front matter `glossary:`) report their errors in themselves, once each.
    for (const glossaryUri of await service.glossaryFilesOf(document)) {
      if (bibliographiesReported.has(glossaryUri)) continue;
      bibliographiesReported.add(glossaryUri);
      add(path.relative(cwd, URI.parse(glossaryUri).fsPath) || glossaryUri, await service.glossaryFileDiagnostics(glossaryUri));
    }
  }
  return findings;
}

export function formatText(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code}: ${f.message}`).join('\n');
}

/** The streams a run wrote to, which must be flushed before it exits. */
const written = new Set<NodeJS.WriteStream>();

function write(stream: NodeJS.WriteStream, text: string): void {
  written.add(stream);
  stream.write(text);
}

export async function main(argv: readonly string[]): Promise<number> {
  let options: CheckOptions;
  try {
    options = parseArguments(argv);
    const findings = await check(options);
    if (options.format === 'json') write(process.stdout, `${JSON.stringify(findings, null, 2)}\n`);
    else if (findings.length > 0) write(process.stdout, `${formatText(findings)}\n`);
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      write(process.stderr, `citokine: ${e.message}\n`);
      return 2;
    }
    write(process.stderr, `citokine: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 2;
  }
}

/**
 * Ends the process once what was written to stdout and stderr has been handed to the system.
 * Leaving node to exit by itself waits for V8's background work (the garbage collector's
 * concurrent marking started during the check): 30-60 ms of a 370 ms check that nothing
 * reads. Waiting on an empty write keeps output to an asynchronous pipe whole. A stream not
 * written to is left alone: node makes `process.stderr` on first use, and for a pipe that
 * loads its network streams (5-7 ms) only to write nothing.
 */
function exitWhenFlushed(code: number): void {
  let pending = written.size;
  if (pending === 0) process.exit(code);
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  for (const stream of written) stream.write('', done);
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    exitWhenFlushed(code);
  });
}
