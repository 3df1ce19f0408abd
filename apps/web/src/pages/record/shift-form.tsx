import { useState } from 'react';
import type { PlanLine } from '../plan/plan-types';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { fieldErrors, FormFrame } from './form-frame';
import { amountFor, AmountField, SelectField, TextField, type Errors } from './form-kit';
import { COMMON_FIELD_IDS, EMPTY_LEGAL_BASIS, legalBasisFor, LegalBasisFields, type LegalBasisValues } from './legal-basis-fields';
import { useWrite } from './use-write';

const FIELD_IDS = { ...COMMON_FIELD_IDS, fromCode: 'fromCode', toCode: 'toCode', fundingSource: 'fundingSource', amount: 'amount' };

/**
 * Pergeseran: budget moves from one sub kegiatan to another, both or neither. If-Match carries the
 * version of the line giving the budget as the plan showed it when the form opened.
 */
export function ShiftForm({ officePath, lines, onReload }: { officePath: string; lines: PlanLine[]; onReload: () => void }) {
  const { t } = useI18n();
  const write = useWrite(FIELD_IDS, 'shift-form-title');
  const subs = lines.filter((l) => l.level === 'sub_kegiatan');
  const [values, setValues] = useState({ fromCode: '', toCode: '', fundingSource: '', amount: '', reason: '', effectiveDate: '' });
  const [legal, setLegal] = useState<LegalBasisValues>(EMPTY_LEGAL_BASIS);
  const [errors, setErrors] = useState<Errors>({});
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const required = (key: MessageKey) => t('record.required', { field: t(key).toLowerCase() });
  const from = subs.find((l) => l.code === values.fromCode);

  const submit = async () => {
    const found: Errors = {};
    if (!values.fromCode) found.fromCode = required('record.field.fromCode');
    if (!values.toCode) found.toCode = required('record.field.toCode');
    if (!values.fundingSource.trim()) found.fundingSource = required('record.field.fundingSource');
    const amount = amountFor(found, 'amount', values.amount, t, { required: true, label: t('record.field.amount') });
    if (!values.reason.trim()) found.reason = required('record.field.reason');
    const legalBasis = legalBasisFor(found, legal, true, t);
    if (!values.effectiveDate) found.effectiveDate = required('record.field.effectiveDate');
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = {
      fromCode: values.fromCode,
      toCode: values.toCode,
      fundingSource: values.fundingSource.trim().toUpperCase(),
      amount,
      reason: values.reason.trim(),
      legalBasis,
      effectiveDate: values.effectiveDate,
    };
    await write.send(`${officePath}/shifts`, body, from?.version);
  };

  const shown = fieldErrors(errors, write);
  const options = [{ value: '', label: t('record.chooseLine') }, ...subs.map((l) => ({ value: l.code, label: `${l.code} ${l.name}` }))];
  return (
    <FormFrame
      id="shift-form"
      title={t('record.form.shift')}
      errors={errors}
      write={write}
      linePath={from ? `${officePath}/lines/${encodeURIComponent(from.code)}` : undefined}
      onReload={onReload}
      onSubmit={() => void submit()}
    >
      <SelectField
        id="fromCode"
        label={t('record.field.fromCode')}
        value={values.fromCode}
        onChange={set('fromCode')}
        error={shown.fromCode}
        options={options}
      />
      <SelectField
        id="toCode"
        label={t('record.field.toCode')}
        value={values.toCode}
        onChange={set('toCode')}
        error={shown.toCode}
        options={options}
      />
      <TextField
        id="fundingSource"
        label={t('record.field.fundingSource')}
        hint={t('record.field.fundingSourceHint')}
        error={shown.fundingSource}
        value={values.fundingSource}
        onChange={set('fundingSource')}
      />
      <AmountField
        id="amount"
        label={t('record.field.amount')}
        hint={t('record.amountHint')}
        error={shown.amount}
        value={values.amount}
        onChange={set('amount')}
      />
      <TextField
        id="reason"
        label={t('record.field.reason')}
        error={shown.reason}
        value={values.reason}
        onChange={set('reason')}
        width="long"
      />
      <LegalBasisFields values={legal} onChange={(name, value) => setLegal((l) => ({ ...l, [name]: value }))} errors={shown} required />
      <TextField
        id="effectiveDate"
        type="date"
        label={t('record.field.effectiveDate')}
        hint={t('record.field.effectiveDateHint')}
        error={shown.effectiveDate}
        value={values.effectiveDate}
        onChange={set('effectiveDate')}
      />
    </FormFrame>
  );
}
