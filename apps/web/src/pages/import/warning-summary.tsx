import { useI18n } from '../../i18n/i18n';
import { rowAnchor, type ImportWarning } from './import-types';

/**
 * The warnings of an import: figures that are possible but implausible, each linking to its row in the
 * preview, and the checkbox that confirms them — Simpan stays disabled until it is ticked.
 */
export function WarningSummary({
  warnings,
  confirmable,
  accepted,
  onAccept,
}: {
  warnings: ImportWarning[];
  /** False while the import also has problems: those are fixed first. */
  confirmable: boolean;
  accepted: boolean;
  onAccept(accepted: boolean): void;
}) {
  const { t } = useI18n();
  return (
    <div className="warning-summary" role="region" aria-labelledby="import-warnings-title" data-testid="import-warnings">
      <h2 id="import-warnings-title">{t('import.warnings.title', { count: warnings.length })}</h2>
      <p>{t('import.warnings.intro')}</p>
      <ul>
        {warnings.map((w, i) => {
          const where = w.file && w.row !== null ? t('import.problems.where', { file: w.file, row: w.row }) : (w.file ?? '');
          const text = `${where ? `${where}: ` : ''}${w.message} (${w.rule})`;
          return (
            <li key={i} data-testid="import-warning">
              {w.file && w.row !== null ? <a href={`#${rowAnchor(w.file, w.row)}`}>{text}</a> : text}
            </li>
          );
        })}
      </ul>
      {confirmable && (
        <p className="accept-warnings">
          <input
            type="checkbox"
            id="import-accept-warnings"
            checked={accepted}
            onChange={(event) => onAccept(event.target.checked)}
            data-testid="import-accept-warnings"
          />{' '}
          <label htmlFor="import-accept-warnings">{t('import.warnings.accept', { count: warnings.length })}</label>
        </p>
      )}
    </div>
  );
}
