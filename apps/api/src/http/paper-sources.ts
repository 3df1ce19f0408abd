import { Inject, Injectable } from '@nestjs/common';
import type { AsOf } from '@renja/domain';
import { LEDGER_INTEGRITY, PLAN_PROJECTOR, type LedgerIntegrityService } from '@renja/application';
import {
  paperProvenance,
  PlanReader,
  type Projector,
  type CsvStyle,
  type FileFormat,
  type Paper,
  type RenderOptions,
} from '@renja/projections';

/**
 * What a printed paper carries besides its report: where it was drawn from (the point of view, the read
 * model's ledger position, the latest signed checkpoint, the time) and who signs it (the office's signatory
 * from the read model). Read only for the formats that print them (PDF, XLSX).
 */
@Injectable()
export class PaperSources {
  constructor(
    @Inject(PLAN_PROJECTOR) private readonly projector: Projector,
    @Inject(LEDGER_INTEGRITY) private readonly integrity: LedgerIntegrityService,
    private readonly reader: PlanReader,
  ) {}

  async renderOptions(format: FileFormat, office: string, asOf: AsOf, style: { paper: Paper; csv: CsvStyle }): Promise<RenderOptions> {
    if (format === 'csv') return { csv: style.csv };
    const [position, latest, officeRow] = await Promise.all([
      this.projector.position(),
      this.integrity.latest(),
      this.reader.office(office),
    ]);
    // The paper names a signed checkpoint that covers everything it shows (tree size ≥ its position), so
    // an inclusion proof of any event on it can be asked against that checkpoint.
    const checkpoint = latest.size >= position ? latest : await this.integrity.issue();
    return {
      paper: style.paper,
      provenance: paperProvenance(asOf, position, checkpoint),
      signatory: officeRow.signatory ?? null,
    };
  }
}
