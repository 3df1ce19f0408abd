import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bufferSource } from './import-sources';
import { Problems } from './import-types';
import { readImportFiles } from './read-files';
import { TABLE_ORDER, TABLES } from './tables';
import { templateColumns, templateCsv, templateWorkbook, workbookContent } from './templates';

const TEMPLATES = join(__dirname, '..', '..', '..', '..', 'data', 'templates');

describe('import templates (data/templates)', () => {
  it('the committed CSV templates are what generate-templates.js writes', () => {
    for (const table of TABLE_ORDER) expect(readFileSync(join(TEMPLATES, `${table}.csv`), 'utf8')).toBe(templateCsv(table));
  });

  it('the committed workbook holds the same sheets and cells as a freshly generated one', async () => {
    const committed = await workbookContent(readFileSync(join(TEMPLATES, 'renja-ledger-import.xlsx')));
    expect(committed).toEqual(await workbookContent(await templateWorkbook()));
    expect(committed.map((s) => s.sheet)).toEqual(TABLE_ORDER.map((t) => TABLES[t].sheet));
  });

  it('every template carries every column of its table and reads without a problem', async () => {
    const problems = new Problems();
    const sources = [
      ...TABLE_ORDER.map((t) => bufferSource(`${t}.csv`, Buffer.from(templateCsv(t)))),
      bufferSource('renja-ledger-import.xlsx', await templateWorkbook()),
    ];
    const files = await readImportFiles(sources, { maxBytes: 1e6, maxRows: 100 }, problems);
    expect(problems.list).toEqual([]);
    expect(files.map((f) => f.tables)).toEqual([...TABLE_ORDER.map((t) => [t]), [...TABLE_ORDER]]);
    for (const table of TABLE_ORDER)
      expect(templateColumns(table)).toHaveLength(TABLES[table].required.length + TABLES[table].optional.length);
  });
});
