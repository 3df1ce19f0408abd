import type { NewEvent } from '@renja/event-store';
import { seededOffice, SeededIds } from './dataset';

/**
 * The events every append contender writes: the line events of one generated office (APBD amounts,
 * pergeseran, monthly realisations, DID, corrections...) in turn, each with a fresh seeded id.
 * Row for row, our store, Emmett and the bare table receive the same type, data and metadata.
 */
export class EventSource {
  private readonly templates: NewEvent[];
  private next = 0;
  constructor(private readonly ids: SeededIds) {
    this.templates = seededOffice(new SeededIds('templates'), 1)
      .flatMap((a) => a.events)
      .filter((e) => e.metadata.effectiveDate !== null);
  }
  take(): NewEvent {
    const template = this.templates[this.next++ % this.templates.length];
    return { ...template, id: this.ids.next() };
  }
}
