import { promises as fs } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Workspace } from './core/workspace';

/** A Workspace over the disk, preferring the text of documents open in the editor. */
export class NodeWorkspace implements Workspace {
  constructor(private readonly openText: (uri: string) => string | undefined = () => undefined) {}

  async readFile(uri: string): Promise<string | undefined> {
    const open = this.openText(uri);
    if (open !== undefined) return open;
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    try {
      return await fs.readFile(parsed.fsPath, 'utf8');
    } catch {
      return undefined;
    }
  }
}

/** The built-in corpus folder shipped next to the bundled server (dist/../references). */
export function builtinCorpusFolder(): string {
  const candidates = [path.resolve(__dirname, '..', 'references'), path.resolve(__dirname, '..', '..', '..', 'references')];
  return URI.file(candidates.find((c) => require('fs').existsSync(path.join(c, 'review-55.json'))) ?? candidates[0]).toString();
}
