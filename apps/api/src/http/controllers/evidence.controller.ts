import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Pool } from 'pg';
import { LEDGER_INTEGRITY, lineAddress, PG_POOL, type LedgerIntegrityService } from '@renja/application';
import { lineEvidence } from '@renja/verification';
import { PlanReader } from '@renja/projections';
import { FiscalYearPipe } from '../params';
import { ApiErrors } from '../openapi/api-errors';
import { ApiSignedIn } from '../openapi/security';

/** Evidence a browser verifies itself: a line's events with hashes and inclusion proofs against a signed checkpoint. */
@ApiTags('ledger integrity')
@ApiSignedIn()
@ApiErrors(400, 403, 404)
@Controller('api/v1/years/:year/offices/:office/lines/:code/evidence')
export class EvidenceController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LEDGER_INTEGRITY) private readonly integrity: LedgerIntegrityService,
    private readonly reader: PlanReader,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "The line's partial export (docs/verification.md §4) against the latest checkpoint: { header, events, pending }; pending = its events not yet in a checkpoint",
  })
  async evidence(@Param('year', FiscalYearPipe) year: number, @Param('office') office: string, @Param('code') code: string) {
    const address = lineAddress(year, office, code);
    await this.reader.lineRow(address.streamId, address.code);
    await this.integrity.latest(); // issues the first checkpoint when there is none yet
    return lineEvidence(this.pool, this.integrity.verifierKey, { year: address.year, office: address.officeCode, code: address.code });
  }
}
