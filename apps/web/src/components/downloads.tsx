import { withQuery, type Query } from '../api/client';
import type { MessageKey } from '../i18n/catalogue';
import { useI18n } from '../i18n/i18n';

type FileFormat = 'xlsx' | 'pdf' | 'csv';

interface Choice {
  /** Marks the link for tests and styles: xlsx, pdf (A4), pdf-f4, csv (Indonesian), csv-machine. */
  id: string;
  format: FileFormat;
  query: Query;
  label: MessageKey;
  hint: MessageKey;
  hintValues?: Record<string, string>;
}

/**
 * The files people want, first what they use most: the workbook, the paper to sign (A4 or F4), the CSV an
 * Indonesian spreadsheet reads as numbers; the machine CSV last, for other programs.
 */
const CHOICES: Choice[] = [
  { id: 'xlsx', format: 'xlsx', query: {}, label: 'download.xlsx', hint: 'download.xlsxHint' },
  { id: 'pdf', format: 'pdf', query: { paper: 'a4' }, label: 'download.pdfA4', hint: 'download.pdfHint', hintValues: { paper: 'A4' } },
  { id: 'pdf-f4', format: 'pdf', query: { paper: 'f4' }, label: 'download.pdfF4', hint: 'download.pdfHint', hintValues: { paper: 'F4' } },
  { id: 'csv', format: 'csv', query: { csv: 'id' }, label: 'download.csvId', hint: 'download.csvIdHint' },
  { id: 'csv-machine', format: 'csv', query: {}, label: 'download.csvMachine', hint: 'download.csvMachineHint' },
];

/**
 * Download links to exactly the files the API gives, as of the same dates. Plain links: the
 * browser sends the session cookie with them.
 */
export function Downloads({ path, query, formats = ['xlsx', 'pdf', 'csv'] }: { path: string; query: Query; formats?: string[] }) {
  const { t } = useI18n();
  return (
    <div className="downloads" role="group" aria-label={t('common.download')}>
      <span>{t('common.download')}:</span>
      {CHOICES.filter((c) => formats.includes(c.format)).map((c) => (
        <a
          key={c.id}
          href={withQuery(path, { ...query, ...c.query, format: c.format })}
          download
          data-format={c.id}
          title={t(c.hint, c.hintValues)}
        >
          {t(c.label)}
        </a>
      ))}
    </div>
  );
}
