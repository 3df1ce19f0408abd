import { DateText, LegalBasis, Money, RecordedTime } from '../../components/figures';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n/i18n';
import { LineLink, usePhaseLabel } from '../reports/report-shared';
import { formatK } from '../reports/report-rows';
import { figureLabel } from './change-labels';
import { useKindLabel } from './change-filters';
import type { ChangeEntry } from './change-types';
import { CorrectControls } from '../correct/correct-controls';

const NO_ENTRIES = new Map<string, never>();

/** A figure's value: Rupiah for pagu and realisation, otherwise as recorded (a target, an output, a name). */
function FigureValue({ value, money }: { value: string | null; money: boolean }) {
  const { locale } = useI18n();
  if (value === null) return <span className="muted">—</span>;
  if (money) return <Money value={value} />;
  return <>{/^-?\d+(\.\d+)?$/.test(value) ? formatK(value, locale) : value}</>;
}

/**
 * One change: when it was recorded (WIB) and took effect, who made it, what it was, which line,
 * the figures from → to, the reason and dasar hukum. A corrected change is struck through; the
 * link to its correction is an inline block so the line-through does not reach it.
 */
export function ChangeEntryView({ entry, validAt }: { entry: ChangeEntry; validAt?: string }) {
  const { t, locale } = useI18n();
  const kindLabel = useKindLabel();
  const phase = usePhaseLabel();
  const notYetValid = validAt && entry.effectiveDate && entry.effectiveDate > validAt;
  return (
    <li data-testid="change-entry" id={`event-${entry.eventId}`} className={`change-entry${entry.correctedBy ? ' struck' : ''}`}>
      <h2>
        <span className="kind">{kindLabel(entry.type)}</span> · <RecordedTime value={entry.recordedAt} />
        <span className="position">{t('changes.position', { position: entry.position })}</span>
      </h2>
      {entry.correctedBy && (
        <p className="correction-note">
          {t('changes.correctedNote')}{' '}
          <LineLink code={entry.code} eventId={entry.correctedBy}>
            {t('changes.correctedBy', { id: entry.correctedBy.slice(0, 8) })}
          </LineLink>
        </p>
      )}
      <dl className="change-facts">
        <dt>{t('changes.line')}</dt>
        <dd>
          <LineLink code={entry.code} eventId={entry.eventId} /> {entry.lineName}
        </dd>
        <dt>{t('changes.effective')}</dt>
        <dd>
          <DateText value={entry.effectiveDate} />
          {notYetValid && <span className="flag"> ({t('changes.notYetValid', { date: formatDate(validAt, locale) })})</span>}
        </dd>
        <dt>{t('changes.by')}</dt>
        <dd>{entry.actor}</dd>
        <dt>{t('changes.reason')}</dt>
        <dd>{entry.reason ?? <span className="muted">—</span>}</dd>
        <dt>{t('changes.legalBasis')}</dt>
        <dd>
          <LegalBasis value={entry.legalBasis} />
        </dd>
        {entry.correctsEventId && (
          <>
            <dt>{t('changes.type.corrected')}</dt>
            <dd>
              <LineLink code={entry.code} eventId={entry.correctsEventId}>
                {t('changes.corrects', { id: entry.correctsEventId.slice(0, 8) })}
              </LineLink>
            </dd>
          </>
        )}
      </dl>
      {/* Koreksi and Batalkan for the roles that may correct this entry (the kind is read from its type and figures). */}
      <CorrectControls entry={entry} code={entry.code} byId={NO_ENTRIES} corrected={!!entry.correctedBy} />
      {entry.changes.length === 0 ? (
        <p className="muted">{t('changes.noFigures')}</p>
      ) : (
        <table className="data figures">
          <caption className="visually-hidden">{t('changes.figures')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('changes.figure')}</th>
              <th scope="col" className="num">
                {t('changes.fromValue')}
              </th>
              <th scope="col" className="num">
                {t('changes.toValue')}
              </th>
            </tr>
          </thead>
          <tbody>
            {entry.changes.map((change) => {
              const label = figureLabel(change.figure, phase);
              return (
                <tr key={change.figure}>
                  <th scope="row">{label.key ? t(label.key, label.values) : change.figure}</th>
                  <td className="num">
                    <FigureValue value={change.from} money={label.money} />
                  </td>
                  <td className="num">
                    <span aria-hidden="true">→ </span>
                    <FigureValue value={change.to} money={label.money} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </li>
  );
}
