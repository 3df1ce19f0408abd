import { DateText, LegalBasis, RecordedTime } from '../../components/figures';
import { formatDate } from '../../format';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';
import { changeValue, correctionsOf, effectiveAfter } from './history-format';
import type { HistoryEntry } from './line-types';
import { CorrectControls } from '../correct/correct-controls';

const ROMAN = ['', 'I', 'II', 'III', 'IV'];
const PHASES = new Set(['RKPD', 'RENJA', 'KUA_PPAS', 'APBD', 'PERGESERAN', 'APBD_P', 'PRAKIRAAN_MAJU']);

/** "pagu.APBD_P.DID" → "Pagu APBD-P · DID", "realisation.Q4" → "Realisasi TW IV"; unknown figures as recorded. */
function figureLabel(figure: string, t: Translate): string {
  const [head, ...rest] = figure.split('.');
  const phase = (p: string) => (PHASES.has(p) ? t(`phase.${p}` as MessageKey) : p);
  if (head === 'line') return t('line.colLine');
  if (head === 'indicator') return `${t('line.colIndicator')} ${rest.join('.')}`;
  if (head === 'target') return `${t('line.colTarget')} ${rest.join('.')}`;
  if (head === 'pagu') return rest[0] === 'current' ? t('line.currentPagu') : `Pagu ${rest.map(phase).join(' · ')}`;
  if (head === 'realisation') {
    const period = rest.map((p) =>
      p === 'cumulative' ? t('line.colCumulative') : /^Q[1-4]$/.test(p) ? t('line.quarter', { n: ROMAN[Number(p[1])] }) : p,
    );
    return `${t('line.realised')} ${period.join(' ')}`;
  }
  return figure;
}

/** The event type in words; a type this page does not know yet is shown as recorded. */
function typeLabel(type: string, t: Translate): string {
  const key = `line.type.${type}`;
  const label = t(key as MessageKey);
  return label === key ? type : label;
}

/** A change of the entry with its "from → to". */
function Change({ change }: { change: HistoryEntry['changes'][number] }) {
  const { t, locale } = useI18n();
  return (
    <li>
      <span className="history-figure">{figureLabel(change.figure, t)}</span>: {changeValue(change.figure, change.from, locale)} →{' '}
      {changeValue(change.figure, change.to, locale)}
    </li>
  );
}

/**
 * Riwayat revisi: every entry of the line's history, newest last (the ledger's order). A corrected
 * entry is struck through and links to the entry that corrects it; the correction links back. Each
 * entry is an anchor (#event-<eventId>) that the pagu trail table also links to.
 */
export function HistoryTimeline({
  entries,
  validAt,
  corrections = true,
}: {
  entries: HistoryEntry[];
  validAt?: string;
  /** Whether to offer Koreksi and Batalkan (the correction page shows its entry without them). */
  corrections?: boolean;
}) {
  const { t, locale } = useI18n();
  const correctedBy = correctionsOf(entries);
  const byId = new Map(entries.map((e) => [e.eventId, e]));
  if (entries.length === 0) return <p>{t('line.historyEmpty')}</p>;
  return (
    <ol className="history">
      {entries.map((entry) => {
        const correction = correctedBy.get(entry.eventId);
        const corrected = entry.correctsEventId ? byId.get(entry.correctsEventId) : undefined;
        return (
          <li key={entry.eventId} id={`event-${entry.eventId}`} className="history-entry" tabIndex={-1}>
            <div className={correction ? 'struck' : undefined}>
              <h3>
                {typeLabel(entry.type, t)} <span className="muted">({t('line.position', { position: entry.position })})</span>
              </h3>
              <dl className="history-facts">
                <dt>{t('line.actor')}</dt>
                <dd>{entry.actor ?? '—'}</dd>
                <dt>{t('line.recordedAt')}</dt>
                <dd>
                  <RecordedTime value={entry.recordedAt} />
                </dd>
                <dt>{t('line.effectiveDate')}</dt>
                <dd>
                  <DateText value={entry.effectiveDate} />
                  {effectiveAfter(entry, validAt) && (
                    <strong className="history-flag"> — {t('line.notYetEffective', { date: formatDate(validAt, locale) })}</strong>
                  )}
                </dd>
                {entry.reason && (
                  <>
                    <dt>{t('line.reason')}</dt>
                    <dd>{entry.reason}</dd>
                  </>
                )}
                {entry.legalBasis && (
                  <>
                    <dt>{t('line.legalBasis')}</dt>
                    <dd>
                      <LegalBasis value={entry.legalBasis} />
                    </dd>
                  </>
                )}
              </dl>
              {entry.changes.length > 0 && (
                <ul className="history-changes" aria-label={t('line.changes')}>
                  {entry.changes.map((change, index) => (
                    <Change key={`${change.figure}-${index}`} change={change} />
                  ))}
                </ul>
              )}
            </div>
            {correction && (
              <p className="history-link">
                <a href={`#event-${correction.eventId}`}>{t('line.correctedBy', { position: correction.position })}</a>
              </p>
            )}
            {entry.correctsEventId && (
              <p className="history-link">
                <a href={`#event-${entry.correctsEventId}`}>
                  {t('line.corrects', { position: corrected?.position ?? entry.correctsEventId })}
                </a>
              </p>
            )}
            {/* Koreksi and Batalkan, for the roles that may correct this entry; the line is the page's. */}
            {corrections && <CorrectControls entry={entry} byId={byId} corrected={!!correction} />}
          </li>
        );
      })}
    </ol>
  );
}
