/** `citokine check` reports the terminology findings, in text and JSON, as users run it: the bundled CLI in a child process. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from './util/cli';
import { tempDir } from './util/tempDir';

/** Runs the CLI in a new folder holding `files`. */
const run = (args: string[], files: Record<string, string>) => runCli(args, tempDir('citokine-cli-terms-', files).dir);

const PAPER = `---
lang: en
---
# Abstract

Interleukin-6 (IL-6) is raised in colorectal cancer (CRC).

# Introduction

Serum IL-6 was 12 mg/L in CRC, and Stat3 follows.
Later, interleukin-6 (IL-6) is defined, and interleukin-6 (IL-6) again.
`;

test('check: term findings with their codes, one per line, warnings only (exit 0)', () => {
  const { code, stdout, stderr } = run(['check', 'paper.md'], { 'paper.md': PAPER });
  assert.equal(stderr, '');
  assert.equal(code, 0);
  assert.deepEqual(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split(': ').slice(0, 2).join(': ')),
    [
      'paper.md:10:7: warning term.undefined-abbreviation',
      'paper.md:10:16: warning term.unit',
      'paper.md:10:27: warning term.undefined-abbreviation',
      'paper.md:10:36: warning term.undefined-abbreviation',
      'paper.md:10:36: warning term.variant',
      'paper.md:11:45: information term.redefined',
    ],
  );
  assert.match(
    stdout,
    /^paper\.md:10:36: warning term\.variant: 'Stat3' is not the glossary's spelling of STAT3 \(signal transducer and activator of transcription 3\): write 'STAT3'\.$/m,
  );
  assert.match(stdout, /^paper\.md:10:16: warning term\.unit: IL-6 is conventionally reported in pg\/mL or ng\/L, not mg\/L/m);
});

test('check --format json: the same findings with 1-based ranges', () => {
  const { code, stdout } = run(['check', '--format', 'json', 'paper.md'], { 'paper.md': PAPER });
  assert.equal(code, 0);
  const findings = JSON.parse(stdout) as Record<string, unknown>[];
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.column, f.endLine, f.endColumn, f.severity, f.code]),
    [
      ['paper.md', 10, 7, 10, 11, 'warning', 'term.undefined-abbreviation'],
      ['paper.md', 10, 16, 10, 23, 'warning', 'term.unit'],
      ['paper.md', 10, 27, 10, 30, 'warning', 'term.undefined-abbreviation'],
      ['paper.md', 10, 36, 10, 41, 'warning', 'term.undefined-abbreviation'],
      ['paper.md', 10, 36, 10, 41, 'warning', 'term.variant'],
      ['paper.md', 11, 45, 11, 65, 'information', 'term.redefined'],
    ],
  );
});

test('check: a user glossary from front matter; its errors are reported in the glossary file, a missing one where it is named', () => {
  const files = {
    'paper.md': '---\nglossary: [terms.glossary.yaml, missing.yaml]\n---\nHIF1a is written here.\n',
    'terms.glossary.yaml': 'terms:\n  - id: hif-1a\n    canonical: HIF-1α\n    variants: [HIF1a]\n  - id: Bad Id\n    canonical: X\n',
  };
  const { code, stdout } = run(['check', 'paper.md'], files);
  assert.equal(code, 1);
  assert.deepEqual(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split(': ').slice(0, 2).join(': ')),
    ['paper.md:2:33: error glossary.not-found', 'paper.md:4:1: warning term.variant', 'terms.glossary.yaml:5:9: error glossary.invalid'],
  );
});
