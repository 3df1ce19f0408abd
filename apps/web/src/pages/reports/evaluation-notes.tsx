import { RecordedTime } from '../../components/figures';
import { useI18n } from '../../i18n/i18n';
import { LineLink } from './report-shared';
import type { EvaluationReport } from './report-types';

const QUARTERS = ['TW I', 'TW II', 'TW III', 'TW IV'] as const;

/** The section after the evaluation table: faktor pendorong, penghambat and tindak lanjut per quarter. */
export function EvaluationNotes({ report }: { report: EvaluationReport }) {
  const { t } = useI18n();
  const missing = <span className="muted">—</span>;
  return (
    <section aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t('reports.evaluation.notesHeading')}</h2>
      {report.notes.length === 0 ? (
        <p className="note">{t('reports.evaluation.notesEmpty')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('reports.evaluation.notesCaption')}>
          <table className="data evaluation-notes">
            <caption>{t('reports.evaluation.notesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.evaluation.quarterCol')}</th>
                <th scope="col">{t('reports.evaluation.lineCol')}</th>
                <th scope="col">{t('reports.evaluation.pendorong')}</th>
                <th scope="col">{t('reports.evaluation.penghambat')}</th>
                <th scope="col">{t('reports.evaluation.tindakLanjut')}</th>
                <th scope="col">{t('reports.evaluation.recordedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {report.notes.map((note) => (
                <tr key={note.eventId}>
                  <th scope="row">{QUARTERS[note.quarter - 1]}</th>
                  <td>
                    {note.code ? <LineLink code={note.code} /> : report.office.code} {note.name}
                  </td>
                  <td>{note.pendorong ?? missing}</td>
                  <td>{note.penghambat ?? missing}</td>
                  <td>{note.tindakLanjut ?? missing}</td>
                  <td>
                    {note.actor}, <RecordedTime value={note.recordedAt} />
                    {note.reason && <span className="sub">{note.reason}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
