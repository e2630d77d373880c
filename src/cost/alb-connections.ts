/**
 * How many connections an ALB sees, for the LCU's connection dimensions.
 * The simulation does not model TCP, so this is a closed form from the
 * request rate and the callers:
 *
 * - `keep-alive` (default): each caller keeps one connection open and
 *   reuses it; the ALB closes it after its idle time-out (60 s by default).
 *   With caller i sending Poisson traffic at rate λᵢ, a request finds the
 *   connection closed when the gap before it exceeds the time-out, with
 *   probability e^(−λᵢT): new connections per second are Σ λᵢ·e^(−λᵢT), and
 *   the connection is open a share 1 − e^(−λᵢT) of the time, so active
 *   connections are Σ (1 − e^(−λᵢT)).
 * - `per-request`: every request opens its own connection (clients without
 *   keep-alive): new connections per second equal the request rate, and by
 *   Little's law the active connections are the rate times the mean time a
 *   request holds its connection.
 */
export type AlbConnectionMode = 'keep-alive' | 'per-request';

export interface AlbConnectionInput {
  readonly mode: AlbConnectionMode;
  readonly requestsPerSecond: number;
  /** Each caller's share of the requests (sums to 1). */
  readonly callerShares: readonly number[];
  readonly idleTimeoutSeconds: number;
  /** Mean time a request holds its connection (per-request mode). */
  readonly meanRequestSeconds: number;
}

export function albConnections(input: AlbConnectionInput): { newPerSecond: number; active: number } {
  if (input.mode === 'per-request') return { newPerSecond: input.requestsPerSecond, active: input.requestsPerSecond * input.meanRequestSeconds };
  let newPerSecond = 0;
  let active = 0;
  for (const share of input.callerShares) {
    const rate = input.requestsPerSecond * share;
    const stillOpen = Math.exp(-rate * input.idleTimeoutSeconds);
    newPerSecond += rate * stillOpen;
    active += 1 - stillOpen;
  }
  return { newPerSecond, active };
}
