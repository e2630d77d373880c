/**
 * The confidence intervals `run --replications` prints, checked where the
 * answer is known: M/M/c (scenarios/validation/mmc-erlang-c.yaml at
 * ρ = 0.8, 10 servers of mean 10 ms) has a mean queue wait of
 * C(c, a) / (cμ − λ) = 2.046 ms by Erlang C. Twenty independent trials of
 * 20 replications each (seeds 1000·t onwards, so no two trials share a
 * seed): a 95 % interval that is right covers the true value in each trial
 * with probability 0.95, so in at least 17 of 20 with probability 0.98.
 *
 * Each replication measures 10 s after a 2 s warm-up: the queue forgets its
 * empty start within about 1 / (cμ(1 − √ρ)²) = 0.09 s (the relaxation time
 * of M/M/c in heavy traffic), so the short runs bias the mean by far less
 * than the interval's width, which is what coverage needs; longer runs
 * (30 s) only narrowed the intervals and took three times as long.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { runReplicated } from '../../src/experiment/replicated-run.js';
import { loadScenario } from '../../src/scenario/loader.js';
import { ROOT } from '../cli/run-cli.js';
import { mmcMeanWaitMs } from './queueing-formulas.js';

const TRIALS = 20;
const REPLICATIONS = 20;

describe('replications: the 95 % interval covers the true value', () => {
  it(`M/M/c mean queue wait (Erlang C, ρ = 0.8): covered in at least 17 of ${TRIALS} trials of ${REPLICATIONS} replications`, async () => {
    const base = loadScenario(join(ROOT, 'scenarios/validation/mmc-erlang-c.yaml'));
    const scenario = { ...base, warmup: 2_000, duration: 12_000, load: { ...base.load, rate: 800 } };
    const expected = mmcMeanWaitMs(10, 800, 100);
    expect(expected).toBeCloseTo(2.046, 3);
    const prices = bundledPriceTable('us-east-1')!;
    let covered = 0;
    for (let trial = 1; trial <= TRIALS; trial++) {
      const { replicated } = await runReplicated(scenario, prices, { seed: 1000 * trial, replications: REPLICATIONS, workers: 0 });
      const wait = new Map(replicated!.summary.figures).get('stagesMs.queue.mean')!;
      expect(wait.n).toBe(REPLICATIONS);
      expect(wait.high - wait.low, 'an interval narrow enough to mean something').toBeLessThan(0.5 * expected);
      if (wait.low <= expected && expected <= wait.high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(17);
  }, 120_000);
});
