/**
 * The crossover table on cost curves whose crossings are known in closed
 * form: a flat fee against a per-request price cross where fee = rate x volume.
 */
import { describe, expect, it } from 'vitest';
import { crossoverTable, volumeGrid } from '../../src/cost/crossover.js';
import type { ApiType } from '../../src/cost/monthly-usage.js';

describe('volumeGrid', () => {
  it('takes 1, 2 and 5 times each power of ten, both ends included', () => {
    expect(volumeGrid(1e6, 1e8)).toEqual([1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8]);
    expect(volumeGrid(3e6, 3e7)).toEqual([5e6, 1e7, 2e7]);
  });
});

describe('crossoverTable', () => {
  it('finds where a flat fee beats a per-request price: fee / rate', () => {
    // $20 a month flat against $1 per million: equal at 20M
    const costs = new Map<ApiType, (v: number) => number>([
      ['http', (v) => v * 1e-6],
      ['alb', () => 20],
    ]);
    const { rows, crossovers } = crossoverTable(costs, volumeGrid(1e6, 1e9));
    expect(rows[0].cheapest).toBe('http');
    expect(rows.at(-1)?.cheapest).toBe('alb');
    expect(crossovers).toHaveLength(1);
    expect(crossovers[0].from).toBe('http');
    expect(crossovers[0].to).toBe('alb');
    expect(crossovers[0].monthlyRequests / 20e6).toBeCloseTo(1, 3);
  });

  it('finds two changes hidden between the same two grid points, in order', () => {
    // rest cheapest below 11M, http between 11M and 12M, alb above 12M (all inside the 10M..20M grid step)
    const costs = new Map<ApiType, (v: number) => number>([
      ['rest', (v) => (v < 11e6 ? 1 : 100)],
      ['http', (v) => (v < 12e6 ? 2 : 100)],
      ['alb', () => 3],
    ]);
    const { crossovers } = crossoverTable(costs, [10e6, 20e6]);
    expect(crossovers.map((c) => [c.from, c.to])).toEqual([
      ['rest', 'http'],
      ['http', 'alb'],
    ]);
    expect(crossovers[0].monthlyRequests / 11e6).toBeCloseTo(1, 3);
    expect(crossovers[1].monthlyRequests / 12e6).toBeCloseTo(1, 3);
  });

  it('reports none when one type is cheapest everywhere', () => {
    const costs = new Map<ApiType, (v: number) => number>([
      ['http', (v) => v],
      ['rest', (v) => 3 * v],
    ]);
    expect(crossoverTable(costs, volumeGrid(1e6, 1e10)).crossovers).toEqual([]);
  });
});
