import { assertFiscalYear } from '../shared/dates';
import { conflict, notFound, ruleBroken } from '../shared/errors';
import { msg } from '../shared/messages/message';
import type { Decider } from '../shared/decider';
import type { DefineIndicator, LineCommand, RegisterLine } from './commands';
import { decideCorrection } from './correct';
import { LINE_EVENT_TYPES, type LineEvent } from './events';
import { evolveLine } from './evolve';
import { findViolationAfter } from './invariants';
import { decidePaguChange, decideRealisation, requireLine, type ParsedChange } from './parse-changes';
import { targetRevision } from './parse-target';
import { parseRenstra } from './renstra';
import { initialLineState, type PlanLineState } from './state';

/** The command was parsed at the edge (parseRegisterLine): what is left are the ledger's facts. */
function registerLine(command: RegisterLine, state: PlanLineState): LineEvent[] {
  const { code, level, parentCode } = command.code;
  assertFiscalYear(command.year);
  if (state.line)
    throw conflict(
      'LINE_ALREADY_REGISTERED',
      msg('LINE_ALREADY_REGISTERED', { code, year: command.year, office: command.officeCode }),
      'code',
    );
  if (!command.officeRegistered)
    throw notFound('OFFICE_NOT_REGISTERED', msg('OFFICE_NOT_REGISTERED', { office: command.officeCode }), 'office');
  if (parentCode && !command.parentRegistered) {
    throw ruleBroken('PARENT_NOT_REGISTERED', msg('PARENT_NOT_REGISTERED', { parent: parentCode, code }), 'code');
  }
  const name = command.name;
  return [
    {
      id: command.eventId,
      type: LINE_EVENT_TYPES.registered,
      data: { year: command.year, officeCode: command.officeCode, code, level, parentCode, name },
      effectiveDate: `${command.year}-01-01`,
      legalBasis: null,
      reason: null,
    },
  ];
}

/** The command was parsed at the edge (parseIndicatorDefinition): what is left are the line's rules. */
function defineIndicator(command: DefineIndicator, state: PlanLineState): LineEvent[] {
  requireLine(state);
  const { name, unit, direction } = command;
  if (state.indicators.some((i) => i.name === name)) throw conflict('INDICATOR_NAME_TAKEN', msg('INDICATOR_NAME_TAKEN', { name }), 'name');
  const indicatorId = `IK-${state.indicators.length + 1}`;
  return [
    {
      id: command.eventId,
      type: LINE_EVENT_TYPES.indicatorDefined,
      data: { indicatorId, name, unit, direction },
      effectiveDate: `${state.line!.year}-01-01`,
      legalBasis: null,
      reason: null,
    },
  ];
}

const eventFrom = <T extends LineEvent['type']>(id: string, type: T, change: ParsedChange<unknown>) =>
  ({ id, type, ...change }) as LineEvent;

/** The state the candidate events lead to, with the line's invariants checked on it (only what the events can break). */
function checkedState(state: PlanLineState, events: LineEvent[]): PlanLineState {
  const after = events.reduce(evolveLine, state);
  const violation = findViolationAfter(state, after, events);
  if (violation) throw violation;
  return after;
}

/** Appends the candidate events to the state and checks the line's invariants on the result. */
export function checked(state: PlanLineState, events: LineEvent[]): LineEvent[] {
  checkedState(state, events);
  return events;
}

export function decideLine(command: LineCommand, state: PlanLineState): LineEvent[] {
  return decideLineWithState(command, state, false).events;
}

/**
 * `decideLine`, and the state its events lead to (`events.reduce(evolveLine, state)`): a caller that folds them
 * next (a batch deciding one command after another) takes the state the invariant check already folded.
 * With `fold` false, `state` is left out where the check did not fold it anyway.
 */
export function decideLineWithState(
  command: LineCommand,
  state: PlanLineState,
  fold = true,
): { events: LineEvent[]; state: PlanLineState | null } {
  const folded = (events: LineEvent[]) => ({ events, state: fold ? events.reduce(evolveLine, state) : null });
  const checkedOne = (event: LineEvent) => ({ events: [event], state: checkedState(state, [event]) });
  switch (command.type) {
    case 'RegisterLine':
      return folded(registerLine(command, state));
    case 'DefineIndicator':
      return folded(defineIndicator(command, state));
    case 'ReviseTarget':
      return folded([eventFrom(command.eventId, LINE_EVENT_TYPES.targetRevised, targetRevision(state, command))]);
    case 'ChangePagu':
      return checkedOne(eventFrom(command.eventId, LINE_EVENT_TYPES.paguChanged, decidePaguChange(state, command)));
    case 'RecordRealisation':
      return checkedOne(eventFrom(command.eventId, LINE_EVENT_TYPES.realisationRecorded, decideRealisation(state, command)));
    case 'CorrectEvent':
      return checkedOne(decideCorrection(command, state));
    case 'RecordRenstra':
      return folded([eventFrom(command.eventId, LINE_EVENT_TYPES.renstraRecorded, parseRenstra(state, command))]);
  }
}

export const planLineDecider: Decider<LineCommand, LineEvent, PlanLineState> = {
  decide: decideLine,
  evolve: evolveLine,
  initialState: initialLineState,
};
