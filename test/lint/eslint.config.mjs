// Layering rules of the product card, enforced by `npm run lint`:
// shared/ is pure TypeScript; renderer/ reaches the backend only through shared/'s contract;
// only the Electron shell (main.ts, preload.ts, shell/) imports `electron`.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'util', 'events', 'stream', 'zlib', 'worker_threads'];
const backendPackages = ['electron', 'better-sqlite3'];
const uiPackages = ['react', 'react-dom', 'react-dom/client', 'zustand', 'recharts'];

const restrict = (names, patterns, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message })),
      patterns: [{ group: patterns, message }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      ...restrict(
        [...nodeBuiltins, ...backendPackages, ...uiPackages],
        ['node:*', '**/electron/**', '**/renderer/**', '../electron', '../renderer'],
        'shared/ is pure TypeScript: no Node, DOM, React or Electron, and nothing from electron/ or renderer/.',
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    rules: restrict(
      [...nodeBuiltins, ...backendPackages],
      ['node:*', '**/electron/**', '../electron', '../../electron'],
      'renderer/ talks to the backend only through the API contract in shared/.',
    ),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: restrict(
      ['electron', ...uiPackages],
      ['**/renderer/**', '../renderer'],
      'Only electron/main.ts and electron/preload.ts import electron; the rest runs under plain Node. No renderer code in the backend.',
    ),
  },
);
