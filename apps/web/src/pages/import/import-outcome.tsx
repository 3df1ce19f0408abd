import { Link } from 'react-router';
import { formatRecordedTime } from '../../format';
import { useI18n } from '../../i18n/i18n';
import type { ImportResult, PreviewTable } from './import-types';

/** The office-years an import touches (from what the preview understood), for links to their pages. */
export function officeYears(tables: PreviewTable[]): Array<{ year: string; office: string }> {
  const seen = new Map<string, { year: string; office: string }>();
  for (const table of tables)
    for (const row of table.rows) {
      const year = row.values.Tahun;
      const office = row.values['Perangkat Daerah'];
      if (year && office) seen.set(`${year}/${office}`, { year, office });
    }
  return [...seen.values()];
}

/** What the server said about files imported before: when and by whom. */
export function AlreadyImported({ result }: { result: ImportResult }) {
  const { t, locale } = useI18n();
  const before = result.files.filter((f) => f.alreadyImported);
  if (before.length === 0) return null;
  return (
    <div className="notice" role="status" data-testid="import-already">
      {before.map((f) => (
        <p key={f.name}>
          {t('import.result.alreadyImported', {
            file: f.alreadyImported!.fileName !== f.name ? `${f.name} (${f.alreadyImported!.fileName})` : f.name,
            when: formatRecordedTime(f.alreadyImported!.recordedAt, locale),
            actor: f.alreadyImported!.actor,
          })}
        </p>
      ))}
    </div>
  );
}

/** After Simpan: what was written, per table, and where to see it. */
export function ImportOutcome({ result, tables, onAgain }: { result: ImportResult; tables: PreviewTable[]; onAgain(): void }) {
  const { t } = useI18n();
  const counts = Object.entries(result.tables).filter(([, c]) => c.rows > 0);
  return (
    <section className="import-outcome" data-testid="import-outcome" aria-labelledby="import-outcome-title">
      <div role="status">
        <h2 id="import-outcome-title">
          {result.status === 'imported'
            ? t('import.result.imported', { events: result.events, unchanged: result.unchanged })
            : result.status === 'unchanged'
              ? t('import.result.unchanged')
              : result.message}
        </h2>
      </div>
      <AlreadyImported result={result} />
      {counts.length > 0 && (
        <>
          <h3>{t('import.result.tables')}</h3>
          <ul>
            {counts.map(([table, c]) => (
              <li key={table}>{t('import.result.tableLine', { table, rows: c.rows, events: c.events, unchanged: c.unchanged })}</li>
            ))}
          </ul>
        </>
      )}
      {officeYears(tables).length > 0 && (
        <>
          <h3>{t('import.result.pages')}</h3>
          <ul>
            {officeYears(tables).map(({ year, office }) => (
              <li key={`${year}/${office}`}>
                <Link to={`/${year}/${office}`}>
                  {office} · {year}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="secondary" onClick={onAgain}>
        {t('import.result.again')}
      </button>
    </section>
  );
}
