/**
 * The one edit distance: "did you mean" for citation keys and the nearest accepted spelling
 * of a glossary term both ask how many typing slips separate two strings.
 */

/**
 * Levenshtein distance with adjacent transpositions counted as one edit (optimal string
 * alignment), in UTF-16 code units. Stops early and returns `max + 1` once every path
 * exceeds `max`, so a caller that only accepts close strings does not pay for far ones.
 */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  if (a === b) return 0;
  if (a.length === 0 || b.length === 0) return Math.min(Math.max(a.length, b.length), max + 1);
  let previous2: number[] = new Array<number>(b.length + 1).fill(0);
  let previous: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current: number[] = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        best = Math.min(best, previous2[j - 2] + 1);
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    // A transposition reaches back two rows, so stop only when two rows in a row exceed `max`.
    if (rowMin > max && Math.min(...previous) > max) return max + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  return Math.min(previous[b.length], max + 1);
}
