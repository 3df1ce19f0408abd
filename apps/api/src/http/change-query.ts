import { BadRequestException } from '@nestjs/common';
import { msg, parseIsoDate, parsePlanCode, type Message } from '@renja/domain';
import type { ChangeFilter } from '@renja/projections';

export interface ChangeQuery {
  from?: string;
  to?: string;
  actor?: string;
  kind?: string;
  code?: string;
  limit?: string;
  after?: string;
  order?: string;
}

const bad = (field: string, message: Message) => new BadRequestException({ message, field, rule: 'INVALID_VALUE' });

function integer(value: string | undefined, field: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value) || Number(value) < min || Number(value) > max)
    throw bad(field, msg('INVALID_VALUE.integer_range', { field, min, max, value: String(value).slice(0, 40) }));
  return Number(value);
}

function text(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > 200) throw bad(field, msg('INVALID_VALUE.text', { field }));
  return value;
}

/** The start of a calendar day in Asia/Jakarta (UTC+7, no daylight saving), as an ISO instant. */
const jakartaDayStart = (date: string, days = 0) => new Date(Date.parse(`${date}T00:00:00+07:00`) + days * 86_400_000).toISOString();

/** Query of GET …/changes → the reader's filter; a bad value is a 400 naming its field. */
export function changeFilter(query: ChangeQuery): ChangeFilter {
  for (const [field, value] of Object.entries(query))
    if (value !== undefined && typeof value !== 'string') throw bad(field, msg('INVALID_VALUE.once', { field }));
  const from = query.from === undefined ? undefined : parseIsoDate(query.from, 'from');
  const to = query.to === undefined ? undefined : parseIsoDate(query.to, 'to');
  if (from && to && from > to) throw bad('to', msg('INVALID_VALUE.range_reversed', { to, from }));
  if (query.order !== undefined && query.order !== 'asc' && query.order !== 'desc')
    throw bad('order', msg('INVALID_VALUE.order', { value: query.order.slice(0, 40) }));
  return {
    from: from && jakartaDayStart(from),
    before: to && jakartaDayStart(to, 1),
    actor: text(query.actor, 'actor'),
    kind: text(query.kind, 'kind'),
    code: query.code === undefined ? undefined : parsePlanCode(query.code, 'code').code,
    order: query.order === 'desc' ? 'desc' : 'asc',
    limit: integer(query.limit, 'limit', 1, 1000) ?? 200,
    after: integer(query.after, 'after', 0, Number.MAX_SAFE_INTEGER),
  };
}
