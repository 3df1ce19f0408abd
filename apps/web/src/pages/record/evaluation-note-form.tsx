import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { fieldErrors, FormFrame } from './form-frame';
import { SelectField, TextAreaField, TextField, type Errors } from './form-kit';
import { useWrite } from './use-write';

const FIELD_IDS = {
  period: 'periodValue',
  code: 'noteCode',
  pendorong: 'pendorong',
  penghambat: 'penghambat',
  tindakLanjut: 'tindakLanjut',
  reason: 'reason',
};
const TEXTS = ['pendorong', 'penghambat', 'tindakLanjut'] as const;

/**
 * Faktor pendorong, faktor penghambat and tindak lanjut of a quarter, for the whole office or one line
 * (`code` given: the line's page; absent: the office's, where a code may be typed). Printed after the
 * evaluation table. At least one of the three texts.
 */
export function EvaluationNoteForm({ officePath, year, code }: { officePath: string; year: string; code?: string }) {
  const { t } = useI18n();
  const write = useWrite(FIELD_IDS, 'note-form-title');
  const [values, setValues] = useState({ period: 'Q1', code: '', pendorong: '', penghambat: '', tindakLanjut: '', reason: '' });
  const [errors, setErrors] = useState<Errors>({});
  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));

  const submit = async () => {
    const found: Errors = {};
    if (!TEXTS.some((name) => values[name].trim())) found.pendorong = t('record.note.none');
    setErrors(found);
    if (Object.keys(found).length) return;
    const lineCode = code ?? values.code.trim();
    const body = {
      period: `${year}-${values.period}`,
      ...(lineCode && { code: lineCode }),
      ...Object.fromEntries(TEXTS.filter((name) => values[name].trim()).map((name) => [name, values[name].trim()])),
      ...(values.reason.trim() && { reason: values.reason.trim() }),
    };
    await write.send(`${officePath}/evaluation-notes`, body);
  };

  const shown = fieldErrors(errors, write);
  return (
    <FormFrame id="note-form" title={t('record.form.note')} errors={errors} write={write} onSubmit={() => void submit()}>
      <p className="hint">{t('record.note.intro')}</p>
      <SelectField
        id="periodValue"
        label={t('record.field.quarter')}
        value={values.period}
        onChange={set('period')}
        error={shown.periodValue}
        options={[1, 2, 3, 4].map((n) => ({ value: `Q${n}`, label: t('record.quarterN', { n }) }))}
      />
      {code ? (
        <p className="hint" data-testid="note-line">
          {t('record.note.forLine', { code })}
        </p>
      ) : (
        <TextField
          id="noteCode"
          label={`${t('record.field.noteCode')} ${t('record.optional')}`}
          hint={t('record.field.noteCodeHint')}
          error={shown.noteCode}
          value={values.code}
          onChange={set('code')}
        />
      )}
      {TEXTS.map((name) => (
        <TextAreaField
          key={name}
          id={name}
          label={t(`record.field.${name}`)}
          error={shown[name]}
          value={values[name]}
          onChange={set(name)}
        />
      ))}
      <TextField
        id="reason"
        label={`${t('record.field.reason')} ${t('record.optional')}`}
        error={shown.reason}
        value={values.reason}
        onChange={set('reason')}
        width="long"
      />
    </FormFrame>
  );
}
