/**
 * The decider pattern: decide(command, state) → events; evolve(state, event) → state.
 * Pure: no clock, no ids, no I/O — time and ids arrive inside commands.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export const fold = <Event, State>(evolve: (s: State, e: Event) => State, initial: State, events: Iterable<Event>): State => {
  let state = initial;
  for (const e of events) state = evolve(state, e);
  return state;
};
