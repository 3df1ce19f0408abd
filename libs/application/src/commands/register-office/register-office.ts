import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseRegisterOffice } from '@renja/domain';
import type { CommandMetadata, CommandResult } from '../../shared/command-metadata';
import { LedgerPipeline } from '../../shared/ledger-pipeline';

export class RegisterOfficeCommand {
  constructor(
    readonly body: { code: unknown; name: unknown },
    readonly meta: CommandMetadata,
  ) {}
}

@CommandHandler(RegisterOfficeCommand)
export class RegisterOfficeHandler implements ICommandHandler<RegisterOfficeCommand, CommandResult> {
  constructor(private readonly pipeline: LedgerPipeline) {}

  execute({ body, meta }: RegisterOfficeCommand): Promise<CommandResult> {
    return this.pipeline.execute(meta, { kind: 'register-office', input: parseRegisterOffice(body, 'strict') });
  }
}
