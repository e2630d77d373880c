/**
 * Processor sharing in the HTTP back end (src/model/backend/shared-processor.ts),
 * checked against queueing theory, not against the code's own output:
 *
 * - M/G/1-PS: mean response time 1 / (μ − λ), whatever the shape of the
 *   service time (Kleinrock, Queueing Systems vol. 2, §4.4): checked with
 *   exponential and with deterministic service, and told apart from FIFO
 *   M/D/1 (1/μ + ρ / (2μ(1 − ρ))), which a wrong discipline would give;
 * - a closed loop of N jobs with no think time keeps N in service, so
 *   throughput is X(N) / E[S] for the capacity curve X (Gunther's USL);
 * - exact timings of a few jobs worked out by hand: work in flight slows
 *   down when more arrives, speeds up when some leaves or expires.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/engine/simulator.js';
import { RandomStreams } from '../../../src/engine/random.js';
import { armClientDeadline, newAttempt } from '../../../src/model/attempt-lifecycle.js';
import { bestCapacity, relativeCapacity, peakConcurrency, type CapacityCurve } from '../../../src/model/backend/capacity-curve.js';
import { HttpBackend, type HttpBackendOptions } from '../../../src/model/backend/http-backend.js';
import type { Attempt, ReplyCause } from '../../../src/model/component.js';
import { MeasurementWindow } from '../../../src/model/measurement-window.js';
import { createDistribution, type DistributionSpec } from '../../../src/model/shared/distribution.js';
import { Recorder } from '../../../src/metrics/recorder.js';
import { componentContract, newRequest, startComponent } from '../../contract/component-contract.js';
import { controlVariateEstimate, expectInputs } from '../../validation/control-variate.js';

const options = (sharing: CapacityCurve, service: DistributionSpec, extra: Partial<HttpBackendOptions> = {}): HttpBackendOptions => ({
  servers: 10_000,
  queueCapacity: Infinity,
  discipline: 'fifo',
  service: createDistribution(service),
  rejectStatus: 503,
  errorRate: 0,
  slowdown: null,
  dropExpired: false,
  sharing,
  ...extra,
});

/** A deadline `timeoutMs` after the attempt's start, as a client's time-out passes it down. */
const withDeadline = (attempt: Attempt, timeoutMs: number) => armClientDeadline(attempt, { timeoutMs, add: () => 0, cancel: () => {} });

/**
 * One replication of `customers` Poisson arrivals at `ratePerMs` to a one-core
 * processor-sharing back end: its mean response time after the first tenth of
 * the arrivals (the warm-up), and a control: the same arrivals with the same
 * service requirements served FIFO by one server (Lindley's recursion,
 * Wₙ₊₁ = max(0, Wₙ + Sₙ − Aₙ₊₁)), whose mean response time is known in
 * closed form (M/M/1: 1/(μ − λ), the PS mean too; M/D/1: 1/μ + ρ/(2μ(1 − ρ))).
 * Both disciplines are work-conserving, so they are busy over the same periods
 * and their means move together (control-variate.ts).
 */
function psAndFifo(service: DistributionSpec, ratePerMs: number, customers: number, seed: number): { ps: number; fifo: number; serviceMsTotal: number; counted: number } {
  const base = options({ kind: 'cores', cores: 1 }, service);
  const drawn: number[] = []; // every service requirement, in arrival order (10,000 servers: each starts at once)
  const backend = new HttpBackend('svc', { ...base, service: { ...base.service, sample: (stream) => drawn[drawn.push(base.service.sample(stream)) - 1] } });
  const sim = new Simulator();
  const streams = new RandomStreams(seed);
  backend.start({ sim, streams, metrics: new Recorder({ intervalMs: 1e9, warmupMs: 0 }), window: new MeasurementWindow(0) });
  const gaps = streams.get('test.arrivals');
  const warmup = customers / 10;
  const arrivedMs: number[] = [];
  let total = 0;
  let counted = 0;
  const replyTo = {
    onReply(attempt: Attempt) {
      if (attempt.request.id >= warmup) {
        total += sim.now - attempt.startMs;
        counted++;
      }
    },
  };
  const arrive = () => {
    backend.receive(newAttempt(newRequest(arrivedMs.length, sim.now), 1, sim.now), replyTo);
    arrivedMs.push(sim.now);
    if (arrivedMs.length < customers) sim.schedule(-Math.log1p(-gaps.next()) / ratePerMs, arrive, null);
  };
  sim.schedule(0, arrive, null);
  sim.run();
  expect(drawn.length, 'a service requirement drawn on arrival, for every arrival').toBe(customers);
  let wait = 0;
  let fifoTotal = 0;
  let serviceMsTotal = 0;
  for (let i = 0; i < customers; i++) {
    if (i > 0) wait = Math.max(0, wait + drawn[i - 1] - (arrivedMs[i] - arrivedMs[i - 1]));
    if (i < warmup) continue;
    fifoTotal += wait + drawn[i];
    serviceMsTotal += drawn[i];
  }
  return { ps: total / counted, fifo: fifoTotal / counted, serviceMsTotal, counted };
}

describe('capacity curves', () => {
  it('X(1) = 1 for every curve; cores level off at c, linear at 1/s, and the USL peaks at √((1 − σ)/κ) then falls', () => {
    const usl: CapacityCurve = { kind: 'usl', contention: 0.05, coherency: 0.002 };
    for (const curve of [{ kind: 'cores', cores: 4 }, { kind: 'linear', slowdown: 0.1 }, usl] as CapacityCurve[]) expect(relativeCapacity(curve, 1)).toBe(1);
    expect(relativeCapacity({ kind: 'cores', cores: 4 }, 100)).toBe(4);
    expect(relativeCapacity({ kind: 'linear', slowdown: 0.1 }, 1e9)).toBeCloseTo(10, 5);
    const peak = peakConcurrency(usl);
    expect(peak).toBeCloseTo(Math.sqrt(0.95 / 0.002), 12);
    expect(relativeCapacity(usl, Math.floor(peak))).toBeGreaterThan(relativeCapacity(usl, 5));
    expect(relativeCapacity(usl, 60)).toBeLessThan(relativeCapacity(usl, Math.floor(peak)));
  });

  it('bestCapacity is the largest X(n) for n up to a bound, found by scanning every n', () => {
    const curves: CapacityCurve[] = [{ kind: 'cores', cores: 4 }, { kind: 'linear', slowdown: 0.1 }, { kind: 'usl', contention: 0.05, coherency: 0.002 }, { kind: 'usl', contention: 0.2, coherency: 0 }];
    for (const curve of curves) {
      for (const maxN of [1, 3, 10, 21, 22, 23, 200]) {
        let best = 0;
        for (let n = 1; n <= maxN; n++) best = Math.max(best, relativeCapacity(curve, n));
        expect(bestCapacity(curve, maxN), `${curve.kind} up to ${maxN}`).toBeCloseTo(best, 12);
      }
    }
  });
});

describe('processor sharing: exact timings', () => {
  function run(jobs: Array<{ atMs: number; workMs: number; deadlineMs?: number }>, curve: CapacityCurve = { kind: 'cores', cores: 1 }, extra: Partial<HttpBackendOptions> = {}) {
    const work = jobs.map((j) => j.workMs);
    let next = 0;
    // the service time of each job in turn, as an empirical table that returns it (one draw per job)
    const backend = new HttpBackend('svc', { ...options(curve, { kind: 'constant', value: 0 }, extra), service: { ...createDistribution({ kind: 'constant', value: 0 }), sample: () => work[next++] } });
    const { sim } = startComponent(backend, 1);
    const done: Array<[number, number, ReplyCause]> = [];
    const replyTo = { onReply: (a: Attempt, status: number, cause: ReplyCause) => void done.push([a.request.id, sim.now, cause]) };
    jobs.forEach((job, i) =>
      sim.scheduleAt(job.atMs, () => {
        const attempt = newAttempt(newRequest(i, sim.now), 1, sim.now);
        if (job.deadlineMs !== undefined) withDeadline(attempt, job.deadlineMs - job.atMs);
        backend.receive(attempt, replyTo);
      }, null),
    );
    sim.run();
    return { done, usage: backend.usage() };
  }

  it('one core: a job that arrives halves the speed of the one in flight, which speeds up again when it is alone', () => {
    // A needs 10 at t=0; B needs 10 at t=5: A has 5 left, done at 5 + 5·2 = 15; B then has 5 left, alone: 20
    expect(run([{ atMs: 0, workMs: 10 }, { atMs: 5, workMs: 10 }]).done).toEqual([
      [0, 15, 'ok'],
      [1, 20, 'ok'],
    ]);
  });

  it('linear slowdown: two in service each go at X(2)/2 = 1/(1 + s)', () => {
    // s = 0.5: two jobs of 6 from t=0 each progress at 1/1.5 per ms: both done at 9
    expect(run([{ atMs: 0, workMs: 6 }, { atMs: 0, workMs: 6 }], { kind: 'linear', slowdown: 0.5 }).done.map(([, t]) => t)).toEqual([9, 9]);
  });

  it('with cancellation, a job past its deadline is abandoned (499, for nobody) and its share goes to the others', () => {
    // one core, A and B need 10 from t=0, A's deadline at 4: each had 2 by then; B's 8 left alone: 12
    const { done, usage } = run([{ atMs: 0, workMs: 10, deadlineMs: 4 }, { atMs: 0, workMs: 10 }], { kind: 'cores', cores: 1 }, { cancellation: 'deadline' });
    expect(done).toEqual([
      [0, 4, 'backend-cancelled'],
      [1, 12, 'ok'],
    ]);
    expect(usage).toMatchObject({ served: 1, cancelled: 1 });
    // without cancellation the deadline is not passed down: both finish at 20
    expect(run([{ atMs: 0, workMs: 10, deadlineMs: 4 }, { atMs: 0, workMs: 10 }]).done.map(([, t]) => t)).toEqual([20, 20]);
  });

  it('with cancellation and one request per server, work in service past its deadline frees the server for the next', () => {
    // FIFO, one server: A (10) abandoned at its deadline 4, so B (10), waiting since 1, runs 4..14
    const { done } = run([{ atMs: 0, workMs: 10, deadlineMs: 4 }, { atMs: 1, workMs: 10 }], { kind: 'cores', cores: 1 }, { sharing: null, servers: 1, cancellation: 'deadline' });
    expect(done).toEqual([
      [0, 4, 'backend-cancelled'],
      [1, 14, 'ok'],
    ]);
  });
});

describe('M/G/1-PS: mean response time 1 / (μ − λ), insensitive to the service distribution', () => {
  const MU_PER_MS = 0.1; // service mean 10 ms
  const LAMBDA_PER_MS = 0.08; // ρ = 0.8
  const expected = 1 / (MU_PER_MS - LAMBDA_PER_MS); // 50 ms
  const fifoMd1 = 1 / MU_PER_MS + (LAMBDA_PER_MS / MU_PER_MS) / (2 * MU_PER_MS * (1 - LAMBDA_PER_MS / MU_PER_MS)); // 30 ms

  // the 99 % half-width at 30,000 customers a replication, in a pilot run: exponential 0.7 % with the
  // control (correlation 0.988) against 4.2 % without; deterministic 0.01 % against 2.5 % (with equal
  // jobs the PS excess over one service moves as twice the FIFO wait, correlation 0.99999). Without the
  // control the test needed 150,000 customers a replication
  it.each([
    ['exponential', { kind: 'exponential', mean: 10 }, expected],
    ['deterministic', { kind: 'constant', value: 10 }, fifoMd1],
  ] as Array<[string, DistributionSpec, number]>)('%s service: within 4 % of 50 ms (12 replications of 30,000 requests, with a FIFO control variate)', (_, service, controlMean) => {
    const runs = Array.from({ length: 12 }, (_, i) => psAndFifo(service, LAMBDA_PER_MS, 30_000, i + 1));
    // the inputs on their own, to 99.9 %: the service mean, and the control's mean against its formula
    expectInputs({
      draws: { label: 'service (ms)', total: runs.reduce((t, r) => t + r.serviceMsTotal, 0), n: runs.reduce((n, r) => n + r.counted, 0), expectedMean: 1 / MU_PER_MS },
      control: { label: "the FIFO control's mean response (ms)", values: runs.map((r) => r.fifo), expectedMean: controlMean },
    });
    const result = controlVariateEstimate(runs.map((r) => r.ps), runs.map((r) => r.fifo), controlMean);
    expect(result.halfWidth / expected, 'the 99 % interval is narrower than the tolerance').toBeLessThan(0.04);
    expect(Math.abs(result.mean - expected) / expected, `mean ${result.mean.toFixed(2)} ms (± ${result.halfWidth.toFixed(2)}, plain ${result.plainMean.toFixed(2)} ± ${result.plainHalfWidth.toFixed(2)}, correlation ${result.correlation.toFixed(3)}) vs 1/(μ−λ) = ${expected} ms`).toBeLessThan(0.04);
    expect(Math.abs(result.mean - fifoMd1) / fifoMd1, 'told apart from FIFO M/D/1').toBeGreaterThan(0.2);
  });
});

describe('a closed loop against a USL back end', () => {
  const usl: CapacityCurve = { kind: 'usl', contention: 0.05, coherency: 0.002 };

  it.each([1, 10, 22, 60])('N = %i jobs always in service: throughput X(N) / E[S], within 4.5 standard errors', (n) => {
    const { sim, component } = startComponent(new HttpBackend('svc', options(usl, { kind: 'exponential', mean: 10 })), 7);
    const untilMs = 2_000_000;
    let completed = 0;
    let id = 0;
    const replyTo = {
      onReply() {
        completed++;
        component.receive(newAttempt(newRequest(id++, sim.now), 1, sim.now), replyTo); // no think time
      },
    };
    for (let i = 0; i < n; i++) component.receive(newAttempt(newRequest(id++, 0), 1, 0), replyTo);
    sim.run({ untilMs });
    const expected = (relativeCapacity(usl, n) / 10) * untilMs;
    // N renewal streams of exponential periods: the count's variance is about its mean
    expect(Math.abs(completed - expected), `${completed} completions vs X(N)·T/E[S] = ${expected.toFixed(0)}`).toBeLessThan(4.5 * Math.sqrt(expected));
  });
});

describe('HttpBackend contract with processor sharing', () => {
  componentContract('USL, bounded concurrency and queue', { create: () => new HttpBackend('svc', options({ kind: 'usl', contention: 0.1, coherency: 0.01 }, { kind: 'exponential', mean: 10 }, { servers: 8, queueCapacity: 20 })), attempts: 2_000, meanGapMs: 3 });
  componentContract('one core, cancellation', { create: () => new HttpBackend('svc', options({ kind: 'cores', cores: 1 }, { kind: 'exponential', mean: 5 }, { cancellation: 'deadline' })), attempts: 2_000, meanGapMs: 6 });
});
