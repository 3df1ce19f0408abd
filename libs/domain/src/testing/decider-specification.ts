import { fold, type Decider } from '../shared/decider';
import { DomainError, type DomainErrorKind } from '../shared/errors';

/**
 * Given / when / then for deciders, after Emmett's DeciderSpecification:
 *
 *   const given = DeciderSpecification.for(planLineDecider);
 *   given([registered]).when(changePagu).then([paguChanged]);
 *   given([]).when(changePagu).thenThrows('LINE_NOT_REGISTERED', 'not_found');
 *
 * `then` returns the state after the new events, so a test can go on to assert derived figures.
 */
export const DeciderSpecification = {
  for<Command, Event, State>(decider: Decider<Command, Event, State>) {
    return (givenEvents: Event[] = []) => {
      const state = fold(decider.evolve, decider.initialState(), givenEvents);
      return {
        when(command: Command) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: Event[]): State {
              const events = run();
              expect(events).toEqual(expected);
              return fold(decider.evolve, state, events);
            },
            thenThrows(rule: string, kind: DomainErrorKind): DomainError {
              let thrown: unknown;
              try {
                run();
              } catch (e) {
                thrown = e;
              }
              if (thrown === undefined) throw new Error(`expected DomainError ${kind}/${rule}, but decide() returned events`);
              // eslint-disable-next-line @typescript-eslint/only-throw-error -- re-throws whatever decide() threw, unchanged
              if (!(thrown instanceof DomainError)) throw thrown;
              const error = thrown;
              expect({ rule: error.rule, kind: error.kind }).toEqual({ rule, kind });
              return error;
            },
          };
        },
      };
    };
  },
};
