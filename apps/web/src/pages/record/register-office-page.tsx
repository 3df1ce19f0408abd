import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { usePageTitle } from '../../components/page-title';
import { useI18n } from '../../i18n/i18n';
import { todayInJakarta } from '../../format';
import { fieldErrors, FormFrame } from './form-frame';
import { TextField, type Errors } from './form-kit';
import { useWrite } from './use-write';
import './record.css';

const FIELD_IDS = { code: 'officeCode', name: 'officeName' };

/**
 * Tambah perangkat daerah (admins): registers an office, the first write of an empty ledger, then leads
 * to registering its lines for a year (an office without lines is not yet on Beranda).
 */
export default function RegisterOfficePage() {
  const { t } = useI18n();
  const { session } = useSession();
  usePageTitle(t('record.office.title'));
  const write = useWrite(FIELD_IDS, 'office-form-title');
  const [values, setValues] = useState({ code: '', name: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [registered, setRegistered] = useState<string | null>(null);
  const year = todayInJakarta().slice(0, 4);
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  if (session && !session.roles.includes('admin')) {
    return (
      <article>
        <h1>{t('record.office.title')}</h1>
        <p className="notice">{t('record.office.adminOnly')}</p>
      </article>
    );
  }

  const submit = async () => {
    const found: Errors = {};
    if (!values.code.trim()) found.officeCode = t('record.required', { field: t('record.office.code').toLowerCase() });
    if (!values.name.trim()) found.officeName = t('record.required', { field: t('record.office.name').toLowerCase() });
    setErrors(found);
    if (Object.keys(found).length) return;
    const code = values.code.trim().toUpperCase();
    const result = await write.send('/api/v1/offices', { code, name: values.name.trim() });
    if (result) {
      setRegistered(code);
      setValues({ code: '', name: '' });
    }
  };

  const shown = fieldErrors(errors, write);
  return (
    <article>
      <h1>{t('record.office.title')}</h1>
      <p>{t('record.office.intro')}</p>
      {registered && (
        <p className="notice" role="status" data-testid="office-registered">
          {t('record.office.done', { code: registered })}{' '}
          <Link to={`/${year}/${registered}/catat?form=line`}>{t('record.office.next', { code: registered, year })}</Link>
        </p>
      )}
      <FormFrame id="office-form" title={t('record.office.form')} errors={errors} write={write} onSubmit={() => void submit()}>
        <TextField
          id="officeCode"
          label={t('record.office.code')}
          hint={t('record.office.codeHint')}
          error={shown.officeCode}
          value={values.code}
          onChange={set('code')}
        />
        <TextField
          id="officeName"
          label={t('record.office.name')}
          error={shown.officeName}
          value={values.name}
          onChange={set('name')}
          width="long"
        />
      </FormFrame>
    </article>
  );
}
