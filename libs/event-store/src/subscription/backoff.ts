/** How long to wait before the next try after failures in a row: doubling from initialDelayMs up to maxDelayMs. */
export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

/** 0.2 s, 0.4 s, 0.8 s ... 10 s: a short outage (a restarted backend) costs well under a second, a long one polls gently. */
export const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 200, maxDelayMs: 10_000 };

/**
 * The wait before try number `attempt` + 1 (attempt 1 = the first failure): the capped exponential,
 * of which a random half is taken away ("equal jitter"), so processes that failed together
 * (every subscription when PostgreSQL restarts) do not all come back at the same instant.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy = DEFAULT_RETRY, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
