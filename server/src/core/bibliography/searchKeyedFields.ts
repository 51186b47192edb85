/**
 * The key, DOI and family-name fields of a large file's entries, kept as codes while the
 * index's entry texts are written (searchIndex.ts's `loadedFileIndexBuilder`), for its columns
 * in key order.
 */
import { FIELD_ENDS, fieldEnd, fieldStart } from './searchFields';
import { CHUNK, TextWriter } from './searchTexts';

const NEWLINE = 10;

const KEYED = ['key', 'doi', 'families'] as const;

/**
 * The key, DOI and family fields of every entry, copied code by code from the text buffer as
 * each entry is written, so that the columns in key order are each written into a buffer
 * and decoded a chunk at a time: no string per entry and field to slice and join (they were
 * 30,000 at 10,000 entries). The same segments as `fieldOf` of the entry texts.
 */
export class KeyedFields {
  private readonly codes = new TextWriter();
  /** Per entry and field of `KEYED`, where it starts and ends in `codes`. */
  private readonly at: Int32Array;

  constructor(count: number) {
    this.at = new Int32Array(count * KEYED.length * 2);
  }

  /** Copies entry `i`'s fields from its text, which starts at `base` in `out` with its ends from `i * FIELD_ENDS` in `ends`. */
  add(out: TextWriter, base: number, ends: Int32Array, i: number): void {
    const e = i * FIELD_ENDS;
    for (let f = 0; f < KEYED.length; f++) {
      const slot = (i * KEYED.length + f) * 2;
      this.at[slot] = this.codes.length;
      this.codes.copy(out, base + fieldStart(ends, e, KEYED[f]), base + fieldEnd(ends, e, KEYED[f]));
      this.at[slot + 1] = this.codes.length;
    }
  }

  /**
   * The column of field `name` in the order of `order` (entry numbers), as `Column.of` takes
   * it: the chunks (`CHUNK` segments each, each after a `\n`) and where each segment starts.
   */
  column(name: (typeof KEYED)[number], order: Int32Array): [string[], Int32Array] {
    const f = KEYED.indexOf(name);
    const out = new TextWriter();
    const chunks: string[] = [];
    const starts = new Int32Array(order.length + 1);
    for (let r = 0; r < order.length; r++) {
      if (r > 0 && r % CHUNK === 0) chunks.push(out.take());
      starts[r] = out.length;
      out.code(NEWLINE);
      const slot = (order[r] * KEYED.length + f) * 2;
      out.copy(this.codes, this.at[slot], this.at[slot + 1]);
    }
    if (order.length > 0) chunks.push(out.take());
    return [chunks, starts];
  }
}
