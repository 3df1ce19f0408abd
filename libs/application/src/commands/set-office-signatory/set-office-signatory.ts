import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseOfficeCode, parseOfficeSignatory } from '@renja/domain';
import type { CommandMetadata, CommandResult } from '../../shared/command-metadata';
import { LedgerPipeline } from '../../shared/ledger-pipeline';

/** Who signs the office's papers (place, title, name, NIP): an event on the office's own stream. */
export class SetOfficeSignatoryCommand {
  constructor(
    readonly office: string,
    readonly body: { place?: unknown; title?: unknown; name?: unknown; nip?: unknown },
    readonly meta: CommandMetadata,
  ) {}
}

@CommandHandler(SetOfficeSignatoryCommand)
export class SetOfficeSignatoryHandler implements ICommandHandler<SetOfficeSignatoryCommand, CommandResult> {
  constructor(private readonly pipeline: LedgerPipeline) {}

  execute({ office, body, meta }: SetOfficeSignatoryCommand): Promise<CommandResult> {
    return this.pipeline.execute(meta, {
      kind: 'set-office-signatory',
      input: { office: parseOfficeCode(office, 'office'), ...parseOfficeSignatory(body, 'strict') },
    });
  }
}
