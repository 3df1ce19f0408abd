import { randomUUID } from 'node:crypto';
import { LINE_EVENT_TYPES, lineStreamId, OFFICE_EVENT_TYPES, officeStreamId, type LegalBasis, type LineEvent } from '@renja/domain';
import type { EventStore, NewEvent, StreamAppend } from '@renja/event-store';
import { toNewEvent } from '@renja/event-store/event-mapping';

/**
 * Synthetic plan data for the report benchmark: a province-sized office (programs → kegiatan → sub kegiatan),
 * each sub kegiatan with about twenty events — APBD amounts from two sources, a pergeseran, twelve monthly
 * realisations with outputs, a DID addition in APBD-P and one correction. Events go straight to the store
 * (no deciders: the shape, not the rules, is what the benchmark needs).
 */
export interface OfficeShape {
  programs: number;
  kegiatanPerProgram: number;
  subPerKegiatan: number;
}

const context = { actor: 'bench', correlationId: 'bench' };
const PERDA: LegalBasis = { kind: 'Perda', number: '8 Tahun 2022', date: '2022-12-29' };
const PMK: LegalBasis = { kind: 'PMK', number: '170/PMK.07/2023', date: '2023-11-08' };

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const event = (type: string, data: object, effectiveDate: string, extra: Partial<LineEvent> = {}): LineEvent =>
  ({ id: randomUUID(), type, data, effectiveDate, legalBasis: null, reason: null, ...extra }) as LineEvent;

function registration(year: number, office: string, code: string, level: string, parentCode: string | null): LineEvent[] {
  return [
    event(LINE_EVENT_TYPES.registered, { year, officeCode: office, code, level, parentCode, name: `Uraian ${code}` }, `${year}-01-01`),
    event(
      LINE_EVENT_TYPES.indicatorDefined,
      {
        indicatorId: 'IK-1',
        name: `Indikator ${code}`,
        unit: 'Dokumen',
        direction: code.length % 2 ? 'higher_is_better' : 'lower_is_better',
      },
      `${year}-01-01`,
    ),
    event(LINE_EVENT_TYPES.targetRevised, { indicatorId: 'IK-1', value: '12' }, `${year}-01-02`, { reason: 'Target Renja' }),
  ];
}

function subKegiatanYear(year: number, seed: number): LineEvent[] {
  const apbd = { legalBasis: PERDA, reason: 'APBD murni' };
  const events = [
    event(
      LINE_EVENT_TYPES.paguChanged,
      { phase: 'APBD', fundingSource: 'DAU', operation: 'set', amount: `${150000000 + seed * 1000}.25` },
      `${year}-01-02`,
      apbd,
    ),
    event(
      LINE_EVENT_TYPES.paguChanged,
      { phase: 'APBD', fundingSource: 'DAK', operation: 'set', amount: '50000000.00' },
      `${year}-01-02`,
      apbd,
    ),
    event(
      LINE_EVENT_TYPES.paguChanged,
      { phase: 'PERGESERAN', fundingSource: 'DAU', operation: 'add', amount: '-1000000.00' },
      `${year}-06-20`,
      { legalBasis: PERDA, reason: 'Pergeseran' },
    ),
  ];
  for (let month = 1; month <= 12; month++) {
    const data = {
      period: `${year}-${pad(month, 2)}`,
      amount: `${9000000 + seed}.${pad(month, 2)}`,
      outputs: [{ indicatorId: 'IK-1', value: '1' }],
    };
    events.push(event(LINE_EVENT_TYPES.realisationRecorded, data, `${year}-${pad(month, 2)}-28`));
  }
  events.push(
    event(
      LINE_EVENT_TYPES.paguChanged,
      { phase: 'APBD_P', fundingSource: 'DID', operation: 'add', amount: '2000000.00' },
      `${year}-11-08`,
      { legalBasis: PMK, reason: 'DID' },
    ),
  );
  const december = events.at(-2)!;
  const replacement = { data: { ...(december.data as object), amount: '8500000.00' }, effectiveDate: december.effectiveDate };
  events.push(
    event(
      LINE_EVENT_TYPES.corrected,
      { correctedEventId: december.id, correctedType: LINE_EVENT_TYPES.realisationRecorded, replacement },
      december.effectiveDate,
      { reason: 'SP2D salah' },
    ),
  );
  return events;
}

/** Every stream of one office, ready to append. */
export function officeStreams(year: number, office: string, shape: OfficeShape): StreamAppend[] {
  const appends: StreamAppend[] = [];
  const add = (streamId: string, events: LineEvent[]) =>
    appends.push({ streamId, expectedVersion: 'no_stream', events: events.map((e) => toNewEvent(e, context)) });
  const registered: NewEvent = {
    id: randomUUID(),
    type: OFFICE_EVENT_TYPES.registered,
    schemaVersion: 1,
    data: { code: office, name: `Perangkat Daerah ${office}` },
    metadata: { ...context },
  };
  appends.push({ streamId: officeStreamId(office), expectedVersion: 'no_stream', events: [registered] });
  let seed = 0;
  for (let p = 1; p <= shape.programs; p++) {
    const program = `2.17.${pad(p, 2)}`;
    add(lineStreamId(year, office, program), registration(year, office, program, 'program', null));
    for (let k = 1; k <= shape.kegiatanPerProgram; k++) {
      const kegiatan = `${program}.1.${pad(k, 2)}`;
      add(lineStreamId(year, office, kegiatan), registration(year, office, kegiatan, 'kegiatan', program));
      for (let s = 1; s <= shape.subPerKegiatan; s++) {
        const sub = `${kegiatan}.${pad(s, 4)}`;
        add(lineStreamId(year, office, sub), [
          ...registration(year, office, sub, 'sub_kegiatan', kegiatan),
          ...subKegiatanYear(year, seed++),
        ]);
      }
    }
  }
  return appends;
}

/** Appends an office in transactions of about a thousand events. */
export async function appendOffice(store: EventStore, appends: StreamAppend[]): Promise<number> {
  let events = 0;
  for (let i = 0; i < appends.length; i += 50) {
    const chunk = appends.slice(i, i + 50);
    await store.appendMany(chunk);
    events += chunk.reduce((n, a) => n + a.events.length, 0);
  }
  return events;
}
