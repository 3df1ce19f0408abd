import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { useSession } from '../../api/session';
import { ErrorBox } from '../../components/query-view';
import { usePageTitle } from '../../components/page-title';
import { useI18n } from '../../i18n/i18n';
import { FileChooser } from './file-chooser';
import { AlreadyImported, ImportOutcome } from './import-outcome';
import type { ImportResult, PreviewTable } from './import-types';
import { PreviewTables } from './preview-tables';
import { ProblemSummary } from './problem-summary';
import { uploadImport } from './upload';
import { WarningSummary } from './warning-summary';
import './import.css';

type Step =
  | { kind: 'choose' }
  | { kind: 'sending'; dryRun: boolean; percent: number }
  | { kind: 'previewed'; result: ImportResult; tables: PreviewTable[] }
  | { kind: 'saved'; result: ImportResult; tables: PreviewTable[] };

/**
 * Impor: choose or drop CSV/XLSX files, see every row as the importer read it (a dry run), then
 * "Simpan" sends the same files for the real, all-or-nothing run. The server decides everything.
 */
export default function ImportPage() {
  const { t } = useI18n();
  usePageTitle(t('import.title'));
  const { session } = useSession();
  const queries = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<unknown>(null);
  /** The user's confirmation of the warnings shown; any new answer from the server asks again. */
  const [accepted, setAccepted] = useState(false);

  const mayImport = !session || session.roles.includes('planner') || session.roles.includes('finance');
  const previewTables = step.kind === 'previewed' || step.kind === 'saved' ? step.tables : [];

  const send = async (dryRun: boolean) => {
    const before = step;
    setError(null);
    setStep({ kind: 'sending', dryRun, percent: 0 });
    try {
      const result = await uploadImport(files, dryRun, (percent) => setStep({ kind: 'sending', dryRun, percent }), !dryRun && accepted);
      setAccepted(false);
      if (dryRun || result.status === 'invalid' || result.status === 'warnings') {
        // A real run refused (the ledger changed since the preview) keeps the preview, with the new problems.
        setStep({ kind: 'previewed', result, tables: result.preview?.tables ?? previewTables });
      } else {
        await queries.invalidateQueries();
        setStep({ kind: 'saved', result, tables: previewTables });
      }
    } catch (caught) {
      setError(caught);
      // A refused Simpan (409, no connection) keeps the preview on screen.
      setStep(before.kind === 'sending' ? { kind: 'choose' } : before);
    }
  };

  const choose = (chosen: File[]) => {
    setFiles(chosen);
    setAccepted(false);
    setError(null);
    setStep({ kind: 'choose' });
  };

  if (!mayImport)
    return (
      <>
        <h1>{t('import.title')}</h1>
        <p className="notice" role="alert">
          {t('import.notAllowed')}
        </p>
      </>
    );

  const sending = step.kind === 'sending';
  const result = step.kind === 'previewed' ? step.result : null;
  const warnings = result?.warnings ?? [];
  const confirmable = result !== null && (result.status === 'dry_run' || result.status === 'warnings') && result.problems.length === 0;
  const canSave = confirmable && (warnings.length === 0 || accepted);
  const notes = result?.files.filter((f) => f.note) ?? [];

  return (
    <div className="import-page">
      <h1>{t('import.title')}</h1>
      {result && result.problems.length > 0 && <ProblemSummary problems={result.problems} />}
      <p>{t('import.intro')}</p>
      <p className="muted">{t('import.formatLink')}</p>

      {step.kind === 'saved' ? (
        <ImportOutcome result={step.result} tables={step.tables} onAgain={() => choose([])} />
      ) : (
        <>
          <FileChooser files={files} onChange={choose} disabled={sending} />
          <div className="import-actions">
            <button type="button" disabled={files.length === 0 || sending} onClick={() => void send(true)}>
              {t('import.check')}
            </button>
          </div>
        </>
      )}

      {step.kind === 'sending' && (
        <div className="import-progress" role="status" data-testid="import-progress">
          <label htmlFor="import-progress-bar">
            {step.percent < 100
              ? t('import.uploading', { percent: step.percent })
              : step.dryRun
                ? t('import.checking')
                : t('import.saving')}
          </label>
          <progress id="import-progress-bar" max={100} value={step.percent} aria-label={t('import.progressLabel')} />
        </div>
      )}

      {error !== null &&
        (error instanceof ApiError && error.rule === 'CONCURRENT_WRITE' ? (
          <p className="field-error" role="alert">
            {t('import.error.conflict')}
          </p>
        ) : (
          <ErrorBox error={error} />
        ))}

      {result && (
        <section className="import-preview" aria-labelledby="import-preview-title" data-testid="import-preview">
          <h2 id="import-preview-title">{t('import.previewTitle')}</h2>
          <AlreadyImported result={result} />
          {result.status === 'dry_run' && (
            <p data-testid="import-preview-summary">{t('import.previewSummary', { events: result.events, unchanged: result.unchanged })}</p>
          )}
          {result.status === 'unchanged' && <p role="status">{t('import.result.unchanged')}</p>}
          {notes.map((f) => (
            <p key={f.name} className="notice" role="status" data-testid="import-note">
              {f.note}
            </p>
          ))}
          {warnings.length > 0 && (
            <WarningSummary warnings={warnings} confirmable={confirmable} accepted={accepted} onAccept={setAccepted} />
          )}
          {result.preview?.truncated && <p className="muted">{t('import.previewTruncated')}</p>}
          <PreviewTables tables={step.kind === 'previewed' ? step.tables : []} problems={result.problems} warnings={warnings} />
          <div className="import-actions">
            <p className="hint" id="import-save-hint">
              {canSave
                ? t('import.saveHint')
                : result.problems.length > 0
                  ? t('import.saveBlocked')
                  : confirmable && warnings.length > 0
                    ? t('import.warnings.saveBlocked')
                    : ''}
            </p>
            <button type="button" disabled={!canSave} aria-describedby="import-save-hint" onClick={() => void send(false)}>
              {t('import.save')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
