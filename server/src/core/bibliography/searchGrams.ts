/**
 * Per-entry trigram signatures of a search index's texts: a search of a large library tests a
 * few bits per entry before it reads any text, so that a rare word (`muller1987`, `gut`) finds
 * the entries that may hold it without a pass over 12 MB of text. An entry may hold a typed
 * word only if its signature holds every trigram of the word; the entries that pass are then
 * scored as before, so the filter changes what is read, never what is found.
 *
 * Only trigrams a typed word can have are kept: a query's words (searchFields.ts `queryOf`)
 * are runs of letters or of digits, so a window of the text with a space, a punctuation mark
 * or a line break, or with an ASCII letter beside an ASCII digit, is never asked for. Other
 * characters (accented, Han) count as either. That halves what an entry sets.
 */

/** Bits per entry: 256 bytes, 12.8 MB at 50,000 entries. */
const BITS = 2048;
/** Entries per bit-slice word; a block of 32 entries keeps its `BITS` words together. */
const BLOCK = 32;
/** Entries per chunk of the signatures (as the text column's chunks), so that an extended index shares the full ones. */
const CHUNK = 1024;
const CHUNK_WORDS = (CHUNK / BLOCK) * BITS;

const BREAK = 0;
const LETTER = 1;
const DIGIT = 2;
const OTHER = 4;
/** The kind of each ASCII code unit: letters (the texts are folded, so lower case) and digits; anything else breaks a word. */
const KINDS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) KINDS[c] = LETTER;
for (let c = 65; c <= 90; c++) KINDS[c] = LETTER;
for (let c = 48; c <= 57; c++) KINDS[c] = DIGIT;

/**
 * Sets in `bits` (from `base`, with `mask`) the two bits of every trigram of `text` that a typed
 * word can have. The index and the query both go through here, so they agree on which windows
 * count; one loop without calls, since a 50,000-entry library runs it over 12 million characters.
 */
function setGramBits(text: string, bits: Int32Array, base: number, mask: number): void {
  let a = 0;
  let b = 0;
  // Where the last break, ASCII letter and ASCII digit stand: a window [j-2, j] counts when it holds no break and not both.
  let lastBreak = -1;
  let lastLetter = -3;
  let lastDigit = -3;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    const kind = c < 128 ? KINDS[c] : OTHER;
    if (kind === BREAK) lastBreak = j;
    else if (kind === LETTER) lastLetter = j;
    else if (kind === DIGIT) lastDigit = j;
    if (j - 2 > lastBreak && (lastLetter < j - 2 || lastDigit < j - 2)) {
      // The trigram's hash; its two bits are the top 11 bits and the low 11 bits.
      let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ c;
      h = Math.imul(h ^ (h >>> 15), 0xc2b2ae3d);
      bits[base + (h >>> 21)] |= mask;
      bits[base + (h & (BITS - 1))] |= mask;
    }
    a = b;
    b = c;
  }
}

/** The bits a query's words need (sorted, without repeats); empty when no word is three characters long. */
export function queryBits(words: readonly string[]): Int32Array {
  // The words' bits as one signature, then its bits listed.
  const signature = new Int32Array(BITS);
  for (const word of words) setGramBits(word, signature, 0, 1);
  const bits: number[] = [];
  signature.forEach((bit, j) => bit !== 0 && bits.push(j));
  return Int32Array.from(bits);
}

/**
 * The signatures of an index's entries, in chunks of `CHUNK` entries; within a chunk, per block
 * of 32 entries, one 32-bit word per signature bit (bit `i % 32` of word `b` is entry `i`'s bit `b`).
 * A query then reads one word per needed bit per 32 entries.
 */
export class GramSignatures {
  private chunks: Int32Array[] = [];
  private count = 0;

  /** The signatures of these and then `texts` after them, sharing the full chunks (only a last partial one is copied). */
  appended(texts: readonly string[]): GramSignatures {
    const grams = new GramSignatures();
    grams.chunks = [...this.chunks];
    grams.count = this.count;
    if (grams.count % CHUNK !== 0) grams.chunks.push(Int32Array.from(grams.chunks.pop()!));
    for (const text of texts) grams.add(text);
    return grams;
  }

  /** Adds the next entry's text. */
  add(text: string): void {
    const i = this.count++;
    if (i % CHUNK === 0) this.chunks.push(new Int32Array(CHUNK_WORDS));
    const chunk = this.chunks[this.chunks.length - 1];
    const base = ((i % CHUNK) >> 5) * BITS;
    const mask = 1 << (i & 31);
    setGramBits(text, chunk, base, mask);
  }

  /** Whether entry `i`'s signature holds every bit of `bits` (`queryBits`). */
  mayHold(i: number, bits: Int32Array): boolean {
    const chunk = this.chunks[Math.floor(i / CHUNK)];
    const base = ((i % CHUNK) >> 5) * BITS;
    const mask = 1 << (i & 31);
    for (let k = 0; k < bits.length; k++) if ((chunk[base + bits[k]] & mask) === 0) return false;
    return true;
  }

  /** Calls `visit` for each entry, in order, whose signature holds every bit of `bits` (not empty). */
  find(bits: Int32Array, visit: (entry: number) => void): void {
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c];
      for (let base = 0, first = c * CHUNK; base < CHUNK_WORDS && first < this.count; base += BITS, first += BLOCK) {
        let held = -1;
        for (let k = 0; k < bits.length && held !== 0; k++) held &= chunk[base + bits[k]];
        while (held !== 0) {
          const low = held & -held;
          held ^= low;
          visit(first + 31 - Math.clz32(low));
        }
      }
    }
  }
}
