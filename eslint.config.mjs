// The code's own rules, run by `npm test` (`npm run lint`). The core's purity rules are the
// ones that matter most: server/src/core runs in a web worker as well as in Node, so it may
// import no Node built-in, no editor API and no LSP connection, and use no Node global.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'url',
  'util',
  'crypto',
  'stream',
  'events',
  'worker_threads',
  'buffer',
  'process',
  'timers',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'dist-*/',
      '**/*.generated.ts',
      'test/fixtures/',
      'e2e/fixtures/',
      '.scratch/',
      '**/*.vsix',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
      'no-useless-escape': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {
      globals: {
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        setImmediate: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        NodeFilter: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        fetch: 'readonly',
        globalThis: 'readonly',
        vim: 'readonly',
        window: 'readonly',
        document: 'readonly',
      },
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...NODE_BUILTINS.map((name) => ({
              name,
              message: 'The core runs in a web worker too: no Node built-ins; ask the host through the Workspace.',
            })),
            { name: 'vscode', message: 'The core knows no editor API.' },
            { name: 'vscode-languageserver', message: 'The core has no LSP connection; use vscode-languageserver-types.' },
            { name: 'vscode-languageserver/node', message: 'The core has no LSP connection; use vscode-languageserver-types.' },
          ],
          patterns: [{ group: ['node:*'], message: 'The core runs in a web worker too: no Node built-ins.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'setImmediate', 'clearImmediate', 'Buffer', 'require', '__dirname', '__filename', 'global'].map((name) => ({
          name,
          message: 'The core runs in a web worker too: no Node globals.',
        })),
      ],
    },
  },
);
