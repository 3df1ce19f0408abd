import { Link, useLocation } from 'react-router';
import { useI18n, type MessageKey } from '../../i18n/i18n';

/** "Apa yang ingin Anda catat?": one link per form the user may use; the choice lives in the URL (?form=). */
export function FormChoice({ forms, current }: { forms: string[]; current: string }) {
  const { t } = useI18n();
  const { pathname } = useLocation();
  return (
    <nav aria-labelledby="form-choice-title" className="form-choice">
      <h2 id="form-choice-title">{t('record.choose')}</h2>
      <ul>
        {forms.map((form) => (
          <li key={form}>
            <Link to={`${pathname}?form=${form}`} aria-current={form === current ? 'page' : undefined}>
              {t(`record.form.${form}` as MessageKey)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
