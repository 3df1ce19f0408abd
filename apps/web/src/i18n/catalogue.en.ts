import type { MessageKey } from './catalogue';
import { coreEn } from './core.en';
import { en as changes } from '../pages/changes/messages.en';
import { en as integrity } from '../pages/integrity/messages.en';
import { en as line } from '../pages/line/messages.en';
import { en as plan } from '../pages/plan/messages.en';
import { en as reports } from '../pages/reports/messages.en';
import { en as users } from '../pages/users/messages.en';
import { en as importing } from '../pages/import/messages.en';
import { en as record } from '../pages/record/messages.en';
import { en as correct } from '../pages/correct/messages.en';

/** The English catalogue: a chunk of its own, loaded when English is chosen (i18n.tsx, loadLanguage). */
export const catalogueEn: Record<MessageKey, string> = {
  ...coreEn,
  ...plan,
  ...line,
  ...reports,
  ...changes,
  ...integrity,
  ...users,
  ...importing,
  ...record,
  ...correct,
};
