import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorBox } from '../../components/query-view';
import { formatDate, formatRecordedTime } from '../../format';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { groupNip, statusOf, USERS_KEY, usersApi, type UserToken } from './users-api';

const jakartaDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Every user the admin may see, newest first, with "Cabut" behind a confirmation. */
export function UsersTable({ users }: { users: UserToken[] }) {
  const { t, locale } = useI18n();
  const queries = useQueryClient();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [revokedName, setRevokedName] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (user: UserToken) => usersApi.revoke(user.id),
    onSuccess: (user) => {
      setConfirming(null);
      setRevokedName(user.name);
      void queries.invalidateQueries({ queryKey: USERS_KEY });
    },
  });
  // An expiry is a moment; the table shows its calendar date in WIB, the zone the users work in.
  const expiry = (value: string | null) => (value ? formatDate(jakartaDate.format(new Date(value)), locale) : t('users.never'));

  if (!users.length) return <p>{t('users.empty')}</p>;
  return (
    <>
      <div aria-live="polite">{revokedName && <p className="notice">{t('users.revoked', { name: revokedName })}</p>}</div>
      {revoke.isError && <ErrorBox error={revoke.error} />}
      <table className="data users-table" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">{t('users.col.name')}</th>
            <th scope="col">{t('users.col.nip')}</th>
            <th scope="col">{t('users.col.roles')}</th>
            <th scope="col">{t('users.col.offices')}</th>
            <th scope="col">{t('users.col.expires')}</th>
            <th scope="col">{t('users.col.lastUsed')}</th>
            <th scope="col">{t('users.col.status')}</th>
            <th scope="col">{t('users.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {[...users].reverse().map((user) => {
            const status = statusOf(user);
            return (
              <tr key={user.id} data-testid={`user-row-${user.id}`}>
                <th scope="row">{user.name}</th>
                <td className="users-nowrap">{user.nip ? groupNip(user.nip) : t('common.none')}</td>
                <td>{user.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}</td>
                <td>{user.offices === '*' ? t('users.allOffices') : user.offices.join(', ')}</td>
                <td className="users-nowrap">{expiry(user.expiresAt)}</td>
                <td>{user.lastUsedAt ? formatRecordedTime(user.lastUsedAt, locale) : t('users.notUsed')}</td>
                <td>
                  <span className={`users-status users-status-${status}`} data-testid="user-status">
                    {t(`users.status.${status}` as MessageKey)}
                  </span>
                </td>
                <td>
                  {status !== 'revoked' && confirming !== user.id && (
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('users.revokeLabel', { name: user.name })}
                      onClick={() => {
                        setConfirming(user.id);
                        setRevokedName(null);
                      }}
                    >
                      {t('users.revoke')}
                    </button>
                  )}
                  {confirming === user.id && (
                    <div className="users-confirm" role="group" aria-label={t('users.revokeLabel', { name: user.name })}>
                      <p>{t('users.revokeConfirm', { name: user.name })}</p>
                      <button type="button" className="danger" disabled={revoke.isPending} onClick={() => revoke.mutate(user)}>
                        {t('users.revokeYes')}
                      </button>{' '}
                      <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                        {t('users.revokeNo')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
