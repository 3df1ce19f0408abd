import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { formatRupiah } from '../../format';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import {
  buildCorrection,
  EMPTY_VALUES,
  FIGURE_FIELDS,
  formField,
  readAmount,
  type CorrectionValues,
  type FieldError,
  type FieldId,
} from './correction-body';
import { describedBy, FormField } from './form-field';
import type { CorrectableKind } from './may-correct';

const PHASES = ['RKPD', 'RENJA', 'KUA_PPAS', 'APBD', 'PERGESERAN', 'APBD_P', 'PRAKIRAAN_MAJU'];

interface Props {
  eventId: string;
  kind: CorrectableKind;
  reverse: boolean;
  recorded: Partial<CorrectionValues>;
  /** Where to go after the write: the line page, at the new entry. */
  linePage: string;
}

type Errors = Partial<Record<FieldId, FieldError>> & { form?: FieldError };

/** The server's refusal as a message by the field it names (in Indonesian for the rules the form knows). */
function serverError(error: unknown, t: (k: MessageKey) => string): Errors {
  if (!(error instanceof ApiError)) return { form: { key: 'correct.err.server', values: { message: String(error) } } };
  const known = `correct.err.${error.status === 403 ? 'FORBIDDEN' : error.rule}` as MessageKey;
  const message: FieldError = t(known) !== known ? { key: known } : { key: 'correct.err.server', values: { message: error.message } };
  const field = error.status === 403 || error.status === 409 ? null : formField(error.field);
  return field ? { [field]: message } : { form: message };
}

/**
 * Koreksi (replace figures) or Batalkan (reverse): the entry's figures prefilled, the reason and the
 * dasar hukum asked, sent once with an Idempotency-Key (a retry of the same body reuses it).
 */
export function CorrectionForm({ eventId, kind, reverse, recorded, linePage }: Props) {
  const { t, locale } = useI18n();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [values, setValues] = useState<CorrectionValues>({ ...EMPTY_VALUES, ...recorded });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const errorList = Object.entries(errors) as Array<[FieldId | 'form', FieldError]>;
  useEffect(() => {
    if (errorList.length > 0) summary.current?.focus();
  }, [errors]); // eslint-disable-line react-hooks/exhaustive-deps -- focus once per submission's errors

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const built = buildCorrection(kind, reverse, values, recorded);
    if (built.errors) return setErrors(built.errors);
    const text = JSON.stringify(built.body);
    if (attempt.current?.body !== text) attempt.current = { body: text, key: crypto.randomUUID() };
    setBusy(true);
    try {
      const result = await api.post<{ eventIds: string[] }>(`/api/v1/events/${eventId}/corrections`, built.body, {
        'Idempotency-Key': attempt.current.key,
      });
      await queries.invalidateQueries();
      void navigate(`${linePage}#event-${result.eventIds[0]}`);
    } catch (error) {
      setErrors(serverError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const input = (id: FieldId, type = 'text', extra: Record<string, string> = {}) => (
    <input
      id={id}
      name={id}
      type={type}
      value={values[id]}
      aria-describedby={describedBy(id, errors[id])}
      aria-invalid={errors[id] ? true : undefined}
      onChange={(e) => setValues((v) => ({ ...v, [id]: e.target.value }))}
      {...extra}
    />
  );
  const amountHint = (id: 'amount' | 'delta') => {
    const read = readAmount(values[id], id === 'delta');
    return (
      <>
        {t('correct.amountHint')} {recorded[id] === undefined && t('correct.amountKeepHint')}
        {read && (
          <span className="correct-read-as" role="status">
            {' '}
            {t('correct.readAs', { amount: formatRupiah(read, locale) })}
          </span>
        )}
      </>
    );
  };
  const figures = reverse ? [] : FIGURE_FIELDS[kind].filter((f) => f !== 'delta' || recorded.delta !== undefined);
  const label = (id: FieldId) => t(`correct.${id}` as MessageKey);

  return (
    <form className="correct-form" onSubmit={(e) => void submit(e)} noValidate>
      {errorList.length > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <h2>{t('correct.errorSummary')}</h2>
          <ul>
            {errorList.map(([field, error]) => (
              <li key={field}>{field === 'form' ? t(error.key, error.values) : <a href={`#${field}`}>{t(error.key, error.values)}</a>}</li>
            ))}
          </ul>
        </div>
      )}
      {figures.map((id) => (
        <FormField
          key={id}
          id={id}
          label={label(id)}
          error={errors[id]}
          hint={id === 'amount' || id === 'delta' ? amountHint(id) : t(`correct.${id}Hint` as MessageKey)}
        >
          {id === 'phase' ? (
            <select
              id={id}
              name={id}
              value={values.phase}
              aria-describedby={describedBy(id, errors[id])}
              onChange={(e) => setValues((v) => ({ ...v, phase: e.target.value }))}
            >
              {PHASES.map((p) => (
                <option key={p} value={p}>
                  {t(`phase.${p}` as MessageKey)}
                </option>
              ))}
            </select>
          ) : (
            input(
              id,
              id === 'effectiveDate' ? 'date' : 'text',
              id === 'amount' || id === 'delta' || id === 'value' ? { inputMode: 'decimal', autoComplete: 'off' } : {},
            )
          )}
        </FormField>
      ))}
      <FormField id="reason" label={t('correct.reason')} hint={t('correct.reasonHint')} error={errors.reason}>
        <textarea
          id="reason"
          name="reason"
          value={values.reason}
          aria-describedby={describedBy('reason', errors.reason)}
          aria-invalid={errors.reason ? true : undefined}
          onChange={(e) => setValues((v) => ({ ...v, reason: e.target.value }))}
        />
      </FormField>
      <fieldset>
        <legend>{t('correct.legalBasis')}</legend>
        <p className="hint">{t('correct.legalBasisHint')}</p>
        <FormField id="legalKind" label={t('correct.legalKind')} hint={t('correct.legalKindHint')} error={errors.legalKind}>
          {input('legalKind')}
        </FormField>
        <FormField id="legalNumber" label={t('correct.legalNumber')} error={errors.legalNumber}>
          {input('legalNumber')}
        </FormField>
        <FormField id="legalDate" label={t('correct.legalDate')} error={errors.legalDate}>
          {input('legalDate', 'date')}
        </FormField>
      </fieldset>
      <p>
        <button type="submit" disabled={busy}>
          {busy ? t('correct.sending') : reverse ? t('correct.submitReverse') : t('correct.submitReplace')}
        </button>
      </p>
    </form>
  );
}
