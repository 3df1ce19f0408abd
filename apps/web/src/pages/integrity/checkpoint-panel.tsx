import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { RecordedTime } from '../../components/figures';
import { QueryView } from '../../components/query-view';
import { useI18n } from '../../i18n/i18n';
import { parseCheckpoint, parseSignedNote } from '../../verify';
import { toBase64 } from '../../verify/bytes';
import { VerificationStatus, type Verification } from '../verification-status';
import { CHECKPOINT_PATH, ledgerApi, PUBLIC_KEY_PATH } from './ledger-api';
import { shortHash } from './describe-step';

const SHOWN = 10;

/** What the server publishes: the latest signed checkpoint, its key, the issued sizes, its own last check. */
export function CheckpointPanel() {
  const { t } = useI18n();
  const checkpoint = useQuery({ queryKey: ['ledger', 'checkpoint'], queryFn: ledgerApi.checkpoint });
  const publicKey = useQuery({ queryKey: ['ledger', 'public-key'], queryFn: ledgerApi.publicKey });
  const issued = useQuery({ queryKey: ['ledger', 'checkpoints'], queryFn: ledgerApi.checkpoints });
  const verification = useQuery({
    queryKey: ['ledger', 'verification'],
    queryFn: () => api.get<Verification>('/api/v1/ledger/verification'),
  });

  return (
    <>
      <section aria-labelledby="checkpoint-heading">
        <h2 id="checkpoint-heading">{t('integrity.checkpoint')}</h2>
        <QueryView query={checkpoint}>{(note) => <CheckpointNote note={note} />}</QueryView>
      </section>

      <section aria-labelledby="key-heading">
        <h2 id="key-heading">{t('integrity.publicKey')}</h2>
        <p className="hint">{t('integrity.publicKeyHint')}</p>
        <QueryView query={publicKey}>{(key) => <pre className="integrity-raw">{key.trim()}</pre>}</QueryView>
        <p className="downloads">
          <span>{t('integrity.download')}:</span>
          <a href={CHECKPOINT_PATH} download="checkpoint.txt">
            {t('integrity.downloadCheckpoint')}
          </a>
          <a href={PUBLIC_KEY_PATH} download="public-key.txt">
            {t('integrity.downloadKey')}
          </a>
        </p>
      </section>

      <section aria-labelledby="server-verification-heading">
        <h2 id="server-verification-heading">{t('integrity.serverVerification')}</h2>
        <QueryView query={verification}>
          {(status) => (
            <>
              <VerificationStatus verification={status} />
              {status.running && status.startedAt && (
                <p role="status">
                  {t('integrity.running')} <RecordedTime value={status.startedAt} />
                </p>
              )}
            </>
          )}
        </QueryView>
      </section>

      <section aria-labelledby="checkpoints-heading">
        <h2 id="checkpoints-heading">{t('integrity.checkpoints')}</h2>
        <QueryView query={issued}>
          {(list) => {
            if (list.length === 0) return <p>{t('integrity.noCheckpoints')}</p>;
            // The server lists them by increasing size; the newest matter most to a reader.
            const newest = [...list].reverse().slice(0, SHOWN);
            return (
              <table className="data">
                <caption>{t('integrity.checkpointsCaption', { shown: newest.length, total: list.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('integrity.size')}
                    </th>
                    <th scope="col">{t('integrity.root')}</th>
                    <th scope="col">{t('integrity.issuedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {newest.map((row) => (
                    <tr key={row.size}>
                      <td className="num">{row.size}</td>
                      <td>
                        <code title={row.rootHash}>{shortHash(row.rootHash)}</code>
                      </td>
                      <td>
                        <RecordedTime value={row.issuedAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          }}
        </QueryView>
      </section>
    </>
  );
}

/** Origin, size and root as the note states them (the signature is checked in the browser form below). */
function CheckpointNote({ note }: { note: string }) {
  const { t } = useI18n();
  let fields: { origin: string; size: number; root: string } | undefined;
  let problem = '';
  try {
    const body = parseCheckpoint(parseSignedNote(note).body);
    fields = { origin: body.origin, size: body.size, root: toBase64(body.root) };
  } catch (error) {
    problem = (error as Error).message;
  }
  return (
    <>
      {fields ? (
        <dl className="integrity-fields">
          <dt>{t('integrity.origin')}</dt>
          <dd>
            <code>{fields.origin}</code>
          </dd>
          <dt>{t('integrity.size')}</dt>
          <dd>{fields.size}</dd>
          <dt>{t('integrity.root')}</dt>
          <dd>
            <code className="integrity-hash">{fields.root}</code>
          </dd>
        </dl>
      ) : (
        <p className="error-message">{t('integrity.unreadableNote', { message: problem })}</p>
      )}
      <p className="hint">{t('integrity.claimedOnly')}</p>
      <h3 id="raw-note-heading">{t('integrity.rawNote')}</h3>
      <pre className="integrity-raw" aria-labelledby="raw-note-heading" tabIndex={0}>
        {note}
      </pre>
    </>
  );
}
