// Bundles the extension client, the language server and the CLI into dist/, so the
// extension ships no node_modules. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';
// Runs first: the generated modules (the built-in CSL style and locale, the glossary schema).
import { writeGeneratedModules } from './generate.mjs';
writeGeneratedModules();

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: false,
  minify: false,
  logLevel: 'warning',
  external: ['vscode'],
  // citation-js loads HTTP clients for input by URL; Citokine never fetches, so the bundle gets a stand-in that refuses.
  alias: { 'sync-fetch': './scripts/no-network.cjs', 'node-fetch': './scripts/no-network.cjs' },
};
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' },
];
if (watch) {
  for (const entry of entries) await (await esbuild.context({ ...common, ...entry })).watch();
} else {
  await Promise.all(entries.map((entry) => esbuild.build({ ...common, ...entry })));
  for (const bin of ['dist/server.js', 'dist/cli.js']) chmodSync(bin, 0o755);
}
