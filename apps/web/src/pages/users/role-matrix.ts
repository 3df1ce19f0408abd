import type { Role } from '../../api/session';
import type { MessageKey } from '../../i18n/i18n';

/**
 * The permission matrix of docs/security.md, row by row. It only explains: the server's policy
 * (libs/application/src/shared/authorization.ts) decides, and test/security/permission-matrix checks it.
 * A row is either the roles allowed, or one text for all four columns (when the answer is not per role).
 */
export type MatrixRow =
  { action: MessageKey; roles: Role[]; cellText?: MessageKey; note?: MessageKey } | { action: MessageKey; spanText: MessageKey };

export const PERMISSION_MATRIX: MatrixRow[] = [
  { action: 'roles.row.offices', roles: ['admin'] },
  { action: 'roles.row.users', roles: ['admin'] },
  { action: 'roles.row.lines', roles: ['planner'] },
  { action: 'roles.row.planPagu', roles: ['planner'] },
  { action: 'roles.row.budgetPagu', roles: ['finance'] },
  { action: 'roles.row.spend', roles: ['finance'] },
  { action: 'roles.row.correct', spanText: 'roles.row.correctWho' },
  { action: 'roles.row.import', roles: ['admin', 'planner', 'finance'], cellText: 'roles.row.importWho', note: 'roles.row.importNote' },
  { action: 'roles.row.stated', roles: ['planner', 'finance'] },
  { action: 'roles.row.read', roles: ['admin', 'planner', 'finance', 'inspector'] },
  { action: 'roles.row.verify', roles: ['admin', 'inspector'] },
  { action: 'roles.row.public', spanText: 'roles.row.publicWho' },
];
