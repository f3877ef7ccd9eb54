import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
      // DESIGN §1: the renderer talks to the core only through the injected StewardApi, so from
      // src-preload it takes types, never code (a value import would pull zod schemas or the
      // preload's electron bridge into the page). ui-places.ts is plain data shared on purpose.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-preload/**', '!**/src-preload/ui-places.js'],
              allowTypeImports: true,
              message: 'The renderer imports only types from src-preload: write `import type { … }` and reach the core through StewardApi.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron.vite.config.ts', 'vitest.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
