import { hasMessage, LINE_EVENT_TYPES, msg, phaseFromAlias, rawMessage, type Message } from '@renja/domain';
import { paguRoles, PLANNING_PHASES, rolesForWrite, type WriteKind } from './command-roles';
import { describeScope, inScope, type OfficeScope, type Principal, type Role } from './principal';

/**
 * What a principal wants to do. Write actions name the command's kind (and, for pagu, the phase);
 * `office` is the office the change touches ('*' for actions over the whole ledger).
 */
export type Action =
  | { kind: Exclude<WriteKind, 'change-pagu'>; office: string }
  | { kind: 'change-pagu'; office: string; phase: unknown }
  | { kind: 'manage-tokens'; offices: OfficeScope }
  | { kind: 'read'; office: string }
  | { kind: 'verify-ledger' | 'issue-checkpoint' };

export { paguRoles, PLANNING_PHASES };

/** The roles allowed an action, before the office scope is looked at: writes by the table in command-roles.ts. */
export function rolesFor(action: Action): Role[] {
  switch (action.kind) {
    case 'manage-tokens':
      return ['admin'];
    case 'read':
      return ['admin', 'planner', 'finance', 'inspector'];
    case 'verify-ledger':
    case 'issue-checkpoint':
      return ['admin', 'inspector'];
    case 'change-pagu':
      return rolesForWrite(action.kind, action.phase);
    default:
      return rolesForWrite(action.kind);
  }
}

/**
 * A correction is recorded by the role that may record the corrected event's kind: a target revision
 * by a planner, a realisation or a shift by finance, a pagu change by whoever owns its phase (and the
 * replacement's phase, when the correction moves it).
 */
export function correctionAction(
  correctedType: string,
  correctedData: Record<string, unknown>,
  replacement: Record<string, unknown>,
  office: string,
): Action[] {
  switch (correctedType) {
    case LINE_EVENT_TYPES.paguChanged: {
      const actions: Action[] = [{ kind: 'change-pagu', office, phase: correctedData.phase }];
      if (replacement.phase !== undefined && replacement.phase !== correctedData.phase)
        actions.push({ kind: 'change-pagu', office, phase: replacement.phase });
      return actions;
    }
    case LINE_EVENT_TYPES.paguShifted:
      return [{ kind: 'shift-budget', office }];
    case LINE_EVENT_TYPES.realisationRecorded:
      return [{ kind: 'record-realisation', office }];
    case LINE_EVENT_TYPES.targetRevised:
      return [{ kind: 'revise-target', office }];
    case LINE_EVENT_TYPES.indicatorDefined:
      return [{ kind: 'define-indicator', office }];
    case LINE_EVENT_TYPES.corrected: {
      // A correction (a replacement) stands for the kind it corrected: its role, with the replacement's phase.
      const replaced = (correctedData.replacement as { data?: Record<string, unknown> } | null | undefined)?.data ?? {};
      return correctionAction(String(correctedData.correctedType), replaced, replacement, office);
    }
    default:
      return [{ kind: 'register-line', office }];
  }
}

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: string; rolesNeeded: Role[]; scope: string; /** The reason for people, in every language. */ text?: Message };

const describeAction = (action: Action): string => {
  switch (action.kind) {
    case 'change-pagu':
      return `change-pagu (phase ${phaseFromAlias(action.phase) ?? 'any'})`;
    default:
      return action.kind;
  }
};

/** The action as people say it ("mengubah pagu APBD Perubahan"); an action without a catalogue phrase by its code. */
const actionPhrase = (action: Action): Message => {
  if (action.kind === 'change-pagu') {
    const phase = phaseFromAlias(action.phase);
    return phase ? msg('ACTION.change-pagu', { phase }) : msg('ACTION.change-pagu.any');
  }
  const key = `ACTION.${action.kind}`;
  return hasMessage(key) ? msg(key) : rawMessage(action.kind);
};

const scopePhrase = (scope: OfficeScope): Message =>
  scope === '*' ? msg('SCOPE.all') : scope.length ? msg('SCOPE.offices', { offices: scope.join(', ') }) : msg('SCOPE.none');

/** The pure policy: may this principal do this? A refusal says which role is needed and for which scope. */
export function decide(principal: Principal, action: Action): Decision {
  const needed = rolesFor(action);
  const what = describeAction(action);
  const has = principal.roles.filter((r) => needed.includes(r));
  if (has.length === 0) {
    return {
      allowed: false,
      rolesNeeded: needed,
      scope: describeScope(principal.offices),
      reason: `${what} needs the role ${needed.join(' or ')}; "${principal.name}" has ${principal.roles.length ? `the role ${principal.roles.join(', ')}` : 'no role'}`,
      text: msg('FORBIDDEN.role', {
        action: actionPhrase(action),
        needed: needed.join(' / '),
        name: principal.name,
        has: principal.roles.length ? msg('FORBIDDEN.has_roles', { roles: principal.roles.join(', ') }) : msg('FORBIDDEN.no_role'),
      }),
    };
  }
  if ('office' in action && action.office !== '*' && !inScope(principal.offices, action.office)) {
    return {
      allowed: false,
      rolesNeeded: needed,
      scope: describeScope(principal.offices),
      reason: `${what} on office ${action.office.toUpperCase()} is outside the scope of "${principal.name}" (${describeScope(principal.offices)})`,
      text: msg('FORBIDDEN.scope', {
        action: actionPhrase(action),
        office: action.office.toUpperCase(),
        name: principal.name,
        scope: scopePhrase(principal.offices),
      }),
    };
  }
  if (action.kind === 'manage-tokens' && principal.offices !== '*') {
    const outside = action.offices === '*' ? ['*'] : action.offices.filter((o) => !inScope(principal.offices, o));
    if (outside.length > 0) {
      return {
        allowed: false,
        rolesNeeded: needed,
        scope: describeScope(principal.offices),
        reason: `"${principal.name}" may grant or revoke access only within its own scope (${describeScope(principal.offices)}), not for ${outside[0] === '*' ? 'all offices' : `office ${outside.join(', ')}`}`,
        text: msg('FORBIDDEN.grant_scope', {
          name: principal.name,
          scope: scopePhrase(principal.offices),
          target: outside[0] === '*' ? msg('SCOPE.all') : msg('SCOPE.offices', { offices: outside.join(', ') }),
        }),
      };
    }
  }
  return { allowed: true };
}

/** A refused action. HTTP 403, naming the role needed and the principal's scope. */
export class ForbiddenError extends Error {
  constructor(
    message: string,
    readonly rolesNeeded: Role[],
    readonly scope: string,
    readonly principalName: string,
    /** The refusal for people, in every language; `message` stays English for logs. */
    readonly text?: Message,
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** Throws ForbiddenError unless every action is allowed: handlers call this before anything is appended. */
export function authorize(principal: Principal, ...actions: Action[]): void {
  for (const action of actions) {
    const decision = decide(principal, action);
    if (!decision.allowed) throw new ForbiddenError(decision.reason, decision.rolesNeeded, decision.scope, principal.name, decision.text);
  }
}
