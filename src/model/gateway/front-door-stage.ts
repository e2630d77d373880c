/**
 * The front door as a pipeline (DESIGN §2): each check a request meets on
 * its way to the integration is a stage (AWS WAF, the payload limit, the
 * throttles, the authorizer, metering, the response cache), composed in the
 * order the entry point's catalog profile gives. A stage either passes the
 * attempt on (NEXT) or takes it (TAKEN): it answered, or it will resume the
 * pipeline itself later (an authorizer evaluating).
 *
 * What can be decided on arrival is decided then, and its answer waits for
 * the front door's own latency (`delayMs`); a stage resumed later runs at
 * once (`delayMs` is NOW).
 */
import type { ComponentContext, ReplyCause } from '../component.js';
import type { Attempt } from '../component.js';
import type { FailureEffects } from '../failure/failure-effects.js';

/** The attempt goes on to the next stage. */
export const NEXT = 0;
/** The stage answered the attempt, or will resume the pipeline itself. */
export const TAKEN = 1;
export type StageVerdict = typeof NEXT | typeof TAKEN;

/** `delayMs` of a stage resumed after the front door's latency: what it decides happens at once, with no event. */
export const NOW = -1;

/**
 * Usage after the warm-up (the front door's FrontDoorUsage). `billedRequests` pass the payload
 * check, the throttles and the authorizer (API Gateway bills neither throttled nor unauthorised
 * requests); `meteredUnits` are their billing units (512 KB steps on an HTTP API, 32 KB messages
 * both ways on a WebSocket API); `responseBytes` are the 2xx bodies sent to a client still waiting,
 * cache hits included (data transfer out); `processedResponseBytes` every 2xx body, waited for or
 * not (an ALB's LCUs); `requestBytes` every request body received; `wafRequests` AWS WAF
 * inspected (blocked ones included: WAF bills them) and `wafBlocked`.
 */
export interface FrontDoorCounters {
  requests: number;
  billedRequests: number;
  meteredUnits: number;
  throttled: number;
  refused: number;
  tooLarge: number;
  cacheHits: number;
  cacheMisses: number;
  requestBytes: number;
  responseBytes: number;
  processedResponseBytes: number;
  wafRequests: number;
  wafBlocked: number;
}

/** What a stage may ask of the front door it is part of. */
export interface StageHost {
  readonly ctx: ComponentContext;
  readonly counters: FrontDoorCounters;
  /** Answers `cause`'s status after `delayMs` (at once with NOW). */
  answer(attempt: Attempt, delayMs: number, cause: ReplyCause): void;
  /** Answers 200 from the cache after `delayMs`. */
  answerFromCache(attempt: Attempt, delayMs: number): void;
  /** Counts a request API Gateway bills, with its metered units. */
  bill(attempt: Attempt): void;
  /** Goes on with the stages after the one at `index`, at once (an asynchronous stage decided). */
  resume(attempt: Attempt, index: number): void;
}

export interface FrontDoorStage {
  readonly name: string;
  /** Called once when the front door starts; `index` is the stage's place in the pipeline (for `resume`). */
  start(host: StageHost, index: number): void;
  /** Latency the stage adds to the front door's own, drawn on arrival (AWS WAF's inspection). */
  addedLatencyMs?(): number;
  /** Decides for the attempt; `delayMs` is how long until it is past the front door's latency (NOW: it is). */
  enter(attempt: Attempt, nowMs: number, delayMs: number): StageVerdict;
  /** A successful answer from the integration, on its way back (the cache stores it). */
  answered?(attempt: Attempt, nowMs: number): void;
  /** A failure window opened or closed on the front door. */
  setFailure?(effects: FailureEffects, nowMs: number): void;
}

/** When a step decided `delayMs` before the front door's latency is over happens: after the latency, or `extraMs` from now. */
export function afterDelay(delayMs: number, extraMs: number): number {
  return delayMs === NOW ? extraMs : delayMs + extraMs;
}
