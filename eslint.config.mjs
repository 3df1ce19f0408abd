// ESLint (flat config): `npm run lint` runs it with --max-warnings 0, then `prettier --check .`.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-bench/',
      '.out/',
      'node_modules/',
      'coverage/',
      'bench/results/',
      'data/samples/',
      'test/browser/screenshots/',
    ],
  },
  js.configs.recommended,

  // TypeScript: type-aware rules; each file is checked against the tsconfig.json nearest to it
  // (apps/web/tsconfig.json for the web app, the root one for the rest).
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: {
          // The web specs are left out of apps/web/tsconfig.json (Jest compiles them with the root one): lint them with the root one too.
          allowDefaultProject: [
            'apps/web/src/*.spec.ts',
            'apps/web/src/*/*.spec.ts',
            'apps/web/src/*/*/*.spec.ts',
            'apps/web/src/*/*.int-spec.ts',
          ],
          defaultProject: 'tsconfig.json',
          // Every feature has its pure specs beside its code: more than the default 8 web specs now.
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING: 40,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `_`-prefixed names are unused on purpose (interface parameters, fields dropped by destructuring with a rest).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Rows from pg, JSON.parse results and supertest bodies are `any` by design and checked at run time (validators, tests):
      // 829 findings, 784 of them in tests. The type-aware rules that catch real bugs stay on (no-floating-promises, no-misused-promises, await-thenable, ...).
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // async methods without await implement Promise-returning interfaces (stores, handlers, fakes in tests).
      '@typescript-eslint/require-await': 'off',
      // Deciders' evolve/decide and the hooks' returned functions are closures declared as methods: no `this` to lose.
      '@typescript-eslint/unbound-method': 'off',
      // String() of unknown spreadsheet cells, FormData entries and caught errors is the deliberate fallback.
      '@typescript-eslint/no-base-to-string': 'off',
      // Re-throwing or rejecting with what was caught (unknown) is deliberate: the original error goes on unchanged.
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
    },
  },
  // The bench has its own tsconfig (tsconfig.bench.json), which the project service would not find.
  {
    files: ['bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: false, project: ['./tsconfig.bench.json'], tsconfigRootDir: import.meta.dirname } },
  },

  // The web workbench: React hooks rules, browser globals.
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // React Compiler diagnostics; the workbench does not use the compiler, and these flag deliberate patterns
      // (form state synced from the URL in an effect, <html lang> set during render, TanStack Virtual). rules-of-hooks and exhaustive-deps stay on.
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/immutability': 'off',
      'react-hooks/incompatible-library': 'off',
    },
  },

  // Plain JavaScript scripts (Jest config, test setup, template generator): Node globals, no type information.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },

  // Layers (docs/architecture.md): only apps/ wire NestJS modules together. dependency-cruiser (.dependency-cruiser.cjs)
  // checks the packages (@nestjs/core, @nestjs/typeorm); this catches the @Module decorator itself.
  {
    files: ['libs/**/*.ts', 'projections/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['Module', 'Global'],
              message: 'Only apps/ wire NestJS modules (docs/architecture.md, "Layers").',
            },
          ],
        },
      ],
    },
  },

  {
    rules: {
      // Adding `cause` would change the errors thrown (what callers and logs see); left for a deliberate change.
      'preserve-caught-error': 'off',
    },
  },

  // Last: turn off the rules that Prettier's formatting makes moot.
  prettier,
);
