import {
  evaluationNoteStreamId,
  lineStreamId,
  statedFigureStreamId,
  LINE_EVENT_TYPES,
  officeStreamId,
  type ChangePagu,
  type CorrectEvent,
  type DefineIndicator,
  type RecordEvaluationNote,
  type RecordRealisation,
  type RecordRenstra,
  type RecordStatedFigure,
  type RegisterLine,
  type RegisterOffice,
  type ReviseTarget,
  type SetOfficeSignatory,
  type ShiftBudget,
} from '@renja/domain';
import { correctionAction, type Action } from './authorization';
import type { LineAddress } from './line-address';

/** What a command carries besides the ids the pipeline chooses and the facts it looks up. */
type Payload<C, Looked extends string = never> = Omit<C, 'type' | 'eventId' | Looked>;

/** The recorded event a correction names, as found in the store: its line, kind and data (for the roles). */
export interface CorrectionTarget {
  streamId: string;
  year: number;
  office: string;
  type: string;
  data: Record<string, unknown>;
  /** A shift's other leg: the stream corrected in the same append. */
  counterpartStreamId: string | null;
}

/**
 * Every write to the ledger, from every edge (HTTP, command line, import): one typed union. An HTTP request
 * is a batch of one, an import a batch of N; LedgerPipeline decides and appends them the same way.
 */
export type LedgerCommand =
  | { kind: 'register-office'; input: Payload<RegisterOffice> }
  | { kind: 'set-office-signatory'; input: Payload<SetOfficeSignatory> }
  | { kind: 'register-line'; input: Payload<RegisterLine, 'officeRegistered' | 'parentRegistered'> }
  | { kind: 'define-indicator'; line: LineAddress; input: Payload<DefineIndicator> }
  | { kind: 'revise-target'; line: LineAddress; input: Payload<ReviseTarget> }
  | { kind: 'change-pagu'; line: LineAddress; input: Payload<ChangePagu> }
  | { kind: 'record-realisation'; line: LineAddress; input: Payload<RecordRealisation> }
  | { kind: 'record-renstra'; line: LineAddress; input: Payload<RecordRenstra> }
  | { kind: 'shift-budget'; from: LineAddress; to: LineAddress; input: Omit<ShiftBudget, 'type' | 'shiftId' | 'outEventId' | 'inEventId'> }
  | { kind: 'correct-event'; target: CorrectionTarget; input: Payload<CorrectEvent> }
  | { kind: 'record-stated-figure'; input: Payload<RecordStatedFigure, 'officeRegistered'> }
  | { kind: 'record-evaluation-note'; input: Payload<RecordEvaluationNote, 'officeRegistered' | 'lineRegistered'> };

export type LedgerCommandKind = LedgerCommand['kind'];

/** The office a command changes. */
export function officeOf(command: LedgerCommand): string {
  switch (command.kind) {
    case 'register-office':
      return command.input.code;
    case 'set-office-signatory':
      return command.input.office;
    case 'register-line':
    case 'record-stated-figure':
    case 'record-evaluation-note':
      return command.input.officeCode;
    case 'shift-budget':
      return command.from.officeCode;
    case 'correct-event':
      return command.target.office;
    default:
      return command.line.officeCode;
  }
}

/**
 * What a command asks the authorization policy for: its kind in its office (a pagu change with its phase;
 * a correction as the kind it corrects, see correctionAction). The roles come from COMMAND_ROLES.
 */
export function actionsOf(command: LedgerCommand): Action[] {
  const office = officeOf(command);
  switch (command.kind) {
    case 'change-pagu':
      return [{ kind: 'change-pagu', office, phase: command.input.phase }];
    case 'correct-event': {
      const replacement = command.input.replacement ?? {};
      return correctionAction(command.target.type, command.target.data, replacement, office);
    }
    default:
      return [{ kind: command.kind, office }];
  }
}

/** The stream an If-Match refers to: the line (or office, or notes) the request names. */
export function primaryStreamOf(command: LedgerCommand): string {
  switch (command.kind) {
    case 'register-office':
      return officeStreamId(command.input.code);
    case 'set-office-signatory':
      return officeStreamId(command.input.office);
    case 'register-line':
      return lineStreamId(command.input.year, command.input.officeCode, command.input.code.code);
    case 'shift-budget':
      return command.from.streamId;
    case 'correct-event':
      return command.target.streamId;
    case 'record-stated-figure':
      return statedFigureStreamId(command.input.officeCode, command.input.year);
    case 'record-evaluation-note':
      return evaluationNoteStreamId(command.input.officeCode, command.input.year);
    default:
      return command.line.streamId;
  }
}

/**
 * The code of the line holding a shift's other leg: from the shift itself, or from a correction that
 * replaced one (a reversal has no replacement, and nothing is left to correct after it).
 */
export function shiftCounterpartCode(event: { type: string; data: Record<string, unknown> }): string | null {
  const data = event.data as {
    counterpartCode?: unknown;
    correctedType?: unknown;
    replacement?: { data?: { counterpartCode?: unknown } } | null;
  };
  if (event.type === LINE_EVENT_TYPES.paguShifted && typeof data.counterpartCode === 'string') return data.counterpartCode;
  const replaced = data.replacement?.data?.counterpartCode;
  if (event.type === LINE_EVENT_TYPES.corrected && data.correctedType === LINE_EVENT_TYPES.paguShifted && typeof replaced === 'string')
    return replaced;
  return null;
}

/** line-{year}-{office}-{code}: office codes may contain dashes, plan codes never do, so the last dash ends the office. */
export function lineOfStreamId(streamId: string): { year: number; office: string; code: string } {
  const year = Number(streamId.slice('line-'.length, 'line-'.length + 4));
  const rest = streamId.slice('line-'.length + 5);
  const cut = rest.lastIndexOf('-');
  return { year, office: rest.slice(0, cut), code: rest.slice(cut + 1) };
}

/** The correction target of a recorded line event. */
export function correctionTarget(event: { streamId: string; type: string; data: Record<string, unknown> }): CorrectionTarget {
  const { year, office } = lineOfStreamId(event.streamId);
  const other = shiftCounterpartCode(event);
  return {
    streamId: event.streamId,
    year,
    office,
    type: event.type,
    data: event.data,
    counterpartStreamId: other ? lineStreamId(year, office, other) : null,
  };
}
