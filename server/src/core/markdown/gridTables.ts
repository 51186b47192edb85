/**
 * Pandoc's grid tables (`+---+---+` borders, `|` between cells). markdown-it reads one as a
 * paragraph, so its cells are searched as prose, which is right except where pandoc reads a
 * cell's content as an indented code block: after dropping one leading space from every
 * line of a cell (when all have one), a line indented four or more at the start of the cell
 * or after a blank cell line, and the indented lines that follow it; after a list item, four
 * more than the item's content (less continues the item, as in any Markdown block).
 * pandoc 2.17 has no cell spans: it cuts every row at the top border's column positions,
 * so a character standing there (where `|` is missing) ends a cell and starts the next.
 */
import type { OffsetRange } from '../text/textRange';

const BORDER = /^ {0,3}\+(?:[-=:]+\+)+[ \t]*$/;
const ROW = /^ {0,3}\|/;
/** A list item's marker and the spaces after it: where the item's content starts. */
const LIST_MARKER = /^ {0,3}(?:[-+*]|\(?(?:\d{1,9}|[a-zA-Z]|#)[.)]) +(?=\S)/;

/** Adds to `excluded` the cell lines that pandoc reads as code, in every grid table of the text. */
export function findGridTableCode(text: string, excluded: OffsetRange[]): void {
  if (text.indexOf('+-') < 0) return;
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineAt = (n: number): string => text.slice(starts[n], n + 1 < starts.length ? starts[n + 1] - 1 : text.length);
  let n = 0;
  while (n < starts.length) {
    const border = lineAt(n);
    if (!BORDER.test(border)) {
      n++;
      continue;
    }
    const columns: number[] = [];
    for (let i = border.indexOf('+'); i >= 0; i = border.indexOf('+', i + 1)) columns.push(i);
    n++;
    while (n < starts.length && ROW.test(lineAt(n))) {
      const rowStart = n;
      while (n < starts.length && ROW.test(lineAt(n)) && !BORDER.test(lineAt(n))) n++;
      for (let c = 0; c + 1 < columns.length; c++) cellCode(text, starts, rowStart, n, columns[c] + 1, columns[c + 1], excluded);
      for (let line = rowStart; line < n; line++) cutAtColumns(lineAt(line), starts[line], columns, excluded);
      if (n < starts.length && BORDER.test(lineAt(n))) n++;
      else break;
    }
  }
}

/** Excludes what stands at an inner column position of a row line instead of `|`: pandoc cuts the text there. */
function cutAtColumns(line: string, lineStart: number, columns: readonly number[], excluded: OffsetRange[]): void {
  for (let c = 1; c + 1 < columns.length; c++) {
    const ch = line[columns[c]];
    if (ch !== undefined && ch !== '|' && ch !== ' ') excluded.push({ start: lineStart + columns[c], end: lineStart + columns[c] + 1 });
  }
}

/** The code lines of one cell: column [from, to) of lines [first, last). */
function cellCode(text: string, starts: number[], first: number, last: number, from: number, to: number, excluded: OffsetRange[]): void {
  const cells: Array<{ start: number; content: string }> = [];
  for (let line = first; line < last; line++) {
    const lineEnd = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
    const start = Math.min(starts[line] + from, lineEnd);
    cells.push({ start, content: text.slice(start, Math.min(starts[line] + to, lineEnd)) });
  }
  const drop = cells.every((cell) => cell.content.startsWith(' ')) ? 1 : 0;
  let blankBefore = true;
  let inCode = false;
  /** Where the content of the list item being read starts, while one is. */
  let item: number | undefined;
  for (const cell of cells) {
    const content = cell.content.slice(drop);
    if (!content.trim()) {
      blankBefore = true;
      continue;
    }
    const indent = content.length - content.trimStart().length;
    if (item !== undefined && blankBefore && indent < item) item = undefined;
    inCode = indent >= (item ?? 0) + 4 && (blankBefore || inCode);
    if (inCode) excluded.push({ start: cell.start, end: cell.start + cell.content.trimEnd().length });
    const marker = inCode ? undefined : LIST_MARKER.exec(content);
    if (marker) item = marker[0].length;
    blankBefore = false;
  }
}
