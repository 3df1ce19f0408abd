#!/usr/bin/env node
/**
 * Writes the import templates (one CSV per table and renja-ledger-import.xlsx) from the format's
 * definition in libs/application/src/import/templates.ts. Run: npm run templates (builds first).
 * libs/application/src/import/templates.spec.ts fails when the committed files differ from what this writes.
 */
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { templateCsv, templateWorkbook } = require('../../dist/libs/application/src/import/templates.js');
const { TABLE_ORDER: ORDER } = require('../../dist/libs/application/src/import/tables.js');

(async () => {
  for (const table of ORDER) writeFileSync(join(__dirname, `${table}.csv`), templateCsv(table));
  writeFileSync(join(__dirname, 'renja-ledger-import.xlsx'), await templateWorkbook());
  process.stdout.write(`wrote ${ORDER.length} CSV templates and renja-ledger-import.xlsx to ${__dirname}\n`);
})().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
