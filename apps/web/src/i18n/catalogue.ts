import { coreEn } from './core.en';
import { coreId } from './core.id';
import { messages as changes } from '../pages/changes/messages';
import { messages as integrity } from '../pages/integrity/messages';
import { messages as line } from '../pages/line/messages';
import { messages as plan } from '../pages/plan/messages';
import { messages as reports } from '../pages/reports/messages';

/**
 * One catalogue per language, assembled from the core messages and each feature's own. Keys are
 * namespaced by feature ("plan.…", "line.…") so that features never collide.
 */
export const catalogueId = { ...coreId, ...plan.id, ...line.id, ...reports.id, ...changes.id, ...integrity.id };
export type MessageKey = keyof typeof catalogueId;
export const catalogueEn: Record<MessageKey, string> = { ...coreEn, ...plan.en, ...line.en, ...reports.en, ...changes.en, ...integrity.en };
