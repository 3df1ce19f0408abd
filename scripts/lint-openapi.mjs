#!/usr/bin/env node
// npm run lint:openapi: the API contract checked by a third-party linter (Redocly CLI, rules in redocly.yaml).
//   node scripts/lint-openapi.mjs                  lints the document the built server serves at /api/docs-json,
//                                                  made from dist/ without PostgreSQL (run `npm run build` first)
//   node scripts/lint-openapi.mjs <document.json>  lints that document instead (test/e2e/openapi.e2e-spec.ts
//                                                  passes the one a running server served)
// Exits with Redocly's exit code: 1 on any error; warnings are printed and counted, not failed on.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

async function documentFile() {
  if (process.argv[2]) return { file: resolve(process.argv[2]), cleanup: () => {} };
  const built = join(root, 'dist/apps/api/src/http/openapi/document-without-database.js');
  if (!existsSync(built)) {
    console.error(`${built} is missing: run \`npm run build\` first.`);
    process.exit(2);
  }
  const { openApiDocumentWithoutDatabase } = require(built);
  const dir = mkdtempSync(join(tmpdir(), 'renja-openapi-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, `${JSON.stringify(await openApiDocumentWithoutDatabase(), null, 2)}\n`);
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const { file, cleanup } = await documentFile();
try {
  const cli = join(root, 'node_modules/@redocly/cli/bin/cli.js');
  const result = spawnSync(process.execPath, [cli, 'lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'stylish'], {
    cwd: root,
    stdio: 'inherit',
    // No usage report to Redocly, no update notice in the CI log.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  process.exitCode = result.status ?? 1;
} finally {
  cleanup();
}
