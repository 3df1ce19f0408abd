import { LINE_EVENT_TYPES, OFFICE_EVENT_TYPES, type LineEvent, type OfficeRegistered } from '@renja/domain';
import { toLineEvent, toNewEvent } from './event-mapping';
import type { RecordedEvent } from './port/event-store.port';

const context = { actor: 'bappeda', correlationId: 'req-1' };

const paguChanged = {
  id: 'e-1',
  type: LINE_EVENT_TYPES.paguChanged,
  data: { phase: 'APBD', fundingSource: 'PAD', operation: 'set', amount: '1500000.00' },
  effectiveDate: '2025-01-02',
  legalBasis: { kind: 'Perda', number: '12/2024', date: '2024-12-20' },
  reason: 'APBD ditetapkan',
} as LineEvent;

describe('event mapping (domain event ⇄ stored event)', () => {
  it('stores a line event with its validity in the metadata and its payload as data', () => {
    expect(toNewEvent(paguChanged, { ...context, causationId: 'cmd-7' })).toEqual({
      id: 'e-1',
      type: 'pagu.changed',
      schemaVersion: 1,
      data: paguChanged.data,
      metadata: {
        actor: 'bappeda',
        correlationId: 'req-1',
        causationId: 'cmd-7',
        effectiveDate: '2025-01-02',
        legalBasis: { kind: 'Perda', number: '12/2024', date: '2024-12-20' },
        reason: 'APBD ditetapkan',
      },
    });
  });

  it('stores an event without valid time (an office) with null validity and causation', () => {
    const office: OfficeRegistered = { id: 'o-1', type: OFFICE_EVENT_TYPES.registered, data: { code: '1.01', name: 'Dinas' } };
    expect(toNewEvent(office, context).metadata).toEqual({
      actor: 'bappeda',
      correlationId: 'req-1',
      causationId: null,
      effectiveDate: null,
      legalBasis: null,
      reason: null,
    });
  });

  it('reads a recorded event back as the line event that was stored, with its recorded time, position and actor', () => {
    const stored = toNewEvent(paguChanged, context);
    const recorded: RecordedEvent = {
      ...stored,
      streamId: 'line-2025-1.01-1.01.01',
      version: 3,
      position: 42,
      recordedAt: '2025-01-03T08:00:00.000001Z',
    };
    expect(toLineEvent(recorded)).toEqual({
      ...paguChanged,
      recordedAt: '2025-01-03T08:00:00.000001Z',
      position: 42,
      actor: 'bappeda',
    });
  });
});
