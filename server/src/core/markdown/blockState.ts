/**
 * markdown-it's block state for the scan's parser, made without a loop over every character.
 * markdown-it's own `StateBlock` finds the lines and their indents by testing each character of
 * the text in turn; cold, in a one-shot check of a 300 KB manuscript, that loop ran
 * interpreted for 15-35 ms before V8 optimised it. Here a native `indexOf` finds each line
 * break and only the spaces and tabs that start a line are looked at one by one. The state is
 * markdown-it's own (its constructor runs on an empty text, then the line marks are set), with
 * the same marks: test/markdown-block-state.test.ts compares the two on the real documents and
 * random text.
 */
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';

/** markdown-it's `StateBlock` constructor, as `ParserBlock` calls it (`new this.State(src, md, env, tokens)`). */
export type StateBlockConstructor = new (src: string, md: unknown, env: unknown, tokens: unknown[]) => StateBlock;

/** The line marks of a block state: begin, end, first non-blank offset, indent width, and the blockquote shift. */
interface LineMarks {
  bMarks: number[];
  eMarks: number[];
  tShift: number[];
  sCount: number[];
  bsCount: number[];
}

/**
 * The marks markdown-it computes for `text`: one line per `\n` (ending before it) and one for
 * the rest after the last `\n` unless that rest is only spaces and tabs, which markdown-it
 * records as no line; then the closing fake line at the text's end. `tShift` counts the spaces
 * and tabs that start a line, `sCount` the columns they fill (a tab runs to the next multiple of 4).
 */
export function lineMarks(text: string): LineMarks {
  // Made at their final size (a line per `\n`, the rest, the closing line) and cut to the
  // lines found: grown a push at a time, the five arrays of a 300 KB text were copied a dozen
  // times each, some 300 KB of garbage in a one-shot check.
  let most = 2;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) most++;
  const marks: LineMarks = {
    bMarks: new Array(most),
    eMarks: new Array(most),
    tShift: new Array(most),
    sCount: new Array(most),
    bsCount: new Array(most),
  };
  const length = text.length;
  let line = 0;
  let start = 0;
  while (start < length) {
    let pos = start;
    let width = 0;
    for (; pos < length; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 0x20) width++;
      else if (c === 0x09) width += 4 - (width % 4);
      else break;
    }
    if (pos === length) break;
    const newline = text.indexOf('\n', pos);
    const end = newline < 0 ? length : newline;
    set(marks, line++, start, end, pos - start, width);
    start = end + 1;
  }
  set(marks, line++, length, length, 0, 0);
  for (const array of [marks.bMarks, marks.eMarks, marks.tShift, marks.sCount, marks.bsCount]) array.length = line;
  return marks;
}

function set(marks: LineMarks, line: number, begin: number, end: number, shift: number, width: number): void {
  marks.bMarks[line] = begin;
  marks.eMarks[line] = end;
  marks.tShift[line] = shift;
  marks.sCount[line] = width;
  marks.bsCount[line] = 0;
}

/**
 * A constructor that `ParserBlock` can use in place of `Original` (`md.block.State`): markdown-it's
 * state, every field as its constructor sets it, with the line marks of `lineMarks`.
 */
export function lineIndexedState(Original: StateBlockConstructor): StateBlockConstructor {
  function State(this: StateBlock, src: string, md: unknown, env: unknown, tokens: unknown[]): void {
    // Every field markdown-it sets, for a text without lines; then the text and its lines.
    (Original as unknown as (this: StateBlock, ...args: unknown[]) => void).call(this, '', md, env, tokens);
    this.src = src;
    const marks = lineMarks(src);
    this.bMarks = marks.bMarks;
    this.eMarks = marks.eMarks;
    this.tShift = marks.tShift;
    this.sCount = marks.sCount;
    this.bsCount = marks.bsCount;
    this.lineMax = marks.bMarks.length - 1;
  }
  State.prototype = Original.prototype;
  return State as unknown as StateBlockConstructor;
}
