import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'release', 'test-results', '.hoso-trial'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: ['**/electron/**', 'node:*'] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/electron/**', '**/renderer/**', 'node:*'] }] },
  },
  {
    // Domain services get the router's narrow context: never the host, its lifecycle, the vault (keys) or the raw
    // connection. Only the composition root, the transports and the lifecycle services may import those.
    files: ['electron/{persons,units,platform,changelog,places}/**/*.ts'],
    // The batch writer is the platform's own writer over the connection, handed out by the router per call.
    ignores: ['electron/platform/batch.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/host/host', '**/host/router', '**/host/root', '**/host/worker*'],
              message: 'Domain code receives DomainContext; it never holds the host.',
            },
            { group: ['**/vault/*'], message: 'Keys stay in the lifecycle services.' },
            {
              group: ['**/db/connection'],
              message: 'Domain code queries through its Kysely handle, never the raw connection.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only the preload and the IPC transport may touch Electron's IPC objects.
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['electron/preload/**', 'electron/main/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Identifier[name=/^ipc(Renderer|Main)$/]',
          message: 'IPC is only for electron/preload and electron/main.',
        },
      ],
    },
  },
  {
    // One repository pattern (issue 8): services ask their family's repository (frozen objects taking the call's
    // Kysely handle, e.g. electron/persons/person.repository.ts) and never build queries themselves. The services
    // under `ignores` predate the rule and still query directly: move their queries into a repository, then
    // remove their line. Do not add to the list.
    files: ['electron/**/*.service.ts'],
    ignores: [],
    rules: {
      'no-restricted-syntax': [
        'error',
        // (Repeated from the IPC block above: a later block's no-restricted-syntax replaces an earlier one's.)
        {
          selector: 'Identifier[name=/^ipc(Renderer|Main)$/]',
          message: 'IPC is only for electron/preload and electron/main.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom)$/]',
          message:
            "Services call their family's repository (a frozen object beside the tables), never the query builder.",
        },
        {
          selector: "TaggedTemplateExpression[tag.name='sql'], MemberExpression[object.name='sql']",
          message: "Services call their family's repository (a frozen object beside the tables), never SQL templates.",
        },
      ],
    },
  },
  {
    // CommonJS entry points and build hooks load modules with require by design.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: [
      'build/**/*.{js,mjs,cjs}',
      'test/**/*.{mjs,ts}',
      'electron/cli/**/*.ts',
      'electron/dev/**/*.ts',
      'bin/**/*.cjs',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    // Migrations take `Kysely<any>`, Kysely's own convention: a migration is frozen at the schema of its day and
    // must not be typed by today's `Database` (which would change under it). Only the migration files; their
    // index and the migrator are typed.
    files: ['electron/db/migrations/2*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
