/** M/M/c against Erlang C at ρ = 0.95 (see erlang-c.test.ts for the method and the run length). */
import { describe, it } from 'vitest';
import { checkErlangC } from './erlang-c-check.js';

describe('M/M/c: mean queue wait against Erlang C, heavy traffic', () => {
  it('ρ = 0.95: within 3 % of the formula (1700 s × 20 replications)', () => checkErlangC(0.95, 1700));
});
