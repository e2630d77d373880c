/**
 * M/M/c/c against Erlang B (scenarios/validation/mmcc-erlang-b.yaml): a
 * Lambda function with a concurrency limit of 50, all 50 environments
 * provisioned (no cold starts), exponential durations of mean 100 ms. A
 * request that finds every environment busy is throttled, not queued, so the
 * share of throttled invocations must be within 3 % of B(50, a) at
 * a = 40, 50 and 60 erlangs.
 *
 * How long to run: as in erlang-c.test.ts, R = 20 replications and a length
 * T₀ · (h₀ / 2.5 %)² from pilot runs (40 erlangs: h₀ = 2.6 % at 750 s;
 * 50: 1.6 % at 150 s; 60: 1.1 % at 60 s). The rarer the throttle, the
 * noisier its share. The test checks the 99 % interval it got.
 */
import { describe, expect, it } from 'vitest';
import { erlangB } from './queueing-formulas.js';
import { replicate } from './replicate.js';

const LIMIT = 50;
const MEAN_DURATION_S = 0.1;
const TOLERANCE = 0.03;

describe('M/M/c/c: Lambda throttle ratio against Erlang B', () => {
  it.each([
    { erlangs: 40, seconds: 900 },
    { erlangs: 50, seconds: 80 },
    { erlangs: 60, seconds: 30 },
  ])('$erlangs erlangs: within 3 % of B(50, $erlangs) ($seconds s × 20 replications)', ({ erlangs, seconds }) => {
    const expected = erlangB(LIMIT, erlangs);
    const result = replicate({
      file: 'mmcc-erlang-b.yaml',
      ratePerS: erlangs / MEAN_DURATION_S,
      replications: 20,
      measuredSeconds: seconds,
      estimate: ({ lambda }) => lambda.throttles / (lambda.throttles + lambda.invocations),
    });
    expect(result.halfWidth / expected, 'the 99 % interval is narrower than the tolerance').toBeLessThan(TOLERANCE);
    expect(Math.abs(result.mean - expected) / expected, `throttle ratio ${result.mean.toFixed(5)} vs Erlang B ${expected.toFixed(5)}`).toBeLessThan(TOLERANCE);
  });
});
