import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { fieldErrors, FormFrame } from './form-frame';
import { TextField, type Errors } from './form-kit';
import { useWrite } from './use-write';

const FIELD_IDS = { code: 'code', name: 'lineName' };

/** Register a program, kegiatan or sub kegiatan: the level follows from the code's segments. */
export function RegisterLineForm({ officePath }: { officePath: string }) {
  const { t } = useI18n();
  const write = useWrite(FIELD_IDS, 'line-form-title');
  const [values, setValues] = useState({ code: '', name: '' });
  const [errors, setErrors] = useState<Errors>({});
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  const submit = async () => {
    const found: Errors = {};
    if (!values.code.trim()) found.code = t('record.required', { field: t('record.field.code').toLowerCase() });
    if (!values.name.trim()) found.lineName = t('record.required', { field: t('record.field.name').toLowerCase() });
    setErrors(found);
    if (Object.keys(found).length) return;
    // A new line has no version to match: registering the same code twice is refused by the server (409).
    const result = await write.send(`${officePath}/lines`, { code: values.code.trim(), name: values.name.trim() });
    if (result) setValues({ code: '', name: '' });
  };

  const shown = fieldErrors(errors, write);
  return (
    <FormFrame id="line-form" title={t('record.form.line')} errors={errors} write={write} onSubmit={() => void submit()}>
      <TextField
        id="code"
        label={t('record.field.code')}
        hint={t('record.field.codeHint')}
        error={shown.code}
        value={values.code}
        onChange={set('code')}
      />
      <TextField
        id="lineName"
        label={t('record.field.lineName')}
        error={shown.lineName}
        value={values.name}
        onChange={set('name')}
        width="long"
      />
    </FormFrame>
  );
}
