/** Runs the M/M/c validation at one load (the method and the run lengths are explained in erlang-c.test.ts). */
import { expect } from 'vitest';
import { mmcMeanWaitMs } from './queueing-formulas.js';
import { replicate } from './replicate.js';

const SERVERS = 10;
const MU_PER_S = 100; // service mean 10 ms
const TOLERANCE = 0.03;

export function checkErlangC(rho: number, seconds: number): void {
  const lambda = rho * SERVERS * MU_PER_S;
  const expected = mmcMeanWaitMs(SERVERS, lambda, MU_PER_S);
  const result = replicate({
    file: 'mmc-erlang-c.yaml',
    ratePerS: lambda,
    replications: 20,
    measuredSeconds: seconds,
    estimate: (usage) => usage.backend.waitMsTotal / usage.backend.waited,
  });
  expect(result.halfWidth / expected, 'the 99 % interval is narrower than the tolerance').toBeLessThan(TOLERANCE);
  expect(Math.abs(result.mean - expected) / expected, `mean wait ${result.mean.toFixed(4)} ms vs Erlang C ${expected.toFixed(4)} ms`).toBeLessThan(TOLERANCE);
}

