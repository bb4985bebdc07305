import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'release/', 'data/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', window: 'readonly', document: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // Tests read JSON answers loosely and assert on them.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/renderer/**', '**/sync-server/**', '**/electron/**', 'node:*', 'fs', 'path'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/sync-server/**', '**/electron/**'] }] },
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/renderer/**', '**/electron/**'] }] },
  },
  {
    // The product reads the time only through its injected clock: renderer/src/clock.ts on the
    // register, buildApp({ now }) on the server (main.ts passes the real one); shared/ is handed it.
    files: ['renderer/src/**/*.{ts,tsx}', 'sync-server/**/*.ts', 'shared/**/*.ts'],
    ignores: ['renderer/src/clock.ts', 'sync-server/main.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read the injected clock (renderer: clock.now(); server: now()), not the machine\'s.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Read the injected clock (renderer: clock.ms(); server: now()), not the machine\'s.' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', '*.config.*'],
    languageOptions: {
      globals: { URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', AbortSignal: 'readonly' },
    },
  },
);
