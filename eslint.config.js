import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// DESIGN §1: the renderer talks to the core only through the injected StewardApi, so from
// src-preload it takes types, never code (a value import would pull zod schemas or the preload's
// electron bridge into the page). ui-places.ts and task-statuses.ts are plain data shared on purpose.
const RENDERER_PRELOAD_IMPORTS = {
  group: ['**/src-preload/**', '!**/src-preload/ui-places.js', '!**/src-preload/task-statuses.js'],
  allowTypeImports: true,
  message: 'The renderer imports only types from src-preload: write `import type { … }` and reach the core through StewardApi.',
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'test-artifacts/**', 'bench/results/**', 'models/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports (DESIGN §7).' }],
    },
  },
  {
    // DESIGN §1: only the desktop shell imports electron; the core stays plain Node.
    files: ['src-main/core/**/*.ts', 'src-main/server/**/*.ts', 'src-main/cli/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src-main/electron and src-preload may import electron.' }] }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [RENDERER_PRELOAD_IMPORTS] }],
    },
  },
  {
    // A feature's stylesheet is its own: another feature uses its components, never its CSS
    // (shared styles live in src-renderer/ui/).
    files: ['src-renderer/features/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            RENDERER_PRELOAD_IMPORTS,
            { group: ['../*/**/*.css', '../../*/**/*.css', '!../../ui/*.css', '!../../../ui/*.css'], message: "A feature imports only its own stylesheet and src-renderer/ui's; move what two features share to ui/." },
          ],
        },
      ],
    },
  },
  {
    // A function a reader can follow fits on a screen (issue 13). One that must stay longer says why
    // in an `eslint-disable-next-line max-lines-per-function -- <reason>` comment above it. Tests are
    // left out: a vitest describe() is one long function by design.
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'src-preload/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['electron.vite.config.ts', 'vitest.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
