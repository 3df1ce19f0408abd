/** One Jest run: unit specs beside the code, integration specs against the embedded
 *  PostgreSQL that test/support/global-setup.mjs starts once, end-to-end specs in test/. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/projections', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': tsJest },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@renja/domain(/.*)?$': '<rootDir>/libs/domain/src$1',
    '^@renja/event-store(/.*)?$': '<rootDir>/libs/event-store/src$1',
    '^@renja/infrastructure(/.*)?$': '<rootDir>/libs/infrastructure/src$1',
    '^@renja/application(/.*)?$': '<rootDir>/libs/application/src$1',
    '^@renja/integrity(/.*)?$': '<rootDir>/libs/integrity/src$1',
    '^@renja/projections(/.*)?$': '<rootDir>/projections/src$1',
  },
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
};
