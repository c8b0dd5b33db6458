// Lint rules for the whole repository. Boundaries are enforced here, not only in docs:
// the contract imports nothing of ours, the web app never imports the server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** A `selectFrom` on a record table (any alias): only the record machinery may read them. */
const recordTableRead = {
  selector: "CallExpression[callee.property.name='selectFrom'][arguments.0.value=/^(accounts|contacts|deals|activities|leads)( as \\w+)?$/]",
  message: 'Read record tables through visibleRecords() (features/records/visible-records.ts): visibility by construction.',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'e2e/screenshots/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSAsExpression > TSAnyKeyword', message: 'No casts to any.' }],
    },
  },
  {
    files: ['packages/contract/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@kontor/*', '../../apps/*', '**/apps/**'], message: 'The contract imports nothing of ours.' }] }],
    },
  },
  {
    files: ['apps/web/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@kontor/server', '@kontor/server/*', '**/apps/server/**'], message: 'The web app talks to the server over HTTP only.' },
            // Sort keys load a pinyin dictionary (~320 kB) and Node's require: the server computes them, the browser never needs them.
            { group: ['@kontor/contract/sort-key', 'pinyin-pro'], message: 'Sort keys are computed by the server (packages/contract/src/sort-key.ts).' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@kontor/web', '@kontor/web/*', '**/apps/web/**'], message: 'The server does not import the web app.' }] }],
    },
  },
  // Server layers (docs/ARCHITECTURE.md, "Server layout"): the database layer knows no feature, and routes hold no SQL.
  {
    files: ['apps/server/src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@kontor/web', '@kontor/web/*', '**/apps/web/**'], message: 'The server does not import the web app.' },
            { group: ['**/features/**', '**/features'], message: 'db/ imports no feature: fixed data goes in a migration, feature start-up work outside db/.' },
          ],
        },
      ],
    },
  },
  // The two exceptions: the database's driver keeps the search documents and the duplicates' keys, pairs and clusters in
  // step before every commit (db/commit-hooks.ts), so no write path can forget them; what they hold is their feature's
  // (docs/ARCHITECTURE.md, "Search" and "Duplicates and merges").
  {
    files: ['apps/server/src/db/database.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@kontor/web', '@kontor/web/*', '**/apps/web/**'], message: 'The server does not import the web app.' },
            { regex: '(^|/)features(/(?!search/sync\\.ts$|duplicates/duplicate-sync\\.ts$)|$)', message: 'db/ imports no feature but the search and duplicate upkeep.' },
          ],
        },
      ],
    },
  },
  // Visibility by construction (docs/ARCHITECTURE.md, "Record machinery"): record tables are read only through
  // features/records/visible-records.ts, and the raw visibility condition is used nowhere else.
  {
    files: ['apps/server/src/features/**/*.ts'],
    ignores: ['apps/server/src/features/records/visible-records.ts', 'apps/server/src/features/permissions/access.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'TSAsExpression > TSAnyKeyword', message: 'No casts to any.' }, recordTableRead],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@kontor/web', '@kontor/web/*', '**/apps/web/**'], message: 'The server does not import the web app.' },
            { group: ['**/permissions/access.ts'], importNames: ['visibleWhere', 'visibleOrAll'], message: 'Read record tables through records/visible-records.ts (visibleRecords, joinableRecord).' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/src/features/**/*.routes.ts', 'apps/server/src/features/**/*.service.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'TSAsExpression > TSAnyKeyword', message: 'No casts to any.' },
        recordTableRead,
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom)$/]',
          message: 'Routes and services hold no SQL: SQL lives in repositories (and the record machinery).',
        },
        { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'Routes and services hold no SQL: SQL lives in repositories (and the record machinery).' },
      ],
    },
  },
);
