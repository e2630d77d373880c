/**
 * The contract every model component honours, run by each component's test
 * (as hono's shared contract tests are): the same seed gives the same trace;
 * nothing is scheduled in the past; every attempt it receives gets exactly
 * one reply; usage figures are finite and never negative.
 */
import { expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { Simulator, type EventCallback, type Scheduler } from '../../src/engine/simulator.js';
import { Recorder } from '../../src/metrics/recorder.js';
import type { Attempt, Component, ComponentContext, Hop, LogicalRequest, ReplyCause, ReplyTarget } from '../../src/model/component.js';
import { blankRequest, newAttempt } from '../../src/model/attempt-lifecycle.js';
import { MeasurementWindow } from '../../src/model/measurement-window.js';

export type Trace = Array<[timeMs: number, requestId: number, status: number, cause: ReplyCause]>;

export interface ContractSubject {
  /** A fresh component; `ctx` is already started when `receive` is first called. */
  create(): Component & Hop;
  /** Attempts sent, at Poisson times of this mean gap. */
  attempts: number;
  meanGapMs: number;
  /** Evenly spaced instead of Poisson. */
  evenly?: boolean;
}

/** A scheduler that records in `violations` anything scheduled before now (the contracts expect none). */
export function guarded(sim: Simulator, violations: string[]): Scheduler {
  return {
    get now() {
      return sim.now;
    },
    schedule<P>(delayMs: number, callback: EventCallback<P>, payload: P, priority?: number) {
      if (!(delayMs >= 0)) violations.push(`schedule(${delayMs}) at ${sim.now}`);
      return sim.schedule(delayMs, callback, payload, priority);
    },
    scheduleAt<P>(atMs: number, callback: EventCallback<P>, payload: P, priority?: number) {
      if (!(atMs >= sim.now)) violations.push(`scheduleAt(${atMs}) at ${sim.now}`);
      return sim.scheduleAt(atMs, callback, payload, priority);
    },
    scheduleCancellable<P>(delayMs: number, callback: EventCallback<P>, payload: P, priority?: number) {
      if (!(delayMs >= 0)) violations.push(`scheduleCancellable(${delayMs}) at ${sim.now}`);
      return sim.scheduleCancellable(delayMs, callback, payload, priority);
    },
    scheduleAtCancellable<P>(atMs: number, callback: EventCallback<P>, payload: P, priority?: number) {
      if (!(atMs >= sim.now)) violations.push(`scheduleAtCancellable(${atMs}) at ${sim.now}`);
      return sim.scheduleAtCancellable(atMs, callback, payload, priority);
    },
    cancel: (id) => sim.cancel(id),
  };
}

/** A client's request as the components see it (one caller, one key, 1 KB each way). */
export function newRequest(id: number, arrivalMs: number): LogicalRequest {
  return Object.assign(blankRequest(), { id, arrivalMs, counted: true, attempts: 1, requestBytes: 1024, responseBytes: 1024 });
}

/**
 * The component as the contract drives it, telling `onStart` its context too
 * (the fakes around it schedule on the same simulator); `receive` is how an
 * attempt reaches it (its own receive, or an adapter's).
 */
export function driven<U extends object>(component: Component<U>, onStart: (ctx: ComponentContext) => void, receive: Hop['receive']): Component<U> & Hop {
  return {
    id: component.id,
    kind: component.kind,
    start(ctx: ComponentContext) {
      onStart(ctx);
      component.start(ctx);
    },
    usage: () => component.usage(),
    receive,
  };
}

/** A started component on a fresh simulator, with no warm-up (for tests that send their own attempts). */
export function startComponent<C extends Component>(component: C, seed: number): { sim: Simulator; component: C } {
  const sim = new Simulator();
  component.start({ sim, streams: new RandomStreams(seed), metrics: new Recorder({ intervalMs: 1000, warmupMs: 0 }), window: new MeasurementWindow(0) });
  return { sim, component };
}

export function driveComponent(subject: ContractSubject, seed: number) {
  const sim = new Simulator();
  const violations: string[] = [];
  const streams = new RandomStreams(seed);
  const ctx: ComponentContext = { sim: guarded(sim, violations), streams, metrics: new Recorder({ intervalMs: 1000, warmupMs: 0 }), window: new MeasurementWindow(0) };
  const component = subject.create();
  component.start(ctx);
  const trace: Trace = [];
  const replies = new Map<number, number>();
  const replyTo: ReplyTarget = {
    onReply(attempt: Attempt, status: number, cause: ReplyCause) {
      trace.push([sim.now, attempt.request.id, status, cause]);
      replies.set(attempt.request.id, (replies.get(attempt.request.id) ?? 0) + 1);
    },
  };
  const gaps = streams.get('contract.arrivals');
  let sent = 0;
  const send: EventCallback<null> = () => {
    const attempt = newAttempt(newRequest(sent, sim.now), 1, sim.now);
    sent++;
    component.receive(attempt, replyTo);
    const gapMs = subject.evenly ? subject.meanGapMs : -subject.meanGapMs * Math.log1p(-gaps.next());
    if (sent < subject.attempts) sim.schedule(gapMs, send, null);
  };
  sim.schedule(0, send, null);
  sim.run({ untilMs: 24 * 3_600_000 });
  return { trace, replies, sent, violations, usage: component.usage(), pending: sim.pending };
}

/** Registers the contract's tests for one component configuration. */
export function componentContract(name: string, subject: ContractSubject): void {
  it(`${name}: the same seed gives the same replies at the same times`, () => {
    const a = driveComponent(subject, 11);
    const b = driveComponent(subject, 11);
    expect(a.trace).toEqual(b.trace);
    expect(driveComponent(subject, 12).trace).not.toEqual(a.trace);
  });

  it(`${name}: schedules nothing in the past`, () => {
    expect(driveComponent(subject, 13).violations).toEqual([]);
  });

  it(`${name}: answers every attempt exactly once`, () => {
    const run = driveComponent(subject, 14);
    expect(run.replies.size).toBe(run.sent);
    expect([...run.replies.values()].every((n) => n === 1)).toBe(true);
    expect(run.pending).toBe(0);
  });

  it(`${name}: reports finite, non-negative usage`, () => {
    const usage = driveComponent(subject, 15).usage;
    for (const [key, value] of Object.entries(usage)) {
      expect(Number.isFinite(value), key).toBe(true);
      expect(value, key).toBeGreaterThanOrEqual(0);
    }
  });
}
