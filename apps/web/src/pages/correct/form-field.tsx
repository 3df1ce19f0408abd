import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { FieldError } from './correction-body';

interface Props {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: FieldError;
  /** The input, given aria-describedby by the caller through describedBy(). */
  children: ReactNode;
}

/** The ids an input is described by: its hint and, when there is one, its error. */
export const describedBy = (id: string, error: FieldError | undefined) => `${id}-hint${error ? ` ${id}-error` : ''}`;

/** One question: label, hint, the error next to the field (GOV.UK style), then the input. */
export function FormField({ id, label, hint, error, children }: Props) {
  const { t } = useI18n();
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="hint" id={`${id}-hint`}>
        {hint}
      </div>
      {error && (
        <p className="error-message" id={`${id}-error`}>
          {t(error.key, error.values)}
        </p>
      )}
      {children}
    </div>
  );
}
