/**
 * The one per-URI parse cache: files the core reads through the workspace (bibliographies,
 * glossaries) are parsed once per text and answered from memory until the host says they
 * changed. While a changed file is being re-read, requests that must answer now get the last
 * good parse; a re-read that finds the same text keeps the previous parse (the same object,
 * so whatever is cached on it stays valid).
 */

/** How a cache gets its values: read a file's text, parse a text. */
export interface ParseSource<T> {
  /** The file's current text; undefined when it cannot be read (or is not for this cache). */
  read(uri: string): Promise<string | undefined>;
  /** The parse of one text, maybe in steps (a large file). Must not throw (parsers return their errors). */
  parse(text: string, uri: string): T | Promise<T>;
}

/** Per-URI cache of parses with last-good answers; concurrent requests share one read and parse. */
export class ParseCache<T> {
  private readonly pending = new Map<string, Promise<T | undefined>>();
  /** The last finished parse of each file and its text, kept across invalidation. */
  private readonly last = new Map<string, { readonly text: string; readonly value: T }>();
  /** Files whose pending read has finished since their last invalidation. */
  private readonly settled = new Set<string>();

  constructor(private readonly source: ParseSource<T>) {}

  /** The file's current parse, waiting for it when the file changed since the last one; undefined when unreadable. */
  get(uri: string): Promise<T | undefined> {
    let pending = this.pending.get(uri);
    if (!pending) {
      const loading = this.load(uri).then((loaded) => {
        if (this.pending.get(uri) !== loading) return loaded?.value;
        this.settled.add(uri);
        if (loaded) this.last.set(uri, loaded);
        else this.last.delete(uri);
        return loaded?.value;
      });
      pending = loading;
      this.pending.set(uri, pending);
    }
    return pending;
  }

  /**
   * For requests that must answer now (completion, hover): while a changed file is being
   * re-read, the last good parse; otherwise the same as `get`.
   */
  getQuickly(uri: string): Promise<T | undefined> {
    const pending = this.get(uri);
    const previous = this.last.get(uri);
    return this.settled.has(uri) || !previous ? pending : Promise.resolve(previous.value);
  }

  /** The last good parse, without reading anything; undefined when the file was never parsed or became unreadable. */
  lastGood(uri: string): T | undefined {
    return this.last.get(uri)?.value;
  }

  /** The text `value` was parsed from, when it is the file's last good parse; undefined otherwise. */
  textOf(uri: string, value: T): string | undefined {
    const last = this.last.get(uri);
    return last?.value === value ? last.text : undefined;
  }

  /** Forgets that a file was read, so the next request reads it again. Returns true when it had been read. */
  invalidate(uri: string): boolean {
    this.settled.delete(uri);
    return this.pending.delete(uri);
  }

  /** True when the file has been read (or is being read) since its last invalidation. */
  has(uri: string): boolean {
    return this.pending.has(uri);
  }

  private async load(uri: string): Promise<{ text: string; value: T } | undefined> {
    const text = await this.source.read(uri);
    if (text === undefined) return undefined;
    const previous = this.last.get(uri);
    if (previous && previous.text === text) return previous;
    // Yield once so that a large file's parse does not hold up requests already queued.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    return { text, value: await this.source.parse(text, uri) };
  }
}
