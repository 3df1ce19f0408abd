import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { EVENT_TYPE_LABELS } from './change-labels';
import type { ChangeFilters } from './change-types';

const FIELDS = ['from', 'to', 'actor', 'kind', 'code', 'order'] as const;

/** The log's filters as read from the URL query (validAt/knownAt are the shell's). */
export function useChangeFilters(): ChangeFilters {
  const [params] = useSearchParams();
  const value = (name: string) => params.get(name) || undefined;
  const order = value('order');
  return {
    from: value('from'),
    to: value('to'),
    actor: value('actor'),
    kind: value('kind'),
    code: value('code'),
    order: order === 'desc' ? 'desc' : order === 'asc' ? 'asc' : undefined,
  };
}

/** The kind of an event in words; an unknown type as sent. */
export function useKindLabel(): (type: string) => string {
  const { t } = useI18n();
  return (type) => (EVENT_TYPE_LABELS[type] ? t(EVENT_TYPE_LABELS[type]) : type);
}

/** A plain form: applying it writes the filters to the URL, so the view can be bookmarked and shared. */
export function ChangeFilterForm({ filters, actors, kinds }: { filters: ChangeFilters; actors: string[]; kinds: string[] }) {
  const { t } = useI18n();
  const kindLabel = useKindLabel();
  const [params, setParams] = useSearchParams();
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams(params);
    for (const field of FIELDS) {
      const value = String(data.get(field) ?? '').trim();
      if (value) next.set(field, value);
      else next.delete(field);
    }
    setParams(next);
  };
  const clear = () => {
    const next = new URLSearchParams(params);
    FIELDS.forEach((field) => next.delete(field));
    setParams(next);
  };
  // Options the server does not list (a filter from a pasted link) stay selectable.
  const withCurrent = (list: string[], current?: string) => (current && !list.includes(current) ? [...list, current] : list);
  return (
    <form className="change-filters" onSubmit={apply} aria-label={t('changes.filters')} key={JSON.stringify(filters)}>
      <label>
        <span>{t('changes.from')}</span>
        <input type="date" name="from" defaultValue={filters.from ?? ''} />
      </label>
      <label>
        <span>{t('changes.to')}</span>
        <input type="date" name="to" defaultValue={filters.to ?? ''} />
      </label>
      <label>
        <span>{t('changes.actor')}</span>
        <select name="actor" defaultValue={filters.actor ?? ''}>
          <option value="">{t('changes.any')}</option>
          {withCurrent(actors, filters.actor).map((actor) => (
            <option key={actor} value={actor}>
              {actor}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('changes.kind')}</span>
        <select name="kind" defaultValue={filters.kind ?? ''}>
          <option value="">{t('changes.any')}</option>
          {withCurrent(kinds, filters.kind).map((kind) => (
            <option key={kind} value={kind}>
              {kindLabel(kind)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('changes.code')}</span>
        <input
          type="text"
          name="code"
          defaultValue={filters.code ?? ''}
          placeholder={t('changes.codeHint')}
          inputMode="decimal"
          autoComplete="off"
        />
      </label>
      <label>
        <span>{t('changes.order')}</span>
        <select name="order" defaultValue={filters.order ?? 'asc'}>
          <option value="asc">{t('changes.orderAsc')}</option>
          <option value="desc">{t('changes.orderDesc')}</option>
        </select>
      </label>
      <button type="submit">{t('changes.apply')}</button>
      <button type="button" className="secondary" onClick={clear}>
        {t('changes.clear')}
      </button>
    </form>
  );
}
