/**
 * The contract every caller honours: a component that sends attempts to a
 * downstream Hop and hears its replies (the client pool, a function's
 * dependency client), where ./component-contract.ts is for components that
 * answer attempts. The caller is driven with requests at Poisson times
 * against a fake downstream that answers after a random delay with a mix of
 * 200, 500 and 429, answers a share only after the caller's time-out, and
 * never answers another share. Then:
 * - the same seed gives the same attempts sent (time, request id, attempt
 *   number), and another seed other ones;
 * - nothing is scheduled in the past;
 * - conservation, at checkpoints during the run and once it has drained:
 *   requests arrived = finished + in flight, attempts started = ended + in
 *   flight (as the caller keeps them); every attempt started reached the
 *   downstream; attempts ended = replies heard in time + time-outs, and the
 *   replies that came after the time-out are the caller's late replies (as
 *   the downstream saw them, by time alone); nothing is left in flight at
 *   the end;
 * - usage figures are finite and never negative.
 */
import { expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulator, type EventCallback } from '../../src/engine/simulator.js';
import { Recorder } from '../../src/metrics/recorder.js';
import { releaseAttempt } from '../../src/model/attempt-lifecycle.js';
import type { Attempt, Component, ComponentContext, Hop, ReplyCause, ReplyTarget, Usage } from '../../src/model/component.js';
import { MeasurementWindow } from '../../src/model/measurement-window.js';
import { guarded } from './component-contract.js';

export type AttemptTrace = Array<[timeMs: number, requestId: number, attempt: number]>;

/** What the caller says it did: its requests and attempts, and what ended them. */
export interface CallerLedger {
  requestsArrived: number;
  requestsFinished: number;
  requestsInFlight: number;
  attemptsStarted: number;
  /** null where the caller keeps no such figure (the dependency client): its attempts are then checked by what the downstream saw. */
  attemptsEnded: number | null;
  attemptsInFlight: number | null;
  /** Attempts it stopped waiting for at its time-out. */
  timeouts: number;
  /** Replies that came after it stopped waiting. */
  lateReplies: number;
}

/** A caller under test, wired to the contract's downstream. */
export interface Caller {
  readonly component: Component<object>;
  /** One new request, now. */
  arrive(): void;
  ledger(): CallerLedger;
}

/** How the fake downstream answers: shares of each answer (the rest is never answered) and the mean delay. */
export interface DownstreamMix {
  ok: number;
  error: number;
  throttled: number;
  /** Answered 200, but only after the caller's time-out. */
  late: number;
  meanDelayMs: number;
}

export interface CallerSubject {
  /** A fresh caller sending to `downstream`; its `start` is called with the contract's context. */
  create(downstream: Hop): Caller;
  /** The caller's attempt time-out (finite: the contract's downstream leaves some attempts unanswered). */
  timeoutMs: number;
  requests: number;
  meanGapMs: number;
  downstream?: Partial<DownstreamMix>;
}

export const DEFAULT_MIX: DownstreamMix = { ok: 0.65, error: 0.15, throttled: 0.1, late: 0.05, meanDelayMs: 20 };

/** What the downstream saw of one attempt. */
interface Seen {
  readonly atMs: number;
  repliedMs: number | null;
}

/** The downstream's own tally at a moment, by time alone (not by the caller's flags). */
export interface DownstreamView {
  sent: number;
  answeredInTime: number;
  timedOut: number;
  waiting: number;
  late: number;
}

function view(seen: readonly Seen[], nowMs: number, timeoutMs: number): DownstreamView {
  const v: DownstreamView = { sent: seen.length, answeredInTime: 0, timedOut: 0, waiting: 0, late: 0 };
  for (const s of seen) {
    const deadlineMs = s.atMs + timeoutMs;
    if (s.repliedMs !== null && s.repliedMs < deadlineMs) v.answeredInTime++;
    else if (deadlineMs <= nowMs) v.timedOut++;
    else v.waiting++;
    if (s.repliedMs !== null && s.repliedMs > deadlineMs) v.late++;
  }
  return v;
}

export function driveCaller(subject: CallerSubject, seed: number) {
  const sim = new Simulator();
  const violations: string[] = [];
  const streams = new RandomStreams(seed);
  const ctx: ComponentContext = { sim: guarded(sim, violations), streams, metrics: new Recorder({ intervalMs: 1000, warmupMs: 0 }), window: new MeasurementWindow(0) };
  const mix = { ...DEFAULT_MIX, ...subject.downstream };
  const answers = streams.get('contract.downstream');
  const trace: AttemptTrace = [];
  const seen: Seen[] = [];
  const answer: EventCallback<{ attempt: Attempt; replyTo: ReplyTarget; seen: Seen; status: number; cause: ReplyCause }> = (r) => {
    r.seen.repliedMs = sim.now;
    r.replyTo.onReply(r.attempt, r.status, r.cause);
    releaseAttempt(r.attempt); // the downstream's hold, as a front door lets go once it has answered
  };
  const downstream: Hop = {
    receive(attempt: Attempt, replyTo: ReplyTarget) {
      trace.push([sim.now, attempt.request.id, attempt.number]);
      const s: Seen = { atMs: sim.now, repliedMs: null };
      seen.push(s);
      const u = answers.next();
      const delayMs = -mix.meanDelayMs * Math.log1p(-answers.next());
      const [status, cause, afterMs]: [number, ReplyCause, number] =
        u < mix.ok ? [200, 'ok', delayMs] : u < mix.ok + mix.error ? [500, 'backend-error', delayMs] : u < mix.ok + mix.error + mix.throttled ? [429, 'throttle-stage', delayMs] : [200, 'ok', subject.timeoutMs + delayMs];
      if (u < mix.ok + mix.error + mix.throttled + mix.late) sim.schedule(afterMs, answer, { attempt, replyTo, seen: s, status, cause });
    },
  };
  const caller = subject.create(downstream);
  caller.component.start(ctx);
  const gaps = streams.get('contract.arrivals');
  let arrived = 0;
  const arrive: EventCallback<null> = () => {
    arrived++;
    caller.arrive();
    if (arrived < subject.requests) sim.schedule(-subject.meanGapMs * Math.log1p(-gaps.next()), arrive, null);
  };
  sim.schedule(0, arrive, null);
  // checkpoints while requests arrive and retry (at times no event is likely to share), then the drained end
  const checkpoints: Array<{ atMs: number; arrived: number; ledger: CallerLedger; downstream: DownstreamView }> = [];
  const spanMs = subject.requests * subject.meanGapMs;
  for (let i = 1; i <= 8; i++) {
    sim.run({ untilMs: (i * spanMs) / 8 + 0.123_456_7 });
    checkpoints.push({ atMs: sim.now, arrived, ledger: caller.ledger(), downstream: view(seen, sim.now, subject.timeoutMs) });
  }
  sim.run();
  // the clock stands at the last event; deadlines not yet reached cannot be pending (the run drained)
  const end = { ledger: caller.ledger(), downstream: view(seen, Infinity, subject.timeoutMs) };
  return { trace, violations, arrived, checkpoints, end, usage: caller.component.usage() as Usage, pending: sim.pending };
}

/** The caller's books balance, and agree with what the downstream saw. */
export function expectBalanced(ledger: CallerLedger, seen: DownstreamView, arrived: number, where: string): void {
  expect(ledger.requestsArrived, `${where}: requests arrived`).toBe(arrived);
  expect(ledger.requestsFinished + ledger.requestsInFlight, `${where}: requests finished + in flight`).toBe(ledger.requestsArrived);
  expect(ledger.attemptsStarted, `${where}: attempts started = attempts the downstream received`).toBe(seen.sent);
  if (ledger.attemptsEnded !== null && ledger.attemptsInFlight !== null) {
    expect(ledger.attemptsEnded + ledger.attemptsInFlight, `${where}: attempts ended + in flight`).toBe(ledger.attemptsStarted);
    expect(ledger.attemptsEnded, `${where}: attempts ended = replies in time + time-outs`).toBe(seen.answeredInTime + seen.timedOut);
  }
  expect(ledger.timeouts, `${where}: time-outs`).toBe(seen.timedOut);
  expect(ledger.lateReplies, `${where}: late replies`).toBe(seen.late);
  for (const [key, value] of Object.entries(ledger)) if (value !== null) expect(value, `${where}: ${key}`).toBeGreaterThanOrEqual(0);
}

/** Registers the contract's tests for one caller configuration. */
export function callerContract(name: string, subject: CallerSubject): void {
  it(`${name}: the same seed sends the same attempts at the same times`, () => {
    const a = driveCaller(subject, 21);
    expect(a.trace.length).toBeGreaterThan(0);
    expect(driveCaller(subject, 21).trace).toEqual(a.trace);
    expect(driveCaller(subject, 22).trace).not.toEqual(a.trace);
  });

  it(`${name}: schedules nothing in the past`, () => {
    expect(driveCaller(subject, 23).violations).toEqual([]);
  });

  it(`${name}: conserves requests and attempts, during the run and once it drained`, () => {
    const run = driveCaller(subject, 24);
    for (const c of run.checkpoints) expectBalanced(c.ledger, c.downstream, c.arrived, `at ${c.atMs.toFixed(1)} ms`);
    // the checkpoints did catch work in flight
    expect(run.checkpoints.some((c) => c.ledger.requestsInFlight > 0 && c.downstream.waiting > 0)).toBe(true);
    expectBalanced(run.end.ledger, run.end.downstream, run.arrived, 'at the end');
    expect(run.end.ledger.requestsInFlight).toBe(0);
    expect(run.end.ledger.attemptsInFlight ?? 0).toBe(0);
    expect(run.pending).toBe(0);
  });

  it(`${name}: reports finite, non-negative usage`, () => {
    const usage = driveCaller(subject, 25).usage;
    for (const [key, value] of Object.entries(usage)) {
      expect(Number.isFinite(value), key).toBe(true);
      expect(value, key).toBeGreaterThanOrEqual(0);
    }
  });
}
