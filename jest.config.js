/**
 * One `npm test`, three tiers, told apart by their file names:
 * - unit (`*.spec.ts`, beside the code): pure, no database, no browser — `npm run test:unit` runs them in seconds;
 * - int (`*.int-spec.ts`, beside the code): against the embedded PostgreSQL that test/support/global-setup.mjs
 *   starts once per run (each suite gets a fresh database);
 * - e2e (`*.e2e-spec.ts`, in test/): the HTTP API, the CLI and the workbench in Chromium, like a user.
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@renja/domain(/.*)?$': '<rootDir>/libs/domain/src$1',
    '^@renja/event-store(/.*)?$': '<rootDir>/libs/event-store/src$1',
    '^@renja/infrastructure(/.*)?$': '<rootDir>/libs/infrastructure/src$1',
    '^@renja/application(/.*)?$': '<rootDir>/libs/application/src$1',
    '^@renja/integrity(/.*)?$': '<rootDir>/libs/integrity/src$1',
    '^@renja/projections(/.*)?$': '<rootDir>/projections/src$1',
    '^@renja/verification(/.*)?$': '<rootDir>/libs/verification/src$1',
  },
};
// The database (and Chromium's path) are set up once per run even when both tiers that need them run.
const withServices = {
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      // bench/: the benchmark's own helpers (the figures it reports are only as good as their parsing).
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/projections', '<rootDir>/test', '<rootDir>/bench'],
      testRegex: '\\.spec\\.ts$',
    },
    {
      ...shared,
      ...withServices,
      displayName: 'int',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/projections', '<rootDir>/test'],
      testRegex: '\\.int-spec\\.ts$',
    },
    { ...shared, ...withServices, displayName: 'e2e', roots: ['<rootDir>/test'], testRegex: '\\.e2e-spec\\.ts$' },
  ],
};
