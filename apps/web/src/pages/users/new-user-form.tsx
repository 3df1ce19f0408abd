import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import type { Role } from '../../api/session';
import { ErrorBox } from '../../components/query-view';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { Choice, ErrorSummary, FIELD_TARGET, Question, describedBy, type FieldErrors, type UserField } from './form-parts';
import { EXPIRIES, isNip, ROLE_ORDER, USERS_KEY, usersApi, type Expiry, type IssuedUser, type NewUser } from './users-api';

const FIELDS: UserField[] = ['name', 'nip', 'roles', 'offices', 'expires'];
const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

/**
 * Tambah pengguna: one question per field, checked here first (the same rules as the server) and then by
 * the server, whose refusal names the field; the token comes back once and is handed to `onIssued`.
 */
export function NewUserForm({ onIssued }: { onIssued: (user: IssuedUser) => void }) {
  const { t } = useI18n();
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [nip, setNip] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [allOffices, setAllOffices] = useState<boolean | null>(null);
  const [offices, setOffices] = useState<string[]>([]);
  const [expires, setExpires] = useState<Expiry>('90d');
  const [errors, setErrors] = useState<FieldErrors>({});
  const summary = useRef<HTMLDivElement>(null);
  const officeList = useQuery({ queryKey: ['offices'], queryFn: usersApi.offices });

  const create = useMutation({
    mutationFn: (user: NewUser) => usersApi.create(user),
    onSuccess: (issued) => {
      setName('');
      setNip('');
      setRoles([]);
      setAllOffices(null);
      setOffices([]);
      setExpires('90d');
      void queries.invalidateQueries({ queryKey: USERS_KEY });
      onIssued(issued);
    },
    onError: (error) => {
      // A refusal naming one of our fields goes next to that field; anything else is shown below the form.
      // The NIP's rule is the same on both sides, so its refusal is said in the user's language.
      if (error instanceof ApiError && FIELDS.includes(error.field as UserField))
        setErrors({ [error.field as UserField]: error.field === 'nip' ? t('users.nipInvalid') : error.message });
    },
  });
  const errorCount = Object.keys(errors).length;
  useEffect(() => {
    if (errorCount) summary.current?.focus();
  }, [errors, errorCount]);

  const check = (): FieldErrors => {
    const found: FieldErrors = {};
    if (!name.trim()) found.name = t('users.nameRequired');
    if (nip.trim() && !isNip(nip.trim())) found.nip = t('users.nipInvalid');
    if (!roles.length) found.roles = t('users.rolesRequired');
    if (allOffices === null || (!allOffices && !offices.length)) found.offices = t('users.officesRequired');
    return found;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) return;
    create.mutate({
      name: name.trim(),
      ...(nip.trim() && { nip: nip.trim() }),
      roles,
      offices: allOffices ? '*' : offices,
      expires,
    });
  };

  const fieldError = create.isError && !(create.error instanceof ApiError && FIELDS.includes(create.error.field as UserField));
  return (
    <section aria-labelledby="add-user-heading" className="users-form">
      <h2 id="add-user-heading">{t('users.add')}</h2>
      <p>{t('users.addIntro')}</p>
      <ErrorSummary title={t('users.errorSummary')} errors={errors} summaryRef={summary} />
      <form onSubmit={submit} noValidate data-testid="new-user-form">
        <Question field="name" label={t('users.name')} hint={t('users.nameHint')} error={errors.name}>
          <input
            id={FIELD_TARGET.name}
            type="text"
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-describedby={describedBy('name', 'hint', errors.name)}
            aria-invalid={!!errors.name}
          />
        </Question>
        <Question field="nip" label={t('users.nip')} hint={t('users.nipHint')} error={errors.nip}>
          <input
            id={FIELD_TARGET.nip}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            className="users-nip"
            value={nip}
            onChange={(e) => setNip(e.target.value)}
            aria-describedby={describedBy('nip', 'hint', errors.nip)}
            aria-invalid={!!errors.nip}
          />
        </Question>
        <Question field="roles" group label={t('users.roles')} hint={t('users.rolesHint')} error={errors.roles}>
          {ROLE_ORDER.map((role) => (
            <Choice
              key={role}
              type="checkbox"
              id={`user-role-${role}`}
              name="roles"
              label={t(`role.${role}` as MessageKey)}
              description={t(`users.roleDesc.${role}` as MessageKey)}
              checked={roles.includes(role)}
              onChange={() => setRoles((list) => toggle(list, role))}
            />
          ))}
        </Question>
        <Question field="offices" group label={t('users.offices')} hint={t('users.officesHint')} error={errors.offices}>
          <Choice
            type="radio"
            id="user-offices-all"
            name="office-scope"
            label={t('users.officesAll')}
            checked={allOffices === true}
            onChange={() => setAllOffices(true)}
          />
          <Choice
            type="radio"
            id="user-offices-some"
            name="office-scope"
            label={t('users.officesSome')}
            checked={allOffices === false}
            onChange={() => setAllOffices(false)}
          />
          {allOffices === false && (
            <fieldset className="users-offices" aria-label={t('users.officesChoose')}>
              {officeList.isError && <ErrorBox error={officeList.error} />}
              {officeList.data?.length === 0 && <p className="hint">{t('users.officesNone')}</p>}
              {officeList.data?.map((office) => (
                <Choice
                  key={office.code}
                  type="checkbox"
                  id={`user-office-${office.code}`}
                  name="offices"
                  label={`${office.code} — ${office.name}`}
                  checked={offices.includes(office.code)}
                  onChange={() => setOffices((list) => toggle(list, office.code))}
                />
              ))}
            </fieldset>
          )}
        </Question>
        <Question field="expires" group label={t('users.expires')} hint={t('users.expiresHint')} error={errors.expires}>
          {EXPIRIES.map((value) => (
            <Choice
              key={value}
              type="radio"
              id={`user-expires-${value}`}
              name="expires"
              label={t(`users.expires.${value}` as MessageKey)}
              checked={expires === value}
              onChange={() => setExpires(value)}
            />
          ))}
        </Question>
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? t('users.saving') : t('users.submit')}
        </button>
      </form>
      {fieldError && <ErrorBox error={create.error} />}
    </section>
  );
}
