/**
 * The layers of Renja Ledger, checked by `npm run lint:layers` (part of `npm run lint`); docs/architecture.md draws
 * the same picture. Each layer lists what it MAY import of ours; everything else of ours is forbidden.
 *
 *   domain, integrity      nothing of ours (pure: decimal.js and node:crypto at most)
 *   event-store            domain, integrity
 *   application            domain, integrity, event-store — and the ports it defines itself
 *   projections            domain, integrity, event-store (never application)
 *   verification           domain, integrity, event-store
 *   infrastructure         domain, integrity, event-store, application (it implements the application's ports),
 *                          and the read-model migrations (projections/src/migrations.ts) for the whole schema
 *   apps/api, apps/cli     anything: they are where NestJS modules are wired together (@nestjs/core, @nestjs/typeorm)
 *   apps/web               only libs/domain (pure code bundled into the browser) and the role table of the writes
 *                          (libs/application/src/shared/command-roles.ts, which itself imports only the domain)
 *
 * Test code — specs (*.spec.ts, *.int-spec.ts, *.e2e-spec.ts, *.contract.ts), `testing/` and `bench/` folders —
 * follows its layer's rule with one exception: it may import the infrastructure's test utilities
 * (libs/infrastructure/src/testing: test databases; libs/infrastructure/src/database: migrations, roles, the schema)
 * to set up PostgreSQL; the application's tests may also wire the real plan projection as the read-model port.
 * Production code never imports test code. No cycles anywhere.
 */
const OURS = '^(apps|libs|projections|test|bench)/';
const TEST = '(\\.(spec|int-spec|e2e-spec|contract|bench)\\.ts$|/testing/|/bench/|^test/|^bench/)';
// What test code may import beyond its layer's rule: the infrastructure (test databases, migrations, roles and the
// auth tables, to set up PostgreSQL) and the shared test support of test/support.
const TEST_UTILITIES = ['^libs/infrastructure/src/', '^test/support/'];

/** Code of `layer` (a path prefix) may import of ours only what `allowed` matches (plus test utilities in tests). */
function layer(name, from, allowed, comment, testsAlso = [], testsExcept = []) {
  return [
    {
      name: `${name}-imports-only-${allowed.label}`,
      comment,
      severity: 'error',
      from: { path: from, pathNot: TEST },
      to: { path: OURS, pathNot: allowed.paths },
    },
    {
      name: `${name}-tests-import-only-${allowed.label}-and-test-utilities`,
      comment: `${comment} Its test code may also set up PostgreSQL with the infrastructure and use test/support.`,
      severity: 'error',
      from: { path: `${from}.*${TEST}`, pathNot: testsExcept },
      to: { path: OURS, pathNot: [...allowed.paths, ...TEST_UTILITIES, ...testsAlso] },
    },
  ];
}

const COMMAND_ROLES = '^libs/application/src/shared/command-roles[.]ts$';
const PAST_VIEWS_SPEC = '^projections/src/reports/(past-views|province)[.]int-spec[.]ts$';

const inner = (label, ...libs) => ({ label, paths: libs.map((lib) => `^${lib}/`) });

module.exports = {
  forbidden: [
    ...layer('domain', '^libs/domain/', inner('domain', 'libs/domain/src'), 'The domain is pure: it imports nothing of ours.'),
    ...layer(
      'integrity',
      '^libs/integrity/',
      inner('integrity', 'libs/integrity/src'),
      'Merkle trees and signed notes are pure: nothing of ours.',
    ),
    ...layer(
      'event-store',
      '^libs/event-store/',
      inner('domain-integrity', 'libs/domain/src', 'libs/integrity/src', 'libs/event-store/src'),
      'The event store (port, PostgreSQL adapter, event codec, migration type) knows the domain and integrity only.',
    ),
    ...layer(
      'application',
      '^libs/application/',
      inner('domain-integrity-event-store', 'libs/domain/src', 'libs/integrity/src', 'libs/event-store/src', 'libs/application/src'),
      'Use cases depend on ports they define (or the event-store port), never on infrastructure, projections or verification.',
      // Its integration specs and the import fixture wire the real plan projection as the read-model port, as the apps do.
      ['^projections/src/'],
    ),
    ...layer(
      'projections',
      '^projections/',
      inner('domain-integrity-event-store', 'libs/domain/src', 'libs/integrity/src', 'libs/event-store/src', 'projections/src'),
      'The read side is fed from the event store; it never imports the application.',
      [],
      [PAST_VIEWS_SPEC],
    ),
    {
      name: 'projections-past-views-spec-imports-only-the-importer-beyond-its-layer',
      comment:
        'Known exception: past-views.int-spec.ts and province.int-spec.ts read the reports of the sample data set, which they import through the ' +
        "application's importer (an integration spec across layers; its place is test/ once specs may be moved).",
      severity: 'error',
      from: { path: PAST_VIEWS_SPEC },
      to: {
        path: OURS,
        pathNot: [
          '^libs/(domain|integrity|event-store)/src/',
          '^projections/src/',
          '^libs/application/src/(index|import/testing/import-fixture)[.]ts$',
          ...TEST_UTILITIES,
        ],
      },
    },
    ...layer(
      'verification',
      '^libs/verification/',
      inner('domain-integrity-event-store', 'libs/domain/src', 'libs/integrity/src', 'libs/event-store/src', 'libs/verification/src'),
      'Verification of databases and exports reads stored events; it needs no use case.',
      // Its fixtures sign checkpoints with the application's Checkpointer, exactly as the server does.
      ['^libs/application/src/integrity/checkpointer[.]ts$'],
    ),
    ...layer(
      'infrastructure',
      '^libs/infrastructure/',
      {
        label: 'inner-layers',
        paths: [
          '^libs/(domain|integrity|event-store|application|infrastructure)/src/',
          // The database schema of a Renja Ledger is every layer's migrations together (database/ledger-schema.ts).
          '^projections/src/migrations\\.ts$',
        ],
      },
      'Adapters (database, auth stores, config) implement the inner layers’ ports; they never import apps, projections or verification.',
    ),
    {
      name: 'web-imports-only-pure-domain',
      comment: 'The workbench bundles into the browser: of ours, only libs/domain (pure, no I/O), never its test helpers.',
      severity: 'error',
      from: { path: '^apps/web/', pathNot: TEST },
      to: { path: OURS, pathNot: ['^apps/web/', '^libs/domain/src/', COMMAND_ROLES] },
    },
    {
      name: 'command-roles-stays-pure',
      comment:
        'The role table of every write kind is one file shared by the API, the importer and the browser forms: it may ' +
        'import only the domain, so the workbench can bundle it.',
      severity: 'error',
      from: { path: COMMAND_ROLES },
      to: { path: OURS, pathNot: ['^libs/domain/src/', COMMAND_ROLES] },
    },
    {
      name: 'web-imports-no-domain-test-helpers',
      severity: 'error',
      from: { path: '^apps/web/', pathNot: TEST },
      to: { path: TEST },
    },
    {
      name: 'only-apps-wire-nestjs-modules',
      comment:
        'NestJS modules are wired together only under apps/ (@nestjs/core, @nestjs/typeorm); libs may use @nestjs/common ' +
        'and @nestjs/cqrs decorators. ESLint forbids @Module outside apps/ (eslint.config.mjs).',
      severity: 'error',
      from: { path: '^(libs|projections)/' },
      to: { path: 'node_modules/@nestjs/(core|typeorm|platform-express|swagger|terminus)/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      comment: 'The API, the CLI and the workbench share code through libs/, not through each other.',
      severity: 'error',
      from: { path: '^apps/(api|cli)/', pathNot: TEST },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-production-import-of-test-code',
      comment: 'Specs, testing/ helpers and benches are not built (tsconfig.build.json leaves them out).',
      severity: 'error',
      from: { path: '^(apps|libs|projections)/', pathNot: TEST },
      to: { path: `^(apps|libs|projections)/.*${TEST}` },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: load order and layering break. None at run time today.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular-through-types',
      comment:
        'A cycle through `import type` only (erased at run time) still ties two modules together: types two modules ' +
        'share live in a module both import (e.g. projections/src/reports/shared/line-types.ts).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|dist-bench|coverage)/' },
    // Type-only imports count: a layer that names another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
