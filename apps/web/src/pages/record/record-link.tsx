import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import { mayWriteLine, writeRights } from './permissions';

/**
 * "Catat perubahan" (a line) or "Catat" (the office): shown only to a user whose roles may record in
 * this office. The server checks every write again; this only keeps inspectors' pages free of dead ends.
 */
export function RecordLink({ year, office, code }: { year: string; office: string; code?: string }) {
  const { t } = useI18n();
  const { session } = useSession();
  const rights = writeRights(session, office);
  if (code ? !mayWriteLine(rights) : !(rights.plan || rights.budget)) return null;
  const to = code ? `/${year}/${office}/lines/${code}/catat` : `/${year}/${office}/catat`;
  return (
    <p className="record-link">
      <Link to={to} className="button" data-testid="record-link">
        {t(code ? 'record.link' : 'record.officeLink')}
      </Link>
    </p>
  );
}
