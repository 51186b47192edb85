// The architecture's import rules, checked by `npm test` (`npm run lint:deps`).
// See ARCHITECTURE.md, "Architecture invariants".
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import cycles, type-only imports included: a cycle makes the load order and the layering a guess.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: 'server/src/core runs in a web worker as well as in Node: no Node built-ins, no editor API, no LSP connection.',
      severity: 'error',
      from: { path: '^server/src/core/' },
      to: {
        dependencyTypes: ['core'],
      },
    },
    {
      name: 'core-no-host-packages',
      comment: 'The core uses LSP data types only; the connection, the editor API and file access belong to the hosts.',
      severity: 'error',
      from: { path: '^server/src/core/' },
      to: { path: '^node_modules/(vscode-languageserver/|vscode-languageclient/|@types/vscode/|vscode/)' },
    },
    {
      name: 'core-does-not-import-hosts',
      comment: 'Hosts depend on the core, never the reverse.',
      severity: 'error',
      from: { path: '^server/src/core/' },
      to: { path: '^(server/src/(lsp|node|server\\.ts|cli\\.ts)|client/)' },
    },
    {
      name: 'hosts-use-the-api-boundary',
      comment: 'Hosts (LSP adapter, CLI, disk workspace, client) import only core/index.ts.',
      severity: 'error',
      from: { path: '^(server/src/(lsp/|node/|server\\.ts|cli\\.ts)|client/src/)' },
      to: { path: '^server/src/core/', pathNot: '^server/src/core/index\\.ts$' },
    },
    {
      name: 'citations-and-terms-are-apart',
      comment: 'The two domains meet only in the facade (languageService.ts).',
      severity: 'error',
      from: { path: '^server/src/core/citations/' },
      to: { path: '^server/src/core/terms/' },
    },
    {
      name: 'terms-and-citations-are-apart',
      comment: 'The two domains meet only in the facade (languageService.ts).',
      severity: 'error',
      from: { path: '^server/src/core/terms/' },
      to: { path: '^server/src/core/citations/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
