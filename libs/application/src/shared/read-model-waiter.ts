/**
 * The port for read-your-writes: "wait until the read model shows position N". The application depends on
 * this, not on the projector; the apps wire their projector as it (READ_MODEL_WAITER).
 */
export interface ReadModelWaiter {
  waitFor(position: number): Promise<void>;
}
