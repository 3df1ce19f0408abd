import { useState } from 'react';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { fieldErrors, FormFrame } from './form-frame';
import { SelectField, TextField, type Errors } from './form-kit';
import type { LineFormProps } from './line-form-props';
import { useWrite } from './use-write';

const FIELD_IDS = { name: 'indicatorName', unit: 'unit', direction: 'direction' };
const DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;

/** Define a performance indicator on the line: its name, unit and which way is better. */
export function IndicatorForm({ linePath, seenVersion, onSaved, onReload }: LineFormProps) {
  const { t } = useI18n();
  const write = useWrite(FIELD_IDS, 'indicator-form-title');
  const [values, setValues] = useState({ name: '', unit: '', direction: 'higher_is_better' });
  const [errors, setErrors] = useState<Errors>({});
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const required = (key: MessageKey) => t('record.required', { field: t(key).toLowerCase() });

  const submit = async () => {
    const found: Errors = {};
    if (!values.name.trim()) found.indicatorName = required('record.field.name');
    if (!values.unit.trim()) found.unit = required('record.field.unit');
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = { name: values.name.trim(), unit: values.unit.trim(), direction: values.direction };
    const result = await write.send(`${linePath}/indicators`, body, seenVersion);
    if (result) {
      onSaved(result.version);
      setValues({ name: '', unit: '', direction: 'higher_is_better' });
    }
  };

  const shown = fieldErrors(errors, write);
  return (
    <FormFrame
      id="indicator-form"
      title={t('record.form.indicator')}
      errors={errors}
      write={write}
      linePath={linePath}
      onReload={onReload}
      onSubmit={() => void submit()}
    >
      <TextField
        id="indicatorName"
        label={t('record.field.name')}
        error={shown.indicatorName}
        value={values.name}
        onChange={set('name')}
        width="long"
      />
      <TextField
        id="unit"
        label={t('record.field.unit')}
        hint={t('record.field.unitHint')}
        error={shown.unit}
        value={values.unit}
        onChange={set('unit')}
      />
      <SelectField
        id="direction"
        label={t('record.field.direction')}
        value={values.direction}
        onChange={set('direction')}
        error={shown.direction}
        options={DIRECTIONS.map((d) => ({ value: d, label: t(`record.direction.${d}`) }))}
      />
    </FormFrame>
  );
}
