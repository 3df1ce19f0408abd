import type { LineCommand } from '@renja/domain';
import { authorize, type Action } from './authorization';
import type { CommandMetadata, CommandResult } from './command-metadata';
import { lineAddress } from './line-address';
import { runLineCommand } from './run-line-command';
import type { StreamCommandRunner } from './stream-command-runner';

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

/** Shared execute() of the single-line use cases: each names only the domain command it builds. */
export abstract class LineChangeHandler<C extends LineChangeCommand> {
  constructor(protected readonly runner: StreamCommandRunner) {}

  protected abstract toDomain(command: C, eventId: string): LineCommand;

  /** What the command does, for the authorization check (its kind, the office, the pagu phase). */
  protected abstract action(command: C, officeCode: string): Action;

  execute(command: C): Promise<CommandResult> {
    const line = lineAddress(command.year, command.office, command.code);
    authorize(command.meta.principal, this.action(command, line.officeCode));
    return runLineCommand(this.runner, command.meta, line, (eventId) => this.toDomain(command, eventId));
  }
}
