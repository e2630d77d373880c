/**
 * The interval a share gets across replications (Wilson at the effective
 * sample size, replicated-summary.ts), checked where the answer is known:
 * each replication's share is the failures among m independent requests
 * that each fail with probability p, so the true share is p. A right 95 %
 * interval covers p in about 95 % of trials; over 2,000 trials the count
 * has a standard deviation under 10, so "at least 93 %" is four of them
 * below. Student t, on the same values, covers about as often but reaches
 * below 0 in most trials at a rare share; Wilson never does.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import { estimate } from '../../src/metrics/replicated-summary.js';

const TRIALS = 2000;

describe('replications: the interval of a share', () => {
  it.each([
    // replications, requests each, true share
    [3, 1000, 0.002],
    [5, 1000, 0.002],
    [5, 1000, 0.05],
    [10, 400, 0.5],
  ])(`%d replications of %d requests failing with probability %d: covered in at least 93 in 100 of ${TRIALS} trials, never outside [0, 1]`, (replications, requests, p) => {
    const draws = new RandomStreams(replications * 1000 + requests).get('failures');
    let covered = 0;
    let tBelowZero = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const shares = Array.from({ length: replications }, () => {
        let failed = 0;
        for (let i = 0; i < requests; i++) if (draws.next() < p) failed++;
        return failed / requests;
      });
      const e = estimate(shares, 0.95, 'share');
      expect(e.low).toBeGreaterThanOrEqual(0);
      expect(e.high).toBeLessThanOrEqual(1);
      if (e.low <= p && p <= e.high) covered++;
      if (estimate(shares).low < 0) tBelowZero++;
    }
    expect(covered / TRIALS).toBeGreaterThanOrEqual(0.93);
    if (p < 0.01) expect(tBelowZero / TRIALS).toBeGreaterThan(0.05); // what the t interval did at a rare share
  });
});
