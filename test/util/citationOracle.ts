/**
 * Pandoc as an oracle for citation parsing: run `pandoc -f markdown -t json`, walk its AST
 * and count every `Cite`'s citation ids, so tests can compare them with `parseCitations`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above this file whose package.json is Citokine's. */
export function citationRepoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'citokine') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no Citokine package.json above ${__dirname}`);
  }
}

/** The real-world inputs vendored into the repository (`test/fixtures/`), each with its licence. */
export function citationFixturesRoot(): string {
  return path.join(citationRepoRoot(), 'test', 'fixtures');
}

/** pandoc-crossref labels: pandoc reports them as citations, they are cross-references. */
export const CROSSREF_ID = /^(?:fig|tbl|sec|eq|lst)[:-]/;

/**
 * Every citation id of every `Cite` in pandoc's reading of `markdown`, in the order pandoc's
 * AST holds them (a note's citations stand where the note is referenced). Fails (never
 * skips) when pandoc is missing, so a machine without it cannot pass an oracle test by accident.
 */
export function pandocCitationIds(markdown: string): string[] {
  const run = spawnSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('pandoc is not installed; the citation oracle needs it: apt-get install pandoc');
  }
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`pandoc failed (${run.status}): ${run.stderr}`);
  return citationIdsOfPandocJson(run.stdout);
}

/** The citation ids of every `Cite` in pandoc's JSON AST `json`, in document order. */
export function citationIdsOfPandocJson(json: string): string[] {
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const element = node as { t?: string; c?: unknown };
    if (element.t === 'Cite' && Array.isArray(element.c)) {
      for (const citation of element.c[0] as Array<{ citationId: string }>) ids.push(citation.citationId);
    }
    for (const value of Object.values(element)) walk(value);
  };
  walk((JSON.parse(json) as { blocks: unknown }).blocks);
  return ids;
}

/** Citation ids and how often pandoc cites each (see `pandocCitationIds`). */
export function pandocCitationCounts(markdown: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of pandocCitationIds(markdown)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/**
 * The Markdown inputs of a pandoc `test/command` file: each case is a fenced block opening
 * with `% pandoc <options>`, its input running to `^D`. Cases that read another format are skipped.
 */
export function pandocCommandCases(text: string): string[] {
  const cases: string[] = [];
  for (const m of text.matchAll(/^```+\n% pandoc([^\n]*)\n([\s\S]*?)\n\^D\n/gm)) {
    const from = /(?:-f|--from|-r|--read)[ =](\S+)/.exec(m[1])?.[1];
    if (from && !/^markdown(?![_a-z])/.test(from)) continue;
    cases.push(`${m[2]}\n`);
  }
  return cases;
}

/** Sorted `count key` lines, so a failing comparison shows exactly which keys differ. */
export function citationCountLines(counts: Map<string, number>, keep: (key: string) => boolean = () => true): string[] {
  return [...counts]
    .filter(([key]) => keep(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, n]) => `${n} ${key}`);
}

/**
 * What the source's own tool does with `@label`s pandoc reads as citations. Quarto resolves
 * its cross-reference prefixes (and `crossref.custom` keys) before citeproc runs, so for
 * Quarto documents Quarto is the oracle, not bare pandoc (which would cite `@fig-x`).
 * Manubot runs pandoc-crossref (`fig:`, `tbl:`, `eq:`, `sec:`, `lst:`). For the others,
 * plain pandoc is the oracle; they use no such labels.
 */
const QUARTO_CROSSREF = /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|nte|tip|wrn|imp|cau)-/i;
const PANDOC_CROSSREF = /^(?:fig|tbl|sec|eq|lst):/i;
export const REMOVED_BY_TOOL: Record<string, RegExp | undefined> = {
  quarto: QUARTO_CROSSREF,
  manubot: PANDOC_CROSSREF,
};
