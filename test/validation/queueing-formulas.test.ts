/** The formulas themselves, against values worked by hand and from published tables. */
import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, mm1kBlocking, mmcMeanWaitMs } from './queueing-formulas.js';

describe('queueing formulas', () => {
  it('Erlang B matches its definition a^c/c! / Σ a^k/k! and published table values', () => {
    const direct = (c: number, a: number) => {
      let term = 1;
      let sum = 1;
      for (let k = 1; k <= c; k++) {
        term *= a / k;
        sum += term;
      }
      return term / sum;
    };
    for (const [c, a] of [[1, 0.5], [5, 3], [10, 7], [20, 25]] as const) expect(erlangB(c, a)).toBeCloseTo(direct(c, a), 12);
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12); // one server, one erlang: a/(1+a)
    expect(erlangB(10, 5)).toBeCloseTo(0.01838, 5); // Erlang B tables
  });

  it('Erlang C: M/M/1 waits with probability ρ, M/M/2 at a = 1 with probability 1/3', () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(() => erlangC(2, 2)).toThrow(/a < c/);
  });

  it('M/M/1 mean wait is ρ/(μ−λ)', () => {
    expect(mmcMeanWaitMs(1, 80, 100)).toBeCloseTo((0.8 / 20) * 1000, 9);
  });

  it('M/M/1/K blocking: 1/(K+1) at ρ = 1, continuous around it, and the M/M/1/1 loss 1 − 1/(1+ρ)', () => {
    expect(mm1kBlocking(1, 9)).toBeCloseTo(0.1, 12);
    expect(mm1kBlocking(1 + 1e-7, 9)).toBeCloseTo(0.1, 6);
    expect(mm1kBlocking(0.5, 1)).toBeCloseTo(0.5 / 1.5, 12);
  });
});
