import { ChangePaguHandler } from './commands/change-pagu/change-pagu';
import { CorrectEventHandler } from './commands/correct-event/correct-event';
import { DefineIndicatorHandler } from './commands/define-indicator/define-indicator';
import { RecordEvaluationNoteHandler } from './commands/record-evaluation-note/record-evaluation-note';
import { RecordRealisationHandler } from './commands/record-realisation/record-realisation';
import { RecordRenstraHandler } from './commands/record-renstra/record-renstra';
import { RegisterLineHandler } from './commands/register-line/register-line';
import { RegisterOfficeHandler } from './commands/register-office/register-office';
import { SetOfficeSignatoryHandler } from './commands/set-office-signatory/set-office-signatory';
import { ReviseTargetHandler } from './commands/revise-target/revise-target';
import { ShiftBudgetHandler } from './commands/shift-budget/shift-budget';

export const commandHandlers = [
  RegisterOfficeHandler,
  SetOfficeSignatoryHandler,
  RegisterLineHandler,
  DefineIndicatorHandler,
  ReviseTargetHandler,
  ChangePaguHandler,
  RecordRealisationHandler,
  ShiftBudgetHandler,
  CorrectEventHandler,
  RecordRenstraHandler,
  RecordEvaluationNoteHandler,
];
