import { useRef, useState, type DragEvent } from 'react';
import { useI18n } from '../../i18n/i18n';

const IMPORTABLE = /\.(csv|xlsx)$/i;

/**
 * The files of an import: a labelled file input, and a drop zone that is a real button (Enter or Space
 * opens the same file dialog) so that dragging is a convenience, never the only way.
 */
export function FileChooser({ files, onChange, disabled }: { files: File[]; onChange(files: File[]): void; disabled: boolean }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [refused, setRefused] = useState<string[]>([]);

  const choose = (chosen: File[]) => {
    setRefused(chosen.filter((f) => !IMPORTABLE.test(f.name)).map((f) => f.name));
    onChange(chosen.filter((f) => IMPORTABLE.test(f.name)));
  };
  const onDrop = (event: DragEvent<HTMLButtonElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) choose([...event.dataTransfer.files]);
  };

  return (
    <div className="import-chooser">
      <label htmlFor="import-files">{t('import.files.label')}</label>
      <p className="hint" id="import-files-hint">
        {t('import.files.hint')}
      </p>
      <input
        ref={input}
        id="import-files"
        type="file"
        multiple
        accept=".csv,.xlsx"
        aria-describedby="import-files-hint"
        disabled={disabled}
        onChange={(event) => {
          choose([...(event.target.files ?? [])]);
          // The same file chosen again (after fixing it) must still fire change.
          event.target.value = '';
        }}
      />
      <button
        type="button"
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        disabled={disabled}
        onClick={() => input.current?.click()}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        {t('import.drop')}
      </button>
      {refused.length > 0 && (
        <p className="field-error" role="alert">
          {t('import.dropRefused', { names: refused.join(', ') })}
        </p>
      )}
      {files.length > 0 && (
        <div className="import-chosen" data-testid="import-chosen">
          <h2>{t('import.chosen')}</h2>
          <ul>
            {files.map((file) => (
              <li key={file.name}>
                {file.name} <span className="muted">({file.size.toLocaleString('id-ID')} B)</span>
              </li>
            ))}
          </ul>
          <button type="button" className="secondary" disabled={disabled} onClick={() => choose([])}>
            {t('import.clear')}
          </button>
        </div>
      )}
    </div>
  );
}
