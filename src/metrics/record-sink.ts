/**
 * What the simulation tells the metrics: one call per attempt, per logical
 * request, per counted event and per interval boundary. Everything the
 * summary, time series and reports show is derived from these records.
 */

/**
 * How a logical request ended: ok; error or timeout (a failure the client does
 * not retry); gave-up (it would retry but has no attempts or budget left);
 * circuit-open (its circuit breaker refused to send).
 */
export type FinalOutcome = 'ok' | 'error' | 'timeout' | 'gave-up' | 'circuit-open';

export const FINAL_OUTCOMES: readonly FinalOutcome[] = ['ok', 'error', 'timeout', 'gave-up', 'circuit-open'];

export interface RecordSink {
  /** An attempt was sent. */
  attemptStarted(atMs: number, counted: boolean): void;
  /** An attempt ended as the client saw it (`status` 0 = client time-out). */
  attemptEnded(atMs: number, latencyMs: number, status: number, cause: string, counted: boolean): void;
  /** A logical request has its final outcome. */
  requestEnded(atMs: number, latencyMs: number, outcome: FinalOutcome, attempts: number, counted: boolean): void;
  /** Where a successful attempt's time went (per-stage latency). */
  attemptStages(stages: StageTimes, counted: boolean): void;
  /** An event published asynchronously was processed by its consumer, `latencyMs` after it was published. */
  eventDelivered(latencyMs: number, counted: boolean): void;
  /** A logical request arrived (offered load). */
  requestArrived(atMs: number, counted: boolean): void;
  /** Something worth counting happened (a cold start, a throttle, wasted work): in the interval of `atMs`, and in the run's totals when `counted` (the measurement window's rule). */
  count(event: string, atMs: number, counted: boolean, amount?: number): void;
  /**
   * The id of the counter `event`, for `countById`: what a component counts
   * on every request it looks up once, at its start. Taking an id adds no
   * column: a counter shows only once something was counted.
   */
  counterId(event: string): number;
  /** `count` by a `counterId`. */
  countById(id: number, atMs: number, counted: boolean, amount?: number): void;
  /**
   * Closes the interval that ends at `atMs`, with levels sampled at that moment
   * (concurrency, warm environments, queue depth...) and their highest levels
   * during it (`peaks`; the levels themselves when not given).
   */
  closeInterval(atMs: number, gauges: Readonly<Record<string, number>>, peaks?: Readonly<Record<string, number>>): void;
}

/**
 * Where an attempt's time went (per-stage latency), each in ms, filled in by
 * the component that spent it: the network between client and front door
 * (when the scenario places its clients), the front door's own overhead, the
 * authorizer, the cache (a hit), the integration as a whole, and inside it
 * the wait in a back-end queue and a Lambda cold start. Flat fields on the
 * attempt, not an object of their own: one allocation per attempt, not two.
 */
export interface StageTimes {
  /**
   * Which of the times below (`STAGE_*` bits) were written for this attempt:
   * a time whose bit is clear is 0, whatever its field holds (a reused
   * attempt keeps the times of its last use, and resets only this mask).
   */
  stagesWritten: number;
  /** Client to front door and back: round trips, connection set-up, an edge location's hop. */
  networkMs: number;
  overheadMs: number;
  authorizerMs: number;
  cacheMs: number;
  integrationMs: number;
  queueMs: number;
  coldStartMs: number;
}

/** Bits of `StageTimes.stagesWritten`: whoever writes a stage time sets its bit. */
export const STAGE_NETWORK = 1; // networkMs (and an attempt's networkBackMs), written together
export const STAGE_OVERHEAD = 2;
export const STAGE_AUTHORIZER = 4;
export const STAGE_CACHE = 8;
export const STAGE_INTEGRATION = 16;
export const STAGE_QUEUE = 32;
export const STAGE_COLD_START = 64;

export const STAGE_NAMES = ['network', 'overhead', 'authorizer', 'cache', 'integration', 'queue', 'coldStart'] as const;
export type StageName = (typeof STAGE_NAMES)[number];
