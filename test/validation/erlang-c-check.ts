/**
 * Runs the M/M/c validation at one load (the method and the run lengths are
 * explained in erlang-c.test.ts): 20 replications of the shipped scenario,
 * each with a control variate whose mean is known exactly.
 *
 * The control is an M/M/1 queue fed the same customers: the arrival times
 * the backend saw and the service times it drew, each served c times as fast
 * by one server (Lindley's recursion, W₁ = 0, Wₙ₊₁ = max(0, Wₙ + Sₙ/c − Aₙ₊₁);
 * Kleinrock vol. 1 §8.1). It has the same load ρ and a known mean wait,
 * ρ / (cμ − λ), and it waits when the c servers wait: at ρ = 0.95 the two
 * means move together with correlation 0.996, which leaves about 1/100 of the
 * plain estimate's variance (control-variate.ts).
 *
 * A control built from the simulator's own draws would hide a wrong input
 * (a rate 0.2 % high moves the wait at ρ = 0.95 by 4 %, and the control with
 * it), so the inputs are checked on their own: the arrivals' count against
 * λT (Poisson), the service times' mean against 1/μ, and the control's mean
 * against the M/M/1 formula, each to 99.9 %.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Component } from '../../src/model/component.js';
import { buildSimulation } from '../../src/scenario/build.js';
import { loadScenario } from '../../src/scenario/loader.js';
import { ROOT } from '../cli/run-cli.js';
import { controlVariateEstimate, expectInputs } from './control-variate.js';
import { mm1MeanWaitMs, mmcMeanWaitMs } from './queueing-formulas.js';

const SERVERS = 10;
const MU_PER_S = 100; // service mean 10 ms
const REPLICATIONS = 20;

interface Replication {
  /** The backend's mean queue wait over the window's requests (ms): the output. */
  wait: number;
  /** The M/M/1 control's mean wait over the same requests (ms). */
  control: number;
  arrivals: number;
  serviceMsTotal: number;
  services: number;
}

/** The parts of HttpBackend the control reads: its service distribution and its entry. */
interface Instrumented {
  options: { service: { sample(stream: unknown): number } };
  receive(attempt: { counted: boolean }, replyTo: unknown): void;
  usage(): { waitMsTotal: number; waited: number };
}

function replication(lambdaPerS: number, seconds: number, seed: number): Replication {
  const base = loadScenario(join(ROOT, 'scenarios/validation/mmc-erlang-c.yaml'));
  const scenario = { ...base, seed, duration: base.warmup + seconds * 1000, load: { ...base.load, rate: lambdaPerS } };
  const built = buildSimulation(scenario, { seed });
  const backend = built.components.find((c: Component) => c.kind === 'backend') as unknown as Instrumented;
  if (typeof backend?.options?.service?.sample !== 'function') throw new Error('HttpBackend no longer keeps options.service: update erlang-c-check.ts');
  // every arrival's time and whether it is in the window, and every service time drawn (FIFO: in arrival order)
  const arrivedMs: number[] = [];
  const counted: boolean[] = [];
  const serviceMs: number[] = [];
  const service = backend.options.service;
  backend.options = { ...backend.options, service: { ...service, sample: (stream) => serviceMs[serviceMs.push(service.sample(stream)) - 1] } };
  const receive = backend.receive.bind(backend);
  backend.receive = (attempt, replyTo) => {
    arrivedMs.push(built.sim.now);
    counted.push(attempt.counted);
    receive(attempt, replyTo);
  };
  for (const component of built.components) component.start(built.ctx);
  built.sim.run({ untilMs: scenario.duration });
  built.sim.run({ untilMs: scenario.duration + 60_000 }); // every request in the window served
  expect(serviceMs.length, 'every arrival served, in order').toBe(arrivedMs.length);

  let wait = 0;
  let total = 0;
  let n = 0;
  let serviceMsTotal = 0;
  for (let i = 0; i < arrivedMs.length; i++) {
    if (i > 0) wait = Math.max(0, wait + serviceMs[i - 1] / SERVERS - (arrivedMs[i] - arrivedMs[i - 1]));
    if (!counted[i]) continue;
    total += wait;
    serviceMsTotal += serviceMs[i];
    n++;
  }
  const usage = backend.usage();
  expect(usage.waited, 'the backend counts the window\'s requests as the control does').toBe(n);
  return { wait: usage.waitMsTotal / usage.waited, control: total / n, arrivals: n, serviceMsTotal, services: n };
}

export function checkErlangC(rho: number, seconds: number, tolerance: number): void {
  const lambda = rho * SERVERS * MU_PER_S;
  const expected = mmcMeanWaitMs(SERVERS, lambda, MU_PER_S);
  const controlMean = mm1MeanWaitMs(lambda, SERVERS * MU_PER_S);
  const runs = Array.from({ length: REPLICATIONS }, (_, i) => replication(lambda, seconds, i + 1));

  // the inputs, on their own: Poisson arrivals at λ, exponential service of mean 1/μ, and the control's own mean
  const sum = (f: (r: Replication) => number) => runs.reduce((s, r) => s + f(r), 0);
  expectInputs({
    arrivals: { count: sum((r) => r.arrivals), expected: lambda * seconds * REPLICATIONS },
    draws: { label: 'service (ms)', total: sum((r) => r.serviceMsTotal), n: sum((r) => r.services), expectedMean: 1000 / MU_PER_S },
    control: { label: "the M/M/1 control's mean wait (ms)", values: runs.map((r) => r.control), expectedMean: controlMean },
  });

  const result = controlVariateEstimate(runs.map((r) => r.wait), runs.map((r) => r.control), controlMean);
  expect(result.halfWidth / expected, 'the 99 % interval is narrower than the tolerance').toBeLessThan(tolerance);
  expect(Math.abs(result.mean - expected) / expected, `mean wait ${result.mean.toFixed(4)} ms (± ${result.halfWidth.toFixed(4)}, plain ${result.plainMean.toFixed(4)} ± ${result.plainHalfWidth.toFixed(4)}) vs Erlang C ${expected.toFixed(4)} ms`).toBeLessThan(tolerance);
}
