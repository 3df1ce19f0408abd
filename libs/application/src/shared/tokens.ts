/** Nest injection tokens for the ports and infrastructure the handlers use. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const PG_POOL = Symbol('PG_POOL');
export const PLAN_PROJECTOR = Symbol('PLAN_PROJECTOR');
/** The ReadModelWaiter port (read-model-waiter.ts): the apps provide their projector as it. */
export const READ_MODEL_WAITER = Symbol('READ_MODEL_WAITER');
export const TOKEN_STORE = Symbol('TOKEN_STORE');
export const LEDGER_INTEGRITY = Symbol('LEDGER_INTEGRITY');
export const CHECKPOINTER = Symbol('CHECKPOINTER');
export const LEDGER_TREE = Symbol('LEDGER_TREE');
export const VERIFICATION_MONITOR = Symbol('VERIFICATION_MONITOR');
export const TOKEN_ADMINISTRATION = Symbol('TOKEN_ADMINISTRATION');
