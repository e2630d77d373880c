/**
 * What a run's figures count: the one rule, here and nowhere else.
 *
 * A run measures the logical requests that arrive in its window (from the
 * warm-up to the end of the load), and everything done for them, whenever it
 * happens: their attempts and retries, the front door's requests, bills and
 * refusals, the functions' invocations and billed duration, the services'
 * work, their wasted work after the client gave up, the events they
 * publish. A retry at 31 s of a request that arrived at 29 s is not counted,
 * and the late reply during the drain of one that arrived at the last second
 * is.
 *
 * Why by the request's arrival: the summary's denominator is the requests
 * offered in the window, and the bill scales every per-request quantity by
 * it (cost/run-cost.ts). Counting usage by the same cohort makes the ratios
 * exact (every counted attempt ends in one counted outcome; the front door
 * bills exactly the counted attempts that pass its checks), where counting
 * by the time each piece of work happens would mix in the retries of
 * requests that arrived before the window and drop work its own requests
 * cause after it.
 *
 * What belongs to no request counts by when it happens: an arrival itself (a
 * request, a WebSocket connection), a failure window opening, a backlog's
 * work, and levels sampled over time (concurrency, queue depth, connection
 * minutes), whose peaks and totals are of the window's time.
 */
export class MeasurementWindow {
  constructor(
    /** The end of the warm-up (ms). */
    readonly fromMs: number,
  ) {}

  // The verdict for a request is made once, when it arrives (`includes`), and carried by
  // the request and each of its attempts as `counted`: work done for an attempt counts
  // when `attempt.counted` does. Components read that flag, and never the clock, to count.

  /** An arrival, or work for no request, at `atMs` is in the window. */
  includes(atMs: number): boolean {
    return atMs >= this.fromMs;
  }
}
