/**
 * Metastability with a load-dependent service (scenarios/lessons/degraded-equilibrium.yaml):
 * with linear slowdown under processor sharing and retries without back-off,
 * a short spike leaves the service in a partial, sticky degraded state, not
 * only all-or-nothing collapse. For each of several seeds, over the last
 * three minutes (the spike ended at 70 s):
 *
 * - goodput is a fraction of the 40 requests/s offered, over the three
 *   minutes and in the last one alone: above 10 % (not collapsed) and
 *   below 75 % (not recovered);
 * - it does not heal: the last minute's goodput is at most 1.5 times the
 *   first minute's (some seeds drift slowly lower, none back to health).
 *
 * With the client's deadline passed downstream (cancellation), every seed
 * recovers to at least 90 % of the offered load.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { ROOT } from '../cli/run-cli.js';

const base = loadScenario(join(ROOT, 'scenarios/lessons/degraded-equilibrium.yaml'));
const OFFERED_PER_S = 40;

/** Requests that ended ok per second over [fromS, toS). */
function goodput(scenario: Scenario, seed: number, windows: Array<[number, number]>): number[] {
  const rows = runScenario(scenario, { seed }).records.series.toArray();
  return windows.map(([fromS, toS]) => {
    const inside = rows.filter((r) => r.startMs >= fromS * 1000 && r.endMs <= toS * 1000);
    return inside.reduce((sum, r) => sum + r.requestsOk, 0) / (toS - fromS);
  });
}

describe('a degraded equilibrium after a spike (processor sharing, linear slowdown)', () => {
  it.each([1, 2, 3, 4, 5, 6])('seed %i: partial and sticky for the last three minutes', (seed) => {
    const [last3, firstOfThem, lastMinute] = goodput(base, seed, [
      [120, 300],
      [120, 180],
      [240, 300],
    ]);
    for (const figure of [last3, lastMinute]) {
      expect(figure / OFFERED_PER_S, `goodput ${figure.toFixed(1)}/s`).toBeGreaterThan(0.1);
      expect(figure / OFFERED_PER_S, `goodput ${figure.toFixed(1)}/s`).toBeLessThan(0.75);
    }
    expect(lastMinute / firstOfThem, `${firstOfThem.toFixed(1)}/s then ${lastMinute.toFixed(1)}/s`).toBeLessThan(1.5);
  }, 30_000);

  it.each([1, 2, 3])('seed %i: with cancellation by deadline, it recovers', (seed) => {
    const scenario = { ...base, integration: { ...base.integration, cancellation: 'deadline' } } as Scenario;
    const [last3] = goodput(scenario, seed, [[120, 300]]);
    expect(last3 / OFFERED_PER_S).toBeGreaterThan(0.9);
  }, 30_000);
});
