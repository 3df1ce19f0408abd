import { useState } from 'react';
import type { Indicator } from '../plan/plan-types';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { readAmount } from './amount';
import { fieldErrors, FormFrame } from './form-frame';
import { amountFor, AmountField, SelectField, TextField, type Errors } from './form-kit';
import { COMMON_FIELD_IDS, EMPTY_LEGAL_BASIS, legalBasisFor, LegalBasisFields, type LegalBasisValues } from './legal-basis-fields';
import type { LineFormProps } from './line-form-props';
import { useWrite } from './use-write';

const FIELD_IDS = {
  ...COMMON_FIELD_IDS,
  indicator: 'renstraIndicator',
  targetK: 'targetK',
  targetRp: 'targetRp',
  realisedToLastYearK: 'realisedK',
  realisedToLastYearRp: 'realisedRp',
};

/**
 * The line's Renstra figures for the evaluation form: the end-of-period target (5) and the realisation up
 * to last year (6), in K for one indicator and/or in Rp. At least one figure; the date, reason and dasar
 * hukum are optional (the server dates it 1 January of the fiscal year).
 */
export function RenstraForm({ linePath, seenVersion, onSaved, onReload, indicators }: LineFormProps & { indicators: Indicator[] }) {
  const { t } = useI18n();
  const write = useWrite(FIELD_IDS, 'renstra-form-title');
  const [values, setValues] = useState({
    indicator: indicators[0]?.id ?? '',
    targetK: '',
    targetRp: '',
    realisedK: '',
    realisedRp: '',
    effectiveDate: '',
    reason: '',
  });
  const [legal, setLegal] = useState<LegalBasisValues>(EMPTY_LEGAL_BASIS);
  const [errors, setErrors] = useState<Errors>({});
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  const submit = async () => {
    const found: Errors = {};
    const valueOf = (id: 'targetK' | 'realisedK'): string | undefined => {
      const reading = readAmount(values[id], { maxDecimals: 6 });
      if (reading.ok === false) found[id] = t(`record.amount.${reading.rule}` as MessageKey);
      return reading.ok === true ? reading.value : undefined;
    };
    const targetK = indicators.length ? valueOf('targetK') : undefined;
    const realisedK = indicators.length ? valueOf('realisedK') : undefined;
    const targetRp = amountFor(found, 'targetRp', values.targetRp, t, { label: t('record.field.targetRp') });
    const realisedRp = amountFor(found, 'realisedRp', values.realisedRp, t, { label: t('record.field.realisedRp') });
    const legalBasis = legalBasisFor(found, legal, false, t);
    const given = [targetK, realisedK, targetRp, realisedRp].some((v) => v !== undefined);
    if (!given && !Object.keys(found).length) found[indicators.length ? 'targetK' : 'targetRp'] = t('record.renstra.none');
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = {
      ...((targetK !== undefined || realisedK !== undefined) && { indicator: values.indicator }),
      ...(targetK !== undefined && { targetK }),
      ...(targetRp !== undefined && { targetRp }),
      ...(realisedK !== undefined && { realisedToLastYearK: realisedK }),
      ...(realisedRp !== undefined && { realisedToLastYearRp: realisedRp }),
      ...(values.effectiveDate && { effectiveDate: values.effectiveDate }),
      ...(values.reason.trim() && { reason: values.reason.trim() }),
      ...(legalBasis && { legalBasis }),
    };
    const result = await write.send(`${linePath}/renstra`, body, seenVersion);
    if (result) onSaved(result.version);
  };

  const shown = fieldErrors(errors, write);
  return (
    <FormFrame
      id="renstra-form"
      title={t('record.form.renstra')}
      errors={errors}
      write={write}
      linePath={linePath}
      onReload={onReload}
      onSubmit={() => void submit()}
    >
      <p className="hint">{t('record.renstra.intro')}</p>
      {indicators.length ? (
        <>
          <SelectField
            id="renstraIndicator"
            label={t('record.field.renstraIndicator')}
            value={values.indicator}
            onChange={set('indicator')}
            error={shown.renstraIndicator}
            options={indicators.map((i) => ({ value: i.id, label: `${i.name} (${i.unit})` }))}
          />
          <TextField
            id="targetK"
            label={`${t('record.field.targetK')} ${t('record.optional')}`}
            hint={t('record.valueHint')}
            error={shown.targetK}
            value={values.targetK}
            onChange={set('targetK')}
          />
          <TextField
            id="realisedK"
            label={`${t('record.field.realisedK')} ${t('record.optional')}`}
            hint={t('record.valueHint')}
            error={shown.realisedK}
            value={values.realisedK}
            onChange={set('realisedK')}
          />
        </>
      ) : (
        <p className="notice">{t('record.renstra.rpOnly')}</p>
      )}
      <AmountField
        id="targetRp"
        label={`${t('record.field.targetRp')} ${t('record.optional')}`}
        hint={t('record.amountHint')}
        error={shown.targetRp}
        value={values.targetRp}
        onChange={set('targetRp')}
      />
      <AmountField
        id="realisedRp"
        label={`${t('record.field.realisedRp')} ${t('record.optional')}`}
        hint={t('record.amountHint')}
        error={shown.realisedRp}
        value={values.realisedRp}
        onChange={set('realisedRp')}
      />
      <TextField
        id="effectiveDate"
        type="date"
        label={`${t('record.field.effectiveDate')} ${t('record.optional')}`}
        hint={t('record.renstra.effectiveDateHint')}
        error={shown.effectiveDate}
        value={values.effectiveDate}
        onChange={set('effectiveDate')}
      />
      <TextField
        id="reason"
        label={`${t('record.field.reason')} ${t('record.optional')}`}
        error={shown.reason}
        value={values.reason}
        onChange={set('reason')}
        width="long"
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
