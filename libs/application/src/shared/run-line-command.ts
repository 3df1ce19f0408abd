import { decideLine, type LineCommand } from '@renja/domain';
import type { CommandMetadata, CommandResult } from './command-metadata';
import type { LineAddress } from './line-address';
import type { StreamCommandRunner } from './stream-command-runner';

/** Load one line, decide one command on it, append: the shape of every single-line handler. */
export function runLineCommand(
  runner: StreamCommandRunner,
  meta: CommandMetadata,
  line: LineAddress,
  build: (eventId: string) => LineCommand,
): Promise<CommandResult> {
  return runner.run(meta, line.streamId, async () => {
    const loaded = await runner.loadLine(line.streamId);
    const events = decideLine(build(runner.newEventId()), loaded.state);
    return { writes: [{ streamId: line.streamId, events }], versions: { [line.streamId]: loaded.version } };
  });
}
