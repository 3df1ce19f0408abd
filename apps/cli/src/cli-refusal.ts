import { render, type Message } from '@renja/domain/shared/messages/message';

/**
 * A refusal the CLI itself finds (an option it cannot read, a missing or unknown token): a catalogue
 * message like a domain error's, so `messageOf(error, 'id')` says it in Bahasa Indonesia. Kept apart from
 * refusal.ts (which loads the command runner) so that export and verify start fast.
 */
export class CliRefusal extends Error {
  constructor(
    readonly rule: string,
    readonly text: Message,
    readonly field?: string,
  ) {
    super(render(text, 'en'));
    this.name = 'CliRefusal';
  }
}
