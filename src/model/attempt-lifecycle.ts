/**
 * An attempt's life, and the only module that knows how it is kept: who
 * holds it, when it goes back to its pool, the client's and the front
 * door's deadlines on it, and whether each has let it go. Components see
 * the attempt's domain fields and its stage times (../component.ts,
 * ./stage-timing.ts) and use the verbs below; none reads these fields.
 *
 * Holds. The client and the front door hold an attempt from its start (the
 * client until it has its outcome, the front door until it has answered),
 * an integration while it works on it (also after the client or the front
 * door gave up on it) and the network while the answer travels back. At
 * zero holds its pool may hand it out again; released more often than held
 * stops the run.
 *
 * Reuse. The client's finished attempts and, where nothing reads a request
 * after its final outcome, its finished requests are handed out again
 * (AttemptPool, RequestPool) instead of allocated: in a retry storm they
 * live seconds, long enough to be promoted by V8's young-generation
 * collector and die in the old one. Reuse never changes a result (a test
 * runs every shipped scenario with and without it). An attempt carries
 * copies of its request's fields, so a reply that comes after the request
 * was handed out again reads nothing of the new one.
 *
 * Layout. Every attempt and request is built with the same fields in the
 * same order (one hidden class each, so property access stays monomorphic);
 * the fields the hot paths touch first come first; times start as -0, a
 * double, so the first fractional time stored does not change the class
 * while the run is going (bench/NOTES.md has the measurements).
 */
import type { Attempt, LogicalRequest } from './component.js';
import type { StageTimes } from '../metrics/record-sink.js';

/** A request its maker (or the client reusing it) may still fill in. */
export type MutableRequest = { -readonly [K in keyof LogicalRequest]: LogicalRequest[K] };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Where a finished attempt goes (AttemptPool). */
export interface AttemptRecycler {
  recycle(attempt: Attempt): void;
}

/** What a deadline queue does for an attempt (../shared/deadline-queue.ts): a handle to cancel it by. */
export interface AttemptDeadlines {
  /** How long after it is added an attempt's deadline comes. */
  readonly timeoutMs: number;
  add(attempt: Attempt): number;
  cancel(handle: number): void;
}

/** The whole record: the attempt components see, and what only this module reads and writes. */
interface AttemptRecord extends Mutable<Attempt>, StageTimes {
  request: LogicalRequest;
  /** The client has its outcome (a reply or its own time-out). */
  clientDone: boolean;
  /** The front door has answered (or given up on the integration). */
  frontDoorDone: boolean;
  /** Handles of the pending client and front-door deadlines (-1: none). */
  clientDeadline: number;
  frontDoorDeadline: number;
  /** When the client stops waiting for it (Infinity: never), for a service told of its callers' deadlines (deadlineOf). */
  deadlineMs: number;
  /** The network's way back from the front door to the client (ms), drawn with the way there (./stage-timing.ts). */
  networkBackMs: number;
  /** How many parts of the model still hold it. */
  holds: number;
  /** The pool it goes back to at 0 holds; null for an attempt no pool made. */
  pool: AttemptRecycler | null;
}

const record = (attempt: Attempt) => attempt as AttemptRecord;

/** The client's and the front door's holds. */
const HOLDS_AT_START = 2;

/** A request with every field of one, for its maker to fill (one hidden class for every request). */
export function blankRequest(): MutableRequest {
  return { attempts: 0, counted: false, caller: 0, lastBackoffMs: -0, arrivalMs: -0, retryTokens: 0, user: -1, requestBytes: 0, responseBytes: 0, key: 0, route: 0, id: 0 };
}

/** A new attempt of `request`, held by its sender and the front door. */
export function newAttempt(request: LogicalRequest, number: number, startMs: number, pool: AttemptRecycler | null = null): Attempt {
  const attempt: AttemptRecord = {
    request,
    holds: HOLDS_AT_START,
    stagesWritten: 0,
    clientDone: false,
    frontDoorDone: false,
    clientDeadline: -1,
    frontDoorDeadline: -1,
    deadlineMs: Infinity,
    number,
    counted: request.counted,
    responseBytes: request.responseBytes,
    pool,
    caller: request.caller,
    key: request.key,
    route: request.route,
    requestBytes: request.requestBytes,
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
  return attempt;
}

/** Gives a finished attempt a new attempt's fields; its stage times keep their values and read as 0 (their bits cleared). */
function resetAttempt(attempt: AttemptRecord, request: LogicalRequest, number: number, startMs: number): void {
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
  attempt.deadlineMs = Infinity;
  attempt.stagesWritten = 0;
  attempt.holds = HOLDS_AT_START;
}

/** The client's finished attempts, handed out again. */
export class AttemptPool implements AttemptRecycler {
  private readonly free: AttemptRecord[] = [];

  /** `reuse: false` makes every attempt new (for the test that reuse changes nothing). */
  constructor(private readonly reuse = true) {}

  acquire(request: LogicalRequest, number: number, startMs: number): Attempt {
    const attempt = this.free.pop();
    if (attempt === undefined) return newAttempt(request, number, startMs, this);
    resetAttempt(attempt, request, number, startMs);
    return attempt;
  }

  recycle(attempt: Attempt): void {
    if (this.reuse) this.free.push(record(attempt));
  }

  /** Attempts waiting to be reused. */
  get size(): number {
    return this.free.length;
  }
}

/** Requests that have their final outcome, handed out again where nothing reads them after it. */
export class RequestPool {
  private readonly free: MutableRequest[] = [];

  constructor(private readonly reuse: boolean) {}

  acquire(): MutableRequest {
    return this.free.pop() ?? blankRequest();
  }

  /** The request has its final outcome and its client reads it no more. */
  finished(request: LogicalRequest): void {
    if (this.reuse) this.free.push(request as MutableRequest);
  }

  get size(): number {
    return this.free.length;
  }
}

/** Another part of the model (an integration, the network's way back) keeps the attempt until it calls `releaseAttempt`. */
export function holdAttempt(attempt: Attempt): void {
  record(attempt).holds++;
}

/** A part of the model is done with the attempt and will not read it again; the last one hands it back to its pool. */
export function releaseAttempt(attempt: Attempt): void {
  const a = record(attempt);
  const holds = --a.holds;
  if (holds > 0) return;
  if (holds < 0) throw new Error(`attempt ${a.number} of request ${a.request.id} released more often than held`);
  a.pool?.recycle(attempt);
}

/** The client still waits for this attempt (neither a reply nor its time-out yet). */
export function clientWaits(attempt: Attempt): boolean {
  return !record(attempt).clientDone;
}

/** The client has the attempt's outcome (a reply, or its own time-out); a later reply is wasted work. */
export function clientHasOutcome(attempt: Attempt): void {
  record(attempt).clientDone = true;
}

/** The client's time-out for the attempt starts now. */
export function armClientDeadline(attempt: Attempt, deadlines: AttemptDeadlines): void {
  const a = record(attempt);
  a.clientDeadline = deadlines.add(attempt);
  a.deadlineMs = a.startMs + deadlines.timeoutMs;
}

/** When the attempt's client stops waiting for it (Infinity: it waits for ever): the deadline a call passes downstream. */
export function deadlineOf(attempt: Attempt): number {
  return record(attempt).deadlineMs;
}

/** A reply came in time: the client's time-out for it will not fire. */
export function cancelClientDeadline(attempt: Attempt, deadlines: AttemptDeadlines | null): void {
  const handle = record(attempt).clientDeadline;
  if (handle >= 0) deadlines?.cancel(handle);
}

/** The front door has answered the attempt (or timed out its integration). */
export function frontDoorAnswered(attempt: Attempt): boolean {
  return record(attempt).frontDoorDone;
}

export function markFrontDoorAnswered(attempt: Attempt): void {
  record(attempt).frontDoorDone = true;
}

/** The front door's integration time-out for the attempt starts now. */
export function armFrontDoorDeadline(attempt: Attempt, deadlines: AttemptDeadlines): void {
  record(attempt).frontDoorDeadline = deadlines.add(attempt);
}

/** The integration answered: the front door's time-out for it will not fire. */
export function cancelFrontDoorDeadline(attempt: Attempt, deadlines: AttemptDeadlines | null): void {
  deadlines?.cancel(record(attempt).frontDoorDeadline);
}
