import { useState } from 'react';
import type { Indicator } from '../plan/plan-types';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { readAmount } from './amount';
import { fieldErrors, FormFrame } from './form-frame';
import { SelectField, TextField, type Errors } from './form-kit';
import { COMMON_FIELD_IDS, EMPTY_LEGAL_BASIS, legalBasisFor, LegalBasisFields, type LegalBasisValues } from './legal-basis-fields';
import type { LineFormProps } from './line-form-props';
import { useWrite } from './use-write';

const FIELD_IDS = { ...COMMON_FIELD_IDS, indicator: 'indicator', value: 'value' };

/** Set or revise an indicator's target: the value, the reason, when, and optionally the dasar hukum. */
export function TargetForm({ linePath, seenVersion, onSaved, onReload, indicators }: LineFormProps & { indicators: Indicator[] }) {
  const { t } = useI18n();
  const write = useWrite(FIELD_IDS, 'target-form-title');
  const [values, setValues] = useState({ indicator: indicators[0]?.id ?? '', value: '', reason: '', effectiveDate: '' });
  const [legal, setLegal] = useState<LegalBasisValues>(EMPTY_LEGAL_BASIS);
  const [errors, setErrors] = useState<Errors>({});
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const required = (key: MessageKey) => t('record.required', { field: t(key).toLowerCase() });

  if (!indicators.length) return <p className="notice">{t('record.noIndicators')}</p>;

  const submit = async () => {
    const found: Errors = {};
    const reading = readAmount(values.value, { maxDecimals: 6 });
    if (reading.ok === false) found.value = t(`record.amount.${reading.rule}` as MessageKey);
    else if (reading.ok === null) found.value = required('record.field.value');
    if (!values.reason.trim()) found.reason = required('record.field.reason');
    if (!values.effectiveDate) found.effectiveDate = required('record.field.effectiveDate');
    const legalBasis = legalBasisFor(found, legal, false, t);
    setErrors(found);
    if (Object.keys(found).length || reading.ok !== true) return;
    const body = {
      indicator: values.indicator,
      value: reading.value,
      reason: values.reason.trim(),
      effectiveDate: values.effectiveDate,
      ...(legalBasis && { legalBasis }),
    };
    const result = await write.send(`${linePath}/targets`, body, seenVersion);
    if (result) onSaved(result.version);
  };

  const shown = fieldErrors(errors, write);
  return (
    <FormFrame
      id="target-form"
      title={t('record.form.target')}
      errors={errors}
      write={write}
      linePath={linePath}
      onReload={onReload}
      onSubmit={() => void submit()}
    >
      <SelectField
        id="indicator"
        label={t('record.field.indicator')}
        value={values.indicator}
        onChange={set('indicator')}
        error={shown.indicator}
        options={indicators.map((i) => ({ value: i.id, label: `${i.name} (${i.unit})` }))}
      />
      <TextField
        id="value"
        label={t('record.field.value')}
        hint={t('record.valueHint')}
        error={shown.value}
        value={values.value}
        onChange={set('value')}
      />
      <TextField
        id="reason"
        label={t('record.field.reason')}
        error={shown.reason}
        value={values.reason}
        onChange={set('reason')}
        width="long"
      />
      <TextField
        id="effectiveDate"
        type="date"
        label={t('record.field.effectiveDate')}
        hint={t('record.field.effectiveDateHint')}
        error={shown.effectiveDate}
        value={values.effectiveDate}
        onChange={set('effectiveDate')}
      />
      <LegalBasisFields
        values={legal}
        onChange={(name, value) => setLegal((l) => ({ ...l, [name]: value }))}
        errors={shown}
        required={false}
      />
    </FormFrame>
  );
}
