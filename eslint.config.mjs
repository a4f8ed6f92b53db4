// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The core's floors, bottom first. `base` holds the shared vocabulary (provider ids, the
 * forecast schema, data errors, the zod issue formatter, the forecast request); the files
 * at the root of src/core are ground floor too. A folder imports only its own floor and
 * the floors below it.
 */
const CORE_FLOORS = [
  ['base', 'time'],
  ['storage'],
  ['data'],
  ['sources'],
  ['settings'],
  ['forecast'],
  ['normalize'],
  ['ledger'],
  ['lock'],
  ['providers'],
  ['health'],
  ['scheduler', 'panel', 'pipeline'],
  ['fleet'],
];

const NOT_EDITOR = { name: 'vscode', message: 'src/core must not import vscode at run time; put editor code in src/vscode/.', allowTypeImports: true };
/** zod only through src/core/base/zod.ts, which configures it before any schema is built (types may come from zod itself). */
const RAW_ZOD = { name: 'zod', message: "Import z from src/core/base/zod.ts: it configures zod before any schema is built.", allowTypeImports: true };
const NOT_ADAPTERS = { group: ['**/vscode/**', '../vscode/*'], message: 'src/core must not import the editor adapters.', allowTypeImports: false };

/** One block per floor (and one for the root files): the editor rule, and no import of a higher floor. */
function coreFloorRules() {
  const folders = CORE_FLOORS.flat();
  const above = (level) => CORE_FLOORS.slice(level + 1).flat();
  const zone = (higher, here) => higher.length
    ? [{ group: higher.flatMap((f) => [`../${f}/*`, `../../${f}/*`, `./${f}/*`]), message: `${here} may import only its own floor and those below it (see CORE_FLOORS in eslint.config.mjs: ${CORE_FLOORS.map((f) => f.join('|')).join(' < ')}).` }]
    : [];
  const block = (files, higher, here) => ({
    files,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [NOT_EDITOR, RAW_ZOD], patterns: [NOT_ADAPTERS, ...zone(higher, here)] }] },
  });
  return [
    block(['src/core/*.ts'], folders.filter((f) => !CORE_FLOORS[0].includes(f)), 'a file at the root of src/core (ground floor)'),
    ...CORE_FLOORS.flatMap((floor, level) => floor.map((f) => block([`src/core/${f}/**/*.ts`], above(level), `src/core/${f}`))),
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'out-*/**', 'node_modules/**', 'test-results/**', 'media/**', 'reports/**', '.stryker-tmp/**', '.stryker-tmp-*/**'] },
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
    // small files, one concept each: a file that grows past this is split
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    // one way to make a provider client: connectProvider (the key, its origins, the lazy load)
    files: ['src/**/*.ts'],
    ignores: ['src/core/providers/connectProvider.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports only.' },
        {
          selector: "NewExpression[callee.name='ProviderClient'], NewExpression[callee.name='Client']",
          message: 'Make provider clients with connectProvider.',
        },
      ],
    },
  },
  // The layering rule: the core is the product's logic and runs in the CLI too, so it may
  // not depend on the editor at run time (type-only imports are allowed). Inside the core,
  // folders are floors: each imports only its own floor and those below (CORE_FLOORS).
  ...coreFloorRules(),
  {
    files: ['src/vscode/**/*.ts', 'src/cli/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [RAW_ZOD] }] },
  },
  {
    // The panel's page runs in the browser: no editor API, no Node, no extension-host code.
    // The core modules it bundles must stay browser-safe too.
    files: [
      'src/webview/**/*.ts',
      'src/core/panel/panelMessages.ts',
      'src/core/panel/panelVocabulary.ts',
      'src/core/panel/checkHostMessage.ts',
      'src/core/format.ts',
      'src/core/errors.ts',
    ],
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
