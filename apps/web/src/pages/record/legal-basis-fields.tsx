import { useI18n } from '../../i18n/i18n';
import { TextField, type Errors } from './form-kit';

export interface LegalBasisValues {
  legalKind: string;
  legalNumber: string;
  legalDate: string;
}
export const EMPTY_LEGAL_BASIS: LegalBasisValues = { legalKind: '', legalNumber: '', legalDate: '' };

/** The dasar hukum as three questions in one fieldset: kind, number, date. */
export function LegalBasisFields({
  values,
  onChange,
  errors,
  required,
}: {
  values: LegalBasisValues;
  onChange: (name: keyof LegalBasisValues, value: string) => void;
  errors: Errors;
  required: boolean;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="form-fieldset">
      <legend>
        {t('record.legalBasis')} {!required && t('record.optional')}
      </legend>
      <p className="hint">{required ? t('record.legalBasisRequired') : t('record.legalBasisOptional')}</p>
      <TextField
        id="legalKind"
        label={t('record.field.legalKind')}
        hint={t('record.field.legalKindHint')}
        error={errors.legalKind}
        value={values.legalKind}
        onChange={(v) => onChange('legalKind', v)}
      />
      <TextField
        id="legalNumber"
        label={t('record.field.legalNumber')}
        hint={t('record.field.legalNumberHint')}
        error={errors.legalNumber}
        value={values.legalNumber}
        onChange={(v) => onChange('legalNumber', v)}
        width="long"
      />
      <TextField
        id="legalDate"
        type="date"
        label={t('record.field.legalDate')}
        error={errors.legalDate}
        value={values.legalDate}
        onChange={(v) => onChange('legalDate', v)}
      />
    </fieldset>
  );
}

/**
 * The legalBasis of the request: all three parts, or none when optional and left empty. A part
 * missing is an error on that field.
 */
export function legalBasisFor(
  errors: Errors,
  values: LegalBasisValues,
  required: boolean,
  t: ReturnType<typeof useI18n>['t'],
): { kind: string; number: string; date: string } | undefined {
  const parts = { legalKind: values.legalKind.trim(), legalNumber: values.legalNumber.trim(), legalDate: values.legalDate };
  const anyGiven = Object.values(parts).some(Boolean);
  if (!required && !anyGiven) return undefined;
  for (const name of ['legalKind', 'legalNumber', 'legalDate'] as const) {
    if (!parts[name]) errors[name] = t('record.required', { field: t(`record.field.${name}`).toLowerCase() });
  }
  return { kind: parts.legalKind, number: parts.legalNumber, date: parts.legalDate };
}

/** API field → input id, for the legal basis and the common fields of a change. */
export const COMMON_FIELD_IDS: Record<string, string> = {
  legalBasis: 'legalKind',
  'legalBasis.kind': 'legalKind',
  'legalBasis.number': 'legalNumber',
  'legalBasis.date': 'legalDate',
  reason: 'reason',
  effectiveDate: 'effectiveDate',
};
