import { promises as fs } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Workspace } from '../core';

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

  /** Workspace folders (URIs) whose Markdown files `listMarkdownFiles` finds; the server sets them on initialize. */
  folders: string[] = [];
  private listed: { at: number; uris: Promise<string[]> } | undefined;

  /**
   * The Markdown files under the workspace folders, skipping `node_modules` and hidden
   * folders such as `.git`. Bounded (files, folders, depth) so that opening a home folder
   * cannot stall the server; the list is reused for a few seconds, as workspace symbols ask
   * at every keystroke.
   */
  listMarkdownFiles(): Promise<string[]> {
    const now = Date.now();
    if (this.listed && now - this.listed.at < LIST_REUSE_MS) return this.listed.uris;
    const uris = walkMarkdown(this.folders.map((f) => URI.parse(f)).filter((u) => u.scheme === 'file').map((u) => u.fsPath));
    this.listed = { at: now, uris };
    return uris;
  }
}

const LIST_REUSE_MS = 3000;
const MAX_FILES = 5000;
const MAX_FOLDERS = 20000;
const MAX_DEPTH = 16;
const MARKDOWN = /\.(md|markdown|qmd|rmd)$/i;

async function walkMarkdown(roots: string[]): Promise<string[]> {
  const found: string[] = [];
  let folders = 0;
  const queue: { dir: string; depth: number }[] = roots.map((dir) => ({ dir, depth: 0 }));
  while (queue.length > 0 && found.length < MAX_FILES && folders < MAX_FOLDERS) {
    const { dir, depth } = queue.shift()!;
    folders++;
    let entries: import('fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.') || depth + 1 > MAX_DEPTH) continue;
        queue.push({ dir: path.join(dir, entry.name), depth: depth + 1 });
      } else if (entry.isFile() && MARKDOWN.test(entry.name)) {
        found.push(URI.file(path.join(dir, entry.name)).toString());
        if (found.length >= MAX_FILES) break;
      }
    }
  }
  return found;
}

/** The built-in corpus folder shipped next to the bundled server (dist/../references). */
export function builtinCorpusFolder(): string {
  const candidates = [path.resolve(__dirname, '..', 'references'), path.resolve(__dirname, '..', '..', '..', 'references')];
  return URI.file(candidates.find((c) => require('fs').existsSync(path.join(c, 'review-55.json'))) ?? candidates[0]).toString();
}
