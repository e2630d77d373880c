/**
 * Collapse as a figure on the storm lessons (issue 28): the degraded
 * equilibrium is judged collapsed and deadline cancellation is not; across
 * replications, a retry budget with dropped stale work lowers P(collapse)
 * of the factorial storm with Wilson intervals that do not overlap; and the
 * triggers a scenario has (failure windows, spikes, profile phases above
 * the settled rate).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPriceTable } from '../../src/cost/prices.js';
import { aggregateReplications } from '../../src/experiment/aggregate.js';
import { replicationSeeds, runReplication } from '../../src/experiment/replication.js';
import { triggersOf } from '../../src/scenario/collapse-schema.js';
import { loadScenarioFile, parseScenarioText } from '../../src/scenario/loader.js';
import { runScenario } from '../../src/scenario/run.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { ROOT } from '../cli/run-cli.js';

const lesson = (name: string) => join(ROOT, 'scenarios/lessons', `${name}.yaml`);

/** The lesson with values set as a variant sets them. */
function variant(name: string, set: Record<string, unknown> = {}): Scenario {
  const file = lesson(name);
  const { text } = loadScenarioFile(file);
  return parseScenarioText(text, file, Object.entries(set).map(([path, value]) => ({ path: path.split('.'), value, given: path }))).scenario;
}

describe('collapse on the degraded-equilibrium lesson', () => {
  it('the lesson (seed 1) is collapsed 60 s after its spike and never recovers; with deadline cancellation it is neither', () => {
    const stuck = runScenario(variant('degraded-equilibrium')).summary.collapse;
    expect(stuck).toMatchObject({ lastTriggerEndMs: 70_000, collapsed: 1, recovered: 0, recoveryMs: Infinity });
    expect(stuck?.goodputShare).toBeLessThan(0.5);
    const cancelled = runScenario(variant('degraded-equilibrium', { 'integration.cancellation': 'deadline' })).summary.collapse;
    expect(cancelled).toMatchObject({ collapsed: 0, recovered: 1 });
    expect(cancelled?.goodputShare).toBeGreaterThan(0.9);
    // it was never far from its offered load: back within the first window after the spike
    expect(cancelled?.recoveryMs).toBeLessThan(30_000);
  });
});

/** P(collapse) over `n` replications of a scenario, as `run --replications` reports it. */
function pCollapse(scenario: Scenario, n: number) {
  const prices = bundledPriceTable(scenario.cost.region)!;
  const runs = replicationSeeds(scenario.seed, n).map((seed, index) => runReplication({ index, seed, scenario, prices }));
  return new Map(aggregateReplications(runs).figures).get('collapse.probability')!;
}

describe('P(collapse) of the factorial storm', () => {
  it('falls when a retry budget (with dropped stale work) is added: Wilson intervals apart at 8 replications', () => {
    const n = 8;
    const storm = pCollapse(variant('retry-storm-factorial'), n);
    const budget = pCollapse(variant('retry-storm-factorial', { 'clients.retry.budget': { tokens: 500, cost: 5, timeoutCost: 10, refund: 1 }, 'integration.dropExpired': true }), n);
    expect(storm.n).toBe(n);
    expect(budget.n).toBe(n);
    expect(budget.mean).toBeLessThan(storm.mean);
    expect(budget.high).toBeLessThan(storm.low);
  });
});

describe('triggersOf', () => {
  const at = (yaml: string) => triggersOf(parseScenarioText(`name: t\nduration: 10m\napi: { type: http }\nintegration: { type: http, servers: 10, service: 10ms }\n${yaml}`, 't.yaml').scenario);

  it('takes every failure window and spike, with their ends', () => {
    expect(at('load: { rate: 10/s, spikes: [{ at: 60s, for: 10s, rate: 5/s }] }\nfailures: [{ at: 2m, for: 30s, target: integration, errorRate: 0.5 }]\n')).toEqual([
      { fromMs: 120_000, toMs: 150_000, label: 'failures[0]' },
      { fromMs: 60_000, toMs: 70_000, label: 'load.spikes[0]' },
    ]);
  });

  it('takes a profile phase above the rate the profile settles at, not a step up that stays', () => {
    expect(at('load: { profile: [{ for: 1m, rate: 10/s }, { for: 20s, rate: 50/s }, { for: 8m, rate: 10/s }] }\n')).toEqual([{ fromMs: 60_000, toMs: 80_000, label: 'load.profile[1]' }]);
    expect(at('load: { profile: [{ for: 1m, rate: 10/s }, { for: 1m, ramp: [10/s, 50/s] }, { for: 8m, rate: 50/s }] }\n')).toEqual([]);
  });

  it('a steady load has none, and its run no collapse figures', () => {
    const scenario = parseScenarioText('name: t\nduration: 3m\nload: { rate: 10/s }\napi: { type: http }\nintegration: { type: http, servers: 10, service: 10ms }\n', 't.yaml').scenario;
    expect(triggersOf(scenario)).toEqual([]);
    expect(runScenario(scenario).summary.collapse).toBeUndefined();
  });
});
