import { existsSync, readdir, realpath, type Dirent } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { URI } from 'vscode-uri';
import { DEFAULT_MAX_FILE_SIZE_MB, isManuscriptFile, type Workspace } from '../core';
import { readRegularFile, type RegularFileRead, type SizeLimit } from './regularFile';

/** Through node's callback API, as regularFile.ts reads: `fs.promises` costs a one-shot check 2 ms to load. */
const realPath = promisify(realpath.native);
const readFolder = promisify(readdir);

export interface NodeWorkspaceOptions {
  /** The text of a document open in the editor, which wins over the disk. */
  readonly openText?: (uri: string) => string | undefined;
  /** Files over this size are refused before reading; `source` names the setting or flag in the message. */
  readonly sizeLimit?: SizeLimit;
  /** The home folder `~/` paths resolve against; the user's by default. */
  readonly homeFolder?: string;
  /**
   * Folders (URIs) read even in an untrusted workspace besides the workspace folders: the
   * product's own data (the built-in corpus), which the user installed, not the workspace.
   */
  readonly ownFolders?: readonly string[];
}

/** Why a file outside the workspace folders is not read while the workspace is not trusted (the end of a sentence about the file). */
export const UNTRUSTED_OUTSIDE = 'is outside the workspace, not read in an untrusted workspace';

/**
 * A Workspace over the disk, preferring the text of documents open in the editor. It reads
 * only regular files under the size cap (see `readRegularFile`) and remembers why a file was
 * refused, for the diagnostic that names it. In an untrusted workspace (`trusted` false) it
 * reads nothing outside the workspace folders and its own folders, symlinks resolved.
 */
export class NodeWorkspace implements Workspace {
  private readonly openText: (uri: string) => string | undefined;
  /** Why the last read of each refused file failed; an entry goes when the file is read. */
  private readonly errors = new Map<string, string>();
  readonly homeFolderUri: string;
  sizeLimit: SizeLimit;
  /**
   * Whether the user trusts the workspace (VS Code's Workspace Trust; true for the CLI and
   * for clients that do not say). When false, only files inside `folders` and the own folders are read.
   */
  trusted = true;
  private readonly ownFolders: readonly string[];

  constructor(options: NodeWorkspaceOptions = {}) {
    this.ownFolders = options.ownFolders ?? [];
    this.openText = options.openText ?? (() => undefined);
    this.sizeLimit = options.sizeLimit ?? { megabytes: DEFAULT_MAX_FILE_SIZE_MB, source: 'citokine.files.maxSizeMB' };
    this.homeFolderUri = URI.file(options.homeFolder ?? os.homedir()).toString();
  }

  async readFile(uri: string): Promise<string | undefined> {
    const open = this.openText(uri);
    if (open !== undefined) return open;
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    const allowed = this.trusted ? parsed.fsPath : await this.insideAllowedFolders(parsed.fsPath);
    if (allowed === undefined) {
      this.errors.set(uri, UNTRUSTED_OUTSIDE);
      return undefined;
    }
    const read = await this.readRegular(allowed, this.sizeLimit);
    if ('text' in read) {
      this.errors.delete(uri);
      return read.text;
    }
    this.errors.set(uri, read.error);
    return undefined;
  }

  /** Reads a file that may be read; a one-shot host reads without awaiting (cli.ts). */
  protected readRegular(file: string, limit: SizeLimit): Promise<RegularFileRead> {
    return readRegularFile(file, limit);
  }

  /**
   * The path to read when `file` lies inside a workspace folder or an own folder, else
   * undefined. The path is first checked as written, so that nothing outside is even looked
   * at; then with symlinks resolved (a link inside pointing outside is outside), and the
   * resolved path is the one read. A file that does not exist stays inside, to be reported
   * as not found.
   */
  private async insideAllowedFolders(file: string): Promise<string | undefined> {
    const roots = [...this.folders, ...this.ownFolders]
      .map((f) => URI.parse(f))
      .filter((u) => u.scheme === 'file')
      .map((u) => path.resolve(u.fsPath));
    const lexical = path.resolve(file);
    if (!roots.some((root) => isInside(lexical, root))) return undefined;
    const real = await realPath(lexical).catch(() => undefined);
    if (real === undefined) return lexical;
    const realRoots = await Promise.all(roots.map((root) => realPath(root).catch(() => root)));
    return realRoots.some((root) => isInside(real, root)) ? real : undefined;
  }

  readError(uri: string): string | undefined {
    return this.errors.get(uri);
  }

  /** The files last refused, so that a host can have them read again when the size cap changes. */
  refusedFiles(): string[] {
    return [...this.errors.keys()];
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
    const uris = walkMarkdown(
      this.folders
        .map((f) => URI.parse(f))
        .filter((u) => u.scheme === 'file')
        .map((u) => u.fsPath),
    );
    this.listed = { at: now, uris };
    return uris;
  }
}

/** Whether `file` is `folder` or lies under it (both absolute and normalized). */
function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

const LIST_REUSE_MS = 3000;
const MAX_FILES = 5000;
const MAX_FOLDERS = 20000;
const MAX_DEPTH = 16;

async function walkMarkdown(roots: string[]): Promise<string[]> {
  const found: string[] = [];
  let folders = 0;
  const queue: { dir: string; depth: number }[] = roots.map((dir) => ({ dir, depth: 0 }));
  while (queue.length > 0 && found.length < MAX_FILES && folders < MAX_FOLDERS) {
    const { dir, depth } = queue.shift()!;
    folders++;
    let entries: Dirent[];
    try {
      entries = await readFolder(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.') || depth + 1 > MAX_DEPTH) continue;
        queue.push({ dir: path.join(dir, entry.name), depth: depth + 1 });
      } else if (entry.isFile()) {
        const uri = URI.file(path.join(dir, entry.name)).toString();
        if (isManuscriptFile(uri)) found.push(uri);
        if (found.length >= MAX_FILES) break;
      }
    }
  }
  return found;
}

/** The built-in corpus folder shipped next to the bundled server (dist/../references). */
export function builtinCorpusFolder(): string {
  const candidates = [path.resolve(__dirname, '..', 'references'), path.resolve(__dirname, '..', '..', '..', 'references')];
  return URI.file(candidates.find((c) => existsSync(path.join(c, 'review-55.json'))) ?? candidates[0]).toString();
}
