import type { LedgerCommand } from './ledger-command';
import type { CommandMetadata, CommandResult } from './command-metadata';
import { lineAddress, type LineAddress } from './line-address';
import type { LedgerPipeline } from './ledger-pipeline';

/** A command addressed to one existing plan line, with the request body as sent. */
export abstract class LineChangeCommand {
  constructor(
    readonly year: number,
    readonly office: string,
    readonly code: string,
    readonly body: Record<string, unknown>,
    readonly meta: CommandMetadata,
  ) {}
}

/** Shared execute() of the single-line use cases: each names only the ledger command it builds. */
export abstract class LineChangeHandler<C extends LineChangeCommand> {
  constructor(protected readonly pipeline: LedgerPipeline) {}

  protected abstract toCommand(body: Record<string, unknown>, line: LineAddress): LedgerCommand;

  execute(command: C): Promise<CommandResult> {
    const line = lineAddress(command.year, command.office, command.code);
    return this.pipeline.execute(command.meta, this.toCommand(command.body, line));
  }
}
