// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'out-*/**', 'node_modules/**', 'test-results/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports only.' },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The layering rule: the core is the product's logic and runs in the CLI too,
    // so it may not depend on the editor at run time (type-only imports are allowed).
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core must not import vscode at run time; put editor code in src/vscode/.', allowTypeImports: true }],
          patterns: [{ group: ['**/vscode/**', '../vscode/*'], message: 'src/core must not import the editor adapters.', allowTypeImports: false }],
        },
      ],
    },
  },
  {
    // The panel's page runs in the browser: no editor API, no Node, no extension-host code.
    // The core modules it bundles must stay browser-safe too.
    files: ['src/webview/**/*.ts', 'src/core/panel/panelMessages.ts', 'src/core/format.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The panel page cannot use the editor API; send a message to the host.' }],
          patterns: [
            { group: ['node:*'], message: 'The panel page runs in a browser.' },
            { group: ['**/vscode/**', '../vscode/*'], message: 'The panel page cannot import extension-host code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['esbuild.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
