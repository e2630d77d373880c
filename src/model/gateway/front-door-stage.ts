/**
 * The front door as a pipeline (DESIGN §2): each check a request meets on
 * its way to the integration is a stage (AWS WAF, the payload limit, the
 * throttles, the authorizer, metering, the response cache), composed in the
 * order the entry point's catalog profile gives, each linked to the next (as
 * middleware composes). A stage either passes the attempt on to `next` or
 * takes it: it answers, or it passes it on itself later (an authorizer
 * evaluating). The last link forwards to the integration.
 *
 * What can be decided on arrival is decided then, and its answer waits for
 * the front door's own latency (`delayMs`); a stage resumed later runs at
 * once (`delayMs` is NOW).
 */
import type { ComponentContext, ReplyCause } from '../component.js';
import type { Attempt } from '../component.js';
import type { FailureEffects } from '../failure/failure-effects.js';

/** `delayMs` of a stage resumed after the front door's latency: what it decides happens at once, with no event. */
export const NOW = -1;

/**
 * What the front door did for the measurement window's requests (its FrontDoorUsage). `billedRequests` pass the payload
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
}

/** Where a stage passes an attempt on: the next stage, or the front door's forward to the integration. */
export interface StageLink {
  /** `delayMs`: how long until the attempt is past the front door's latency (NOW: it is). */
  enter(attempt: Attempt, nowMs: number, delayMs: number): void;
}

export interface FrontDoorStage extends StageLink {
  readonly name: string;
  /** What comes after it (set once, when the front door composes its stages). */
  next: StageLink;
  /** Billing starts after it (set once, from the profile's `meter` position). */
  billsOnPass: boolean;
  /** Called once when the front door starts. */
  start(host: StageHost): void;
  /** Latency the stage adds to the front door's own, drawn on arrival (AWS WAF's inspection). */
  addedLatencyMs?(): number;
  /** A successful answer from the integration, on its way back (the cache stores it). */
  answered?(attempt: Attempt, nowMs: number): void;
  /** A failure window opened or closed on the front door. */
  setFailure?(effects: FailureEffects, nowMs: number): void;
}

/**
 * What every stage shares: its link to the next, its front door, and `pass`,
 * which bills the attempt first when metering starts after this stage (the
 * profile's `meter` position: a place in the order, not a check of its own,
 * so it costs no call).
 */
export abstract class Stage implements FrontDoorStage {
  abstract readonly name: string;
  next!: StageLink;
  /** Billing starts after this stage. */
  billsOnPass = false;
  protected host!: StageHost;

  start(host: StageHost): void {
    this.host = host;
  }

  abstract enter(attempt: Attempt, nowMs: number, delayMs: number): void;

  /** Passes the attempt on to the next link, billing it first where metering starts here. */
  protected pass(attempt: Attempt, nowMs: number, delayMs: number): void {
    if (this.billsOnPass) this.host.bill(attempt);
    this.next.enter(attempt, nowMs, delayMs);
  }
}

/** When a step decided `delayMs` before the front door's latency is over happens: after the latency, or `extraMs` from now. */
export function afterDelay(delayMs: number, extraMs: number): number {
  return delayMs === NOW ? extraMs : delayMs + extraMs;
}
