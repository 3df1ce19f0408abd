import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { FieldError } from './form-kit';
import { describeRejection } from './rule-messages';

/** What every write answers (WriteResultDto). */
export interface WriteResult {
  eventIds: string[];
  version: number;
  replayed: boolean;
}

export type WriteOutcome = { kind: 'saved'; version: number; replayed: boolean } | { kind: 'stale'; seenVersion: number } | null;

/** A fresh Idempotency-Key; getRandomValues also works where randomUUID does not (plain http off localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sending a form: one Idempotency-Key per form instance, kept across retries and double clicks (the
 * server then writes once) and renewed after a success; If-Match with the line version the user saw.
 * A refusal lands next to its field (fieldIds: API field → input id) and in the summary.
 */
export function useWrite(fieldIds: Record<string, string>, topId: string) {
  const { t, locale } = useI18n();
  const queries = useQueryClient();
  const [key, setKey] = useState(newIdempotencyKey);
  const [sending, setSending] = useState(false);
  const inFlight = useRef(false);
  const [refusals, setRefusals] = useState<FieldError[]>([]);
  const [outcome, setOutcome] = useState<WriteOutcome>(null);

  const send = useCallback(
    async <T extends WriteResult>(path: string, body: object, seenVersion?: number): Promise<T | null> => {
      if (inFlight.current) return null; // the first click's request is on its way, with the same key
      inFlight.current = true;
      setSending(true);
      setRefusals([]);
      setOutcome(null);
      try {
        const headers: Record<string, string> = { 'Idempotency-Key': key };
        if (seenVersion !== undefined) headers['If-Match'] = `"${seenVersion}"`;
        const result = await api.post<T>(path, body, headers);
        setKey(newIdempotencyKey());
        setOutcome({ kind: 'saved', version: result.version, replayed: result.replayed });
        await queries.invalidateQueries();
        return result;
      } catch (error) {
        // A definite refusal wrote nothing: the corrected form is a new request (a reused key with another
        // body would be refused). A network failure or a 5xx keeps the key, so a retry cannot write twice.
        if (error instanceof ApiError && error.status < 500) setKey(newIdempotencyKey());
        if (error instanceof ApiError && error.status === 412 && seenVersion !== undefined) {
          setOutcome({ kind: 'stale', seenVersion });
        } else if (error instanceof ApiError) {
          const message = describeRejection(error, t, locale);
          const field = error.field && (fieldIds[error.field] ?? fieldIds[error.field.split(/[.[]/)[0]]);
          setRefusals([
            { id: field ?? topId, message: field ? message : `${error.status}${error.rule ? ` ${error.rule}` : ''}: ${message}` },
          ]);
        } else {
          setRefusals([{ id: topId, message: String(error) }]);
        }
        return null;
      } finally {
        inFlight.current = false;
        setSending(false);
      }
    },
    [key, fieldIds, topId, t, locale, queries],
  );

  const reset = useCallback(() => {
    setRefusals([]);
    setOutcome(null);
  }, []);

  return { send, sending, refusals, outcome, reset };
}
