import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertFiscalYear, parseOfficeCode, parseRecordEvaluationNote } from '@renja/domain';
import type { CommandMetadata, CommandResult } from '../../shared/command-metadata';
import { LedgerPipeline } from '../../shared/ledger-pipeline';

/** Faktor pendorong / penghambat / tindak lanjut of an office's evaluation for one quarter (and line). */
export class RecordEvaluationNoteCommand {
  constructor(
    readonly year: number,
    readonly office: string,
    readonly body: Record<string, unknown>,
    readonly meta: CommandMetadata,
  ) {}
}

@CommandHandler(RecordEvaluationNoteCommand)
export class RecordEvaluationNoteHandler implements ICommandHandler<RecordEvaluationNoteCommand, CommandResult> {
  constructor(private readonly pipeline: LedgerPipeline) {}

  execute({ year, office, body, meta }: RecordEvaluationNoteCommand): Promise<CommandResult> {
    const { period, code, pendorong, penghambat, tindakLanjut, reason } = body;
    return this.pipeline.execute(meta, {
      kind: 'record-evaluation-note',
      input: parseRecordEvaluationNote(
        {
          year: assertFiscalYear(year),
          officeCode: parseOfficeCode(office, 'office'),
          ...{ period, code, pendorong, penghambat, tindakLanjut, reason },
        },
        'strict',
      ),
    });
  }
}
