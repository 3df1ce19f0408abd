import { useState } from 'react';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { fieldErrors, FormFrame } from './form-frame';
import { amountFor, AmountField, SelectField, TextField, type Errors } from './form-kit';
import { COMMON_FIELD_IDS, EMPTY_LEGAL_BASIS, legalBasisFor, LegalBasisFields, type LegalBasisValues } from './legal-basis-fields';
import { paguNeedsLegalBasis, type PaguPhase } from './permissions';
import { useWrite } from './use-write';
import type { LineFormProps } from './line-form-props';

const FIELD_IDS = { ...COMMON_FIELD_IDS, phase: 'phase', fundingSource: 'fundingSource', amount: 'amount', delta: 'amount' };

/** Set a funding source's pagu in a phase (amount) or add a signed change to it (delta). */
export function PaguForm({ linePath, seenVersion, onSaved, onReload, phases }: LineFormProps & { phases: PaguPhase[] }) {
  const { t } = useI18n();
  const write = useWrite(FIELD_IDS, 'pagu-form-title');
  const [phase, setPhase] = useState<string>(phases[0] ?? 'APBD');
  const [mode, setMode] = useState<'amount' | 'delta'>('amount');
  const [values, setValues] = useState({ fundingSource: '', amount: '', reason: '', effectiveDate: '' });
  const [legal, setLegal] = useState<LegalBasisValues>(EMPTY_LEGAL_BASIS);
  const [errors, setErrors] = useState<Errors>({});
  const needsBasis = paguNeedsLegalBasis(phase, mode);
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const label = (key: MessageKey) => t(key).toLowerCase();

  const submit = async () => {
    const found: Errors = {};
    if (!values.fundingSource.trim()) found.fundingSource = t('record.required', { field: label('record.field.fundingSource') });
    const amount = amountFor(found, 'amount', values.amount, t, {
      required: true,
      label: t(mode === 'amount' ? 'record.field.amount' : 'record.field.delta'),
      signed: mode === 'delta',
    });
    if (needsBasis && !values.reason.trim()) found.reason = t('record.required', { field: label('record.field.reason') });
    const legalBasis = legalBasisFor(found, legal, needsBasis, t);
    if (!values.effectiveDate) found.effectiveDate = t('record.required', { field: label('record.field.effectiveDate') });
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = {
      phase,
      fundingSource: values.fundingSource.trim().toUpperCase(),
      [mode]: amount,
      ...(values.reason.trim() && { reason: values.reason.trim() }),
      ...(legalBasis && { legalBasis }),
      effectiveDate: values.effectiveDate,
    };
    const result = await write.send(`${linePath}/pagu`, body, seenVersion);
    if (result) onSaved(result.version);
  };

  const shown = fieldErrors(errors, write);
  return (
    <FormFrame
      id="pagu-form"
      title={t('record.form.pagu')}
      errors={errors}
      write={write}
      linePath={linePath}
      onReload={onReload}
      onSubmit={() => void submit()}
    >
      <SelectField
        id="phase"
        label={t('record.field.phase')}
        value={phase}
        onChange={setPhase}
        error={shown.phase}
        options={phases.map((p) => ({ value: p, label: t(`phase.${p}` as MessageKey) }))}
      />
      <TextField
        id="fundingSource"
        label={t('record.field.fundingSource')}
        hint={t('record.field.fundingSourceHint')}
        error={shown.fundingSource}
        value={values.fundingSource}
        onChange={set('fundingSource')}
      />
      <fieldset className="form-fieldset">
        <legend>{t('record.field.mode')}</legend>
        {(['amount', 'delta'] as const).map((m) => (
          <label key={m} className="radio">
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />{' '}
            {t(m === 'amount' ? 'record.field.modeAmount' : 'record.field.modeDelta')}
          </label>
        ))}
      </fieldset>
      <AmountField
        id="amount"
        label={t(mode === 'amount' ? 'record.field.amount' : 'record.field.delta')}
        hint={t(mode === 'amount' ? 'record.amountHint' : 'record.deltaHint')}
        error={shown.amount}
        value={values.amount}
        onChange={set('amount')}
        signed={mode === 'delta'}
      />
      <TextField
        id="reason"
        label={`${t('record.field.reason')}${needsBasis ? '' : ` ${t('record.optional')}`}`}
        hint={t('record.field.reasonHint')}
        error={shown.reason}
        value={values.reason}
        onChange={set('reason')}
        width="long"
      />
      <LegalBasisFields
        values={legal}
        onChange={(name, value) => setLegal((l) => ({ ...l, [name]: value }))}
        errors={shown}
        required={needsBasis}
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
    </FormFrame>
  );
}
