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
 * Citation ids and how often pandoc cites each. Fails (never skips) when pandoc is missing,
 * so a machine without it cannot pass the oracle test by accident.
 */
export function pandocCitationCounts(markdown: string): Map<string, number> {
  const run = spawnSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('pandoc is not installed; the citation oracle needs it: apt-get install pandoc');
  }
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`pandoc failed (${run.status}): ${run.stderr}`);
  const counts = new Map<string, number>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const element = node as { t?: string; c?: unknown };
    if (element.t === 'Cite' && Array.isArray(element.c)) {
      for (const citation of element.c[0] as Array<{ citationId: string }>) {
        counts.set(citation.citationId, (counts.get(citation.citationId) ?? 0) + 1);
      }
    }
    for (const value of Object.values(element)) walk(value);
  };
  walk((JSON.parse(run.stdout) as { blocks: unknown }).blocks);
  return counts;
}

/** Sorted `count key` lines, so a failing comparison shows exactly which keys differ. */
export function citationCountLines(counts: Map<string, number>, keep: (key: string) => boolean = () => true): string[] {
  return [...counts]
    .filter(([key]) => keep(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, n]) => `${n} ${key}`);
}
