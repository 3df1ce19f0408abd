import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideLine, lineStreamId, officeStreamId, parseOfficeCode, parsePlanCode, assertFiscalYear } from '@renja/domain';
import { authorize } from '../../shared/authorization';
import type { CommandMetadata, CommandResult } from '../../shared/command-metadata';
import { StreamCommandRunner } from '../../shared/stream-command-runner';

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
  constructor(private readonly runner: StreamCommandRunner) {}

  execute({ year, office, body, meta }: RegisterLineCommand): Promise<CommandResult> {
    const fiscalYear = assertFiscalYear(year);
    const officeCode = parseOfficeCode(office, 'office');
    authorize(meta.principal, { kind: 'register-line', office: officeCode });
    const { code, parentCode } = parsePlanCode(body.code);
    const streamId = lineStreamId(fiscalYear, officeCode, code);
    return this.runner.run(meta, streamId, async () => {
      const [loaded, officeRegistered, parentRegistered] = await Promise.all([
        this.runner.loadLine(streamId),
        this.runner.streamExists(officeStreamId(officeCode)),
        parentCode ? this.runner.streamExists(lineStreamId(fiscalYear, officeCode, parentCode)) : Promise.resolve(true),
      ]);
      const events = decideLine(
        {
          type: 'RegisterLine',
          eventId: this.runner.newEventId(),
          year: fiscalYear,
          officeCode,
          code: body.code,
          name: body.name,
          officeRegistered,
          parentRegistered,
        },
        loaded.state,
      );
      return { writes: [{ streamId, events }], versions: { [streamId]: loaded.version } };
    });
  }
}
