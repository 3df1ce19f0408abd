import { useI18n } from '../../i18n/i18n';
import { rowAnchor, type ImportProblem, type ImportWarning, type PreviewTable } from './import-types';
import { displayCell, isNumeric, outcomeText, problemMessage } from './preview-format';

/** Every row of every file as the importer read it: one table per file and import table. */
export function PreviewTables({
  tables,
  problems,
  warnings = [],
}: {
  tables: PreviewTable[];
  problems: ImportProblem[];
  warnings?: ImportWarning[];
}) {
  const { t, locale } = useI18n();
  return (
    <>
      {tables.map((table) => (
        <section key={`${table.file}|${table.table}`} className="import-table" data-testid={`preview-${table.file}-${table.table}`}>
          <div className="table-scroll">
            <table className="data">
              <caption>{t('import.table.caption', { file: table.file, table: table.table })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.col.row')}</th>
                  {table.columns.map((column) => (
                    <th key={column} scope="col" className={isNumeric(column) ? 'num' : undefined}>
                      {column}
                    </th>
                  ))}
                  <th scope="col">{t('import.col.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => {
                  const own = problems.filter((p) => p.file === table.file && p.row === row.row);
                  const bad = new Set(own.map((p) => p.column));
                  const warned = warnings.filter((w) => w.file === table.file && w.row === row.row);
                  const doubtful = new Set(warned.map((w) => w.column));
                  return (
                    <tr
                      key={row.row}
                      id={rowAnchor(table.file, row.row)}
                      className={row.outcome === 'invalid' ? 'invalid' : warned.length > 0 ? 'warned' : undefined}
                      data-testid="preview-row"
                      data-row={row.row}
                    >
                      <th scope="row" className="num">
                        {row.row}
                      </th>
                      {table.columns.map((column) => (
                        <td
                          key={column}
                          className={
                            [isNumeric(column) ? 'num' : '', bad.has(column) ? 'bad-cell' : doubtful.has(column) ? 'doubtful-cell' : '']
                              .join(' ')
                              .trim() || undefined
                          }
                        >
                          {displayCell(row, column, t, locale)}
                        </td>
                      ))}
                      <td>
                        {outcomeText(row, t)}
                        {warned.length > 0 && (
                          <ul className="row-warnings" data-testid="row-warnings">
                            {warned.map((w, i) => (
                              <li key={i}>
                                <strong>{t('import.col.warning')}:</strong> {w.message} ({w.rule})
                              </li>
                            ))}
                          </ul>
                        )}
                        {own.length > 0 && (
                          <ul className="row-problems" data-testid="row-problems">
                            {own.map((p, i) => (
                              <li key={i}>
                                <strong>{t('import.col.problem')}:</strong> {problemMessage(p, t)} ({p.rule})
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
