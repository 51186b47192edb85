// Runs `citokine check` of two builds on every manuscript under test/fixtures and examples/
// (README files included: they are Markdown too), as text, as JSON and without the built-in
// library, and on the option and error cases, and reports every difference in stdout, stderr
// or exit code. A speed change to the CLI must show none against the build it started from.
//
//   node bench/cli-same-output.mjs DIST_A DIST_B
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [a, b] = process.argv.slice(2).map((d) => path.resolve(d));
if (!a || !b) {
  console.error('usage: node bench/cli-same-output.mjs DIST_A DIST_B');
  process.exit(2);
}

function manuscripts(folder) {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) return manuscripts(file);
    return /\.(md|qmd|rmd|markdown)$/i.test(name) ? [file] : [];
  });
}

const scratch = mkdtempSync(path.join(tmpdir(), 'citokine-same-output-'));
writeFileSync(path.join(scratch, 'big.md'), `# Big\n\n${'Text [@a]. '.repeat(20000)}\n`);
writeFileSync(path.join(scratch, 'refs.json'), '[{"id":"a","type":"book","title":"A"}]');
writeFileSync(path.join(scratch, 'broken.json'), '[{"id":"a",');
spawnSync('mkfifo', [path.join(scratch, 'pipe.md')]);

/** [folder, arguments] of every run. */
const cases = [];
for (const file of [...manuscripts(path.join(ROOT, 'test', 'fixtures')), ...manuscripts(path.join(ROOT, 'examples'))]) {
  const cwd = path.dirname(file);
  const name = path.basename(file);
  cases.push([cwd, ['check', name]], [cwd, ['check', '--format', 'json', name]], [cwd, ['check', '--no-builtin', name]]);
}
cases.push(
  [scratch, []],
  [scratch, ['lint']],
  [scratch, ['check']],
  [scratch, ['check', '--help']],
  [scratch, ['check', '--format', 'xml', 'big.md']],
  [scratch, ['check', '--format']],
  [scratch, ['check', '--frobnicate', 'big.md']],
  [scratch, ['check', 'missing.md']],
  [scratch, ['check', '.']],
  [scratch, ['check', 'pipe.md']],
  [scratch, ['check', '--max-file-size-mb', '0', 'big.md']],
  [scratch, ['check', '--max-file-size-mb=0.01', 'big.md']],
  [scratch, ['check', '--max-file-size-mb', '0.5', '--format=json', 'big.md']],
  [scratch, ['check', '--bibliography', 'refs.json', 'big.md']],
  [scratch, ['check', '--bibliography=broken.json', '--format', 'json', 'big.md']],
  [scratch, ['check', '--bibliography', 'missing.json', 'big.md']],
  [scratch, ['check', '--bibliography', 'pipe.md', 'big.md']],
  [scratch, ['check', 'big.md', 'big.md']],
  [path.join(ROOT, 'test', 'fixtures', 'deep-review'), ['check', 'manuscript.md', path.join(ROOT, 'examples', 'by-key.md')]],
);

let differ = 0;
for (const [cwd, args] of cases) {
  const run = (dist) => spawnSync(process.execPath, [path.join(dist, 'cli.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const [x, y] = [run(a), run(b)];
  const what = `${path.relative(ROOT, cwd) || '.'}: citokine ${args.join(' ')}`;
  if (x.stdout !== y.stdout || x.stderr !== y.stderr || x.status !== y.status) {
    differ++;
    console.log(`DIFFERENT ${what} (exit ${x.status} / ${y.status})`);
  } else if (x.status !== 0 && x.status !== 1 && x.status !== 2) {
    differ++;
    console.log(`FAILED ${what} (exit ${x.status}): ${x.stderr}`);
  }
}
rmSync(scratch, { recursive: true, force: true });
console.log(`${cases.length} runs of each build, ${differ} different`);
process.exitCode = differ === 0 ? 0 : 1;
