/** A fresh folder under the system's temporary directory, holding the files a test writes into it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';

export interface TempDir {
  readonly dir: string;
  /** The folder's file: URI. */
  readonly uri: string;
  /** The path of `name` (slash-separated, relative to the folder). */
  path(name: string): string;
  /** The file: URI of `name`. */
  uriOf(name: string): string;
  /** Writes `text` to `name`, creating its folders. */
  write(name: string, text: string): void;
}

const created: string[] = [];
// Each test file runs in its own process: its folders go when it exits, pass or fail.
process.on('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A new folder named after `prefix`, with `files` (name → text) written into it; removed when the test process exits. */
export function tempDir(prefix: string, files: Record<string, string> = {}): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  const at = (name: string) => path.join(dir, ...name.split('/'));
  const folder: TempDir = {
    dir,
    uri: URI.file(dir).toString(),
    path: at,
    uriOf: (name) => URI.file(at(name)).toString(),
    write(name, text) {
      mkdirSync(path.dirname(at(name)), { recursive: true });
      writeFileSync(at(name), text);
    },
  };
  for (const [name, text] of Object.entries(files)) folder.write(name, text);
  return folder;
}
