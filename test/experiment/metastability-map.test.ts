/**
 * A map's plan and its sweep, in process: one point per (trigger value,
 * policy) in the map's order, each scenario carrying the trigger's value
 * and the policy's settings, and every cell's P(collapse) in [0, 1].
 */
import { describe, expect, it } from 'vitest';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { planMap, POLICY_AXIS } from '../../src/experiment/metastability-map.js';
import { runSweep } from '../../src/experiment/sweep.js';
import { parseScenarioText } from '../../src/scenario/loader.js';

const TEXT = `name: small-map
seed: 3
duration: 100s
interval: 5s
load: { rate: 20/s, spikes: [{ at: 5s, for: 5s, rate: 10/s }] }
clients: { timeout: 1s, retry: { attempts: 3, on: [5xx, timeout], backoff: { base: 10ms, cap: 10ms, jitter: none } } }
api: { type: http }
integration: { type: http, servers: 100, service: { mean: 500ms }, sharing: { linear: 0.02 } }
collapse: { after: 20s, window: 20s }
map:
  trigger: { path: load.spikes.0.rate, values: [10/s, 200/s] }
  policies:
    - name: immediate
    - name: once
      set: { clients.retry.attempts: 1 }
  replications: 3
`;

describe('planMap', () => {
  const { scenario } = parseScenarioText(TEXT, 'small-map.yaml');
  const plan = planMap(TEXT, 'small-map.yaml', scenario.map!);

  it('has one point per trigger value and policy, the trigger varying slowest, each scenario set accordingly', () => {
    expect(plan.parameters.map((p) => p.name)).toEqual(['load.spikes.0.rate', POLICY_AXIS]);
    expect(plan.points.map((p) => p.values)).toEqual([
      ['10/s', 'immediate'],
      ['10/s', 'once'],
      ['200/s', 'immediate'],
      ['200/s', 'once'],
    ]);
    expect(plan.points.map((p) => [p.scenario.load.spikes[0].rate, p.scenario.clients.retry?.attempts])).toEqual([
      [10, 3],
      [10, 1],
      [200, 3],
      [200, 1],
    ]);
    expect(plan.notes).toEqual([]);
  });

  it('sweeps to a P(collapse) in [0, 1] and a never count at every cell', async () => {
    const swept = await runSweep(plan, (s) => bundledPriceTable(s.cost.region)!, { replications: 3, workers: 0 });
    expect(swept).toHaveLength(4);
    for (const point of swept) {
      const figures = new Map(point.summary.figures);
      const p = figures.get('collapse.probability')!;
      expect(p.n).toBe(3);
      expect(p.mean).toBeGreaterThanOrEqual(0);
      expect(p.mean).toBeLessThanOrEqual(1);
      expect(p.low).toBeLessThanOrEqual(p.mean);
      expect(p.high).toBeGreaterThanOrEqual(p.mean);
      const never = figures.get('collapse.neverRecovered')!.mean;
      expect(Number.isInteger(never) && never >= 0 && never <= 3).toBe(true);
    }
  });
});
