import type { ReactNode } from 'react';
import { useSession } from '../../api/session';
import { usePageTitle } from '../../components/page-title';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { PERMISSION_MATRIX } from './role-matrix';
import { ROLE_ORDER } from './users-api';
import './users.css';

/** Peran (everyone): who may do what, in Indonesian, and what the signed-in user may do. */
export default function RolesPage() {
  const { t } = useI18n();
  usePageTitle(t('roles.title'));
  const { session } = useSession();
  const mine = session?.roles ?? [];
  const roleName = (role: string) => t(`role.${role}` as MessageKey);

  return (
    <section className="roles">
      <h1>{t('roles.title')}</h1>
      <p className="users-intro">{t('roles.intro')}</p>
      {session && (
        <section aria-labelledby="roles-yours-heading">
          <h2 id="roles-yours-heading">{t('roles.yours')}</h2>
          <dl className="roles-yours" data-testid="roles-yours">
            <dt>{t('roles.yourRoles')}</dt>
            <dd>{session.roles.map(roleName).join(', ')}</dd>
            <dt>{t('roles.yourOffices')}</dt>
            <dd>{session.offices === '*' ? t('roles.allOffices') : session.offices.join(', ')}</dd>
          </dl>
        </section>
      )}
      <h2 id="roles-matrix-heading">{t('roles.matrix')}</h2>
      <table className="data roles-matrix" aria-labelledby="roles-matrix-heading" data-testid="roles-matrix">
        <thead>
          <tr>
            <th scope="col">{t('roles.action')}</th>
            {ROLE_ORDER.map((role) => (
              <th scope="col" key={role} className={mine.includes(role) ? 'roles-you' : undefined}>
                {roleName(role)}
                {mine.includes(role) && ` ${t('roles.you')}`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PERMISSION_MATRIX.map((row) => (
            <tr key={row.action}>
              <th scope="row">
                {t(row.action)}
                {'note' in row && row.note && <p className="hint">{t(row.note)}</p>}
              </th>
              {'spanText' in row ? (
                <td colSpan={ROLE_ORDER.length} className="roles-span">
                  {t(row.spanText)}
                </td>
              ) : (
                ROLE_ORDER.map((role) => <td key={role}>{cell(row.roles.includes(role), row.cellText && t(row.cellText), t)}</td>)
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** ✔ or nothing for the eye; "boleh"/"tidak" for a screen reader. */
function cell(allowed: boolean, text: string | undefined, t: (key: MessageKey) => string): ReactNode {
  if (!allowed) return <span className="visually-hidden">{t('roles.notAllowed')}</span>;
  if (text) return text;
  return (
    <>
      <span aria-hidden="true">✔</span>
      <span className="visually-hidden">{t('roles.allowed')}</span>
    </>
  );
}
