/**
 * Which of the review's references each glossary term links to ("discussed in the review"):
 * the numbers of every citation whose own clause uses the term. Pure functions over the
 * review's text, the glossary and the context file; the product's term matcher is passed
 * in, so that a term is found exactly as the editor finds it. Used by
 * scripts/build-glossary-links.mjs (writes references/glossary.json) and by
 * test/glossary-data.test.ts (fails when the committed links differ).
 *
 * The clause a citation marker closes (the rule, documented in references/README.md):
 * 1. The marker group is a run of brackets with only spaces or a dash between them
 *    (`[4] [8]-[13]`, `[29] [30] [31] [32]`, `[1,3]`); it cites every number it names,
 *    ranges included, and all of them share one clause.
 * 2. The clause runs back from the marker to the end of the previous marker group or to the
 *    start of the sentence, whichever is nearer. Sentences end at 。！？； and at section
 *    headings; commas (，、,) do not end a clause, because a Chinese sentence usually
 *    cites once, at its end, for all its comma-joined parts ("手术和术后并发症所产生的 IL-6
 *    或许会促进肿瘤发展，在某研究中……[45]"). The previous marker does end it: in
 *    "……类风湿性关节炎[48] [49]，并在器官移植中发挥重要的抗炎作用[50] [51]" the
 *    antibodies are cited to [48] [49] only.
 * 3. Where the team's quote of what a reference is cited for (`reviewClause` in
 *    references/review-55.context.json) ends at this marker and starts in an earlier
 *    sentence, the clause starts there instead (an uncited sentence that the cited one
 *    continues: "IL-6 一般通过两种途径激活下游 STAT3……两种通路最终均……[4] [8]-[13]").
 *    It never reaches back past the previous marker group.
 *
 * A term is used in a clause when the product's matcher finds one of its forms there
 * (canonical, names, aliases, variants; Chinese without word boundaries, Latin with them,
 * the longest form winning: 无进展生存期率 is PFSR, not PFS; IL-6 is not in IL-60 or
 * sIL-6R). A symbol joined to another by `/` or `-` inside a found form counts as a use of
 * its own term too (IL-6 and STAT3 in the pathway's `IL-6/STAT3` and `IL-6-STAT3`); nothing
 * else inside a found form does: not IL-6 in `IL-6受体` or `IL-6 receptor` (IL-6R), not
 * 无进展生存期 in 无进展生存期率, not 耐药 in 化疗耐药.
 */

/** The review's running page header interrupts the text mid-word ("线粒体转 … 录终止因子"). */
const PAGE_HEADER = /https:\/\/doi\.org\/10\.12677\/acm\.2023\.132365[\s\S]*?临床医学进展/g;
const HEADING = /^\s*[1-9]\.\s+\S/;
const SENTENCE_END = /[。！？；!?;]/;
const BRACKET = String.raw`\[\s*\d+(?:\s*[-–,，]\s*\d+)*\s*\]`;
const MARKER_GROUP = new RegExp(`${BRACKET}(?:\\s*[-–]?\\s*${BRACKET})*`, 'g');

/**
 * The review's body (from "1. 引言"), as one line: page headers removed, each section heading
 * closed off as a sentence of its own, every whitespace run one space.
 */
export function reviewBody(reviewText) {
  const start = reviewText.indexOf('1. 引言');
  const body = reviewText.slice(start < 0 ? 0 : start).replace(PAGE_HEADER, '');
  return body
    .split('\n')
    .map((line) => (HEADING.test(line) ? `。${line.trim()}。` : line))
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** The numbers a marker group cites: `[4] [8]-[13]` -> 4, 8..13; `[1,3-5]` -> 1, 3, 4, 5. */
export function citedNumbers(marker) {
  const numbers = [];
  let previousLast;
  for (const m of marker.matchAll(/([-–]?)\s*\[([^\]]*)\]/g)) {
    const items = m[2].split(/[,，]/).map((item) => item.split(/[-–]/).map((s) => Number(s.trim())));
    if (m[1] && previousLast !== undefined) for (let k = previousLast + 1; k < items[0][0]; k++) numbers.push(k);
    for (const [from, to = from] of items) for (let k = from; k <= to; k++) numbers.push(k);
    previousLast = items[items.length - 1].at(-1);
  }
  return [...new Set(numbers)];
}

/** A quoted clause as a pattern: whitespace anywhere is optional, `……` skips text. */
function clausePattern(quote) {
  const piece = (p) => [...p.replace(/\s+/g, '')].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');
  return new RegExp(quote.split('……').map(piece).join('[\\s\\S]*?'), 'y');
}

/** Where the sentence holding `at` starts, but not before `floor`. */
function sentenceStart(body, at, floor) {
  let start = at;
  while (start > floor && !SENTENCE_END.test(body[start - 1])) start--;
  return start;
}

/**
 * Every citation's clause in `body` (from `reviewBody`): the numbers it cites and the span
 * [start, end) of text it closes (end = where the marker starts). `quotes` are the context
 * file's `reviewClause`s (rule 3 above).
 */
export function citationClauses(body, quotes = []) {
  const clauses = [];
  let previousEnd = 0;
  for (const m of body.matchAll(MARKER_GROUP)) {
    const end = m.index;
    let start = sentenceStart(body, end, previousEnd);
    const groupEnd = end + m[0].length;
    for (const quote of quotes) {
      const pattern = clausePattern(quote);
      for (let at = previousEnd; at < start; at++) {
        pattern.lastIndex = at;
        const q = pattern.exec(body);
        if (q && q.index + q[0].length === groupEnd) {
          start = sentenceStart(body, at, previousEnd);
          break;
        }
      }
    }
    clauses.push({ numbers: citedNumbers(m[0]), start, end, marker: m[0] });
    previousEnd = groupEnd;
  }
  return clauses;
}

/**
 * Each term's uses in `text`, as the product finds them: `{ start, end, ids }`, where `ids`
 * is the found term and any term whose Latin symbol stands inside the found Latin form.
 * `product` is the compiled core: `{ createGlossary, termMatcher }`.
 */
export function termUses(text, glossary, product) {
  const uses = [];
  const found = [];
  product.termMatcher(glossary).find(text, 0, text.length, found);
  const without = new Map();
  for (const match of found) {
    const term = match.entry.term;
    const ids = new Set([term.id]);
    // The Latin part of the written form; only a joined symbol (`IL-6/STAT3`) has parts.
    const joined = /^[^\u3400-\u9fff]*?([A-Za-z0-9][^\s\u3400-\u9fff]*[/-][^\s\u3400-\u9fff]*[A-Za-z0-9])/.exec(
      text.slice(match.start, match.end),
    );
    if (joined) {
      if (!without.has(term.id)) without.set(term.id, product.createGlossary(glossary.terms.filter((t) => t.id !== term.id)));
      const latin = joined[1];
      const inner = [];
      product.termMatcher(without.get(term.id)).find(latin, 0, latin.length, inner);
      const joint = (i) =>
        i <= 0 || i >= latin.length || latin[i] === '/' || latin[i] === '-' || latin[i - 1] === '/' || latin[i - 1] === '-';
      for (const m of inner) if (m.end - m.start < latin.length && joint(m.start) && joint(m.end)) ids.add(m.entry.term.id);
    }
    uses.push({ start: match.start, end: match.end, ids: [...ids] });
  }
  return uses;
}

/**
 * The references of every term: id -> sorted numbers of the citations whose clause uses it
 * (an empty list for a term no citation's clause uses).
 */
export function glossaryLinks({ reviewText, context, glossary, product }) {
  const body = reviewBody(reviewText);
  const quotes = [...new Set(context.references.map((r) => r.reviewClause).filter(Boolean))];
  const clauses = citationClauses(body, quotes);
  const links = new Map(glossary.terms.map((t) => [t.id, new Set()]));
  for (const use of termUses(body, glossary, product)) {
    for (const clause of clauses) {
      if (use.start < clause.start || use.end > clause.end) continue;
      for (const id of use.ids) for (const n of clause.numbers) links.get(id)?.add(n);
    }
  }
  return new Map([...links].map(([id, numbers]) => [id, [...numbers].sort((a, b) => a - b)]));
}

/**
 * `glossaryText` with each term's `"references": [...]` set to `links`, the rest of the
 * text untouched (one line per list, as the file is written). Throws when a term has no
 * `references` line to rewrite.
 */
export function writeLinks(glossaryText, links) {
  let out = glossaryText;
  for (const [id, numbers] of links) {
    const idAt = out.indexOf(`"id": ${JSON.stringify(id)}`);
    const nextId = out.indexOf('"id": ', idAt + 1);
    const block = out.slice(idAt, nextId < 0 ? out.length : nextId);
    const m = /"references": \[[^\]]*\]/.exec(block);
    if (idAt < 0 || !m) throw new Error(`glossary.json: term '${id}' has no "references" list to write`);
    const at = idAt + m.index;
    out = `${out.slice(0, at)}"references": [${numbers.join(', ')}]${out.slice(at + m[0].length)}`;
  }
  return out;
}
