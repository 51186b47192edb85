// `npm start`'s last step: run `citokine check` on the example manuscript and print its
// findings. The example holds findings on purpose, so exit 1 ("findings") is expected;
// exit 2 (bad usage, unreadable file, crash) fails the command.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples/manuscript.md'], { stdio: 'inherit' });
if (result.status === 0 || result.status === 1) {
  console.log(`\ncitokine check finished (exit ${result.status}); the findings above are the example's deliberate ones.`);
} else {
  process.exitCode = result.status ?? 2;
}
