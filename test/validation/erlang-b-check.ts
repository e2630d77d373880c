/**
 * Runs the M/M/c/c validation at one load (the method and the run lengths are
 * explained in erlang-b.test.ts): 20 replications of the shipped scenario,
 * each with a control variate whose mean is known exactly.
 *
 * The control is an M/M/∞ system fed the same customers: every arrival the
 * function saw enters it, with the duration the function drew when it ran
 * the request, and a duration of the same law from a test stream of its own
 * when the function throttled it. Its number in system is Poisson(a) (Gross
 * & Harris §2.7), so the share of arrivals that find c or more there is
 * P(N ≥ c), N ~ Poisson(a), by PASTA. It moves with the throttle ratio: an
 * arrival that finds the c environments busy finds at least c customers in
 * the M/M/∞ system too (it holds every customer the loss system holds, and
 * those it turned away), so at 40 to 60 erlangs the two shares move together
 * (correlation about 0.9, control-variate.ts).
 *
 * A control built from the simulator's own draws would hide a wrong input
 * (a rate 1 % high moves B(50, 40) by 5 %, and the control with it), so the
 * inputs are checked on their own, each to 99.9 %: the arrivals' count
 * against λT (Poisson), the durations' mean against 100 ms, and the
 * control's mean against the Poisson tail.
 */
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { expect } from 'vitest';
import type { Component } from '../../src/model/component.js';
import { buildSimulation } from '../../src/scenario/build.js';
import { loadScenario } from '../../src/scenario/loader.js';
import { ROOT } from '../cli/run-cli.js';
import { controlVariateEstimate, expectInputs } from './control-variate.js';
import { erlangB, poissonTailAtLeast } from './queueing-formulas.js';

const LIMIT = 50;
const MEAN_DURATION_MS = 100;
const REPLICATIONS = 20;

interface Replication {
  /** The function's throttle ratio over the window's arrivals: the output. */
  throttled: number;
  /** The share of the window's arrivals that found LIMIT or more in the M/M/∞ control. */
  control: number;
  arrivals: number;
  durationMsTotal: number;
  durations: number;
}

/** The parts of LambdaFunction the control reads: its duration distribution and its entry. */
interface Instrumented {
  options: { duration: { sample(stream: unknown): number } };
  receive(attempt: { counted: boolean }, replyTo: unknown): void;
  usage(): { invocations: number; throttles: number };
}

function replication(erlangs: number, seconds: number, seed: number): Replication {
  const base = loadScenario(join(ROOT, 'scenarios/validation/mmcc-erlang-b.yaml'));
  const scenario = { ...base, seed, duration: base.warmup + seconds * 1000, load: { ...base.load, rate: (erlangs * 1000) / MEAN_DURATION_MS } };
  const built = buildSimulation(scenario, { seed });
  const lambda = built.components.find((c: Component) => c.kind === 'lambda') as unknown as Instrumented;
  if (typeof lambda?.options?.duration?.sample !== 'function') throw new Error('LambdaFunction no longer keeps options.duration: update erlang-b-check.ts');
  // the duration of the invocation the last arrival started, if the function ran it
  let drawn: number | null = null;
  const duration = lambda.options.duration;
  lambda.options = { ...lambda.options, duration: { ...duration, sample: (stream) => (drawn = duration.sample(stream)) } };
  // the control's own durations, for the arrivals the function turned away: exponential of the same mean
  const spare = seedrandom(`erlang-b-control-${seed}`);
  // the control's departures, latest first, so the earliest is popped from the end
  const departures: number[] = [];
  const receive = lambda.receive.bind(lambda);
  let arrivals = 0;
  let foundFull = 0;
  let durationMsTotal = 0;
  let durations = 0;
  lambda.receive = (attempt, replyTo) => {
    const now = built.sim.now;
    drawn = null;
    receive(attempt, replyTo);
    while (departures.length > 0 && departures[departures.length - 1] <= now) departures.pop();
    if (attempt.counted) {
      arrivals++;
      if (departures.length >= LIMIT) foundFull++;
      if (drawn !== null) {
        durationMsTotal += drawn;
        durations++;
      }
    }
    const leaves = now + (drawn ?? -MEAN_DURATION_MS * Math.log(1 - spare()));
    // binary search for its place, latest first
    let lo = 0;
    let hi = departures.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (departures[mid] > leaves) lo = mid + 1;
      else hi = mid;
    }
    departures.splice(lo, 0, leaves);
  };
  for (const component of built.components) component.start(built.ctx);
  built.sim.run({ untilMs: scenario.duration + 60_000 });
  const usage = lambda.usage();
  expect(usage.invocations + usage.throttles, 'the function counts the window\'s arrivals as the control does').toBe(arrivals);
  expect(durations, 'a duration drawn for every invocation, and only for those').toBe(usage.invocations);
  return { throttled: usage.throttles / arrivals, control: foundFull / arrivals, arrivals, durationMsTotal, durations };
}

export function checkErlangB(erlangs: number, seconds: number, tolerance: number): ReturnType<typeof controlVariateEstimate> {
  const expected = erlangB(LIMIT, erlangs);
  const controlMean = poissonTailAtLeast(LIMIT, erlangs);
  const runs = Array.from({ length: REPLICATIONS }, (_, i) => replication(erlangs, seconds, i + 1));

  // the inputs, on their own: Poisson arrivals at λ, exponential durations of mean 100 ms, and the control's own mean
  const sum = (f: (r: Replication) => number) => runs.reduce((s, r) => s + f(r), 0);
  expectInputs({
    arrivals: { count: sum((r) => r.arrivals), expected: (erlangs * 1000 * seconds * REPLICATIONS) / MEAN_DURATION_MS },
    draws: { label: 'duration (ms)', total: sum((r) => r.durationMsTotal), n: sum((r) => r.durations), expectedMean: MEAN_DURATION_MS },
    control: { label: `the control's share, P(Poisson(${erlangs}) ≥ ${LIMIT})`, values: runs.map((r) => r.control), expectedMean: controlMean },
  });

  const result = controlVariateEstimate(runs.map((r) => r.throttled), runs.map((r) => r.control), controlMean);
  expect(result.halfWidth / expected, 'the 99 % interval is narrower than the tolerance').toBeLessThan(tolerance);
  expect(
    Math.abs(result.mean - expected) / expected,
    `throttle ratio ${result.mean.toFixed(5)} (± ${result.halfWidth.toFixed(5)}, plain ${result.plainMean.toFixed(5)} ± ${result.plainHalfWidth.toFixed(5)}, correlation ${result.correlation.toFixed(3)}) vs Erlang B ${expected.toFixed(5)}`,
  ).toBeLessThan(tolerance);
  return result;
}
