import { useEffect, useRef, type ReactNode } from 'react';
import { formatRupiah } from '../../format';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { readAmount } from './amount';

/** An error of a form: the field it is about (its input's id) and what to say. */
export interface FieldError {
  id: string;
  message: string;
}
export type Errors = Record<string, string>;

/**
 * The GOV.UK error summary: at the top of the form, focused when it appears so a screen reader reads
 * it, each problem a link to its field.
 */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.id}:${e.message}`).join('|');
  useEffect(() => {
    if (signature) box.current?.focus();
  }, [signature]);
  if (!errors.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby="error-summary-title" data-testid="error-summary">
      <h2 id="error-summary-title">{t('record.summaryTitle')}</h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.id}-${e.message}`}>
            <a href={`#${e.id}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => ReactNode;
  after?: ReactNode;
}

/** One question: label, hint, the error next to it, then the input (told which texts describe it). */
export function Field({ id, label, hint, error, children, after }: FieldProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field${error ? ' form-field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children(describedBy)}
      {after}
    </div>
  );
}

interface InputProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date';
  width?: 'short' | 'long';
}

export function TextField({ id, label, hint, error, value, onChange, type = 'text', width }: InputProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          id={id}
          name={id}
          type={type}
          className={width ? `input-${width}` : undefined}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A longer text (a faktor note): several lines, the same label, hint and error as a text field. */
export function TextAreaField({ id, label, hint, error, value, onChange }: Omit<InputProps, 'type' | 'width'>) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <textarea
          id={id}
          name={id}
          rows={3}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  options,
}: Omit<InputProps, 'type' | 'width'> & { options: Array<{ value: string; label: string }> }) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          id={id}
          name={id}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** An amount typed the Indonesian way, with what it was read as shown under it before anything is sent. */
export function AmountField(props: Omit<InputProps, 'type'> & { signed?: boolean }) {
  const { t, locale } = useI18n();
  const reading = readAmount(props.value, { signed: props.signed });
  return (
    <Field
      id={props.id}
      label={props.label}
      hint={props.hint}
      error={props.error}
      after={
        <p className="read-as" id={`${props.id}-read`} aria-live="polite" data-testid={`${props.id}-read`}>
          {reading.ok === true
            ? t('record.readAs', { amount: formatRupiah(reading.value, locale) })
            : reading.ok === false && !props.error
              ? t(`record.amount.${reading.rule}` as MessageKey)
              : ''}
        </p>
      }
    >
      {(describedBy) => (
        <input
          id={props.id}
          name={props.id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          className="input-amount"
          value={props.value}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={[describedBy, `${props.id}-read`].filter(Boolean).join(' ')}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/**
 * Checks an amount field before sending: required or not, and readable by the importer's parser.
 * Returns the decimal string to send (undefined when empty and optional) or records the error.
 */
export function amountFor(
  errors: Errors,
  id: string,
  text: string,
  t: (key: MessageKey, values?: Record<string, string>) => string,
  options: { required?: boolean; label: string; signed?: boolean },
): string | undefined {
  const reading = readAmount(text, { signed: options.signed });
  if (reading.ok === true) return reading.value;
  if (reading.ok === false) errors[id] = t(`record.amount.${reading.rule}` as MessageKey);
  else if (options.required) errors[id] = t('record.required', { field: options.label.toLowerCase() });
  return undefined;
}
