import { fold } from '../shared/decider';
import type { LegalBasis } from '../shared/legal-basis';
import type { ChangePagu, CorrectEvent, DefineIndicator, LineCommand, RecordRealisation, RegisterLine } from '../plan-line/commands';
import { planLineDecider } from '../plan-line/decide';
import { parseIndicatorDefinition } from '../plan-line/parse-changes';
import { parseChangePagu, parseRecordRealisation } from '../plan-line/parse-budget';
import { parseCorrectEvent, parseRegisterLine } from '../plan-line/parse-target';
import type { LineEvent, LineRegistered } from '../plan-line/events';
import type { PlanLineState } from '../plan-line/state';
import { DeciderSpecification } from './decider-specification';

/** Test data for plan-line specs: fiscal year 2022 of DKUKM Kepulauan Bangka Belitung. */
export const given = DeciderSpecification.for(planLineDecider);

export const YEAR = 2022;
export const OFFICE = 'DKUKM';
export const SUB_KEGIATAN = '2.17.07.1.01.0001';

export const PERDA_APBD: LegalBasis = { kind: 'Perda', number: '12 Tahun 2021', date: '2021-12-30' };
export const PERKADA_PERGESERAN: LegalBasis = { kind: 'Perkada', number: '25 Tahun 2022', date: '2022-06-15' };
export const PERDA_APBD_P: LegalBasis = { kind: 'Perda', number: '5 Tahun 2022', date: '2022-10-20' };
export const PMK_DID: LegalBasis = { kind: 'PMK', number: '170/PMK.07/2022', date: '2022-11-22' };

export function registered(code = SUB_KEGIATAN, id = `reg-${code}`): LineRegistered {
  const segments = code.split('.');
  const level = segments.length === 3 ? 'program' : segments.length === 5 ? 'kegiatan' : 'sub_kegiatan';
  const parentCode = level === 'program' ? null : segments.slice(0, level === 'kegiatan' ? 3 : 5).join('.');
  return {
    id,
    type: 'plan-line.registered',
    data: { year: YEAR, officeCode: OFFICE, code, level, parentCode, name: `Line ${code}` },
    effectiveDate: `${YEAR}-01-01`,
    legalBasis: null,
    reason: null,
  };
}

/** As the API sends it (code and name parsed by parseRegisterLine, strict); the facts as given. */
export const registerLine = ({
  code = SUB_KEGIATAN,
  name = 'Pemberdayaan UMKM',
  ...fields
}: Partial<Omit<RegisterLine, 'code' | 'name'>> & { code?: unknown; name?: unknown } = {}): RegisterLine => {
  const { year = YEAR, officeCode = OFFICE } = fields;
  return {
    type: 'RegisterLine',
    eventId: 'reg-1',
    officeRegistered: true,
    parentRegistered: true,
    ...fields,
    ...parseRegisterLine({ year, officeCode, code, name }, 'strict'),
  };
};

/** As the API sends it: parsed by the domain's parser (strict), as every edge does before deciding. */
export const defineIndicator = (eventId: string, name: string, fields: Partial<DefineIndicator> = {}): DefineIndicator => ({
  type: 'DefineIndicator',
  eventId,
  ...parseIndicatorDefinition({ name, unit: 'UMKM', direction: 'higher_is_better', ...fields }, 'strict'),
});

/** An APBD amount with its Perda, unless the fields say otherwise; as the API sends it, parsed strictly. */
export const changePagu = (eventId: string, fields: Record<string, unknown>): ChangePagu => ({
  type: 'ChangePagu',
  eventId,
  ...parseChangePagu(
    { phase: 'APBD', fundingSource: 'DAU', reason: 'APBD induk', legalBasis: PERDA_APBD, effectiveDate: '2022-01-03', ...fields },
    'strict',
  ),
});

/** A realisation of the fixture's year as the API sends it, parsed strictly. */
export const realise = (eventId: string, period: string, amount?: string, fields: Record<string, unknown> = {}): RecordRealisation => ({
  type: 'RecordRealisation',
  eventId,
  ...parseRecordRealisation({ period, ...(amount === undefined ? {} : { amount }), ...fields }, 'strict', YEAR),
});

/** As the API sends it: reason and legal basis parsed by parseCorrectEvent (strict); the replacement as sent. */
export const correct = (
  eventId: string,
  correctedEventId: string,
  fields: { reason?: unknown; legalBasis?: unknown; replacement?: Record<string, unknown> } = {},
): CorrectEvent => ({
  type: 'CorrectEvent',
  eventId,
  ...parseCorrectEvent({ correctedEventId, reason: 'salah input', ...fields }, 'strict'),
});

export const stateOf = (events: LineEvent[]): PlanLineState => fold(planLineDecider.evolve, planLineDecider.initialState(), events);

/** Decides the commands one after the other, each on the state the previous ones produced; returns all events. */
export function history(events: LineEvent[], ...commands: LineCommand[]): LineEvent[] {
  const all = [...events];
  for (const command of commands) all.push(...planLineDecider.decide(command, stateOf(all)));
  return all;
}

/** The events as the store returns them: with the system time at which they were recorded. */
export const recordedAt = (at: string, events: LineEvent[]): LineEvent[] => events.map((e) => ({ ...e, recordedAt: at }));
