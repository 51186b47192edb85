/**
 * Real-world oracle: pandoc's own test inputs (vendored under test/fixtures/pandoc/, GPL-2.0-or-later,
 * see its README) read by Citokine and by `pandoc -f markdown -t json`: the same citation
 * keys, each as often (cross-references aside), and the same inline `references:` when a
 * document declares them in its metadata.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isCrossReference } from '../server/src/core/citations/keys';
import { parseManuscript } from '../server/src/core/markdown/manuscript';
import { citationCountLines, citationFixturesRoot, pandocCitationCounts, pandocCommandCases } from './util/citationOracle';

const ROOT = path.join(citationFixturesRoot(), 'pandoc');

/** One Markdown input: a whole file, or one case of a pandoc `test/command` file. */
interface OracleInput {
  readonly name: string;
  readonly markdown: string;
}

/** The Markdown cases of a pandoc `test/command` file (see `pandocCommandCases`). */
function commandCases(file: string): OracleInput[] {
  return pandocCommandCases(readFileSync(path.join(ROOT, file), 'utf8')).map((markdown, i) => ({
    name: `${file} case ${i + 1}`,
    markdown,
  }));
}

function allInputs(): OracleInput[] {
  const inputs: OracleInput[] = [];
  for (const name of readdirSync(ROOT).sort())
    if (/\.(txt|md)$/.test(name) && name !== 'README.md') inputs.push({ name, markdown: readFileSync(path.join(ROOT, name), 'utf8') });
  for (const name of readdirSync(path.join(ROOT, 'command')).sort()) inputs.push(...commandCases(path.join('command', name)));
  return inputs;
}

function citokineCounts(markdown: string): { lines: string[]; references: string[]; prefixes: readonly string[] } {
  const m = parseManuscript('file:///ws/main.md', markdown);
  const counts = new Map<string, number>();
  for (const c of m.citations) if (c.kind === 'key') for (const item of c.items) counts.set(item.key, (counts.get(item.key) ?? 0) + 1);
  return {
    lines: citationCountLines(counts),
    references: m.frontMatter.references.map((r) => r.key),
    prefixes: m.frontMatter.crossrefPrefixes,
  };
}

/** The ids of pandoc's merged `references:` metadata. */
function pandocReferenceIds(markdown: string): string[] {
  const run = spawnSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: markdown, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  const meta = (JSON.parse(run.stdout) as { meta: Record<string, unknown> }).meta;
  const refs = meta.references as { c?: Array<{ c?: { id?: { c?: unknown } } }> } | undefined;
  const text = (node: unknown): string =>
    Array.isArray(node)
      ? node.map(text).join('')
      : node && typeof node === 'object'
        ? text((node as { c?: unknown; t?: string }).t === 'Space' ? ' ' : (node as { c?: unknown }).c)
        : typeof node === 'string'
          ? node
          : '';
  return (refs?.c ?? []).map((item) => text(item.c?.id?.c));
}

test('real-world oracle: pandoc test inputs, same citation keys and counts, same inline references', (t) => {
  const inputs = allInputs();
  const files = new Set(inputs.map((i) => i.name.split(' case ')[0]));
  let citations = 0;
  const disagreements: string[] = [];
  for (const input of inputs) {
    const ours = citokineCounts(input.markdown);
    const expected = citationCountLines(pandocCitationCounts(input.markdown), (key) => !isCrossReference(key, ours.prefixes));
    citations += expected.reduce((sum, line) => sum + Number(line.split(' ')[0]), 0);
    if (JSON.stringify(ours.lines) !== JSON.stringify(expected))
      disagreements.push(`${input.name}: citokine ${ours.lines.join(', ')} | pandoc ${expected.join(', ')}`);
    if (/^references\s*:/m.test(input.markdown)) {
      const theirs = pandocReferenceIds(input.markdown);
      if (JSON.stringify(ours.references) !== JSON.stringify(theirs))
        disagreements.push(`${input.name} references: citokine ${ours.references.join(', ')} | pandoc ${theirs.join(', ')}`);
    }
  }
  t.diagnostic(`${files.size} files, ${inputs.length} documents, ${citations} citations; ${inputs.length - disagreements.length} agree`);
  assert.ok(files.size >= 5, `vendored files: ${files.size}`);
  assert.deepEqual(disagreements, []);
});
