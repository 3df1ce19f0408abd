import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ErrorSummary, type Errors } from './form-kit';
import { SavedNotice, StaleNotice } from './stale-notice';
import type { useWrite } from './use-write';

interface FormFrameProps {
  id: string;
  title: string;
  /** The form's own checks (field id → message), shown with the server's refusals. */
  errors: Errors;
  write: ReturnType<typeof useWrite>;
  /** The line the form writes to, for the "changed meanwhile" answer. */
  linePath?: string;
  onReload?: () => void;
  onSubmit: () => void;
  children: ReactNode;
}

/** A form with its error summary at the top, the outcome of the last send, and one submit button. */
export function FormFrame({ id, title, errors, write, linePath, onReload, onSubmit, children }: FormFrameProps) {
  const { t } = useI18n();
  const summary = [...Object.entries(errors).map(([field, message]) => ({ id: field, message })), ...write.refusals];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form id={id} noValidate onSubmit={submit} aria-labelledby={`${id}-title`} className="record-form">
      <h2 id={`${id}-title`} tabIndex={-1}>
        {title}
      </h2>
      <ErrorSummary errors={summary} />
      {write.outcome?.kind === 'stale' && linePath && onReload && (
        <StaleNotice linePath={linePath} seenVersion={write.outcome.seenVersion} onReload={onReload} />
      )}
      {write.outcome?.kind === 'saved' && <SavedNotice version={write.outcome.version} replayed={write.outcome.replayed} />}
      {children}
      <button type="submit" className="button-primary" aria-disabled={write.sending || undefined}>
        {write.sending ? t('record.sending') : t('record.submit')}
      </button>
    </form>
  );
}

/** Field errors of the form and the server's refusals merged for the inputs (the refusal wins). */
export function fieldErrors(errors: Errors, write: ReturnType<typeof useWrite>): Errors {
  const merged = { ...errors };
  for (const r of write.refusals) merged[r.id] = r.message;
  return merged;
}
