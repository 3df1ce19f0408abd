import { coreId } from './core.id';
import { messages as changes } from '../pages/changes/messages';
import { messages as integrity } from '../pages/integrity/messages';
import { messages as line } from '../pages/line/messages';
import { messages as plan } from '../pages/plan/messages';
import { messages as reports } from '../pages/reports/messages';
import { messages as users } from '../pages/users/messages';
import { messages as importing } from '../pages/import/messages';
import { messages as record } from '../pages/record/messages';
import { messages as correct } from '../pages/correct/messages';

/**
 * One catalogue per language, assembled from the core messages and each feature's own. Keys are
 * namespaced by feature ("plan.…", "line.…") so that features never collide. The Indonesian one (the
 * default) is part of the app's script; the English one (catalogue.en.ts) is loaded when it is chosen.
 */
export const catalogueId = {
  ...coreId,
  ...plan.id,
  ...line.id,
  ...reports.id,
  ...changes.id,
  ...integrity.id,
  ...users.id,
  ...importing.id,
  ...record.id,
  ...correct.id,
};
export type MessageKey = keyof typeof catalogueId;
