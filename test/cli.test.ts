/** `citokine check` run as users run it: the bundled CLI in a child process. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from './util/cli';
import { tempDir } from './util/tempDir';

/** Runs the CLI in a new folder holding `files`. */
const run = (args: string[], files: Record<string, string> = {}) => runCli(args, tempDir('citokine-cli-', files).dir);

const THREE_PROBLEMS = `---
bibliography: refs.bib
---
# 引言

白介素6 是一种多效细胞因子 [@smith2020]，但 [@nosuchkey2021] 未定义。

Numbers: see [60], and the reversed range [13]-[8].
`;
const BIB = '@article{smith2020, author = {Smith, Jane}, title = {A title}, journal = {J}, year = {2020}}\n';

test('check reports exactly the unknown key, the out-of-range number and the reversed range', () => {
  const { code, stdout, stderr } = run(['check', 'paper.md'], { 'paper.md': THREE_PROBLEMS, 'refs.bib': BIB });
  assert.equal(stderr, '');
  assert.equal(code, 1);
  assert.deepEqual(stdout.trim().split('\n'), [
    "paper.md:6:32: error citation.unknown-key: Unknown citation key '@nosuchkey2021': no bibliography in use defines it.",
    // Issue 4's check: one number among key citations (a warning; it does not change the exit status).
    'paper.md:8:14: warning citation.mixed-styles: This document mixes numeric and key citations (2 key citations, 1 numeric citation); [60] is of the less used style. Use one style (Convert Citations rewrites them).',
    'paper.md:8:15: error citation.number-out-of-range: Reference [60] is not in the built-in corpus (references 1-55).',
    'paper.md:8:43: error citation.malformed: ' + stdout.trim().split('\n')[3].split('citation.malformed: ')[1],
  ]);
  assert.match(stdout.trim().split('\n')[3], /13.*8/);
});

test('check --format json gives 1-based positions and end positions', () => {
  const { code, stdout } = run(['check', '--format', 'json', 'paper.md'], { 'paper.md': THREE_PROBLEMS, 'refs.bib': BIB });
  assert.equal(code, 1);
  const findings = JSON.parse(stdout) as Record<string, unknown>[];
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.column, f.endLine, f.endColumn, f.severity, f.code]),
    [
      ['paper.md', 6, 32, 6, 46, 'error', 'citation.unknown-key'],
      ['paper.md', 8, 14, 8, 18, 'warning', 'citation.mixed-styles'],
      ['paper.md', 8, 15, 8, 17, 'error', 'citation.number-out-of-range'],
      ['paper.md', 8, 43, 8, 51, 'error', 'citation.malformed'],
    ],
  );
  for (const f of findings) assert.equal(typeof f.message, 'string');
});

test('check: clean file exits 0; --bibliography and --no-builtin', () => {
  const clean = run(['check', 'a.md'], { 'a.md': 'Text [1]-[6] and [@smith2020].\n' });
  assert.equal(clean.code, 1, 'smith2020 is unknown without a bibliography');
  const withBib = run(['check', '--bibliography', 'refs.bib', 'a.md'], { 'a.md': 'Text [1]-[6] and [@smith2020].\n', 'refs.bib': BIB });
  assert.equal(withBib.code, 0);
  // Only issue 4's warning that numbers and keys are mixed, and the review's references never cited: no error.
  assert.equal(
    withBib.stdout,
    "a.md:1:6: information citation.unused-reference: This document cites the review's references by number (the built-in corpus) and never cites 49 of its 55: [7-55].\n" +
      'a.md:1:18: warning citation.mixed-styles: This document mixes numeric and key citations (1 key citation, 1 numeric citation); [@smith2020] is of the style that appears second. Use one style (Convert Citations rewrites them).\n',
  );
  const noBuiltin = run(['check', '--no-builtin', '--bibliography', 'refs.bib', 'a.md'], {
    'a.md': 'Text [1]-[6] and [@smith2020].\n',
    'refs.bib': BIB,
  });
  assert.equal(noBuiltin.code, 1);
  assert.match(noBuiltin.stdout, /citation\.number-out-of-range/);
});

test('check: a broken bibliography is reported in the bibliography file at its line', () => {
  const { code, stdout } = run(['check', 'a.md'], {
    'a.md': '---\nbibliography: refs.bib\n---\n[@ok]\n',
    'refs.bib': '@article{ok, title={A}}\n\n@article{bad,\n  title = ,\n}\n',
  });
  assert.equal(code, 1);
  assert.match(stdout, /^refs\.bib:4:1: error bibliography\.parse-error: Entry 'bad'/m);
});

test('check: bad usage and unreadable files exit 2 with one line', () => {
  for (const args of [
    [],
    ['check'],
    ['frobnicate', 'a.md'],
    ['check', '--format', 'xml', 'a.md'],
    ['check', '--bogus', 'a.md'],
    ['check', 'missing.md'],
  ]) {
    const { code, stderr, stdout } = run(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, /^citokine: /);
  }
});
