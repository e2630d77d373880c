/**
 * M/M/c against Erlang C (scenarios/validation/mmc-erlang-c.yaml): an HTTP
 * backend with c = 10 servers, exponential service of mean 10 ms, an
 * unbounded FIFO queue, Poisson arrivals. The backend's mean queue wait
 * must be within 3 % of C(c, a) / (cμ − λ) at ρ = 0.5, 0.8 and 0.95
 * (ρ = 0.95 is in erlang-c-heavy.test.ts so the two run on two cores).
 *
 * How long to run. Each replication's estimate is a ratio of sums over a
 * long, autocorrelated run, so its standard deviation falls as 1/√T; R = 20
 * independent replications give a Student-t interval for the mean. For a
 * fair 3 % test the 99 % interval must be narrower than the tolerance:
 * pilot runs of length T₀ gave a relative half-width h₀, and the length
 * below is T₀ · (h₀ / 2.5 %)² rounded up (ρ = 0.5: h₀ = 2.1 % at 1200 s;
 * ρ = 0.8: 2.0 % at 500 s; ρ = 0.95: 3.4 % at 900 s). Waits at ρ = 0.5 are
 * rare (C = 0.036) and those at 0.95 long and correlated, hence the longer
 * runs. The test checks the interval it got, so a change that makes the
 * runs too noisy for a fair 3 % test fails loudly instead of passing by luck.
 */
import { describe, it } from 'vitest';
import { checkErlangC } from './erlang-c-check.js';

describe('M/M/c: mean queue wait against Erlang C', () => {
  it.each([
    { rho: 0.5, seconds: 900 },
    { rho: 0.8, seconds: 360 },
  ])('ρ = $rho: within 3 % of the formula ($seconds s × 20 replications)', ({ rho, seconds }) => checkErlangC(rho, seconds));
});
