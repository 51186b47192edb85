/** The bundled CLI (dist/cli.js) in a child process, run as users run it. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './fixture';

export const CLI_PATH = path.join(REPO_ROOT, 'dist', 'cli.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `citokine ...args` in the folder `cwd`. */
export function runCli(args: readonly string[], cwd: string): CliResult {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `citokine check --format json <file>` from the repository root: the exit status and the findings (none when there is no output). */
export function checkJson(file: string): { code: number | null; findings: { line: number; code: string }[] } {
  const { code, stdout } = runCli(['check', '--format', 'json', file], REPO_ROOT);
  return { code, findings: JSON.parse(stdout || '[]') as { line: number; code: string }[] };
}

/** The findings an example manuscript's top comment announces (`- line N: ... (code)`), as `N code`. */
export function announcedFindings(file: string): string[] {
  const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
  return [...text.matchAll(/^\s+- line (\d+): .*\((\S+)\)$/gm)].map((m) => `${m[1]} ${m[2]}`);
}
