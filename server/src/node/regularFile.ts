/**
 * Reading a file a document names without trusting it: only a regular file is read, and only
 * when it is under a size cap. A FIFO, a device, a directory or a symlink loop is refused at
 * once with the reason, never waited on; so is a file over the cap, before any byte is read.
 */
import { closeSync, constants, fstatSync, open, openSync, read, readSync, type Stats } from 'fs';
import { promisify } from 'util';

/** The text of a file, or why it was not read (the end of a sentence about the file). */
export type RegularFileRead = { readonly text: string } | { readonly error: string };

/** The size cap, and the setting or flag that sets it (named in the message). */
export interface SizeLimit {
  readonly megabytes: number;
  readonly source: string;
}

const MEGABYTE = 1024 * 1024;

/**
 * The file calls this module makes, through node's callback API: `fs.promises` loads node's
 * file handles, directory streams and readline on first use, 2 ms of a one-shot check.
 */
const openFile = promisify(open);
const readFile = promisify(read);

/** Opening with O_NONBLOCK makes opening a FIFO return at once (Windows has no such flag, and no FIFOs to open). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads `path` as UTF-8 when it is a regular file of at most `limit.megabytes`. The checks are
 * made on the opened handle, so a file swapped for a FIFO between a check and the read is
 * still refused; a file that grows past the cap while being read is cut at the cap.
 */
export async function readRegularFile(path: string, limit: SizeLimit): Promise<RegularFileRead> {
  let fd: number;
  try {
    fd = await openFile(path, OPEN_FLAGS);
  } catch (e) {
    return { error: openError(e) };
  }
  // Only the open and the bulk read go through libuv's thread pool: each trip there waits for a
  // turn of the event loop, which a large library's first check (its term index) holds for
  // 100 ms or more. The stat of an open handle, the read that finds the end of the file and the
  // close answer at once from the kernel, so they are made in the calling turn.
  try {
    const stat = fstatSync(fd);
    const refused = refusal(stat, limit);
    if (refused !== undefined) return { error: refused };
    return { text: await readAtMost(fd, Math.floor(limit.megabytes * MEGABYTE), stat.size) };
  } catch (e) {
    return { error: `cannot be read (${codeOf(e)})` };
  } finally {
    closeQuietly(fd);
  }
}

/** Closes `fd`; a failed close changes nothing read. */
function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // As the reads: nothing to tell.
  }
}

/**
 * `readRegularFile` without leaving the calling turn, for a one-shot check (cli.ts): the same
 * checks, text and reasons. Each await of the other costs a trip through libuv's thread pool
 * and a turn of the event loop, in which V8 also runs the garbage collector's queued tasks
 * (a scavenge begun early, the finishing of an incremental marking) that a run about to end
 * need never pay.
 */
export function readRegularFileSync(path: string, limit: SizeLimit): RegularFileRead {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    return { error: openError(e) };
  }
  try {
    const stat = fstatSync(fd);
    const refused = refusal(stat, limit);
    if (refused !== undefined) return { error: refused };
    return { text: readAtMostSync(fd, Math.floor(limit.megabytes * MEGABYTE), stat.size) };
  } catch (e) {
    return { error: `cannot be read (${codeOf(e)})` };
  } finally {
    closeQuietly(fd);
  }
}

/** Why an opened file is not read (not a regular file, or over the cap), or undefined to read it. */
function refusal(stat: Stats, limit: SizeLimit): string | undefined {
  if (!stat.isFile()) return `is ${kindOf(stat)}, not a regular file`;
  const maxBytes = limit.megabytes * MEGABYTE;
  if (stat.size > maxBytes) return `is ${megabytes(stat.size)} MB, over the ${limit.megabytes} MB limit (${limit.source})`;
  return undefined;
}

/**
 * Reads at most `maxBytes` into one buffer of the file's size (plus a byte, to see the end at
 * once): no zero-filling and no copies before decoding. A file that grew since `stat` grows
 * the buffer, up to the cap.
 */
async function readAtMost(fd: number, maxBytes: number, size: number): Promise<string> {
  const into = new GrowingBuffer(maxBytes, size);
  // The file's bytes in one trip to the thread pool; what follows (the end of the file, most
  // often, or bytes a growing file added since its stat) is read in this turn.
  if (into.room() > 0 && into.add((await readFile(fd, into.buffer, into.total, into.room(), null)).bytesRead)) readRest(fd, into);
  return decodeText(into.bytes());
}

/** `readAtMost` with synchronous reads. */
function readAtMostSync(fd: number, maxBytes: number, size: number): string {
  const into = new GrowingBuffer(maxBytes, size);
  readRest(fd, into);
  return decodeText(into.bytes());
}

/** Reads on into `into`, in the calling turn, until the end of the file or the cap. */
function readRest(fd: number, into: GrowingBuffer): void {
  while (into.room() > 0) {
    if (!into.add(readSync(fd, into.buffer, into.total, into.room(), null))) break;
  }
}

/** The buffer of `readAtMost`: the file's size plus a byte, doubled when full, never past `maxBytes`. */
class GrowingBuffer {
  buffer: Buffer;
  total = 0;

  constructor(
    private readonly maxBytes: number,
    size: number,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.min(size + 1, maxBytes) || 1);
  }

  /** How many bytes the next read may take: 0 at the cap. A full buffer is grown first. */
  room(): number {
    if (this.total >= this.maxBytes) return 0;
    if (this.total === this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.buffer.length * 2, this.maxBytes));
      this.buffer.copy(grown, 0, 0, this.total);
      this.buffer = grown;
    }
    return this.buffer.length - this.total;
  }

  /** Counts a read's bytes; false at the end of the file. */
  add(bytesRead: number): boolean {
    this.total += bytesRead;
    return bytesRead > 0;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.total);
  }
}

/**
 * The text of a file's bytes: UTF-8, or UTF-16 when the file starts with its byte order mark
 * (Windows reference managers save UTF-16 .bib and .ris files), as editors decode it. The BOM
 * is kept as U+FEFF, as a UTF-8 BOM is, so offsets are the editor's.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes);
  const unmarked = unmarkedUtf16(bytes);
  return unmarked ? new TextDecoder(unmarked).decode(bytes) : bytes.toString('utf8');
}

/** UTF-16 without a byte order mark, told by its zero bytes: in mostly-ASCII text, every other byte is zero. */
function unmarkedUtf16(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros === 0) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros === 0) return 'utf-16be';
  return undefined;
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

function openError(e: unknown): string {
  switch (codeOf(e)) {
    case 'ENOENT':
      return 'was not found';
    case 'ELOOP':
      return 'is a symbolic link loop, not a regular file';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'ENXIO':
      return 'is a device or socket that cannot be opened, not a regular file';
    default:
      return `cannot be read (${codeOf(e)})`;
  }
}

function codeOf(e: unknown): string {
  return (e as NodeJS.ErrnoException | undefined)?.code ?? (e instanceof Error ? e.message : String(e));
}

function megabytes(bytes: number): string {
  const mb = bytes / MEGABYTE;
  if (mb >= 10) return String(Math.round(mb));
  return mb >= 0.1 ? String(Math.round(mb * 10) / 10) : String(Number(mb.toPrecision(2)));
}
