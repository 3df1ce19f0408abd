import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../api/session';
import { usePageTitle } from '../../components/page-title';
import { QueryView } from '../../components/query-view';
import { useI18n } from '../../i18n/i18n';
import { IssuedToken } from './issued-token';
import { NewUserForm } from './new-user-form';
import { USERS_KEY, usersApi, type IssuedUser } from './users-api';
import { UsersTable } from './users-table';
import './users.css';

/**
 * Pengguna (admins): who may sign in, with which roles and offices, until when; add a user (the token is
 * shown once) and revoke one. The server checks the admin role again on every request.
 */
export default function UsersPage() {
  const { t } = useI18n();
  usePageTitle(t('users.title'));
  const { session, loading } = useSession();
  const isAdmin = !!session?.roles.includes('admin');
  const users = useQuery({ queryKey: USERS_KEY, queryFn: usersApi.list, enabled: isAdmin });
  const [issued, setIssued] = useState<IssuedUser | null>(null);

  if (loading) return <h1>{t('users.title')}</h1>;
  if (!isAdmin)
    return (
      <>
        <h1>{t('users.title')}</h1>
        <div className="error-box" role="alert">
          <h2>{t('common.forbidden')}</h2>
        </div>
      </>
    );
  return (
    <section className="users">
      <h1>{t('users.title')}</h1>
      <p className="users-intro">{t('users.intro')}</p>
      {issued && <IssuedToken issued={issued} onDone={() => setIssued(null)} />}
      <h2>{t('users.listHeading')}</h2>
      <QueryView query={users}>{(list) => <UsersTable users={list} />}</QueryView>
      <NewUserForm onIssued={setIssued} />
    </section>
  );
}
