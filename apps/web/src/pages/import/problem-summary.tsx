import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n';
import { rowAnchor, type ImportProblem } from './import-types';
import { problemMessage } from './preview-format';

/** The GOV.UK error summary: every problem of the import, each linking to its row in the preview. */
export function ProblemSummary({ problems }: { problems: ImportProblem[] }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  // Focus moves to the summary when it appears, so a screen reader user hears it first.
  useEffect(() => {
    box.current?.focus();
  }, [problems]);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box} data-testid="import-problems">
      <h2>{t('import.problems.title', { count: problems.length })}</h2>
      <ul>
        {problems.map((p, i) => {
          const message = problemMessage(p, t);
          // The column is named once: most messages already start with it ("Pagu: …").
          const namesColumn = p.column !== null && message.startsWith(`${p.column}:`);
          const where = [
            p.file && p.row !== null ? t('import.problems.where', { file: p.file, row: p.row }) : p.file,
            p.column && !namesColumn ? t('import.problems.column', { column: p.column }) : null,
          ]
            .filter(Boolean)
            .join(', ');
          const text = `${where ? `${where}${namesColumn ? ', ' : ': '}` : ''}${message} (${p.rule})`;
          return (
            <li key={i} data-testid="import-problem">
              {p.file && p.row !== null ? <a href={`#${rowAnchor(p.file, p.row)}`}>{text}</a> : text}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
