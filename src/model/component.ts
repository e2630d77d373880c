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
  /** Arrived in the measurement window (after the warm-up), so it counts in the figures. */
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

/**
 * One try of a logical request, as every component sees it: what it is for
 * (read-only: its request's caller, key, route and body sizes, copied when it
 * starts, and its number), and where its time went (its stage times,
 * written through ./stage-timing.ts). How it is kept — who holds it, its
 * deadlines, whether the client and the front door have let it go, its reuse
 * — is the lifecycle's (./attempt-lifecycle.ts), read and changed only
 * through its verbs.
 */
export interface Attempt extends Readonly<StageTimes> {
  /**
   * The logical request. Only its client reads it, and only while it waits
   * for this attempt; an event bus and a dependency make attempts of their
   * own from it (where requests are not reused). Everything else reads the
   * copies below, so a late reply reads nothing of a request handed out again.
   */
  readonly request: LogicalRequest;
  /** 1 for the first try. */
  readonly number: number;
  /** The request arrived in the measurement window (./measurement-window.ts). */
  readonly counted: boolean;
  readonly caller: number;
  readonly key: number;
  readonly route: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly startMs: number;
}

export { STAGE_AUTHORIZER, STAGE_CACHE, STAGE_COLD_START, STAGE_INTEGRATION, STAGE_NETWORK, STAGE_OVERHEAD, STAGE_QUEUE } from '../metrics/record-sink.js';

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
  /** What it did for the measurement window's requests: each service folder exports its usage type, which cost/ reads by role. */
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
