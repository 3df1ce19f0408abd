import { Link, useParams } from 'react-router';
import { useSession } from '../../api/session';
import { useAsOf } from '../../app/as-of';
import { useI18n } from '../../i18n/i18n';
import { mayCorrect, type EntryFacts } from './may-correct';
import './correct.css';

/** The correction page of an entry: /{year}/{office}/lines/{code}/koreksi/{eventId}, ?mode=batal for a reversal. */
export const correctionPath = (year: string, office: string, code: string, eventId: string, reverse = false) =>
  `/${year}/${office}/lines/${encodeURIComponent(code)}/koreksi/${eventId}${reverse ? '?mode=batal' : ''}`;

interface Props {
  entry: EntryFacts & { position: number };
  /** The entry's line: the change log spans lines; on a line page, the page's line. */
  code?: string;
  byId: ReadonlyMap<string, EntryFacts>;
  corrected: boolean;
}

/**
 * "Koreksi" and "Batalkan" on an entry, for the roles that may record its kind in this office and only
 * while it is the latest version. A past view (knownAt) shows none: a correction targets the present.
 */
export function CorrectControls(props: Props) {
  const { entry, byId, corrected } = props;
  const { t } = useI18n();
  const { session } = useSession();
  const { knownAt } = useAsOf();
  const params = useParams();
  const { year = '', office = '' } = params;
  const code = props.code ?? params.code ?? '';
  if (knownAt || !mayCorrect(session, office, entry, byId, corrected)) return null;
  return (
    <p className="correct-controls">
      <Link
        className="button"
        to={correctionPath(year, office, code, entry.eventId)}
        aria-label={t('correct.koreksiLabel', { position: entry.position })}
      >
        {t('correct.koreksi')}
      </Link>
      <Link
        className="button secondary"
        to={correctionPath(year, office, code, entry.eventId, true)}
        aria-label={t('correct.batalkanLabel', { position: entry.position })}
      >
        {t('correct.batalkan')}
      </Link>
    </p>
  );
}
