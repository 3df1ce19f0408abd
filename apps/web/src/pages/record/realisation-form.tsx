import { useState } from 'react';
import type { Indicator } from '../plan/plan-types';
import { formatDate } from '../../format';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { readAmount } from './amount';
import { fieldErrors, FormFrame } from './form-frame';
import { amountFor, AmountField, SelectField, TextField, type Errors } from './form-kit';
import type { LineFormProps } from './line-form-props';
import { useWrite } from './use-write';

const FIELD_IDS = { period: 'periodValue', amount: 'amount', outputs: 'amount', effectiveDate: 'effectiveDate', reason: 'amount' };
const MONTH_KEYS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** Realisasi of a month ("2022-11") or a quarter ("2022-Q4"): rupiah spent and outputs per indicator. */
export function RealisationForm({
  linePath,
  seenVersion,
  onSaved,
  onReload,
  year,
  indicators,
}: LineFormProps & { year: string; indicators: Indicator[] }) {
  const { t, locale } = useI18n();
  const write = useWrite(FIELD_IDS, 'realisation-form-title');
  const [kind, setKind] = useState<'quarter' | 'month'>('quarter');
  const [period, setPeriod] = useState('Q1');
  const [amount, setAmount] = useState('');
  const [effectiveDate, setEffectiveDate] = useState('');
  const [outputs, setOutputs] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Errors>({});

  const chooseKind = (next: 'quarter' | 'month') => {
    setKind(next);
    setPeriod(next === 'quarter' ? 'Q1' : '01');
  };

  const submit = async () => {
    const found: Errors = {};
    const value = amountFor(found, 'amount', amount, t, { label: t('record.field.amount') });
    const sent: Array<{ indicator: string; value: string }> = [];
    for (const indicator of indicators) {
      const reading = readAmount(outputs[indicator.id] ?? '', { maxDecimals: 6 });
      if (reading.ok === true) sent.push({ indicator: indicator.id, value: reading.value });
      else if (reading.ok === false) found[`output-${indicator.id}`] = t(`record.amount.${reading.rule}` as MessageKey);
    }
    if (value === undefined && !sent.length && !found.amount)
      found.amount = t('record.required', { field: t('record.field.amount').toLowerCase() });
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = {
      period: `${year}-${period}`,
      ...(value !== undefined && { amount: value }),
      ...(sent.length && { outputs: sent }),
      ...(effectiveDate && { effectiveDate }),
    };
    const result = await write.send(`${linePath}/realisations`, body, seenVersion);
    if (result) onSaved(result.version);
  };

  const shown = fieldErrors(errors, write);
  const periods =
    kind === 'quarter'
      ? [1, 2, 3, 4].map((n) => ({ value: `Q${n}`, label: t('record.quarterN', { n }) }))
      : MONTH_KEYS.map((m) => ({ value: m, label: formatDate(`${year}-${m}-01`, locale).replace(/^1 /, '') }));
  return (
    <FormFrame
      id="realisation-form"
      title={t('record.form.realisation')}
      errors={errors}
      write={write}
      linePath={linePath}
      onReload={onReload}
      onSubmit={() => void submit()}
    >
      <fieldset className="form-fieldset">
        <legend>{t('record.field.periodKind')}</legend>
        {(['quarter', 'month'] as const).map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="periodKind" value={k} checked={kind === k} onChange={() => chooseKind(k)} />{' '}
            {t(k === 'quarter' ? 'record.periodQuarter' : 'record.periodMonth')}
          </label>
        ))}
      </fieldset>
      <SelectField
        id="periodValue"
        label={t(kind === 'quarter' ? 'record.field.quarter' : 'record.field.month')}
        value={period}
        onChange={setPeriod}
        error={shown.periodValue}
        options={periods}
      />
      <AmountField
        id="amount"
        label={t('record.field.amount')}
        hint={t('record.amountHint')}
        error={shown.amount}
        value={amount}
        onChange={setAmount}
      />
      {indicators.length > 0 && (
        <fieldset className="form-fieldset">
          <legend>{t('record.outputs')}</legend>
          <p className="hint">{t('record.outputsHint')}</p>
          {indicators.map((indicator) => (
            <TextField
              key={indicator.id}
              id={`output-${indicator.id}`}
              label={t('record.outputFor', { name: indicator.name, unit: indicator.unit })}
              hint={t('record.valueHint')}
              error={shown[`output-${indicator.id}`]}
              value={outputs[indicator.id] ?? ''}
              onChange={(v) => setOutputs((o) => ({ ...o, [indicator.id]: v }))}
            />
          ))}
        </fieldset>
      )}
      <TextField
        id="effectiveDate"
        type="date"
        label={`${t('record.field.effectiveDate')} ${t('record.optional')}`}
        hint={t('record.field.effectiveDateOptional')}
        error={shown.effectiveDate}
        value={effectiveDate}
        onChange={setEffectiveDate}
      />
    </FormFrame>
  );
}
