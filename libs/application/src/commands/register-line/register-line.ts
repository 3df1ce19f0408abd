import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertFiscalYear, parseOfficeCode, parseRegisterLine } from '@renja/domain';
import type { CommandMetadata, CommandResult } from '../../shared/command-metadata';
import { LedgerPipeline } from '../../shared/ledger-pipeline';

export class RegisterLineCommand {
  constructor(
    readonly year: number,
    readonly office: string,
    readonly body: { code: unknown; name: unknown },
    readonly meta: CommandMetadata,
  ) {}
}

@CommandHandler(RegisterLineCommand)
export class RegisterLineHandler implements ICommandHandler<RegisterLineCommand, CommandResult> {
  constructor(private readonly pipeline: LedgerPipeline) {}

  execute({ year, office, body, meta }: RegisterLineCommand): Promise<CommandResult> {
    return this.pipeline.execute(meta, {
      kind: 'register-line',
      input: parseRegisterLine(
        { year: assertFiscalYear(year), officeCode: parseOfficeCode(office, 'office'), code: body.code, name: body.name },
        'strict',
      ),
    });
  }
}
