/**
 * The contract between the pieces of the model.
 *
 * A logical request (one arrival) makes one or more attempts. An attempt
 * travels client -> front door -> integration and comes back as a reply: a
 * status code and a cause saying which mechanism produced it. Components
 * never import each other; `scenario/build` wires them together through the
 * `Hop` and `ReplyTarget` interfaces.
 */
import type { RandomStreams } from '../engine/random.js';
import type { Scheduler } from '../engine/simulator.js';
import type { RecordSink, StageTimes } from '../metrics/record-sink.js';
import type { MeasurementWindow } from './measurement-window.js';

export type { StageTimes } from '../metrics/record-sink.js';

export type ComponentKind = 'load' | 'client' | 'network' | 'gateway' | 'vpcLink' | 'authorizer' | 'lambda' | 'backend' | 'failure' | 'connections' | 'events';

/** Which mechanism produced a reply (the catalog lists them). */
export type { ReplyCause } from '../catalog/reply-causes.js';
import type { ReplyCause } from '../catalog/reply-causes.js';

/** How an attempt ended, as the client saw it. */
export type AttemptOutcome = 'ok' | 'throttled' | 'client-error' | 'server-error' | 'timeout';

export interface LogicalRequest {
  readonly id: number;
  readonly arrivalMs: number;
  /** Arrived after the warm-up, so it counts in the figures. */
  readonly counted: boolean;
  /** Attempts made so far. */
  attempts: number;
  /** Which caller (API key), 0-based. */
  readonly caller: number;
  /** Which key (for caches), 0-based, 0 the most popular. */
  readonly key: number;
  /** Which route (method and path), 0-based, an index into the scenario's routes. */
  readonly route: number;
  /** The closed-loop user who sent it, or -1 (open loop). */
  readonly user: number;
  /** The back-off before the latest retry (decorrelated jitter needs it). */
  lastBackoffMs: number;
  /** Retry-budget tokens the latest retry took (returned if it succeeds). */
  retryTokens: number;
  /** Body sizes, drawn once per request (every attempt sends the same). */
  readonly requestBytes: number;
  readonly responseBytes: number;
}

export interface Attempt extends StageTimes {
  /**
   * Set anew, with `number` and `startMs`, when the client reuses a finished
   * attempt (./shared/attempt-pool.ts). Only the client reads it, and only
   * while it waits for this attempt (`clientDone` false): once the request has
   * its final outcome the client may hand it out again for a new arrival, while
   * this attempt is still downstream. Everything else reads the copies below,
   * except an event bus and a dependency, which make attempts of their own from
   * it later (the client does not reuse requests where they are).
   */
  request: LogicalRequest;
  /** 1 for the first try. */
  number: number;
  /**
   * The request's `counted`, copied when the attempt starts: the parts of the
   * model that only need to know whether to count it need not fetch the
   * request, which in a retry storm is out of the caches by then.
   */
  counted: boolean;
  /**
   * The request's caller, key, route and body sizes, copied when the attempt
   * starts (the request is in the caches then): the front door, its throttles,
   * authorizer and cache, and a VPC link read these, so a reply that comes
   * after the client left touches no request (in the retry storm, one cold
   * load less per late reply), and a request handed out again for a new
   * arrival changes nothing its late attempts still report.
   */
  caller: number;
  key: number;
  route: number;
  requestBytes: number;
  responseBytes: number;
  startMs: number;
  /** The client has its outcome (a reply or its own time-out). */
  clientDone: boolean;
  /** The front door has answered (or given up on the integration). */
  frontDoorDone: boolean;
  /** Handles of the pending client and front-door time-outs (-1: none), to cancel them on a reply. */
  clientDeadline: number;
  frontDoorDeadline: number;
  /** The network's way back from the front door to the client (ms), drawn with the way there. */
  networkBackMs: number;
  /**
   * How many parts of the model still hold the attempt (./shared/attempt-pool.ts):
   * the client and the front door from the start, the integration and the
   * network's way back while they have it. At 0 its pool may hand it out again.
   */
  holds: number;
  /** The pool it goes back to at 0 holds; null for an attempt no pool made. */
  pool: AttemptRecycler | null;
}

export { STAGE_AUTHORIZER, STAGE_CACHE, STAGE_COLD_START, STAGE_INTEGRATION, STAGE_NETWORK, STAGE_OVERHEAD, STAGE_QUEUE } from '../metrics/record-sink.js';

/** Where a finished attempt goes (./shared/attempt-pool.ts). */
export interface AttemptRecycler {
  recycle(attempt: Attempt): void;
}

/** Holds a client's attempt from both ends of a hop: one from the front door, one from the client. */
export const HOLDS_AT_START = 2;

/** Another part of the model (an integration, the network's way back) keeps the attempt until it calls `releaseAttempt`. */
export function holdAttempt(attempt: Attempt): void {
  attempt.holds++;
}

/**
 * A part of the model is done with the attempt and will not read it again;
 * the last one hands it back to its pool. Released more often than held is a
 * bug in the model, and stops the run rather than reusing an attempt in use.
 */
export function releaseAttempt(attempt: Attempt): void {
  const holds = --attempt.holds;
  if (holds > 0) return;
  if (holds < 0) throw new Error(`attempt ${attempt.number} of request ${attempt.request.id} released more often than held`);
  attempt.pool?.recycle(attempt);
}

/** A request its maker (or the client reusing it) may still fill in. */
export type MutableRequest = { -readonly [K in keyof LogicalRequest]: LogicalRequest[K] };

/**
 * A request with every field of one, for its maker to fill: requests of the
 * clients, the backlog and WebSocket connections then share one hidden
 * class. Fields in the order the client's hot paths touch them (the first
 * few near the object's header, most often on its cache line); the time
 * fields are -0, doubles from the start (see newAttempt).
 */
export function blankRequest(): MutableRequest {
  return { attempts: 0, counted: false, caller: 0, lastBackoffMs: -0, arrivalMs: -0, retryTokens: 0, user: -1, requestBytes: 0, responseBytes: 0, key: 0, route: 0, id: 0 };
}

/** A new attempt's fields (every attempt is built with the same shape, so property access stays monomorphic). */
export function newAttempt(request: LogicalRequest, number: number, startMs: number, pool: AttemptRecycler | null = null): Attempt {
  // fields in the order the retry storm's hot paths touch them, so the first
  // few are near the object's header (most often on its cache line); the
  // time fields, each a boxed number, come last (bench/NOTES.md)
  return {
    request,
    holds: HOLDS_AT_START,
    stagesWritten: 0,
    clientDone: false,
    frontDoorDone: false,
    clientDeadline: -1,
    frontDoorDeadline: -1,
    number,
    counted: request.counted,
    responseBytes: request.responseBytes,
    pool,
    caller: request.caller,
    key: request.key,
    route: request.route,
    requestBytes: request.requestBytes,
    // -0, not 0: a literal 0 makes these small-integer fields, and the first
    // fractional time stored would change every attempt's hidden class while
    // the run is going (V8 deoptimises the code that saw the old one); -0 is
    // a double from the start and counts as 0 everywhere
    startMs,
    overheadMs: -0,
    integrationMs: -0,
    queueMs: -0,
    networkBackMs: -0,
    networkMs: -0,
    authorizerMs: -0,
    cacheMs: -0,
    coldStartMs: -0,
  };
}

/**
 * Gives a finished attempt the fields `newAttempt` gives a new one (keep the two alike: a test
 * compares them), but for its stage times: those keep their last values, and read as 0 with
 * their bits cleared.
 */
export function resetAttempt(attempt: Attempt, request: LogicalRequest, number: number, startMs: number): void {
  attempt.request = request;
  attempt.number = number;
  attempt.counted = request.counted;
  attempt.caller = request.caller;
  attempt.key = request.key;
  attempt.route = request.route;
  attempt.requestBytes = request.requestBytes;
  attempt.responseBytes = request.responseBytes;
  attempt.startMs = startMs;
  attempt.clientDone = false;
  attempt.frontDoorDone = false;
  attempt.clientDeadline = -1;
  attempt.frontDoorDeadline = -1;
  // the stage times are not touched: with their bits clear they read as 0 (StageTimes). Each is a
  // separately boxed number, and in the retry storm an attempt is reused seconds after it was last
  // used, its boxes out of the caches: resetting all eight cost a store to memory each
  attempt.stagesWritten = 0;
  attempt.holds = HOLDS_AT_START;
}

export interface ReplyTarget {
  onReply(attempt: Attempt, status: number, cause: ReplyCause): void;
}

export interface Hop {
  receive(attempt: Attempt, replyTo: ReplyTarget): void;
}

/** Told when a dependency call (with its retries) has its final result. */
export interface DependencyListener<T> {
  dependencyDone(token: T, invocation: number, ok: boolean): void;
}

/** Calls a downstream dependency on behalf of an attempt (multi-layer retries). */
export interface DependencyCaller<T> {
  call(parent: Attempt, listener: DependencyListener<T>, token: T, invocation: number): void;
}

export interface ComponentContext {
  readonly sim: Scheduler;
  readonly streams: RandomStreams;
  readonly metrics: RecordSink;
  /** What the figures count (./measurement-window.ts): the one rule. */
  readonly window: MeasurementWindow;
}

/** What a component used, for the cost model and the summary. Never negative. */
export type Usage = Readonly<Record<string, number>>;

export interface Component<U extends object = Usage> {
  readonly id: string;
  readonly kind: ComponentKind;
  start(ctx: ComponentContext): void;
  /** What it used after the warm-up: each service folder exports its usage type, which cost/ reads by role. */
  usage(): U;
}

/** A component with levels worth sampling over time (concurrency, queue depth...). */
export interface Gauged {
  /** The levels now (the time series' columns, at each interval's end). */
  gauges(nowMs: number): Readonly<Record<string, number>>;
  /**
   * The highest level of each gauge since the previous call (the current one
   * at least), so the summary's peaks are the peaks, not the highest of the
   * levels the interval ends happened to see. Same names as `gauges`.
   */
  peaks(nowMs: number): Readonly<Record<string, number>>;
}

/** A component with work the run's end may leave unfinished, to report (events still queued...). */
export interface RunEndListener {
  runEnded(nowMs: number): void;
}

export function listensForRunEnd(component: object): component is RunEndListener {
  return typeof (component as Partial<RunEndListener>).runEnded === 'function';
}

export function isGauged(component: object): component is Gauged {
  return typeof (component as Partial<Gauged>).gauges === 'function';
}

export function classifyStatus(status: number, cause: ReplyCause): AttemptOutcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 429 || cause.startsWith('throttle-')) return 'throttled';
  if (status >= 400 && status < 500) return 'client-error';
  return 'server-error';
}
